#!/usr/bin/env bash
# Interoperability checks of sensitivity, designs and the Python front end (issue 13): SALib's
# Morris and Sobol' analyses on FirmPaths' files, the Ishigami check, python/firmpaths against
# the CSV files and an EMA Workbench experiment. Installs SALib, pandas and ema_workbench from
# PyPI into the project-local .venv-interop/ (scripts/interop-venv.sh) on first use.
# Environment: SCRATCH (SwiftPM scratch path of the release build, default .build).
set -euo pipefail
cd "$(dirname "$0")/.."
SCRATCH=${SCRATCH:-.build}
start=$(date +%s)
swift build -c release --scratch-path "$SCRATCH" >/dev/null
PYTHON=$(scripts/interop-venv.sh)
# The front end is installable as a package; the check imports it from the checkout.
"$PYTHON" -m pip install --quiet --disable-pip-version-check --no-deps ./python >/dev/null
FIRMPATHS_BIN="$SCRATCH/release/firmpaths" "$PYTHON" scripts/interop/test_interop.py
echo "test-interop: $(($(date +%s) - start)) s"
