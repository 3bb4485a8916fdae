#!/usr/bin/env bash
# Acceptance check for resumable sweeps: a sweep killed with SIGKILL at random moments and
# resumed each time must end with exactly the files of an uninterrupted sweep (cmp, byte for byte).
#
# Usage: scripts/kill-resume-test.sh            (make test-resume)
# Then a shorter pass on the same sweep with --compress (.csv.gz files, gzip members ending every
# N runs): killed and resumed the same way, it must end with exactly the files of an
# uninterrupted compressed sweep, and those decompress to the plain sweep's files.
# Environment: KILLS (default 6, at least 5), COMPRESSED_KILLS (default 5, 0 skips the pass),
#              SEED (random seed for the kill times), SCRATCH (SwiftPM scratch path, default
#              .build), THREADS (default 2).
set -euo pipefail
cd "$(dirname "$0")/.."

KILLS=${KILLS:-6}
COMPRESSED_KILLS=${COMPRESSED_KILLS:-5}
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

# Kill, resume, kill ... KILLS times in one sweep. The kill moments are set by the sweep's own
# progress, not by wall-clock guesses, so the check means the same on a slow or a fast machine:
# kill 1 comes during start-up (before any checkpoint); kill k >= 2 waits until progress.json
# records a random share of the runs within the k-th band of the sweep (the bands end at 85%),
# then a random further 0 to 5% of the uninterrupted time (at most 0.5 s, one checkpoint
# interval), so it lands while runs are being appended between checkpoints.
runs_done() { sed -n 's/.*"runs_done": \([0-9]*\).*/\1/p' "$1/progress.json" 2>/dev/null || true; }
uniform() {  # uniform(a, b) from bash's RANDOM (seeded above)
    awk -v r="$RANDOM" -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a + (b - a) * r / 32768 }'
}

# kill_resume_pass LABEL KILLS REFERENCE KILLED [extra sweep arguments...]
kill_resume_pass() {
    local label=$1 kill_count=$2 reference=$3 killed=$4
    shift 4
    local extra=("$@")
    local start reference_seconds max_jitter kills=0 after_checkpoint=0 previous=0 resume=() k pid target low high
    local rc elapsed done_runs status=0 file name
    start=$(date +%s.%N)
    "$BIN" sweep "${ARGS[@]}" "${extra[@]}" --out "$reference"
    reference_seconds=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
    echo "$label: uninterrupted sweep: ${reference_seconds}s (seed for kill times: $SEED)"
    max_jitter=$(awk -v t="$reference_seconds" 'BEGIN { j = 0.05 * t; if (j > 0.5) j = 0.5; printf "%.3f", j }')
    rm -rf "$killed"
    for k in $(seq 1 "$kill_count"); do
        start=$(date +%s.%N)
        "$BIN" sweep "${ARGS[@]}" "${extra[@]}" --out "$killed" "${resume[@]}" &
        pid=$!
        if [ "$k" -eq 1 ]; then
            target=0
            sleep "$(uniform 0.02 0.25)"
        else
            low=$(awk -v k="$k" -v n="$kill_count" -v t="$TOTAL" 'BEGIN { printf "%d", 0.85 * t * (k - 1) / n }')
            high=$(awk -v k="$k" -v n="$kill_count" -v t="$TOTAL" 'BEGIN { printf "%d", 0.85 * t * k / n }')
            target=$(awk -v a="$low" -v b="$high" -v r="$RANDOM" 'BEGIN { printf "%d", a + (b - a) * r / 32768 }')
            # Past the runs the previous kill left checkpointed: this kill comes after a new checkpoint.
            [ "$target" -gt "$previous" ] || target=$((previous + 1))
            while kill -0 "$pid" 2>/dev/null; do
                now=$(runs_done "$killed")
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
            echo "FAIL ($label): the sweep finished before kill $k (target $target of $TOTAL runs); enlarge the sweep above" >&2
            exit 1
        elif [ "$rc" -ne 137 ]; then
            echo "FAIL ($label): the sweep exited with status $rc" >&2
            exit 1
        fi
        kills=$((kills + 1))
        done_runs=$(runs_done "$killed")
        done_runs=${done_runs:-0}
        echo "$label: kill $k after ${elapsed}s (target $target runs): $done_runs of $TOTAL runs checkpointed"
        if [ "$done_runs" -lt "$previous" ]; then
            echo "FAIL ($label): the checkpoint went back from $previous to $done_runs runs" >&2
            exit 1
        fi
        [ "$done_runs" -gt 0 ] && [ "$done_runs" -gt "$previous" ] && after_checkpoint=$((after_checkpoint + 1))
        previous=$done_runs
        resume=(--resume)
    done

    "$BIN" sweep "${ARGS[@]}" "${extra[@]}" --out "$killed" --resume

    if [ "$(cd "$reference" && ls -A | sort)" != "$(cd "$killed" && ls -A | sort)" ]; then
        echo "FAIL ($label): different files: $(cd "$reference" && ls -A | tr '\n' ' ') vs $(cd "$killed" && ls -A | tr '\n' ' ')" >&2
        status=1
    fi
    for file in "$reference"/*; do
        name=$(basename "$file")
        if cmp "$file" "$killed/$name"; then
            echo "$label: identical: $name ($(wc -c < "$file") bytes)"
        else
            status=1
        fi
    done
    if [ "$status" -ne 0 ]; then
        echo "FAIL ($label): the resumed sweep differs from the uninterrupted one" >&2
        exit 1
    fi
    if [ "$after_checkpoint" -lt $((kill_count - 1)) ]; then
        # A resume must continue a sweep mid-way, not start it again from nothing.
        echo "FAIL ($label): files identical, but only $after_checkpoint kills came after a new checkpoint (need $((kill_count - 1)))" >&2
        exit 1
    fi
    echo "PASS ($label): killed $kills times with SIGKILL ($after_checkpoint after a new checkpoint), resumed each time, files identical to the uninterrupted sweep"
}

# The run count, from the scenario's design (300 samples x 10 replications).
TOTAL=3000
kill_resume_pass plain "$KILLS" "$WORK/reference" "$WORK/killed"
[ "$(( $(wc -l < "$WORK/reference/runs.csv") - 1 ))" -eq "$TOTAL" ] || { echo "FAIL: runs.csv does not hold $TOTAL runs" >&2; exit 1; }

if [ "$COMPRESSED_KILLS" -gt 0 ]; then
    kill_resume_pass compressed "$COMPRESSED_KILLS" "$WORK/reference-gz" "$WORK/killed-gz" --compress
    for file in "$WORK/reference"/*.csv; do
        name=$(basename "$file")
        [ "$name" = markets.csv ] || [ "$name" = points.csv ] && continue
        if ! gzip -dc "$WORK/killed-gz/$name.gz" | cmp - "$file"; then
            echo "FAIL (compressed): gzip -dc $name.gz differs from the plain sweep's $name" >&2
            exit 1
        fi
    done
    echo "PASS (compressed): every .csv.gz decompresses (gzip -dc) to the plain sweep's file"
fi
