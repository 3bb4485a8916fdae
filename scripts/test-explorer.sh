#!/usr/bin/env bash
# make test-explorer: the explorer page in a real browser. Builds (release), installs Debian's
# chromium and chromium-driver if missing (apt-get) and Python selenium into the project-local
# venv .venv/ (gitignored), starts `firmpaths explore` on a free port, and drives headless
# Chromium through WebDriver (scripts/check-explorer.py): export-promotion slider 0 -> 0.6
# (the exporting share must rise, the charts must redraw), pin A, move global vision (A and B
# both shown), open a firm's story, print the handout (two A4 pages at most, handout.pdf), no
# browser console errors. Screenshots go to Results/explorer-test/. The server it started is stopped on every exit.
# Run under `flock /tmp/firmpaths-heavy.lock` on a shared machine (chromium is heavy).
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-swift}
SCRATCH=${SCRATCH:-.build}
OUT=${OUT:-Results/explorer-test}

"$SWIFT" build -c release --scratch-path "$SCRATCH" --product firmpaths
BIN="$SCRATCH/release/firmpaths"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    echo "test-explorer: installing Debian's chromium and chromium-driver"
    as_root apt-get -o DPkg::Lock::Timeout=600 update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y chromium chromium-driver
fi
if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
if ! .venv/bin/python -c "import selenium" >/dev/null 2>&1; then
    echo "test-explorer: installing selenium into .venv/"
    .venv/bin/python -m pip install --quiet "selenium>=4.10,<5"
fi

mkdir -p "$OUT"
LOG=$(mktemp)
# A free port: the system picks one (--port 0), the server prints its address.
"$BIN" explore --port 0 >"$LOG" 2>&1 &
SERVER=$!
cleanup() {
    kill -INT "$SERVER" 2>/dev/null || true
    wait "$SERVER" 2>/dev/null || true
    rm -f "$LOG"
}
trap cleanup EXIT
URL=""
for _ in $(seq 1 100); do
    URL=$(sed -n 's|^FirmPaths explorer: \(http://[^ ]*\).*|\1|p' "$LOG")
    [ -n "$URL" ] && break
    kill -0 "$SERVER" 2>/dev/null || { cat "$LOG" >&2; echo "test-explorer: the server did not start" >&2; exit 1; }
    sleep 0.1
done
[ -n "$URL" ] || { cat "$LOG" >&2; echo "test-explorer: no address printed" >&2; exit 1; }
echo "test-explorer: $URL"
.venv/bin/python scripts/check-explorer.py "$URL" "$OUT"
# Ctrl-C stops the server cleanly.
kill -INT "$SERVER"
wait "$SERVER"
status=$?
trap - EXIT
grep -q '^stopped' "$LOG" || { cat "$LOG" >&2; echo "test-explorer: the server did not stop cleanly" >&2; exit 1; }
rm -f "$LOG"
echo "test-explorer: ok (server stopped, exit $status); screenshots in $OUT/"
