// libFuzzer target for the scenario reader: arbitrary bytes through ScenarioLoader.load(bytes:file:)
// (JSON parser, overlay onto the defaults, validation, decoding) and, for a valid scenario, the
// sweep block (SweepSpec-free: only what FirmPathsIO reads). Any trap, crash or sanitizer report
// is a bug; an error thrown is the expected answer to bad input.
//
// Built by `make fuzz` (scripts/fuzz.sh) with -sanitize=fuzzer,address.
import FirmPathsIO

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenarioReader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    do {
        let loaded = try ScenarioLoader.load(bytes: bytes, file: "fuzz.json")
        // Every message a user could see must be printable.
        _ = loaded.scenario.name.utf8.count
        _ = try? loaded.resolvedJSON.serialized()
    } catch {
        // Format the messages: positions, paths and suggestions must never trap.
        _ = error.description.utf8.count
    }
    return 0
}
