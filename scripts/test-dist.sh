#!/usr/bin/env bash
# make test-dist: the binary works away from the repository.
#  1. a copy of the release binary, in an empty directory outside the repository, with a bare
#     environment: `scenarios`, `demo` and `run default` succeed (the scenarios are built in);
#  2. `make install PREFIX=...` installs a binary that runs;
#  3. dist/firmpaths (make dist) links no libswift* and runs `demo` with the toolchain's
#     libraries off the library path.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
RELEASE_BIN=${RELEASE_BIN:-.build/release/firmpaths}
DIST_BIN=dist/firmpaths
for bin in "$RELEASE_BIN" "$DIST_BIN"; do
    [ -x "$bin" ] || { echo "test-dist: $bin missing (make release dist)" >&2; exit 1; }
done

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
case "$WORK" in "$ROOT"*) echo "test-dist: $WORK is inside the repository" >&2; exit 1 ;; esac
fail() { echo "test-dist: FAIL: $*" >&2; exit 1; }

# Runs "$@" in directory $1 with nothing but PATH set, output into $WORK/out.
bare() {
    local dir=$1; shift
    local rc=0
    (cd "$dir" && env -i PATH=/usr/bin:/bin LD_LIBRARY_PATH= HOME="$dir" "$@") >"$WORK/out" 2>"$WORK/err" || rc=$?
    [ "$rc" -eq 0 ] || { cat "$WORK/err" >&2; fail "'$*' in $dir exited $rc"; }
}

check_copy() {
    local label=$1 bin=$2 dir="$WORK/$1"
    mkdir -p "$dir"
    cp "$bin" "$dir/firmpaths"
    bare "$dir" ./firmpaths scenarios
    grep -q '^default ' "$WORK/out" || fail "$label: 'scenarios' does not list default"
    [ "$(wc -l <"$WORK/out")" -eq "$(ls Scenarios/*.json | wc -l)" ] || fail "$label: 'scenarios' lists $(wc -l <"$WORK/out") of $(ls Scenarios/*.json | wc -l)"
    bare "$dir" ./firmpaths demo
    grep -q "firmpaths explain Results/demo --firm" "$WORK/out" || fail "$label: demo output does not name its explain command"
    [ -s "$dir/Results/demo/firms.csv" ] || fail "$label: demo saved no run in Results/demo"
    bare "$dir" ./firmpaths run default --out run --set population.firms=200
    [ -s "$dir/run/firms.csv" ] || fail "$label: run default wrote no firms.csv"
    echo "test-dist: $label: scenarios, demo and run default work from $dir"
}

check_copy release "$RELEASE_BIN"

if ldd "$DIST_BIN" | grep -q 'libswift\|libFoundation'; then
    ldd "$DIST_BIN" >&2
    fail "$DIST_BIN links the Swift runtime dynamically"
fi
check_copy dist "$DIST_BIN"
echo "test-dist: $DIST_BIN links no libswift* ($(ldd "$DIST_BIN" | wc -l) shared libraries, all system ones)"

make --no-print-directory install PREFIX="$WORK/prefix" >/dev/null
[ -x "$WORK/prefix/bin/firmpaths" ] || fail "make install did not install bin/firmpaths"
bare "$WORK" "$WORK/prefix/bin/firmpaths" scenarios
echo "test-dist: make install PREFIX=$WORK/prefix installs bin/firmpaths, which runs"
echo "test-dist: ok"
