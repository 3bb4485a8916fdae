#!/usr/bin/env bash
# Acceptance check for resumable sweeps: a sweep killed with SIGKILL at random moments and
# resumed each time must end with exactly the files of an uninterrupted sweep (cmp, byte for byte).
#
# Usage: scripts/kill-resume-test.sh            (make test-resume)
# Environment: KILLS (default 6, at least 5), SEED (random seed for the kill times),
#              SCRATCH (SwiftPM scratch path, default .build), THREADS (default 2).
set -euo pipefail
cd "$(dirname "$0")/.."

KILLS=${KILLS:-6}
SEED=${SEED:-$$}
SCRATCH=${SCRATCH:-.build}
THREADS=${THREADS:-2}
RANDOM=$SEED
if [ "$KILLS" -lt 5 ]; then
    echo "KILLS must be at least 5 (got $KILLS)" >&2
    exit 2
fi

swift build -c release --scratch-path "$SCRATCH" >/dev/null
BIN="$SCRATCH/release/firmpaths"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/firmpaths-kill-resume.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# All four tables, so kills land in the middle of large trajectory writes as well as small rows.
# About 7 s on a 2-core machine of 2026: long enough for several checkpoints (every 0.5 s)
# between kills.
cat > "$WORK/scenario.json" <<'JSON'
{
  "name": "kill-resume",
  "years": 20,
  "population": {"firms": 150},
  "sweep": {
    "design": "latin_hypercube",
    "parameters": {
      "policy.exportPromotion": {"min": 0, "max": 0.6},
      "policy.capacityBuilding": {"min": 0, "max": 0.5}
    },
    "samples": 300,
    "replications": 10,
    "seed": 11
  }
}
JSON
ARGS=("$WORK/scenario.json" --threads "$THREADS" --record all --every 40 --quiet)

start=$(date +%s.%N)
"$BIN" sweep "${ARGS[@]}" --out "$WORK/reference"
reference_seconds=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
echo "uninterrupted sweep: ${reference_seconds}s (seed for kill times: $SEED)"

# Kill, resume, kill ... KILLS times in one sweep. The kill moments are set by the sweep's own
# progress, not by wall-clock guesses, so the check means the same on a slow or a fast machine:
# kill 1 comes during start-up (before any checkpoint); kill k >= 2 waits until progress.json
# records a random share of the runs within the k-th band of the sweep (the bands end at 85%),
# then a random further 0 to 5% of the uninterrupted time (at most 0.5 s, one checkpoint
# interval), so it lands while runs are being appended between checkpoints.
TOTAL=$(( $(wc -l < "$WORK/reference/runs.csv") - 1 ))  # one row per run after the header
runs_done() { sed -n 's/.*"runs_done": \([0-9]*\).*/\1/p' "$1/progress.json" 2>/dev/null || true; }
uniform() {  # uniform(a, b) from bash's RANDOM (seeded above)
    awk -v r="$RANDOM" -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a + (b - a) * r / 32768 }'
}
max_jitter=$(awk -v t="$reference_seconds" 'BEGIN { j = 0.05 * t; if (j > 0.5) j = 0.5; printf "%.3f", j }')

rm -rf "$WORK/killed"
kills=0
after_checkpoint=0
previous=0
resume=()
for k in $(seq 1 "$KILLS"); do
    start=$(date +%s.%N)
    "$BIN" sweep "${ARGS[@]}" --out "$WORK/killed" "${resume[@]}" &
    pid=$!
    if [ "$k" -eq 1 ]; then
        target=0
        sleep "$(uniform 0.02 0.25)"
    else
        low=$(awk -v k="$k" -v n="$KILLS" -v t="$TOTAL" 'BEGIN { printf "%d", 0.85 * t * (k - 1) / n }')
        high=$(awk -v k="$k" -v n="$KILLS" -v t="$TOTAL" 'BEGIN { printf "%d", 0.85 * t * k / n }')
        target=$(awk -v a="$low" -v b="$high" -v r="$RANDOM" 'BEGIN { printf "%d", a + (b - a) * r / 32768 }')
        # Past the runs the previous kill left checkpointed: this kill comes after a new checkpoint.
        [ "$target" -gt "$previous" ] || target=$((previous + 1))
        while kill -0 "$pid" 2>/dev/null; do
            now=$(runs_done "$WORK/killed")
            [ -n "$now" ] && [ "$now" -ge "$target" ] && [ "$now" -gt 0 ] && break
            sleep 0.02
        done
        sleep "$(uniform 0 "$max_jitter")"
    fi
    kill -KILL "$pid" 2>/dev/null || true
    rc=0
    wait "$pid" 2>/dev/null || rc=$?
    elapsed=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
    if [ "$rc" -eq 0 ]; then
        echo "FAIL: the sweep finished before kill $k (target $target of $TOTAL runs); enlarge the sweep above" >&2
        exit 1
    elif [ "$rc" -ne 137 ]; then
        echo "FAIL: the sweep exited with status $rc" >&2
        exit 1
    fi
    kills=$((kills + 1))
    done_runs=$(runs_done "$WORK/killed")
    done_runs=${done_runs:-0}
    echo "kill $k after ${elapsed}s (target $target runs): $done_runs of $TOTAL runs checkpointed"
    if [ "$done_runs" -lt "$previous" ]; then
        echo "FAIL: the checkpoint went back from $previous to $done_runs runs" >&2
        exit 1
    fi
    [ "$done_runs" -gt 0 ] && [ "$done_runs" -gt "$previous" ] && after_checkpoint=$((after_checkpoint + 1))
    previous=$done_runs
    resume=(--resume)
done

"$BIN" sweep "${ARGS[@]}" --out "$WORK/killed" --resume

status=0
if [ "$(cd "$WORK/reference" && ls -A | sort)" != "$(cd "$WORK/killed" && ls -A | sort)" ]; then
    echo "FAIL: different files: $(cd "$WORK/reference" && ls -A | tr '\n' ' ') vs $(cd "$WORK/killed" && ls -A | tr '\n' ' ')" >&2
    status=1
fi
for file in "$WORK/reference"/*; do
    name=$(basename "$file")
    if cmp "$file" "$WORK/killed/$name"; then
        echo "identical: $name ($(wc -c < "$file") bytes)"
    else
        status=1
    fi
done
if [ "$status" -ne 0 ]; then
    echo "FAIL: the resumed sweep differs from the uninterrupted one" >&2
    exit 1
fi
if [ "$after_checkpoint" -lt $((KILLS - 1)) ]; then
    # A resume must continue a sweep mid-way, not start it again from nothing.
    echo "FAIL: files identical, but only $after_checkpoint kills came after a new checkpoint (need $((KILLS - 1)))" >&2
    exit 1
fi
echo "PASS: killed $kills times with SIGKILL ($after_checkpoint after a new checkpoint), resumed each time, files identical to the uninterrupted sweep"
