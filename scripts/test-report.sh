#!/usr/bin/env bash
# make test-report: builds (release), runs the default scenario into Results/default (or
# reuses its report with REUSE=1), renders report.html with headless Chromium (Debian's
# `chromium`, installed if missing) and checks the page and every chart are visible and
# non-empty. Screenshots are left in Results/default/report-check/.
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-swift}
SCRATCH=${SCRATCH:-.build}
OUT=${OUT:-Results/default}

"$SWIFT" build -c release --scratch-path "$SCRATCH"
if [ -n "${REUSE:-}" ] && [ -f "$OUT/report.html" ]; then
    echo "using the existing $OUT/report.html"
else
    "$SCRATCH/release/firmpaths" run default --out "$OUT" --overwrite --quiet
fi
test -f "$OUT/report.html" || { echo "test-report: $OUT/report.html was not written" >&2; exit 1; }

if ! command -v "${CHROMIUM:-chromium}" >/dev/null 2>&1; then
    echo "test-report: installing Debian's chromium"
    if [ "$(id -u)" -eq 0 ]; then
        apt-get update && apt-get install -y chromium
    else
        sudo apt-get update && sudo apt-get install -y chromium
    fi
fi
python3 scripts/check-report.py "$OUT/report.html" "$OUT/report-check"
