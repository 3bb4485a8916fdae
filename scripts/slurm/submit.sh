#!/usr/bin/env bash
# Submits a FirmPaths sweep to SLURM as a job array of N shards plus a merge job that starts
# when all of them have succeeded. Prints the two job ids ("ARRAY_JOB MERGE_JOB").
#
# Usage: scripts/slurm/submit.sh SCENARIO OUTDIR N [SWEEP OPTIONS...]
#
#   OUTDIR/shard-I   shard I of N (sweep-array.sbatch)
#   OUTDIR/merged    the merged sweep (merge.sbatch), identical to an unsharded one
#   OUTDIR/logs      the jobs' stdout/stderr
#
# Extra sbatch options go in SBATCH_ARGS (e.g. SBATCH_ARGS="--partition=long --time=02:00:00
# --cpus-per-task=4") or in sbatch's own SBATCH_* environment variables. FIRMPATHS names the
# executable (default: firmpaths on PATH, else this repository's .build/release/firmpaths).
set -euo pipefail

if [[ $# -lt 3 ]]; then
    echo "usage: $0 SCENARIO OUTDIR N [SWEEP OPTIONS...]" >&2
    exit 2
fi
scenario=$1
outdir=$2
shards=$3
shift 3
if ! [[ $shards =~ ^[1-9][0-9]*$ ]]; then
    echo "$0: N must be a positive integer, found '$shards'" >&2
    exit 2
fi

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
if [[ -z ${FIRMPATHS:-} ]]; then
    if command -v firmpaths >/dev/null 2>&1; then
        FIRMPATHS=$(command -v firmpaths)
    elif [[ -x $repo/.build/release/firmpaths ]]; then
        FIRMPATHS=$repo/.build/release/firmpaths
    else
        echo "$0: no firmpaths executable: build it (swift build -c release) or set FIRMPATHS" >&2
        exit 2
    fi
fi
export FIRMPATHS

# Absolute paths, so the jobs do not depend on the directory they start in.
mkdir -p "$outdir/logs"
outdir=$(cd "$outdir" && pwd)
if [[ -e $scenario ]]; then scenario=$(cd "$(dirname "$scenario")" && pwd)/$(basename "$scenario"); fi

read -r -a extra <<< "${SBATCH_ARGS:-}"
array_job=$(sbatch --parsable "${extra[@]}" --array="0-$((shards - 1))" \
    --output="$outdir/logs/sweep-%A_%a.out" \
    "$here/sweep-array.sbatch" "$scenario" "$outdir" "$@")
array_job=${array_job%%;*}
merge_job=$(sbatch --parsable "${extra[@]}" --dependency="afterok:$array_job" --kill-on-invalid-dep=yes \
    --output="$outdir/logs/merge-%j.out" \
    "$here/merge.sbatch" "$outdir" "$shards")
merge_job=${merge_job%%;*}
echo "$array_job $merge_job"
