#!/usr/bin/env bash
# Fuzzes the scenario reader with libFuzzer (make fuzz).
# Builds FirmPathsModel and FirmPathsIO with -sanitize=fuzzer,address into Fuzz/build, links
# Fuzz/ScenarioFuzzer.swift, and runs it for FUZZ_SECONDS (default 300) on a working corpus seeded
# with Scenarios/*.json and Tests/Fixtures/broken/*.json. Crashes go to Fuzz/crashes/; turn each
# into a case of Tests/Fixtures/broken (see its README) once fixed.
# Environment: SWIFTC (default: swiftc on PATH), FUZZ_SECONDS, FUZZ_JOBS (default 1).
set -euo pipefail
cd "$(dirname "$0")/.."

SWIFTC=${SWIFTC:-swiftc}
FUZZ_SECONDS=${FUZZ_SECONDS:-300}
BUILD=Fuzz/build
mkdir -p "$BUILD" Fuzz/crashes Fuzz/corpus
FLAGS=(-sanitize=fuzzer,address -parse-as-library -O -g -swift-version 6)

echo "building the fuzzer (model and IO instrumented) ..."
"$SWIFTC" "${FLAGS[@]}" -wmo -c -module-name FirmPathsModel -emit-module -emit-module-path "$BUILD/FirmPathsModel.swiftmodule" \
    $(find Sources/FirmPathsModel -name '*.swift' | sort) -o "$BUILD/FirmPathsModel.o"
"$SWIFTC" "${FLAGS[@]}" -wmo -c -module-name FirmPathsIO -I "$BUILD" -emit-module -emit-module-path "$BUILD/FirmPathsIO.swiftmodule" \
    $(find Sources/FirmPathsIO -name '*.swift' | sort) -o "$BUILD/FirmPathsIO.o"
"$SWIFTC" "${FLAGS[@]}" -I "$BUILD" Fuzz/ScenarioFuzzer.swift "$BUILD/FirmPathsModel.o" "$BUILD/FirmPathsIO.o" \
    -o "$BUILD/scenario-fuzzer"

cp Scenarios/*.json Tests/Fixtures/broken/*.json Fuzz/corpus/ 2>/dev/null || true
echo "fuzzing for ${FUZZ_SECONDS}s; crashes go to Fuzz/crashes/"
"$BUILD/scenario-fuzzer" Fuzz/corpus -max_total_time="$FUZZ_SECONDS" -print_final_stats=1 -max_len=8192 \
    -timeout=10 -rss_limit_mb=2048 -artifact_prefix=Fuzz/crashes/ -dict=Fuzz/scenario.dict ${FUZZ_JOBS:+-jobs=$FUZZ_JOBS}
