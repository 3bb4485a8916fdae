import FirmPathsEngine
import FirmPathsIO
import FirmPathsModel

/// `firmpaths rerun DIR --run K`: one run of a sweep directory, alone, with all tables.
struct RerunCommand: Command {
    static let name = "rerun"
    static let summary = "Re-run one run of a sweep directory alone, with all tables"
    static let help = """
    Usage: firmpaths rerun DIR --run K [--out OUT] [--threads N] [--every K] [--overwrite] [--quiet]

    Runs run K of the sweep in DIR again, on its own: the sweep's scenario (with its --set
    overrides) with the run's parameter values and seed, all read from DIR/manifest.json and
    checked against DIR/runs.csv. Writes what `firmpaths run` writes (manifest.json, markets.csv,
    firms.csv, trajectories.csv, events.csv, exports.csv, report.html) into OUT; their rows equal
    the sweep's rows of run K, apart from the run column (0 here).

    Options:
      --run K        the run number (the `run` column of runs.csv)
      --out OUT      output directory (default: DIR/run-K)
      --threads N    threads for the firm updates within a step (default: all available)
      --every K      write trajectory rows every K-th step only (default: the sweep's)
      --overwrite    replace files in a non-empty OUT
      --quiet        print nothing but errors

    Examples:
      firmpaths rerun Results/policy-sweep-sweep --run 7
      firmpaths rerun Results/big --run 1234 --out /tmp/run-1234

    """

    static func run(_ arguments: [String], console: Console) throws(CLIError) {
        let parsed = try Arguments(arguments, options: ["--run", "--out", "--threads", "--every"],
                                   flags: ["--overwrite", "--quiet"], usage: help)
        guard parsed.positionals.count == 1, let directory = parsed.positionals.first else {
            throw CLIError(.usage, parsed.positionals.isEmpty ? "missing DIR" : "expected one DIR, found \(parsed.positionals.count)",
                           usage: help)
        }
        guard let run = try parsed.int("--run", usage: help, range: 0...Int.max) else {
            throw CLIError(.usage, "missing --run K", usage: help)
        }
        let rerun: SweepRerun
        do {
            rerun = try SweepRerun.prepare(directory: directory, run: run)
        } catch {
            throw CLIError(error.isIOFailure ? .ioError : .dataError, error.description)
        }
        let threads = try parsed.int("--threads", usage: help, range: 1...4096) ?? ThreadCount.available()
        let every = try parsed.int("--every", usage: help, range: 1...1_000_000) ?? rerun.every
        let out = parsed.value("--out") ?? OutputDirectory.file("run-\(run)", in: directory)
        let options = SingleRunOptions(directory: out, overwrite: parsed.has("--overwrite"), threads: threads, every: every,
                                       commandLine: ["firmpaths", "rerun"] + arguments,
                                       memoryLimit: try MemoryLimit.from(environment: console.environment))
        let result: SingleRunResult
        do {
            result = try SingleRun.execute(scenario: rerun.loaded.scenario, resolvedScenario: rerun.loaded.resolvedJSON,
                                           scenarioFile: rerun.loaded.file, seed: rerun.seed, options: options)
        } catch {
            throw CLIError(error.isIOFailure ? .ioError : .dataError, error.description)
        }
        let report = try ReportCommand.write(directory: out)
        guard !parsed.has("--quiet") else { return }
        let values = rerun.values.map { "\($0.path)=\($0.value)" }.joined(separator: " ")
        console.out("run \(run) of \(directory) (point \(rerun.point), replication \(rerun.replication), seed \(rerun.seed)"
            + (values.isEmpty ? "" : ", \(values)") + ")\n")
        console.out(RunCommand.summary(of: result, scenario: rerun.loaded.scenario, seed: rerun.seed, directory: out))
        console.out("report: \(report)\n")
    }
}
