import FirmPathsEngine
import FirmPathsIO
import FirmPathsModel

/// `firmpaths run SCENARIO`: one simulation, written to a run directory.
struct RunCommand: Command {
    static let name = "run"
    static let summary = "Run a scenario once and write manifest, markets, firms, trajectories, events and exports"
    static let help = """
    Usage: firmpaths run SCENARIO [--seed N] [--out DIR] [--set PATH=VALUE]... [--threads N]
                         [--every K] [--no-trajectories] [--no-exports] [--record years]
                         [--csv-dialect comma|semicolon] [--compress] [--overwrite] [--allow-huge] [--quiet]

    SCENARIO is a scenario file or the name of a bundled scenario (see `firmpaths scenarios`):
    an argument with a '/', or NAME.json when a file of that name exists, is a file; anything
    else is the bundled scenario of that name, even if a directory of that name is here.
    Writes DIR/manifest.json, markets.csv (the market map), firms.csv, trajectories.csv, events.csv
    and exports.csv (the firm-market-year panel; see Results/README.md), then DIR/report.html with the charts (see `firmpaths help report`).

    Options:
      --seed N            run seed (default: the scenario's `seed`)
      --out DIR           output directory (default: Results/<scenario name>)
      --set PATH=VALUE    override a parameter, e.g. --set policy.exportPromotion=0.3 (repeatable)
      --threads N         threads for the firm updates within a step (default: all available)
      --every K           write trajectory rows every K-th step only (default 1)
      --no-trajectories   do not write trajectories.csv
      --no-exports        do not write exports.csv
      --record years      also write years.csv: one row per firm and year with age and path,
                          a table that fits a spreadsheet (30,000 rows for the default scenario)
      --csv-dialect D     comma (default: RFC 4180, `.` decimals) or semicolon (`;` separators,
                          `,` decimals) for spreadsheets in European locales, where a comma file
                          reads revenue 2036.275 as 2036275; other tools must be told:
                          pandas read_csv(f, sep=";", decimal=","), R read.csv2(f)
      --compress          write the tables gzip-compressed: firms.csv.gz, trajectories.csv.gz ...
                          (markets.csv stays plain); pandas.read_csv and R's read.csv read them as
                          they are; report, explain and the other commands read both forms
      --overwrite         replace files in a non-empty output directory
      --allow-huge        run a scenario estimated beyond 24 hours or 100 GB of files (refused
                          otherwise with the estimate, exit 65; above 10 minutes or 1 GB a note)
      --quiet             print nothing but errors

    Files are written into a hidden staging directory inside DIR and moved into place when the
    run is complete: with --overwrite the previous run's files (all the files firmpaths writes,
    including ones this run does not write) are replaced as a whole, and files of your own are
    left alone. Ctrl-C, SIGTERM or SIGHUP stop the run, remove its unfinished files and leave DIR
    as it was (exit 130, 143, 129). While a run writes DIR it holds DIR/.firmpaths.lock; a second
    firmpaths writing DIR is refused with exit 75.

    A run whose estimated files exceed the free space of DIR's file system (statvfs; with
    --overwrite the previous files stay until the new ones are complete, so both must fit) is
    refused before anything is written, with the estimate, the free space and DIR (exit 74, as a
    disk that fills up); --allow-huge does not override this, since the run would fail anyway.
    FIRMPATHS_FREE_SPACE=SIZE (16G ...) replaces the file system's figure, for tests.

    A scenario too large for memory is refused before anything is allocated, with the estimate,
    the limit that applies and the largest population that fits (exit 65): 80 % of the tightest
    of the machine's physical memory (or FIRMPATHS_MEMORY_LIMIT such as 16G instead), the cgroup
    memory limit and the virtual-memory limit (ulimit -v, less the process's own address space).

    Examples:
      firmpaths run default
      firmpaths run Scenarios/crisis.json --seed 11 --out Results/crisis-11
      firmpaths run default --set population.firms=200 --set policy.exportPromotion=0.5 --out /tmp/promo

    """

