#!/usr/bin/env bash
# Fault tests: a sweep (and a single run) hit by
#   (a) its output directory becoming unwritable mid-run (chattr +i on the directory),
#   (b) a file-size limit (ulimit -f) standing in for a full disk,
#   (c) a real full disk: a small tmpfs; the disk-space check refuses the sweep before writing,
#       then (FIRMPATHS_FREE_SPACE standing in for a disk that fills after the check) it fills up, then grows (root with mount only),
#   (d) SIGINT and (e) SIGKILL in the middle of the sweep.
# After each fault: a clear message and the expected exit status (74 for I/O failures, 130 for
# Ctrl-C), the runs checkpointed before the fault intact, and `--resume` finishing with files
# identical (cmp) to an uninterrupted sweep. For the single run: exit 74 and no file under a
# final name that was not complete.
#
# Usage: scripts/fault-tests.sh        (make test-faults)
# Environment: SCRATCH (SwiftPM scratch path, default .build), THREADS (default 2).
# Faults that need privileges the machine lacks (chattr, mount) are reported as SKIP.
set -uo pipefail
cd "$(dirname "$0")/.."

SCRATCH=${SCRATCH:-.build}
THREADS=${THREADS:-2}
swift build -c release --scratch-path "$SCRATCH" >/dev/null || exit 1
BIN="$(pwd)/$SCRATCH/release/firmpaths"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/firmpaths-faults.XXXXXX")
MOUNTED=""
cleanup() {
    chattr -R -i "$WORK" 2>/dev/null
    [ -n "$MOUNTED" ] && umount "$MOUNTED" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT

failures=0
pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
skip() { echo "SKIP: $*"; }

# Long enough (about 3 s on a 2-core machine of 2026) that the faults of (a), (d) and (e), sent
# after the first checkpoint (0.5 s), hit a sweep still running.
cat > "$WORK/scenario.json" <<'JSON'
{
  "name": "faults",
  "years": 30,
  "population": {"firms": 120},
  "sweep": {
    "design": "latin_hypercube",
    "parameters": {
      "policy.exportPromotion": {"min": 0, "max": 0.6},
      "policy.capacityBuilding": {"min": 0, "max": 0.5}
    },
    "samples": 200,
    "replications": 4,
    "seed": 5
  }
}
JSON
ARGS=("$WORK/scenario.json" --threads "$THREADS" --record all --every 20 --quiet)

start=$(date +%s.%N)
"$BIN" sweep "${ARGS[@]}" --out "$WORK/reference" || { echo "FAIL: reference sweep" >&2; exit 1; }
SECONDS_REF=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
REF_BYTES=$(cat "$WORK/reference"/*.csv | wc -c)
echo "reference sweep: ${SECONDS_REF}s, $(ls "$WORK/reference" | tr '\n' ' '), $REF_BYTES bytes of CSV"

# Checkpointed runs of DIR (0 when there is no progress.json).
runs_done() { sed -n 's/.*"runs_done": \([0-9]*\).*/\1/p' "$1/progress.json" 2>/dev/null || true; }

# The runs recorded in progress.json are intact: each data file holds at least the recorded
# bytes and those bytes equal the reference's first bytes.
checkpoint_intact() {
    local dir=$1 file name length
    [ -f "$dir/progress.json" ] || return 0
    for file in "$WORK/reference"/*.csv; do
        name=$(basename "$file")
        length=$(sed -n "s/.*\"$name\": \([0-9]*\).*/\1/p" "$dir/progress.json")
        [ -n "$length" ] || continue
        if ! cmp -s -n "$length" "$file" "$dir/$name"; then
            echo "  $name: the first $length bytes (checkpointed) differ from the reference" >&2
            return 1
        fi
    done
}

# Resume DIR and compare every file with the reference.
resume_identical() {
    local dir=$1 label=$2 file name
    if ! "$BIN" sweep "${ARGS[@]}" --out "$dir" --resume 2>"$WORK/resume.err"; then
        fail "$label: --resume failed: $(cat "$WORK/resume.err")"
        return
    fi
    if [ "$(cd "$WORK/reference" && ls -A | sort)" != "$(cd "$dir" && ls -A | sort)" ]; then
        fail "$label: files after resume: $(cd "$dir" && ls -A | tr '\n' ' ')"
        return
    fi
    for file in "$WORK/reference"/*; do
        name=$(basename "$file")
        if ! cmp -s "$file" "$dir/$name"; then
            fail "$label: $name differs from the uninterrupted sweep after --resume"
            return
        fi
    done
    pass "$label: --resume ends with files identical to the uninterrupted sweep"
}

# Starts the sweep into DIR in the background (PID in $pid) and waits until some runs are checkpointed.
start_sweep() {
    local dir=$1
    shift
    "$@" "$BIN" sweep "${ARGS[@]}" --out "$dir" 2>"$WORK/sweep.err" &
    pid=$!
    for _ in $(seq 1 400); do
        done_now=$(runs_done "$dir")
        [ -n "$done_now" ] && [ "$done_now" -gt 0 ] && return 0
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.02
    done
}

# --- (a) the output directory becomes unwritable in the middle of a sweep --------------------
dir="$WORK/unwritable"
mkdir -p "$dir"
if chattr +i "$dir" 2>/dev/null && ! touch "$dir/probe" 2>/dev/null; then
    chattr -i "$dir"
    rmdir "$dir"
    start_sweep "$dir"
    chattr +i "$dir"
    rc=0
    wait "$pid" || rc=$?
    chattr -i "$dir"
    done_runs=$(runs_done "$dir")
    if [ "$rc" -eq 74 ] && grep -q "cannot " "$WORK/sweep.err"; then
        pass "(a) unwritable directory mid-sweep: exit 74, \"$(head -1 "$WORK/sweep.err")\", ${done_runs:-0} runs kept"
        checkpoint_intact "$dir" && pass "(a) checkpointed runs intact" || fail "(a) checkpointed runs damaged"
        resume_identical "$dir" "(a)"
    elif [ "$rc" -eq 0 ]; then
        # Not a skip: the check would silently not happen. Enlarge the scenario above.
        fail "(a) the sweep finished before the directory became unwritable (too small a sweep for this machine)"
    else
        fail "(a) unwritable directory: exit $rc, stderr: $(cat "$WORK/sweep.err")"
    fi

    # A single run: the files are created after the simulation's first steps and renamed at the end.
    rundir="$WORK/unwritable-run"
    "$BIN" run "$WORK/scenario.json" --set population.firms=3000 --set years=30 --threads 1 --quiet --out "$rundir" \
        2>"$WORK/run.err" &
    pid=$!
    # The files are written in a staging directory inside the run directory until the run is complete.
    for _ in $(seq 1 200); do ls "$rundir"/.firmpaths-staging-*/events.csv.partial >/dev/null 2>&1 && break; sleep 0.01; done
    chattr +i "$rundir"
    rc=0
    wait "$pid" || rc=$?
    chattr -i "$rundir"
    complete=$(cd "$rundir" && ls | grep -v '\.partial$' | tr '\n' ' ')
    if [ "$rc" -eq 74 ] && [ -z "$complete" ]; then
        pass "(a) single run into a directory made unwritable: exit 74, \"$(head -1 "$WORK/run.err")\", no file under a final name"
    else
        fail "(a) single run: exit $rc, final files: '$complete', stderr: $(cat "$WORK/run.err")"
    fi
else
    chattr -i "$dir" 2>/dev/null
    skip "(a) chattr +i is not supported here (needs root on ext4/xfs/tmpfs)"
fi

# --- (b) a file-size limit standing in for a full disk ------------------------------------------
# Limit in 1 KB blocks at a third of the largest reference file, so the sweep stops part-way.
largest=$(wc -c "$WORK/reference"/*.csv | sort -n | tail -2 | head -1 | awk '{print $1}')
limit=$((largest / 1024 / 3))
dir="$WORK/filesize"
rc=0
(ulimit -f "$limit"; exec "$BIN" sweep "${ARGS[@]}" --out "$dir") 2>"$WORK/sweep.err" || rc=$?
done_runs=$(runs_done "$dir")
if [ "$rc" -eq 74 ] && grep -q "File too large" "$WORK/sweep.err"; then
    pass "(b) ulimit -f $limit: exit 74, \"$(head -1 "$WORK/sweep.err")\", ${done_runs:-0} runs kept"
    checkpoint_intact "$dir" && pass "(b) checkpointed runs intact" || fail "(b) checkpointed runs damaged"
    resume_identical "$dir" "(b)"
else
    fail "(b) ulimit -f $limit: exit $rc (want 74 and 'File too large'), stderr: $(cat "$WORK/sweep.err")"
fi
rundir="$WORK/filesize-run"
rc=0
(ulimit -f 64; exec "$BIN" run "$WORK/scenario.json" --set population.firms=2000 --quiet --out "$rundir") 2>"$WORK/run.err" || rc=$?
complete=$(cd "$rundir" 2>/dev/null && ls | grep -v '\.partial$' | tr '\n' ' ')
if [ "$rc" -eq 74 ] && grep -q "File too large" "$WORK/run.err" && [ -z "$complete" ]; then
    pass "(b) single run under ulimit -f 64: exit 74, \"$(head -1 "$WORK/run.err")\", no file under a final name"
else
    fail "(b) single run under ulimit -f 64: exit $rc, final files '$complete', stderr: $(cat "$WORK/run.err")"
fi

# --- (c) a real full disk: a small tmpfs, then more space -----------------------------------------
mnt="$WORK/small-disk"
mkdir -p "$mnt"
if mount -t tmpfs -o size=$((REF_BYTES / 3)) tmpfs "$mnt" 2>/dev/null; then
    MOUNTED="$mnt"
    # First the disk-space check: the estimate exceeds the free space, so nothing is written.
    rc=0
    "$BIN" sweep "${ARGS[@]}" --out "$mnt/refused" 2>"$WORK/sweep.err" || rc=$?
    if [ "$rc" -eq 74 ] && grep -q "not enough disk space" "$WORK/sweep.err" && [ ! -e "$mnt/refused" ]; then
        pass "(c) estimate beyond the free space: exit 74, \"$(head -1 "$WORK/sweep.err")\", nothing written"
    else
        fail "(c) estimate beyond the free space: exit $rc, stderr: $(cat "$WORK/sweep.err"), $(ls -A "$mnt")"
    fi
    rm -rf "${mnt:?}/refused"
    # Then a disk that fills up after the check (another process writing, or an estimate that was
    # low): FIRMPATHS_FREE_SPACE stands in for the free space the check saw.
    dir="$mnt/sweep"
    rc=0
    FIRMPATHS_FREE_SPACE=1T "$BIN" sweep "${ARGS[@]}" --out "$dir" 2>"$WORK/sweep.err" || rc=$?
    done_runs=$(runs_done "$dir")
    if [ "$rc" -eq 74 ] && grep -q "No space left on device" "$WORK/sweep.err"; then
        pass "(c) disk full: exit 74, \"$(head -1 "$WORK/sweep.err")\", ${done_runs:-0} runs kept"
        checkpoint_intact "$dir" && pass "(c) checkpointed runs intact" || fail "(c) checkpointed runs damaged"
        mount -o remount,size=$((REF_BYTES * 3)) "$mnt"
        resume_identical "$dir" "(c) after freeing space"
    else
        fail "(c) disk full: exit $rc (want 74 and 'No space left on device'), stderr: $(cat "$WORK/sweep.err")"
    fi
    umount "$mnt" && MOUNTED=""
else
    skip "(c) cannot mount a tmpfs here (needs root); (b) covers the full disk"
fi

# --- (d) SIGINT and (e) SIGKILL in the middle of a sweep ------------------------------------------
for signal in INT KILL; do
    dir="$WORK/signal-$signal"
    start_sweep "$dir"
    kill -s "$signal" "$pid" 2>/dev/null
    rc=0
    wait "$pid" || rc=$?
    done_runs=$(runs_done "$dir")
    want=$([ "$signal" = INT ] && echo 130 || echo 137)
    if [ "$rc" -eq 0 ]; then
        fail "SIG$signal: the sweep finished before the signal (too small a sweep for this machine)"
    elif [ "$rc" -ne "$want" ]; then
        fail "SIG$signal: exit $rc (want $want), stderr: $(cat "$WORK/sweep.err")"
    elif [ "$signal" = INT ] && ! grep -q "continue with: firmpaths sweep .*--resume" "$WORK/sweep.err"; then
        fail "SIGINT: no resume command printed: $(cat "$WORK/sweep.err")"
    else
        pass "SIG$signal mid-sweep: exit $rc, ${done_runs:-0} runs kept"
        checkpoint_intact "$dir" && pass "SIG$signal: checkpointed runs intact" || fail "SIG$signal: checkpointed runs damaged"
        resume_identical "$dir" "SIG$signal"
    fi
done

if [ "$failures" -ne 0 ]; then
    echo "FAIL: $failures fault checks failed" >&2
    exit 1
fi
echo "PASS: every fault left the completed runs intact and resumable"
