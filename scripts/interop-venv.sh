#!/usr/bin/env bash
# Creates (once) the project-local virtual environment of the interoperability checks,
# .venv-interop/, with the pinned PyPI packages; prints its python.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv-interop}
PINS="SALib==1.6.0 pandas==2.2.3 ema_workbench==2.5.3"
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import SALib, pandas, ema_workbench" 2>/dev/null \
    || [ "$(cat "$VENV/.pins" 2>/dev/null)" != "$PINS" ]; then
    if ! python3 -m venv "$VENV" >&2; then
        # Debian splits venv and ensurepip out of python3.
        if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
            apt-get install -y -q python3-venv >&2
            rm -rf "$VENV"
            python3 -m venv "$VENV" >&2
        else
            echo "python3 -m venv failed: install python3-venv (apt-get install python3-venv)" >&2
            exit 1
        fi
    fi
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check $PINS >&2
    echo "$PINS" >"$VENV/.pins"
fi
echo "$VENV/bin/python"