    static func run(_ arguments: [String], console: Console) throws(CLIError) {
        let parsed = try Arguments(arguments, options: ["--seed", "--out", "--set", "--threads", "--every", "--record", "--csv-dialect"],
                                   flags: ["--overwrite", "--quiet", "--no-trajectories", "--no-exports", "--allow-huge", "--compress"], usage: help)
        guard parsed.positionals.count == 1, let argument = parsed.positionals.first else {
            throw CLIError(.usage, parsed.positionals.isEmpty ? "missing SCENARIO" : "expected one SCENARIO, found \(parsed.positionals.count)",
                           usage: help)
        }
        let loaded = try ScenarioResolution.load(argument, overrides: parsed.all("--set"), environment: console.environment)
        // `run` ignores a sweep block (`check` and `sweep` validate it): it does not expand or validate its points.
        if loaded.sweep != nil && !parsed.has("--quiet") {
            console.err("note: \(loaded.file) has a sweep block; `run` runs the scenario once without it (see `firmpaths sweep`)\n")
        }
        let seed = try parsed.seed("--seed", usage: help) ?? loaded.scenario.seed.value
        let threads = try parsed.int("--threads", usage: help, range: 1...4096) ?? ThreadCount.available()
        let every = try parsed.int("--every", usage: help, range: 1...1_000_000) ?? 1
        if parsed.value("--out") == nil, let problem = ScenarioName.problem(loaded.scenario.name) {
            throw CLIError(.dataError, "\(loaded.file): name: \(problem); it names the output directory under Results/ (or give --out)")
        }
        let directory = parsed.value("--out") ?? "Results/" + loaded.scenario.name
        var writeYears = false
        if let text = parsed.value("--record") {
            // The other tables are written anyway (see --no-trajectories, --no-exports).
            guard let record = SweepRecord(parsing: text), record.isSubset(of: [.firms, .steps, .events, .exports, .years]) else {
                throw CLIError(.usage, "option --record expects years (or firms, steps, trajectories, events, exports, which "
                    + "a run writes anyway), found '\(text)'", usage: help)
            }
            writeYears = record.contains(.years)
        }
        var options = SingleRunOptions(directory: directory, overwrite: parsed.has("--overwrite"), threads: threads,
                                       writeTrajectories: !parsed.has("--no-trajectories"),
                                       writeExports: !parsed.has("--no-exports"), every: every,
                                       commandLine: ["firmpaths", "run"] + arguments,
                                       memoryLimit: try MemoryLimit.from(environment: console.environment))
        options.writeYears = writeYears
        options.compress = parsed.has("--compress")
        if let text = parsed.value("--csv-dialect") {
            guard let dialect = CSVDialect(rawValue: text) else {
                throw CLIError(.usage, "option --csv-dialect expects comma or semicolon, found '\(text)'", usage: help)
            }
            options.dialect = dialect
        }
        let estimate = WorkEstimate(size: RunSize(loaded.scenario), runs: 1,
                                    tables: WorkEstimate.Tables(firms: true, steps: options.writeTrajectories, every: every,
                                                                events: true, exports: options.writeExports, years: writeYears),
                                    threads: 1)
        do {
            // Memory first (what cannot run at all), then what would run too long or write too much.
            try MemoryGuard.check(RunSize(loaded.scenario), limit: options.memoryLimit)
            try estimate.check(.run, what: "this run", allowHuge: parsed.has("--allow-huge"))
        } catch {
            throw CLIError(.dataError, (error.description.hasPrefix("this run needs") ? "" : "\(loaded.file): ") + error.description)
        }
        // Before anything is written (the previous files of --overwrite stay until the new ones are complete).
        let freeSpace = try FreeSpaceOverride.from(environment: console.environment)
        do throws(EngineError) {
            try FreeSpace.check(estimate.bytes, for: directory, override: freeSpace,
                                what: "this run", note: ", or write less (--no-trajectories, --every K)")
        } catch {
            throw CLIError(.ioError, error.description)
        }
        if !parsed.has("--quiet"), estimate.seconds > 600 || estimate.bytes > 1024 * 1024 * 1024 {
            console.err("note: this run will take \(estimate.summary)\n")
        }
        // Ctrl-C, SIGTERM or SIGHUP stop the run; its files are removed, the directory left as it was.
        let cancellation = SweepCancellation()
        options.cancellation = cancellation
        cancellation.handleInterrupts()
        let (result, report) = try OutputHold.holding(directory, command: ["run"] + arguments) { () throws(CLIError) in
            let result: SingleRunResult
            do throws(EngineError) {
                result = try SingleRun.execute(scenario: loaded.scenario, resolvedScenario: loaded.resolvedJSON,
                                               scenarioFile: loaded.file, seed: seed, options: options)
            } catch {
                throw OutputHold.failure(error, cancellation: cancellation)
            }
            return (result, try ReportCommand.write(directory: directory))
        }
        cancellation.stopHandlingInterrupts()
        guard !parsed.has("--quiet") else { return }
        console.out(summary(of: result, scenario: loaded.scenario, seed: seed, directory: directory))
        console.out("report: \(report)\n")
    }

    static func summary(of result: SingleRunResult, scenario: Scenario, seed: UInt64, directory: String) -> String {
        let total = max(1, result.outcomes.count)
        var text = "\(scenario.name): \(scenario.population.firms) firms, \(scenario.years) years, seed \(seed)\n"
        // The name column fits the longest path name (born_again_global, intermittent_exporter).
        let nameWidth = TrajectoryPath.allCases.map(\.description.count).max() ?? 0
        for path in TrajectoryPath.allCases {
            let count = result.pathCounts[path] ?? 0
            let share = Double(count) / Double(total) * 100
            let shareText = String((share * 10).rounded() / 10)
            text += "  " + path.description.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
                + String(repeating: " ", count: max(0, 6 - String(count).count)) + String(count)
                + String(repeating: " ", count: max(0, 7 - shareText.count)) + shareText + " %\n"
        }
        let rate = result.simulateSeconds > 0 ? Double(result.firmSteps) / result.simulateSeconds : 0
        text += "simulated \(result.firmSteps) firm-steps in \(String((result.simulateSeconds * 1000).rounded() / 1000)) s"
            + " (\(Int(rate)) per s); wrote \(directory)/\n"
        return text
    }
}
