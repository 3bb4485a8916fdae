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

swift build -c release --scratch-path "$SCRATCH" >/dev/null
BIN="$SCRATCH/release/firmpaths"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/firmpaths-kill-resume.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# All four tables, so kills land in the middle of large trajectory writes as well as small rows.
# Large enough (about 8 s on a 2-core machine of 2026) that most kills come after one or more
# checkpoints (every 0.5 s), so a resume continues mid-sweep rather than from nothing.
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

# Kill, resume, kill ... KILLS times in one sweep. If a resumed sweep finishes before its kill
# (the machine got faster than the reference run suggested), start the whole kill sequence again
# with kill times half as long, so the check does not depend on machine load.
scale=3
rounds=0
while :; do
    rounds=$((rounds + 1))
    if [ "$rounds" -gt 5 ]; then
        echo "FAIL: could not kill the sweep $KILLS times before it finished" >&2
        exit 1
    fi
    rm -rf "$WORK/killed"
    kills=0
    last_checkpointed=0
    resume=()
    finished=0
    while [ "$kills" -lt "$KILLS" ]; do
        "$BIN" sweep "${ARGS[@]}" --out "$WORK/killed" "${resume[@]}" &
        pid=$!
        # Uniform from 0.05 s to scale x (uninterrupted time) / (KILLS + 2) after the start:
        # sometimes during start-up (point validation) or a checkpoint, mostly while runs are
        # being appended.
        delay=$(awk -v r="$RANDOM" -v t="$reference_seconds" -v k="$KILLS" -v s="$scale" \
            'BEGIN { printf "%.3f", 0.05 + (s * t / (k + 2)) * r / 32768 }')
        sleep "$delay"
        kill -KILL "$pid" 2>/dev/null || true
        rc=0
        wait "$pid" 2>/dev/null || rc=$?
        if [ "$rc" -eq 137 ]; then
            kills=$((kills + 1))
            done_runs=$(sed -n 's/.*"runs_done": \([0-9]*\).*/\1/p' "$WORK/killed/progress.json" 2>/dev/null || true)
            echo "kill $kills after ${delay}s: ${done_runs:-0} runs checkpointed"
            last_checkpointed=${done_runs:-0}
        elif [ "$rc" -eq 0 ]; then
            finished=1  # it completed before the kill (a kill of the exited process counts for nothing)
            break
        else
            echo "FAIL: the sweep exited with status $rc" >&2
            exit 1
        fi
        resume=(--resume)
    done
    [ "$finished" -eq 0 ] && break
    echo "the sweep finished after $kills kills; starting again with shorter kill times"
    scale=$(awk -v s="$scale" 'BEGIN { print s / 2 }')
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
if [ "$last_checkpointed" -eq 0 ]; then
    # Every kill came before the first checkpoint: resume never continued a sweep mid-way.
    echo "FAIL: files identical, but no kill came after a checkpoint (too small a sweep for this machine)" >&2
    exit 1
fi
if [ "$kills" -lt 5 ]; then
    echo "FAIL: files identical, but only $kills kills (need at least 5)" >&2
    exit 1
fi
echo "PASS: killed $kills times with SIGKILL, resumed each time, files identical to the uninterrupted sweep"
