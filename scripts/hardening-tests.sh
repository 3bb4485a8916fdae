#!/usr/bin/env bash
# Output-side hardening checks of issue 14 (release build):
#   (1) two sweeps started together into one directory, ROUNDS times (default 20): the second is
#       refused (exit 75, naming the first's pid and command), the first completes and its files
#       equal (cmp) a reference sweep;
#   (2) a single run stopped by SIGINT and by SIGTERM: exit 130 / 143 with a message, and the
#       directory as it was (no *.partial, no staging directory, no lock file); a sweep stopped
#       by SIGTERM and SIGHUP: exit 143 / 129 with the command to resume;
#   (3) `run --overwrite` with one previous file immutable (chattr +i): exit 74 and the previous
#       set intact; then `--overwrite --no-trajectories` leaves no old trajectories.csv;
#   (4) `sweep --overwrite` killed (SIGKILL), its --resume stopped (SIGTERM) and failing to move
#       into place (a previous file immutable): the previous set byte-identical (sha256sum) each
#       time; the last --resume leaves exactly the new sweep (cmp);
#   (5) a run and a sweep whose estimated files exceed a 2 MB tmpfs: exit 74, nothing written;
#   (6) under ulimit -v 1 GiB, --threads 1 and 2: a sweep at the largest population the memory
#       guard states runs to exit 0, one firm more is refused (65).
# Usage: scripts/hardening-tests.sh        (make test-hardening)
# Environment: ROUNDS (default 20), SCRATCH (SwiftPM scratch path, default .build).
set -uo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-20}
SCRATCH=${SCRATCH:-.build}
swift build -c release --scratch-path "$SCRATCH" >/dev/null || exit 1
BIN="$(pwd)/$SCRATCH/release/firmpaths"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/firmpaths-hardening.XXXXXX")
cleanup() { umount "$WORK/small-fs" 2>/dev/null; chattr -R -i "$WORK" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
failures=0
pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# About 1 s in a release build on a loaded 2-core machine: long enough that the second sweep
# starts while the first holds the directory.
cat > "$WORK/scenario.json" <<'JSON'
{
  "name": "hardening",
  "years": 15,
  "population": {"firms": 100},
  "sweep": {
    "design": "grid",
    "parameters": {"policy.exportPromotion": [0, 0.2, 0.4, 0.6]},
    "replications": 6,
    "seed": 3
  }
}
JSON
ARGS=("$WORK/scenario.json" --threads 1 --record runs,firms,events --quiet)
"$BIN" sweep "${ARGS[@]}" --out "$WORK/reference" || { echo "FAIL: reference sweep" >&2; exit 1; }

# --- (1) concurrent sweeps ----------------------------------------------------------------------
start=$(date +%s.%N)
refused=0
for round in $(seq 1 "$ROUNDS"); do
    dir="$WORK/race-$round"
    "$BIN" sweep "${ARGS[@]}" --out "$dir" 2>"$WORK/first.err" &
    first=$!
    # The second starts once the first holds the lock (its lock file names it).
    for _ in $(seq 1 500); do grep -q "^pid $first" "$dir/.firmpaths.lock" 2>/dev/null && break; sleep 0.01; done
    rc2=0
    "$BIN" sweep "${ARGS[@]}" --out "$dir" 2>"$WORK/second.err" || rc2=$?
    rc1=0
    wait "$first" || rc1=$?
    if [ "$rc2" -ne 75 ] || ! grep -q "being written by pid $first" "$WORK/second.err"; then
        fail "round $round: second sweep exit $rc2 (want 75 naming pid $first): $(cat "$WORK/second.err")"
        continue
    fi
    if [ "$rc1" -ne 0 ]; then
        fail "round $round: first sweep exit $rc1: $(cat "$WORK/first.err")"
        continue
    fi
    same=1
    [ "$(cd "$WORK/reference" && ls -A)" = "$(cd "$dir" && ls -A)" ] || same=0
    for file in "$WORK/reference"/*; do cmp -s "$file" "$dir/$(basename "$file")" || same=0; done
    if [ "$same" -eq 1 ]; then refused=$((refused + 1)); else fail "round $round: the first sweep's files differ from the reference"; fi
    rm -rf "$dir"
done
seconds=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
[ "$refused" -eq "$ROUNDS" ] && pass "(1) $ROUNDS rounds of two concurrent sweeps in ${seconds}s: the second always refused (exit 75, \"$(head -1 "$WORK/second.err")\"), the first identical to the reference"

# --- (2) a single run stopped by a signal ----------------------------------------------------------
for signal in INT TERM; do
    dir="$WORK/signal-$signal"
    "$BIN" run "$WORK/scenario.json" --set population.firms=4000 --set years=30 --threads 1 --quiet --out "$dir" 2>"$WORK/run.err" &
    pid=$!
    for _ in $(seq 1 500); do ls "$dir"/.firmpaths-staging-*/events.csv.partial >/dev/null 2>&1 && break; sleep 0.01; done
    kill -s "$signal" "$pid"
    rc=0
    wait "$pid" || rc=$?
    want=$([ "$signal" = INT ] && echo 130 || echo 143)
    if [ "$rc" -eq "$want" ] && grep -q "stopped by SIG$signal" "$WORK/run.err" && [ ! -e "$dir" ]; then
        pass "(2) run stopped by SIG$signal: exit $rc, \"$(head -1 "$WORK/run.err")\", nothing left behind"
    else
        fail "(2) run stopped by SIG$signal: exit $rc (want $want), left: $(ls -A "$dir" 2>&1), stderr: $(cat "$WORK/run.err")"
    fi
done

# A sweep stopped by SIGTERM or SIGHUP says so and how to resume (exit 143 / 129).
for signal in TERM HUP; do
    dir="$WORK/sweep-$signal"
    # Larger runs than the race's (24 runs of 2000 firms x 30 years, seconds even in a release
    # build), so that the signal comes after the first checkpoint and before the end.
    "$BIN" sweep "${ARGS[@]}" --set population.firms=2000 --set years=30 --out "$dir" 2>"$WORK/sweep.err" &
    pid=$!
    for _ in $(seq 1 3000); do grep -q '"runs_done": [1-9]' "$dir/progress.json" 2>/dev/null && break; sleep 0.01; done
    kill -s "$signal" "$pid"
    rc=0
    wait "$pid" || rc=$?
    want=$([ "$signal" = TERM ] && echo 143 || echo 129)
    if [ "$rc" -eq "$want" ] && grep -q "stopped by SIG$signal" "$WORK/sweep.err" && grep -q "continue with: .*--resume" "$WORK/sweep.err"; then
        pass "(2) sweep stopped by SIG$signal: exit $rc, \"$(head -1 "$WORK/sweep.err")\""
    elif [ "$rc" -eq 0 ]; then
        fail "(2) the sweep finished before SIG$signal (enlarge the scenario)"
    else
        fail "(2) sweep stopped by SIG$signal: exit $rc (want $want), stderr: $(cat "$WORK/sweep.err")"
    fi
done

# --- (3) --overwrite all or nothing --------------------------------------------------------------
dir="$WORK/overwrite"
"$BIN" run "$WORK/scenario.json" --quiet --out "$dir" || fail "(3) first run"
echo mine > "$dir/notes.txt"
(cd "$dir" && sha256sum -- * > "$WORK/before.sha")
if chattr +i "$dir/trajectories.csv" 2>/dev/null; then
    rc=0
    "$BIN" run "$WORK/scenario.json" --seed 9 --quiet --overwrite --out "$dir" 2>"$WORK/over.err" || rc=$?
    chattr -i "$dir/trajectories.csv"
    if [ "$rc" -eq 74 ] && (cd "$dir" && sha256sum -c --quiet "$WORK/before.sha") && [ -z "$(cd "$dir" && ls -A | grep '^\.')" ]; then
        pass "(3) overwrite with an immutable file: exit 74, \"$(head -1 "$WORK/over.err")\", previous set intact"
    else
        fail "(3) overwrite with an immutable file: exit $rc, $(ls -A "$dir"), stderr: $(cat "$WORK/over.err")"
    fi
else
    echo "SKIP: (3) chattr +i is not supported here"
fi
"$BIN" run "$WORK/scenario.json" --seed 9 --quiet --overwrite --no-trajectories --out "$dir" || fail "(3) overwrite run"
if [ ! -e "$dir/trajectories.csv" ] && [ "$(cat "$dir/notes.txt")" = mine ]; then
    pass "(3) --overwrite --no-trajectories: no previous trajectories.csv, notes.txt kept"
else
    fail "(3) --overwrite --no-trajectories left: $(ls -A "$dir")"
fi

# --- (4) sweep --overwrite all or nothing ---------------------------------------------------------
# The previous set stays byte-identical (sha256sum) while a new sweep written over it is killed
# (SIGKILL), stopped (SIGTERM) or fails to move into place (a previous file immutable); --resume
# then completes the new sweep and DIR holds exactly it (cmp with a sweep into an empty directory).
dir="$WORK/sweep-overwrite"
BIG=(--set population.firms=2000 --set years=30)
cp -r "$WORK/reference" "$dir"
echo mine > "$dir/notes.txt"
(cd "$dir" && sha256sum -- * > "$WORK/sweep-before.sha")
intact() { (cd "$dir" && sha256sum -c --quiet "$WORK/sweep-before.sha") && [ "$(cd "$dir" && ls | wc -l)" -eq "$(wc -l < "$WORK/sweep-before.sha")" ]; }
"$BIN" sweep "${ARGS[@]}" "${BIG[@]}" --out "$WORK/big-reference" || fail "(4) reference of the new sweep"
"$BIN" sweep "${ARGS[@]}" "${BIG[@]}" --overwrite --out "$dir" 2>"$WORK/so.err" &
pid=$!
for _ in $(seq 1 3000); do grep -q '"runs_done": [1-9]' "$dir/.firmpaths-overwrite/progress.json" 2>/dev/null && break; sleep 0.01; done
kill -s KILL "$pid"
wait "$pid" 2>/dev/null
if intact && [ -d "$dir/.firmpaths-overwrite" ]; then
    pass "(4) sweep --overwrite killed (SIGKILL) after its first checkpoint: the previous set byte-identical"
else
    fail "(4) sweep --overwrite killed: previous set changed or no staging left: $(ls -A "$dir")"
fi
"$BIN" sweep "${ARGS[@]}" "${BIG[@]}" --resume --out "$dir" 2>"$WORK/so.err" &
pid=$!
sleep 0.3
kill -s TERM "$pid"
rc=0
wait "$pid" || rc=$?
if [ "$rc" -eq 143 ] && intact && grep -q "the previous files in $dir/ are untouched until then" "$WORK/so.err" \
    && grep -q "continue with: .*--resume" "$WORK/so.err"; then
    pass "(4) its --resume stopped by SIGTERM: exit 143, \"$(head -1 "$WORK/so.err")\", the previous set byte-identical"
elif [ "$rc" -eq 0 ]; then
    echo "SKIP: (4) the resume finished before SIGTERM"
else
    fail "(4) resume stopped by SIGTERM: exit $rc (want 143), stderr: $(cat "$WORK/so.err")"
fi
if [ -d "$dir/.firmpaths-overwrite" ] && chattr +i "$dir/firms.csv" 2>/dev/null; then
    rc=0
    "$BIN" sweep "${ARGS[@]}" "${BIG[@]}" --resume --out "$dir" 2>"$WORK/so.err" || rc=$?
    chattr -i "$dir/firms.csv"
    if [ "$rc" -eq 74 ] && intact && grep -q "nothing was changed" "$WORK/so.err"; then
        pass "(4) its --resume with a previous file immutable: exit 74, \"$(head -1 "$WORK/so.err")\", the previous set byte-identical"
    else
        fail "(4) resume with an immutable file: exit $rc (want 74), stderr: $(cat "$WORK/so.err")"
    fi
else
    echo "SKIP: (4) chattr +i is not supported here (or nothing left to resume)"
fi
rc=0
"$BIN" sweep "${ARGS[@]}" "${BIG[@]}" --resume --out "$dir" 2>"$WORK/so.err" || rc=$?
same=1
[ "$rc" -eq 0 ] || same=0
[ "$( (cd "$WORK/big-reference" && ls -A; echo notes.txt) | sort)" = "$(cd "$dir" && ls -A | sort)" ] || same=0
for file in "$WORK/big-reference"/*; do cmp -s "$file" "$dir/$(basename "$file")" || same=0; done
[ "$(cat "$dir/notes.txt")" = mine ] || same=0
if [ "$same" -eq 1 ] && [ -z "$(cd "$dir" && ls -A | grep '^\.')" ]; then
    pass "(4) the final --resume: exit 0, DIR holds exactly the new sweep (cmp) and notes.txt"
else
    fail "(4) final resume: exit $rc, $(ls -A "$dir"), stderr: $(cat "$WORK/so.err")"
fi

# --- (5) a run and a sweep beyond the free space of a real (small) file system --------------------
mnt="$WORK/small-fs"
mkdir -p "$mnt"
if mount -t tmpfs -o size=2m tmpfs "$mnt" 2>/dev/null; then
    for command in run sweep; do
        rc=0
        "$BIN" "$command" "$WORK/scenario.json" --set population.firms=2000 --quiet --allow-huge --out "$mnt/out" 2>"$WORK/fs.err" || rc=$?
        if [ "$rc" -eq 74 ] && grep -q "not enough disk space for '$mnt/out'" "$WORK/fs.err" && [ -z "$(ls -A "$mnt")" ]; then
            pass "(5) $command beyond a 2 MB tmpfs: exit 74, \"$(head -1 "$WORK/fs.err")\", nothing written"
        else
            fail "(5) $command beyond a 2 MB tmpfs: exit $rc (want 74), left: $(ls -A "$mnt"), stderr: $(cat "$WORK/fs.err")"
        fi
    done
    umount "$mnt"
else
    echo "SKIP: (5) cannot mount a tmpfs here (needs root); OutputSafetyCommandTests covers it with FIRMPATHS_FREE_SPACE"
fi

# --- (6) the memory guard under ulimit -v with 1 and 2 threads ----------------------------------
# The guard subtracts 256 MiB + 72 MiB per thread of address space (an 8 MiB stack and a 64 MiB
# glibc arena reservation per worker, seen in /proc/PID/maps). Under ulimit -v of 1 GiB a sweep
# at the largest population it states must run to exit 0, and one firm more is refused (65).
cat > "$WORK/memory.json" <<'JSON'
{"name":"memory","years":5,"population":{"firms":1000},
 "sweep":{"design":"grid","parameters":{"policy.exportPromotion":[0,0.2]},"replications":1,"seed":1}}
JSON
for threads in 1 2; do
    limited() { sh -c "ulimit -v 1048576; exec \"\$0\" \"\$@\"" "$BIN" sweep "$WORK/memory.json" --threads "$threads" --quiet "$@"; }
    limited --set population.firms=2000000 --out "$WORK/mem-probe" 2>"$WORK/mem.err"
    largest=$(grep -o 'population.firms = [0-9,]*' "$WORK/mem.err" | tr -d ', ' | cut -d= -f2)
    if [ -z "$largest" ]; then fail "(6) threads $threads: no largest population in: $(cat "$WORK/mem.err")"; continue; fi
    rc_at=0
    limited --set population.firms="$largest" --out "$WORK/mem-at-$threads" 2>"$WORK/mem-at.err" || rc_at=$?
    rc_over=0
    limited --set population.firms=$((largest + 1)) --out "$WORK/mem-over-$threads" 2>"$WORK/mem-over.err" || rc_over=$?
    if [ "$rc_at" -eq 0 ] && [ "$rc_over" -eq 65 ] && [ ! -e "$WORK/mem-over-$threads" ]; then
        pass "(6) ulimit -v 1 GiB, --threads $threads: $largest firms (the stated largest) exit 0, $((largest + 1)) refused with 65"
    else
        fail "(6) ulimit -v 1 GiB, --threads $threads: $largest firms exit $rc_at ($(head -c 300 "$WORK/mem-at.err")), one more exit $rc_over"
    fi
done

if [ "$failures" -ne 0 ]; then
    echo "FAIL: $failures hardening checks failed" >&2
    exit 1
fi
echo "PASS: every hardening check"
