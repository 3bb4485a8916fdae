#!/usr/bin/env bash
# Fuzzes the scenario reader, `--set` overrides and the sweep block with libFuzzer (make fuzz).
# Builds FirmPathsModel, FirmPathsIO and FirmPathsEngine with -sanitize=fuzzer,address into
# Fuzz/build and links three targets:
#   scenario   Fuzz/ScenarioFuzzer.swift: arbitrary bytes as a scenario file; corpus seeded with
#              Scenarios/*.json and Tests/Fixtures/broken/*.json
#   overrides  Fuzz/OverrideFuzzer.swift: first byte picks a bundled scenario, each further line
#              is a `--set PATH=VALUE` string (ScenarioLoader.apply(overrides:to:)), then the
#              scenario is planned as check/sweep would; seeds Fuzz/override-seeds/
#   sweep      Fuzz/SweepFuzzer.swift: the bytes are the value of "sweep" in a small scenario,
#              parsed, size-estimated, every point validated, maps built, memory checked, nothing
#              simulated; seeds Fuzz/sweep-seeds/, design files in Fuzz/sweep-files/
# Each target runs for FUZZ_SECONDS (default 300), one after the other, so `make fuzz` takes
# about 3 x FUZZ_SECONDS plus the build; FUZZ_TARGETS (default "scenario overrides sweep"; empty: build only)
# picks some. Working corpora are Fuzz/corpus, Fuzz/override-corpus, Fuzz/sweep-corpus
# (gitignored). Crashes go to Fuzz/crashes/ (prefixed by target); turn each into a case of
# Tests/Fixtures/broken (see its README) or a unit test once fixed.
# Environment: SWIFTC (default: swiftc on PATH), FUZZ_SECONDS, FUZZ_TARGETS, FUZZ_JOBS (default 1),
# FUZZ_NO_BUILD=1 (reuse the binaries in Fuzz/build, e.g. built earlier with FUZZ_TARGETS="").
set -euo pipefail
cd "$(dirname "$0")/.."

SWIFTC=${SWIFTC:-swiftc}
FUZZ_SECONDS=${FUZZ_SECONDS:-300}
FUZZ_TARGETS=${FUZZ_TARGETS-scenario overrides sweep}
BUILD=Fuzz/build
mkdir -p "$BUILD" Fuzz/crashes Fuzz/corpus Fuzz/override-corpus Fuzz/sweep-corpus
FLAGS=(-sanitize=fuzzer,address -parse-as-library -O -g -swift-version 6)

if [ "${FUZZ_NO_BUILD:-0}" != 1 ]; then
echo "building the fuzzers (model, IO and engine instrumented) ..."
for module in FirmPathsModel FirmPathsIO FirmPathsEngine; do
    "$SWIFTC" "${FLAGS[@]}" -wmo -c -module-name "$module" -I "$BUILD" -emit-module -emit-module-path "$BUILD/$module.swiftmodule" \
        $(find "Sources/$module" -name '*.swift' | sort) -o "$BUILD/$module.o"
done
OBJECTS=("$BUILD/FirmPathsModel.o" "$BUILD/FirmPathsIO.o" "$BUILD/FirmPathsEngine.o")
"$SWIFTC" "${FLAGS[@]}" -I "$BUILD" Fuzz/ScenarioFuzzer.swift "${OBJECTS[@]:0:2}" -o "$BUILD/scenario-fuzzer"
"$SWIFTC" "${FLAGS[@]}" -I "$BUILD" Fuzz/OverrideFuzzer.swift Fuzz/FuzzPlanning.swift "${OBJECTS[@]}" -o "$BUILD/override-fuzzer"
"$SWIFTC" "${FLAGS[@]}" -I "$BUILD" Fuzz/SweepFuzzer.swift Fuzz/FuzzPlanning.swift "${OBJECTS[@]}" -o "$BUILD/sweep-fuzzer"
fi

cp Scenarios/*.json Tests/Fixtures/broken/*.json Fuzz/corpus/ 2>/dev/null || true
cp Fuzz/override-seeds/* Fuzz/override-corpus/
cp Fuzz/sweep-seeds/* Fuzz/sweep-corpus/

run() {  # target binary corpus dictionary max_len
    echo "fuzzing $1 for ${FUZZ_SECONDS}s; crashes go to Fuzz/crashes/$1-*"
    # stdin from /dev/null: nothing a fuzzed path names (a design file "/dev/stdin") can wait on a terminal.
    "$BUILD/$2" "$3" -max_total_time="$FUZZ_SECONDS" -print_final_stats=1 -max_len="$5" \
        -timeout=10 -rss_limit_mb=2048 -artifact_prefix="Fuzz/crashes/$1-" -dict="$4" ${FUZZ_JOBS:+-jobs=$FUZZ_JOBS} </dev/null
}
for target in $FUZZ_TARGETS; do
    case "$target" in
        scenario) run scenario scenario-fuzzer Fuzz/corpus Fuzz/scenario.dict 8192 ;;
        overrides) run overrides override-fuzzer Fuzz/override-corpus Fuzz/override.dict 4096 ;;
        sweep) run sweep sweep-fuzzer Fuzz/sweep-corpus Fuzz/sweep.dict 4096 ;;
        *) echo "unknown fuzz target '$target' (scenario, overrides, sweep)" >&2; exit 64 ;;
    esac
done
