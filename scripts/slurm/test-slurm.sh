#!/usr/bin/env bash
# Acceptance check for running sweeps on a cluster (make test-slurm):
#   1. installs slurm-wlm and munge from Debian's packages if they are missing (needs root),
#   2. starts a single-node SLURM cluster on this machine: munged with a fresh key, slurmctld and
#      slurmd on localhost, configured from scripts/slurm/slurm.conf.in, all state in a temp dir,
#   3. submits scripts/slurm/test-sweep.json (12 runs) as a job array of SHARDS tasks plus the
#      dependent merge job (scripts/slurm/submit.sh, i.e. sweep-array.sbatch + merge.sbatch),
#   4. waits for both (squeue polling, TIMEOUT seconds), checks their exit codes,
#   5. runs the same sweep in one process and compares every file (cmp, manifest.json included),
#   6. stops the daemons it started and removes the temp dir, on success and on failure alike.
#
# Environment: SHARDS (default 4, at least 4), TIMEOUT (default 300 s), SCRATCH (SwiftPM
# scratch path, default .build), KEEP=1 keeps the temp dir (configs, logs, outputs),
# SLURMCTLD_PORT / SLURMD_PORT (default 16817 / 16818, away from a real cluster's 6817/6818).
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)

SHARDS=${SHARDS:-4}
TIMEOUT=${TIMEOUT:-300}
SCRATCH=${SCRATCH:-.build}
SLURMCTLD_PORT=${SLURMCTLD_PORT:-16817}
SLURMD_PORT=${SLURMD_PORT:-16818}
started=$(date +%s)

say() { echo "test-slurm: $*"; }
fail() { echo "test-slurm: FAIL: $*" >&2; exit 1; }

# The daemons live in /usr/sbin, which a non-login shell's PATH may lack.
export PATH=$PATH:/usr/sbin:/sbin

# --- 1. packages ------------------------------------------------------------------------------
missing=()
for tool in slurmctld:slurmctld slurmd:slurmd sbatch:slurm-client munged:munge; do
    command -v "${tool%%:*}" >/dev/null 2>&1 || missing+=("${tool##*:}")
