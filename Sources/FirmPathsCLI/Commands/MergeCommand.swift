import FirmPathsEngine
import FirmPathsIO
import Foundation

/// `firmpaths merge OUT DIR...`: combines the directories of a sharded sweep.
struct MergeCommand: Command {
    static let name = "merge"
    static let summary = "Combine the shard directories of a sweep into one directory"
    static let help = """
    Usage: firmpaths merge OUT DIR... [--overwrite] [--quiet]

    Combines the directories written by `firmpaths sweep ... --shard I/N` (I = 0 .. N-1) into OUT,
    which then holds exactly the files the unsharded sweep writes, byte for byte (points.csv and
    report.html included).
    Checks first that every DIR is a complete shard of the same scenario, sweep, seed and record
    settings, and that each shard appears once and none is missing; while copying (into a hidden
    staging directory in OUT) it checks that every run's rows come from its shard, in run order,
    and that every shard file holds exactly the bytes, rows and SHA-256 its shard's manifest
    records (markets.csv: its checksum). Only then are the files moved into OUT: a damaged shard
    (exit 65, naming the file and what is wrong) leaves OUT as it was. OUT is locked while it is
    written (a second writer is refused, exit 75).

    Options:
      --overwrite   replace the files of a non-empty OUT
      --quiet       print nothing but errors

    Examples:
      firmpaths merge Results/big Results/big-0 Results/big-1 Results/big-2 Results/big-3

    """

    /// "shard 0/3 of a sweep" when `directory` holds the manifest of one of several shards.
    static func shardDescription(_ directory: String) -> String? {
        let path = OutputDirectory.file("manifest.json", in: directory)
        guard let data = FileManager.default.contents(atPath: path),
              let document = try? JSONParser.parse([UInt8](data), file: path, recordPositions: false),
              document.value["kind"]?.stringValue == "sweep",
              let index = document.value["shard"]?["index"]?.intValue, let count = document.value["shard"]?["count"]?.intValue,
              count > 1
        else { return nil }
        return "shard \(index)/\(count) of a sweep"
    }

    static func run(_ arguments: [String], console: Console) throws(CLIError) {
        let parsed = try Arguments(arguments, options: [], flags: ["--overwrite", "--quiet"], usage: help)
        guard parsed.positionals.count >= 2, let output = parsed.positionals.first else {
            throw CLIError(.usage, parsed.positionals.isEmpty ? "missing OUT and shard directories" : "missing shard directories",
                           usage: help)
        }
        let shards = Array(parsed.positionals.dropFirst())
        if let shard = shardDescription(output) {
            throw CLIError(.usage, "OUT is the first argument, and '\(output)' seems to be a shard (\(shard)), not a merged "
                + "directory: did you forget OUT? For example: firmpaths merge MERGED "
                + parsed.positionals.joined(separator: " "), usage: help)
        }
        let command = ["merge"] + arguments
        let (result, report) = try OutputHold.holding(output, command: command) { () throws(CLIError) in
            let result: SweepMergeResult
            do throws(EngineError) {
                result = try SweepMerge.merge(shards: shards, into: output, overwrite: parsed.has("--overwrite"),
                                              command: (["firmpaths"] + command).joined(separator: " "))
            } catch {
                throw CLIError(error)
            }
            return (result, result.files.contains { $0 == "runs.csv" || $0 == "runs.csv" + Gzip.suffix } ? try ReportCommand.write(directory: output) : nil)
        }
        guard !parsed.has("--quiet") else { return }
        if let report { console.err("report: \(report)\n") }
        console.err("merged \(result.shards) shards, \(result.runs) runs, into \(output)/ (\(result.files.joined(separator: ", ")))\n")
    }
}
