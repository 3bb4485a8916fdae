// libFuzzer target for the sweep block: the input is the value of `"sweep"` in a small scenario
// (designs grid, latin_hypercube, morris, sobol, combinations and file with their keys, ranges,
// replications, seeds, outcomes), loaded as a file and planned as `check` and `sweep` would
// (FuzzPlanning.swift): parsed, size-estimated and refused when beyond reason, every design
// point validated, market maps built, memory checked; nothing is simulated.
//
// Built by `make fuzz` (scripts/fuzz.sh) with -sanitize=fuzzer,address.
import FirmPathsIO

let prefix = Array(#"{"name": "fuzz", "years": 3, "population": {"firms": 50}, "sweep": "#.utf8)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSweepBlock(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let block = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    do {
        // Design files are named relative to the scenario file (Fuzz/sweep-files/ holds two).
        let loaded = try ScenarioLoader.load(bytes: prefix + block + Array("}".utf8), file: "Fuzz/sweep-files/fuzz.json")
        planLikeCheckAndSweep(loaded)
    } catch {
        _ = error.description.utf8.count
    }
    return 0
}
