#!/usr/bin/env bash
# Creates (once) the project-local virtual environment of the interoperability checks,
# .venv-interop/, with the pinned PyPI packages; prints its python.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv-interop}
PINS="SALib==1.6.0 pandas==2.2.3 ema_workbench==2.5.3"
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import SALib, pandas, ema_workbench" 2>/dev/null \
    || [ "$(cat "$VENV/.pins" 2>/dev/null)" != "$PINS" ]; then
    python3 -m venv "$VENV" >&2
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check $PINS >&2
    echo "$PINS" >"$VENV/.pins"
fi
echo "$VENV/bin/python"