done
if [[ ${#missing[@]} -gt 0 ]]; then
    [[ $(id -u) -eq 0 ]] || fail "slurm-wlm and munge are missing and installing them needs root"
    say "installing slurm-wlm and munge (missing: ${missing[*]})"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq slurm-wlm munge >/dev/null
fi
[[ $(id -u) -eq 0 ]] || fail "the test cluster runs its daemons as root (SlurmUser=root); run as root"

# --- build ------------------------------------------------------------------------------------
swift build -c release --scratch-path "$SCRATCH" >/dev/null
say "release build ready after $(( $(date +%s) - started )) s"
cluster_started=$(date +%s)
export FIRMPATHS=$repo/$SCRATCH/release/firmpaths
[[ -x $FIRMPATHS ]] || fail "no executable at $FIRMPATHS"

# --- 2. cluster -------------------------------------------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/firmpaths-slurm.XXXXXX")
chmod 755 "$work"
state=$work/state
mkdir -p "$state/ctld" "$state/spool" "$work/munge" "$work/out"
chmod 755 "$work/munge"
pids=()
jobs_submitted=()

cleanup() {
    local status=$?
    set +e
    if [[ ${#jobs_submitted[@]} -gt 0 ]] && [[ -n ${SLURM_CONF:-} ]]; then
        scancel "${jobs_submitted[@]}" >/dev/null 2>&1
        # Let slurmd end the jobs' steps before it stops itself.
        for _ in $(seq 100); do
            [[ -z $(squeue -h -j "$(IFS=,; echo "${jobs_submitted[*]}")" 2>/dev/null) ]] && break
            sleep 0.1
        done
    fi
    # Stop in reverse order of starting: slurmd, slurmctld, munged; only the processes started here.
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
        kill -TERM "${pids[i]}" 2>/dev/null
    done
    for pid in "${pids[@]}"; do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    done
    if [[ $status -ne 0 ]]; then
        for log in "$state/slurmctld.log" "$state/slurmd.log" "$work/munge/munged.log" "$work"/out/logs/*; do
            [[ -f $log ]] || continue
            echo "----- $log (last 40 lines)" >&2
            tail -n 40 "$log" >&2
        done
    fi
    if [[ ${KEEP:-0} == 1 ]]; then
        echo "test-slurm: kept $work" >&2
    else
        rm -rf "$work"
    fi
    exit $status
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# munge: a fresh key and a private socket, so a munged already running here is not disturbed.
socket=$work/munge/munge.socket.2
dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$work/munge/munge.key"
munged --foreground --force --key-file="$work/munge/munge.key" --socket="$socket" \
    --pid-file="$work/munge/munged.pid" --seed-file="$work/munge/munged.seed" \
    --log-file="$work/munge/munged.log" >> "$work/munge/munged.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do [[ -S $socket ]] && break; sleep 0.1; done
[[ -S $socket ]] || fail "munged did not create its socket $socket"
munge --socket="$socket" -n | unmunge --socket="$socket" >/dev/null || fail "munge round trip failed"

host=$(hostname -s)
cpus=$(nproc)
memory_mb=$(awk '/^MemTotal:/ { printf "%d", $2 / 1024 * 0.95 }' /proc/meminfo)
sed -e "s|@HOST@|$host|g" -e "s|@CPUS@|$cpus|g" -e "s|@MEMORY_MB@|$memory_mb|g" \
    -e "s|@CTLD_PORT@|$SLURMCTLD_PORT|g" -e "s|@SLURMD_PORT@|$SLURMD_PORT|g" \
    -e "s|@MUNGE_SOCKET@|$socket|g" -e "s|@STATE@|$state|g" \
    scripts/slurm/slurm.conf.in > "$work/slurm.conf"
export SLURM_CONF=$work/slurm.conf
say "cluster: node $host, $cpus CPUs, ${memory_mb} MB, config $SLURM_CONF"

slurmctld -D -c -f "$SLURM_CONF" > "$state/slurmctld.stdout" 2>&1 &
pids+=($!)
slurmd -D -N "$host" -f "$SLURM_CONF" > "$state/slurmd.stdout" 2>&1 &
pids+=($!)

node_state=""
for _ in $(seq 300); do
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || fail "a daemon (pid $pid) exited during start-up"; done
    node_state=$(sinfo -h -n "$host" -o %T 2>/dev/null || true)
    [[ $node_state == idle* ]] && break
    sleep 0.2
done
[[ $node_state == idle* ]] || fail "node $host is not idle after 60 s (state '${node_state:-unknown}')"
say "slurmctld and slurmd up after $(( $(date +%s) - cluster_started )) s"

# --- 3. submit --------------------------------------------------------------------------------
scenario=$repo/scripts/slurm/test-sweep.json
out=$work/out
read -r array_job merge_job < <(scripts/slurm/submit.sh "$scenario" "$out" "$SHARDS" --record all)
jobs_submitted=("$array_job" "$merge_job")
say "submitted job array $array_job (0-$((SHARDS - 1))) and merge job $merge_job (afterok:$array_job)"

# --- 4. wait ----------------------------------------------------------------------------------
deadline=$(( $(date +%s) + TIMEOUT ))
while true; do
    queued=$(squeue -h -j "$array_job,$merge_job" -o "%i %T %r" 2>/dev/null || true)
    [[ -z $queued ]] && break
    if grep -q DependencyNeverSatisfied <<< "$queued"; then fail "a shard failed, so the merge never ran: $queued"; fi
    (( $(date +%s) < deadline )) || fail "jobs still queued after $TIMEOUT s: $queued"
    sleep 1
done

job_field() { scontrol show job -o "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
for ((i = 0; i < SHARDS; i++)); do
    job="${array_job}_$i"
    state_i=$(job_field "$job" JobState); exit_i=$(job_field "$job" ExitCode)
    [[ $state_i == COMPLETED && $exit_i == 0:0 ]] || fail "array task $job ended $state_i (exit $exit_i)"
done
state_m=$(job_field "$merge_job" JobState); exit_m=$(job_field "$merge_job" ExitCode)
[[ $state_m == COMPLETED && $exit_m == 0:0 ]] || fail "merge job $merge_job ended $state_m (exit $exit_m)"
nodes=$(for ((i = 0; i < SHARDS; i++)); do job_field "${array_job}_$i" NodeList; done | sort -u | tr '\n' ' ')
say "all $SHARDS array tasks and the merge job COMPLETED with exit 0:0 (nodes: $nodes)"

# --- 5. compare with the same sweep in one process --------------------------------------------
"$FIRMPATHS" sweep "$scenario" --out "$work/reference" --record all --threads "$cpus" --quiet
reference_files=$(cd "$work/reference" && ls -A | sort)
merged_files=$(cd "$out/merged" && ls -A | sort)
[[ $reference_files == "$merged_files" ]] || fail "different files: reference [$reference_files], merged [$merged_files]"
for file in $reference_files; do
    cmp "$work/reference/$file" "$out/merged/$file" || fail "$file differs"
done
runs=$(( $(wc -l < "$out/merged/runs.csv") - 1 ))
[[ $runs -eq 12 ]] || fail "expected 12 runs in runs.csv, found $runs"
say "merged $SHARDS shards == single-process sweep, byte for byte: $(echo $reference_files | tr '\n' ' ') ($runs runs)"
say "PASS in $(( $(date +%s) - started )) s ($(( $(date +%s) - cluster_started )) s from starting the cluster)"
