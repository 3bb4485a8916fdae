import FirmPathsIO
import FirmPathsReport

/// `firmpaths report DIR`: DIR/report.html from a run or sweep directory.
struct ReportCommand: Command {
    static let name = "report"
    static let summary = "Write DIR/report.html with charts from a run or sweep directory"
    static let help = """
    Usage: firmpaths report DIR [--quiet]

    Reads DIR/manifest.json, firms.csv, trajectories.csv and events.csv (a run), or runs.csv
    (a sweep), and writes DIR/report.html: one self-contained page (inline SVG and CSS, no
    scripts, nothing fetched from the network) with the path shares, exporting over time,
    Johanson-Mattsson quadrants, Dollinger and I-model stages, one example firm per path,
    sweep outcomes with 95% intervals, and the scenario's parameters, seed and version.
    `firmpaths run` writes the report itself; use this command for older or merged directories.

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
        let path = try write(directory: directory)
        if !parsed.has("--quiet") { console.out("wrote \(path)\n") }
    }

    /// Writes the report, mapping failures to exit statuses.
    static func write(directory: String) throws(CLIError) -> String {
        do {
            return try RunReport.write(directory: directory)
        } catch {
            throw CLIError(error.isIOFailure ? .ioError : .dataError, error.description)
        }
    }
}
