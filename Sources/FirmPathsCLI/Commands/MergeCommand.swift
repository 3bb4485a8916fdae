import FirmPathsEngine

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
    settings, and that each shard appears once and none is missing; while copying it checks that
    every run's rows come from its shard, in run order.

    Options:
      --overwrite   replace the files of a non-empty OUT
      --quiet       print nothing but errors

    Examples:
      firmpaths merge Results/big Results/big-0 Results/big-1 Results/big-2 Results/big-3

    """

    static func run(_ arguments: [String], console: Console) throws(CLIError) {
        let parsed = try Arguments(arguments, options: [], flags: ["--overwrite", "--quiet"], usage: help)
        guard parsed.positionals.count >= 2, let output = parsed.positionals.first else {
            throw CLIError(.usage, parsed.positionals.isEmpty ? "missing OUT and shard directories" : "missing shard directories",
                           usage: help)
        }
        let shards = Array(parsed.positionals.dropFirst())
        let result: SweepMergeResult
        do {
            result = try SweepMerge.merge(shards: shards, into: output, overwrite: parsed.has("--overwrite"))
        } catch {
            throw CLIError(error.isIOFailure ? .ioError : .dataError, error.description)
        }
        let report = result.files.contains("runs.csv") ? try ReportCommand.write(directory: output) : nil
        guard !parsed.has("--quiet") else { return }
        if let report { console.err("report: \(report)\n") }
        console.err("merged \(result.shards) shards, \(result.runs) runs, into \(output)/ (\(result.files.joined(separator: ", ")))\n")
    }
}
