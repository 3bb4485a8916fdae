#!/usr/bin/env bash
# Re-runs every command behind the figures of docs/VALIDATION.md and compares its output, byte
# for byte, with the copy kept in docs/validation/ (the figures in the document are read from
# those copies). Timings go to stderr and are not compared.
#
# Usage: scripts/check-validation.sh [--full] [--update]      (make check-validation)
#   --full     also the Morris screenings of section 5 (54 minutes on the 2 shared cores
#              at load average 3 to 11, 2026-12-02; seeds 1 and 2 about 11 of them);
#              without it: targets, stylized facts, theory checks and calibration (seconds
#              once the debug build of `make test` exists)
#   --update   rewrite the copies instead of comparing (after a deliberate change of the model,
#              then update the figures of docs/VALIDATION.md from them)
# Environment: SCRATCH (SwiftPM scratch path of the release build, default .build).
set -euo pipefail
cd "$(dirname "$0")/.."

FULL=0
UPDATE=0
for argument in "$@"; do
    case "$argument" in
        --full) FULL=1 ;;
        --update) UPDATE=1 ;;
        *) echo "usage: scripts/check-validation.sh [--full] [--update]" >&2; exit 64 ;;
    esac
done
SCRATCH=${SCRATCH:-.build}
swift build -c release --scratch-path "$SCRATCH" >/dev/null
BIN="$SCRATCH/release/firmpaths"
REFERENCE=docs/validation
WORK=$(mktemp -d "${TMPDIR:-/tmp}/firmpaths-validation.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$REFERENCE"

failures=0
# check NAME COMMAND...: runs COMMAND (stdout to NAME; its exit status is part of the record).
check() {
    local name=$1
    shift
    local status=0
    "$@" >"$WORK/$name" 2>"$WORK/$name.err" || status=$?
    echo "exit status: $status" >>"$WORK/$name"
    if [ "$UPDATE" -eq 1 ]; then
        cp "$WORK/$name" "$REFERENCE/$name"
        echo "updated: $REFERENCE/$name ($*)"
    elif [ ! -f "$REFERENCE/$name" ]; then
        echo "FAIL: no $REFERENCE/$name (run with --update to create it)" >&2
        failures=$((failures + 1))
    elif cmp -s "$WORK/$name" "$REFERENCE/$name"; then
        echo "same: $name ($*)"
    else
        echo "FAIL: $name differs from $REFERENCE/$name ($*):" >&2
        diff "$REFERENCE/$name" "$WORK/$name" | head -20 >&2 || true
        failures=$((failures + 1))
    fi
}

BASELINE=Scenarios/baseline-eu.json
# Section 2 and 6: the targets and the stylized facts, seeds 2024 (the scenario's) and 99.
check targets-eu-sme.md "$BIN" targets "$BASELINE" --targets Scenarios/targets/eu-sme.json --replications 20
check targets-eu-sme-seed99.md "$BIN" targets "$BASELINE" --targets Scenarios/targets/eu-sme.json --replications 20 --seed 99
check stylized-facts.md "$BIN" targets "$BASELINE" --targets Scenarios/targets/stylized-facts.json
check stylized-facts-seed99.md "$BIN" targets "$BASELINE" --targets Scenarios/targets/stylized-facts.json --seed 99
check stylized-facts-no-irregular-end.md "$BIN" targets "$BASELINE" --targets Scenarios/targets/stylized-facts.json \
    --set model.decommitment.irregularEndRate=0
check stylized-facts-no-size-exit.md "$BIN" targets "$BASELINE" --targets Scenarios/targets/stylized-facts.json \
    --set model.survival.sizeElasticity=0
# Section 7: which facts moved because of which mechanism (each of the mechanisms of issue 10
# switched off on its own, then all together), and the figures of one run (seed 2024).
FACTS=Scenarios/targets/stylized-facts.json
check facts-no-relationship-end.md "$BIN" targets "$BASELINE" --targets "$FACTS" --replications 10 \
    --set model.decommitment.agentEndRate=0 --set model.decommitment.trialEndRate=0
check facts-no-demand-prudence.md "$BIN" targets "$BASELINE" --targets "$FACTS" --replications 10 \
    --set model.decisions.demandPrudence=0
check facts-no-distance-cost.md "$BIN" targets "$BASELINE" --targets "$FACTS" --replications 10 \
    --set model.decisions.entryCostDistanceWeight=0
check facts-no-outsidership.md "$BIN" targets "$BASELINE" --targets "$FACTS" --replications 10 \
    --set model.establishment.stageSkipping.insiderTieThreshold=0
check facts-no-export-staffing.md "$BIN" targets "$BASELINE" --targets "$FACTS" --replications 10 \
    --set model.operations.exportStaffingSpeed=0
check facts-no-new-mechanisms.md "$BIN" targets "$BASELINE" --targets "$FACTS" --replications 10 \
    --set model.decommitment.agentEndRate=0 --set model.decommitment.trialEndRate=0 \
    --set model.decisions.demandPrudence=0 --set model.decisions.entryCostDistanceWeight=0 \
    --set model.establishment.stageSkipping.insiderTieThreshold=0 --set model.operations.exportStaffingSpeed=0
path_figures() { "$BIN" run "$BASELINE" --out "$WORK/run-$1" "${@:2}" >/dev/null && python3 scripts/path-figures.py "$WORK/run-$1"; }
check path-figures.txt path_figures baseline
check path-figures-no-new-mechanisms.txt path_figures off \
    --set model.decommitment.agentEndRate=0 --set model.decommitment.trialEndRate=0 \
    --set model.decisions.demandPrudence=0 --set model.decisions.entryCostDistanceWeight=0 \
    --set model.establishment.stageSkipping.insiderTieThreshold=0 --set model.operations.exportStaffingSpeed=0
# Section 7.6: the default teaching scenario, one run at its own seed: paths, paths by segment and
# the figures of section 7.
default_paths() {
    "$BIN" run Scenarios/default.json --out "$WORK/run-default" --quiet &&
        python3 scripts/segment-paths.py "$WORK/run-default" && python3 scripts/path-figures.py "$WORK/run-default"
}
check default-paths.txt default_paths
# Section 8: the same baseline on generated maps like Germany's (5 map seeds, 5 replications each).
map_seeds() {
    for seed in 1 2 3 4 5; do
        echo "## markets.generationSeed=$seed"
        "$BIN" targets Scenarios/variants/baseline-eu-generated-map.json --replications 5 --set markets.generationSeed=$seed || true
        "$BIN" targets Scenarios/variants/baseline-eu-generated-map.json --targets "$FACTS" --replications 5 \
            --set markets.generationSeed=$seed || true
    done
}
check map-seeds.md map_seeds
# Section 4: the figures the theory tests print (debug build, as `make test`; sorted, as the
# tests run in parallel).
theory_checks() { swift test --filter TheoryTests 2>&1 | grep '^THEORY' | sort; }
check theory-checks.txt theory_checks
# Section 3: the three stages of the calibration (make calibrate).
check calibrate-stage1.md "$BIN" calibrate "$BASELINE" --design Scenarios/targets/calibration-eu-stage1.json --top 5
check calibrate-stage2.md "$BIN" calibrate "$BASELINE" --design Scenarios/targets/calibration-eu.json --top 10
check calibrate-stage3.md "$BIN" calibrate "$BASELINE" --design Scenarios/targets/calibration-eu-stage3.json \
    --targets Scenarios/targets/eu-sme.json --targets "$FACTS" --top 30
# Section 5: the Morris screening of make sensitivity (tables, then the comparison of the seeds).
if [ "$FULL" -eq 1 ]; then
    # A fixed directory: the comparison prints the path of the ranking it reads.
    OUT=Results/validation-sensitivity
    rm -rf "$OUT"
    check sensitivity-seed1.md "$BIN" sensitivity "$BASELINE" --out "$OUT" --seed 1
    check sensitivity-seed2.md "$BIN" sensitivity "$BASELINE" --out "$OUT/seed2" --seed 2 --compare "$OUT/ranking.csv"
    # Section 5c: both seeds against the Sobol' indices of section 5b (docs/validation/sobol-eu-n256.md).
    check morris-vs-sobol.md python3 scripts/morris-sobol.py "$OUT/ranking.csv" "$OUT/seed2/ranking.csv" \
        "$REFERENCE/sobol-eu-n256.md"
    # The check of the ties at rank 3 with five times the trajectories (about 10 minutes).
    check sensitivity-seed3-250-trajectories.md "$BIN" sensitivity "$BASELINE" --seed 3 --trajectories 250
fi

if [ "$UPDATE" -eq 1 ]; then
    echo "updated the copies in $REFERENCE; now bring docs/VALIDATION.md in line with them"
elif [ "$failures" -ne 0 ]; then
    echo "FAIL: $failures outputs differ from docs/validation/: the model's results changed; update the copies" \
        "(--update) and the figures of docs/VALIDATION.md together" >&2
    exit 1
else
    echo "PASS: every output behind docs/VALIDATION.md is unchanged$([ "$FULL" -eq 1 ] || echo " (without --full: sensitivity not re-run)")"
fi
