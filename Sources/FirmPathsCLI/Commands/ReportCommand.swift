import FirmPathsEngine
import FirmPathsIO
import FirmPathsReport
import Foundation

/// `firmpaths report DIR`: DIR/report.html from a run or sweep directory.
struct ReportCommand: Command {
    static let name = "report"
    static let summary = "Write DIR/report.html with charts from a run or sweep directory"
    static let help = """
    Usage: firmpaths report DIR [--quiet]

    Reads DIR/manifest.json, firms.csv, trajectories.csv and events.csv (a run), or runs.csv
    (a sweep, summarized first into DIR/points.csv), and writes DIR/report.html: one self-contained page (inline SVG and CSS, no
    scripts, nothing fetched from the network) with the path shares, exporting over time,
    Johanson-Mattsson quadrants, Dollinger and I-model stages, one example firm per path,
    sweep outcomes with 95% intervals, and the scenario's parameters, seed and version.
    `firmpaths run`, `sweep` and `merge` write the report themselves; use this command for older
    directories.

    Options:
      --quiet   print nothing but errors

    Examples:
      firmpaths report Results/default
      firmpaths run default --no-trajectories && firmpaths report Results/default
      open Results/default/report.html      # or xdg-open on Linux

    """

    static func run(_ arguments: [String], console: Console) throws(CLIError) {
        let parsed = try Arguments(arguments, options: [], flags: ["--quiet"], usage: help)
        guard parsed.positionals.count == 1, let directory = parsed.positionals.first else {
            throw CLIError(.usage, parsed.positionals.isEmpty ? "missing DIR" : "expected one DIR, found \(parsed.positionals.count)",
                           usage: help)
        }
        guard FileManager.default.fileExists(atPath: directory) else {
            // Checked here because the lock below would create the directory.
            throw CLIError(.ioError, "cannot read '\(OutputDirectory.file("manifest.json", in: directory))': "
                + "no such directory '\(directory)'")
        }
        let path = try OutputHold.holding(directory, command: ["report"] + arguments) { () throws(CLIError) in
            try write(directory: directory, console: console)
        }
        if !parsed.has("--quiet") { console.out("wrote \(path)\n") }
    }

    /// Writes the report, mapping failures to exit statuses.
    /// Writes DIR/report.html; for a sweep directory first DIR/points.csv, which its interval
    /// charts read.
    /// With `console`, says on stderr when the directory is an unfinished sweep (n of N runs).
    static func write(directory: String, console: Console? = nil) throws(CLIError) -> String {
        var summarized: PointSummary.Result?
        if FileManager.default.fileExists(atPath: OutputDirectory.dataFile("runs.csv", in: directory)) {
            do {
                summarized = try PointSummary.write(directory: directory)
            } catch {
                throw CLIError(error)
            }
        }
        let path: String
        do {
            path = try RunReport.write(directory: directory)
        } catch {
            throw CLIError(error.isIOFailure ? .ioError : .dataError, error.description)
        }
        if let console, let summarized, let manifest = try? RunManifest.load(directory: directory),
           let note = RunReport.incompleteNote(manifest, completeRuns: summarized.runs) {
            console.err("firmpaths report: \(directory): \(note)\n")
        }
        return path
    }
}
