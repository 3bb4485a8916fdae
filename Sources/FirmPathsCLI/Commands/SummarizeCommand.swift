import FirmPathsEngine
import Foundation

/// `firmpaths summarize DIR`: DIR/points.csv, the sweep's outcomes per design point.
struct SummarizeCommand: Command {
    static let name = "summarize"
    static let summary = "Write DIR/points.csv: each design point's outcomes with mean, sd and 95% interval"
    static let help = """
    Usage: firmpaths summarize DIR [--out FILE] [--overwrite] [--quiet]

    Reads DIR/runs.csv of a sweep (also of merged shards) and writes DIR/points.csv: one row per
    design point with its swept parameter values and, for every numeric outcome column of
    runs.csv, <outcome>_n (replications with a value), _mean, _sd and the 95% interval _lower,
    _upper: the t-interval of the mean over replications, clipped to [0, 1] for shares (see
    Results/README.md). `firmpaths sweep`, `merge` and `report` write it too.

    Options:
      --out FILE   write the table to FILE instead of DIR/points.csv (an existing FILE is
                   refused, exit 65, unless --overwrite)
      --overwrite  replace an existing --out FILE
      --quiet      print nothing but errors

    Examples:
      firmpaths summarize Results/policy-sweep-sweep
      python3 -c "import pandas as pd; print(pd.read_csv('Results/policy-sweep-sweep/points.csv'))"

    """

    static func run(_ arguments: [String], console: Console) throws(CLIError) {
        let parsed = try Arguments(arguments, options: ["--out"], flags: ["--quiet", "--overwrite"], usage: help)
        guard parsed.positionals.count == 1, let directory = parsed.positionals.first else {
            throw CLIError(.usage, parsed.positionals.isEmpty ? "missing DIR" : "expected one DIR, found \(parsed.positionals.count)",
                           usage: help)
        }
        let output = parsed.value("--out")
        // --out FILE: a file that exists is the user's and is not silently replaced.
        if let output, FileManager.default.fileExists(atPath: output), !parsed.has("--overwrite") {
            throw CLIError(.dataError, "'\(output)' exists; use --overwrite to replace it, or --out FILE to write elsewhere")
        }
        func summarize() throws(CLIError) -> PointSummary.Result {
            do throws(EngineError) {
                return try PointSummary.write(directory: directory, to: output)
            } catch {
                throw CLIError(error.isIOFailure ? .ioError : .dataError, error.description)
            }
        }
        let result: PointSummary.Result
        if output == nil && FileManager.default.fileExists(atPath: directory) {
            // DIR/points.csv: with DIR locked, as sweep, merge and report write it.
            result = try OutputHold.holding(directory, command: ["summarize"] + arguments) { () throws(CLIError) in try summarize() }
        } else {
            result = try summarize()
        }
        guard !parsed.has("--quiet") else { return }
        console.out("wrote \(result.path): \(result.points) design points, \(result.runs) runs, \(result.outcomes.count) outcomes\n")
    }
}
