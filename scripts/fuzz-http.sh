#!/usr/bin/env bash
# Fuzzes the explorer's HTTP request parser with libFuzzer (make fuzz-http).
# Builds FirmPathsServer with -sanitize=fuzzer,address into Fuzz/build, links
# Fuzz/HTTPParserFuzzer.swift, and runs it for FUZZ_SECONDS (default 300) on a working corpus
# (Fuzz/http-corpus, gitignored) seeded with Fuzz/http-seeds/. Crashes go to Fuzz/crashes/http-.
# Environment: SWIFTC (default: swiftc on PATH), FUZZ_SECONDS, FUZZ_JOBS (default 1).
set -euo pipefail
cd "$(dirname "$0")/.."

SWIFTC=${SWIFTC:-swiftc}
FUZZ_SECONDS=${FUZZ_SECONDS:-300}
BUILD=Fuzz/build
mkdir -p "$BUILD" Fuzz/crashes Fuzz/http-corpus
FLAGS=(-sanitize=fuzzer,address -parse-as-library -O -g -swift-version 6)

echo "building the HTTP parser fuzzer (FirmPathsServer instrumented) ..."
"$SWIFTC" "${FLAGS[@]}" -wmo -c -module-name FirmPathsServer -emit-module -emit-module-path "$BUILD/FirmPathsServer.swiftmodule" \
    $(find Sources/FirmPathsServer -name '*.swift' | sort) -o "$BUILD/FirmPathsServer.o"
"$SWIFTC" "${FLAGS[@]}" -I "$BUILD" Fuzz/HTTPParserFuzzer.swift "$BUILD/FirmPathsServer.o" -o "$BUILD/http-fuzzer"

cp Fuzz/http-seeds/* Fuzz/http-corpus/
echo "fuzzing for ${FUZZ_SECONDS}s; crashes go to Fuzz/crashes/http-*"
"$BUILD/http-fuzzer" Fuzz/http-corpus -max_total_time="$FUZZ_SECONDS" -print_final_stats=1 -max_len=20000 \
    -timeout=10 -rss_limit_mb=2048 -artifact_prefix=Fuzz/crashes/http- -dict=Fuzz/http.dict ${FUZZ_JOBS:+-jobs=$FUZZ_JOBS}
