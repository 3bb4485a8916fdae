// libFuzzer target for `--set PATH=VALUE` overrides: the first byte picks a bundled scenario
// (policy-sweep carries a sweep block), the rest are override strings, one per line, applied
// through ScenarioLoader.apply(overrides:to:) as the CLI applies them; a scenario that accepts
// them is then planned as `check` and `sweep` would (FuzzPlanning.swift), without running.
//
// Built by `make fuzz` (scripts/fuzz.sh) with -sanitize=fuzzer,address.
import FirmPathsIO

let bases: [LoadedScenario] = BundledScenarios.names.sorted().compactMap { name in
    try? ScenarioLoader.load(bytes: BundledScenarios.bytes(named: name) ?? [], file: name)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOverrides(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    guard let first = bytes.first, !bases.isEmpty else { return 0 }
    let base = bases[Int(first) % bases.count]
    // Command-line arguments reach the CLI decoded the same lossy way.
    let overrides = String(decoding: bytes.dropFirst(), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    do {
        let loaded = try ScenarioLoader.apply(overrides: overrides, to: base)
        planLikeCheckAndSweep(loaded)
    } catch {
        _ = error.description.utf8.count
    }
    return 0
}
