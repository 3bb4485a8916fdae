import FirmPathsEngine
import FirmPathsIO
import FirmPathsModel
import FirmPathsReport
import Foundation

/// `firmpaths sensitivity SCENARIO`: Morris screening or Sobol' indices of the headline outcomes.
struct SensitivityCommand: Command {
    static let name = "sensitivity"
    static let summary = "Morris screening (mu*, sigma) or Sobol' indices (S1, ST) of the headline outcomes"
    static let defaultDesign = "Scenarios/targets/sensitivity-eu.json"
    static let help = """
    Usage: firmpaths sensitivity SCENARIO [--method morris|sobol] [--design FILE] [--trajectories R]
                                 [--samples N] [--second-order] [--scramble] [--replications N] [--seed S]
                                 [--threads N] [--out DIR] [--overwrite] [--compare RANKING.csv]
                                 [--set PATH=VALUE]...
           firmpaths sensitivity --from DIR [--method morris|sobol] [--out DIR2] [--overwrite]
           firmpaths sensitivity --model ishigami [--samples N] [--second-order] [--scramble] [--seed S] [--out DIR]

    Runs the design of FILE (a `sweep` block with an interval per parameter, see docs/SWEEPS.md)
    on SCENARIO: every run goes through the sweep runner, so DIR/runs.csv is the runs.csv that
    `firmpaths sweep` writes for the same block (with its `seeds` rule), and the indices are
    computed from that file.

    Morris (the default, or design "morris"): R trajectories x (k + 1) points, N replications per
    point (averaged). Unless the block says otherwise ("seeds"), replication r of every point of
    trajectory t uses the run seed RunSeed.derive(S, t, r): common random numbers along a
    trajectory, so its elementary effects are not run-to-run noise, and fresh populations for
    every trajectory, so no one set of simulated firms decides the ranking. For each outcome (the
    path shares, share_exporting_end, mean_foreign_share_end, share_mode3plus_end,
    backsourcing_per_100_firms and the block's own `outcomes`) prints mu* (mean absolute
    elementary effect, in outcome units per move across the parameter's whole range) with its
    95% bootstrap interval (1000 resamples of the trajectories, drawn from seed
    RunSeed.derive(S, -1, o) for the o-th outcome), mu and sigma per parameter, ranked by mu*.

    Sobol' (--method sobol, or design "sobol"): Saltelli's design on the project's Sobol'
    sequence (Joe-Kuo direction numbers; --scramble for a random linear scramble and digital
    shift drawn from S): N base samples x (k + 2) points (2k + 2 with --second-order), in the
    row order of SALib's sobol.sample. A morris design file is read for its parameters and
    ranges. The points of one base sample share seeds (per_trajectory). First-order S1 and total
    ST (Saltelli et al. 2010 and Jansen estimators, as SALib's sobol.analyze), optionally S2,
    each with a 95% bootstrap interval (1000 resamples of the base samples), ranked by ST.

    With --out, writes DIR/manifest.json and DIR/runs.csv (the sweep), DIR/design.csv (every
    point's place in the design, parameter values and run seeds), DIR/ranking.csv, DIR/ranking.md
    and DIR/morris.svg or DIR/sobol.svg (and DIR/second_order.csv). A non-empty DIR is refused unless --overwrite. With
    --compare (Morris), compares the top 3 parameters of every outcome with an earlier
    ranking.csv: "agree" when the sets are the same; "tie" when they differ only by parameters
    whose mu* are indistinguishable in both runs (the difference of the two mu* is within its 95%
    interval, sqrt(c1^2 + c2^2) for half-widths c1 and c2); "DIFFER" otherwise, and then the
    exit status is 1.

    --from DIR analyses the sweep in DIR (a `firmpaths sweep` or `sensitivity --out` directory)
    without running anything: a morris design with per_trajectory or per_replication seeds, or a
    sobol design; the files go to --out DIR2 (default: DIR itself, beside the sweep's files).

    --model ishigami runs the Sobol' analysis on the Ishigami function
    sin(x1) + 7 sin(x2)^2 + 0.1 x3^4 sin(x1), x in [-pi, pi]^3 (no scenario), and prints the
    analytic indices beside the estimates: a check of the estimator.

    Options:
      --method M           morris or sobol (default: the design's)
      --design FILE        design file (default: \(defaultDesign))
      --trajectories R     override the design's trajectories (morris)
      --samples N          override the design's base samples (sobol; default 64, 1024 with --model)
      --second-order       also second-order indices (sobol)
      --scramble           scramble the Sobol' sequence (sobol)
      --replications N     override the design's replications per point
      --seed S             override the design's seed (design and run seeds)
      --threads N          worker threads (default: all available)
      --out DIR            write the files listed above
      --overwrite          replace the files of a non-empty DIR
      --compare FILE       ranking.csv of another seed to compare the top 3 with (morris)
      --from DIR           analyse an existing sweep directory
      --model ishigami     the built-in test function instead of a scenario

    Examples:
      firmpaths sensitivity Scenarios/baseline-eu.json --seed 1 --out Results/sensitivity
      firmpaths sensitivity Scenarios/baseline-eu.json --method sobol --samples 128 --out Results/sobol
      firmpaths sensitivity --model ishigami --samples 4096

    """

    /// Bootstrap resamples of the trajectories (Morris) or base samples (Sobol') behind each interval.
    static let bootstrapResamples = 1000

    /// Files the command writes beside the sweep's, removed first by --overwrite so no stale
    /// ranking sits beside new runs.
    static let ownFiles = ["design.csv", "ranking.csv", "ranking.md", "morris.svg", "sobol.svg", "second_order.csv"]

    static let options: Set<String> = ["--design", "--trajectories", "--samples", "--replications", "--seed", "--threads",
                          "--out", "--compare", "--set", "--method", "--from", "--model"]
    static let flags: Set<String> = ["--overwrite", "--second-order", "--scramble"]

    static func run(_ arguments: [String], console: Console) throws(CLIError) {
        let parsed = try Arguments(arguments, options: options, flags: flags, usage: help)
        let method = try parsed.value("--method").map { text throws(CLIError) -> String in
            guard ["morris", "sobol"].contains(text) else {
                throw CLIError(.usage, "option --method expects morris or sobol, found '\(text)'", usage: help)
            }
            return text
        }
        if let model = parsed.value("--model") {
            guard parsed.positionals.isEmpty, parsed.value("--from") == nil else {
                throw CLIError(.usage, "--model runs without a SCENARIO or --from", usage: help)
            }
            try runTestModel(model, parsed: parsed, arguments: arguments, console: console)
            return
        }
        if let directory = parsed.value("--from") {
            guard parsed.positionals.isEmpty else { throw CLIError(.usage, "--from analyses DIR: give no SCENARIO", usage: help) }
            try analyseExisting(directory, method: method, parsed: parsed, arguments: arguments, console: console)
            return
        }
        guard parsed.positionals.count == 1, let argument = parsed.positionals.first else {
            throw CLIError(.usage, "expected one SCENARIO", usage: help)
        }
        let threads = try parsed.int("--threads", usage: help, range: 1...4096) ?? ThreadCount.available()
        var loaded = try ScenarioResolution.load(argument, overrides: parsed.all("--set"), environment: console.environment)
        let designPath = parsed.value("--design") ?? defaultDesign
        try requireDefault(designPath, isDefault: parsed.value("--design") == nil, option: "--design")
        guard case .object(let written) = try CalibrateCommand.readSweepBlock(designPath) else {
            throw CLIError(.dataError, "\(designPath): 'sweep' must be an object")
        }
        let block = try designBlock(written, method: method, parsed: parsed, file: designPath)
        loaded.sweep = .object(block)
        let sweep: PreparedSweep
        do {
            sweep = try PreparedSweep.prepare(loaded, file: designPath, threads: threads)
        } catch {
            throw CLIError(.dataError, error.description)
        }
        let isSobol: Bool
        if case .saltelli = sweep.spec.design?.method { isSobol = true } else { isSobol = false }
        // Before the screening: a --compare that cannot be used would be noticed only at the end.
        let comparison = try comparisonRanking(parsed, isSobol: isSobol)
        let directory = parsed.value("--out")
        let work = { (staging: String?) throws(CLIError) in
            let start = Date()
            let table = try execute(sweep, into: staging, shown: directory, threads: threads, console: console)
            let seconds = Date().timeIntervalSince(start)
            let study = Study(name: loaded.scenario.name, sweep: sweep, table: table, arguments: arguments,
                              directory: staging, seconds: seconds, shown: directory)
            if isSobol {
                try analyseSobol(study, console: console)
            } else {
                try analyseMorris(study, compare: comparison, console: console)
            }
        }
        // The directory stays locked from the first run to the last ranking file, and its files
        // (runs, design, ranking) replace the previous ones all at once when the last is written:
        // a failed or stopped screening leaves it as it was.
        if let directory {
            try OutputHold.staged(directory, overwrite: parsed.has("--overwrite"), command: ["sensitivity"] + arguments, work)
        } else {
            try work(nil)
        }
    }

    /// The ranking of `--compare`, read and checked (nil without the option).
    static func comparisonRanking(_ parsed: Arguments,
                                  isSobol: Bool) throws(CLIError) -> (path: String, ranking: [String: [RankedParameter]])? {
        guard let path = parsed.value("--compare") else { return nil }
        guard !isSobol else { throw CLIError(.usage, "--compare applies to morris", usage: help) }
        return (path, try readComparison(path))
    }

    /// What an analysis works from: the sweep, its runs and where to write.
    struct Study {
        var name: String
        var sweep: PreparedSweep
        var table: SweepRunsTable
        var arguments: [String]
        /// Where the files go (nil: print only).
        var directory: String?
        /// Seconds the runs took (nil for --from).
        var seconds: Double?
        /// The directory named in messages when `directory` is its staging directory.
        var shown: String? = nil

        /// The directory to name in messages.
        var display: String? { shown ?? directory }
    }

    /// The sweep block to run: the file's, with the command line's overrides, the method's design
    /// and, unless the block names them, per-trajectory seeds.
    static func designBlock(_ written: JSONObject, method: String?, parsed: Arguments,
                            file: String) throws(CLIError) -> JSONObject {
        var block = written
        let designName = block["design"]?.stringValue ?? "grid"
        let target = method ?? designName
        if target != designName {
            guard ["morris", "sobol"].contains(designName) else {
                throw CLIError(.dataError, "\(file): the sweep design must be \"morris\" or \"sobol\", found \"\(designName)\"")
            }
            // The other method reads the parameters and ranges only.
            for key in ["trajectories", "levels", "samples", "second_order", "scramble"] { block[key] = nil }
            block["design"] = .string(target)
        }
        guard ["morris", "sobol"].contains(target) else {
            throw CLIError(.dataError, "\(file): the sweep design must be \"morris\" or \"sobol\", found \"\(target)\"")
        }
        if let r = try parsed.int("--trajectories", usage: help, range: 1...100_000) {
            guard target == "morris" else { throw CLIError(.usage, "--trajectories applies to morris", usage: help) }
            block["trajectories"] = .number(Double(r))
        }
        if target == "sobol" {
            if let n = try parsed.int("--samples", usage: help, range: 1...10_000_000) {
                block["samples"] = .number(Double(n))
            } else if block["samples"] == nil {
                block["samples"] = .number(Double(SaltelliDesign.defaultSamples))
            }
            if parsed.has("--second-order") { block["second_order"] = .bool(true) }
            if parsed.has("--scramble") { block["scramble"] = .bool(true) }
        } else if parsed.value("--samples") != nil || parsed.has("--second-order") || parsed.has("--scramble") {
            throw CLIError(.usage, "--samples, --second-order and --scramble apply to sobol", usage: help)
        }
        if let n = try parsed.int("--replications", usage: help, range: 1...100_000) { block["replications"] = .number(Double(n)) }
        if let seed = try parsed.seed("--seed", usage: help) { block["seed"] = .number(Double(seed)) }
        if block["seeds"] == nil { block["seeds"] = "per_trajectory" }
        return block
    }

    /// Runs `sweep` through the sweep runner (runs.csv only) into `directory` (an empty staging
    /// directory of `shown`), or into a temporary directory removed afterwards, and reads its
    /// runs.csv back.
    static func execute(_ sweep: PreparedSweep, into directory: String?, shown: String?, threads: Int,
                        console: Console) throws(CLIError) -> SweepRunsTable {
        let target = directory ?? NSTemporaryDirectory() + "firmpaths-sensitivity-\(UUID().uuidString)"
        defer { if directory == nil { try? FileManager.default.removeItem(atPath: target) } }
        guard let record = SweepRecord(parsing: "runs") else { throw CLIError(.software, "internal: no runs record") }
        let options = SweepOptions(directory: target, threads: threads, record: record,
                                   memoryLimit: try MemoryLimit.from(environment: console.environment),
                                   command: "firmpaths sensitivity")
        let reporter: ProgressReporter? = console.errIsTerminal
            ? ProgressReporter(total: sweep.plan.count, threads: threads, live: true) { console.err($0) } : nil
        let cancellation = SweepCancellation()
        cancellation.handleInterrupts()
        let result: SweepResult
        do {
            result = try SweepRunner.execute(sweep, options: options, cancellation: cancellation, progress: reporter)
        } catch {
            cancellation.stopHandlingInterrupts()
            throw CLIError(error)
        }
        cancellation.stopHandlingInterrupts()
        reporter?.finish()
        if result.interrupted {
            let signal = cancellation.signal ?? SIGINT
            // 128 + the signal, as `firmpaths sweep`; the staging directory is removed on the way out.
            throw CLIError(ExitCode.stopped(by: signal), "stopped by \(SweepCancellation.name(of: signal)) after "
                + "\(result.completed) of \(result.runs) runs" + (shown.map { "; '\($0)' is as it was" } ?? ""))
        }
        do {
            return try SweepRunsTable(path: OutputDirectory.dataFile("runs.csv", in: target))
        } catch {
            throw CLIError(error.isIOFailure ? .ioError : .dataError, error.description)
        }
    }

    /// The outcomes analysed: the headline outcomes, then the sweep block's own.
    static func outcomeNames(_ sweep: PreparedSweep) -> [String] {
        HeadlineOutcomes.names + sweep.spec.outcomes.map(\.name)
    }

    /// Writes `text` to `name` in `directory`.
    static func write(_ text: String, _ name: String, in directory: String) throws(CLIError) {
        do {
            try OutputDirectory.writeAtomically(text, to: OutputDirectory.file(name, in: directory))
        } catch {
            throw CLIError(.ioError, error.description)
        }
    }

    static func number(_ value: Double) -> String { String(format: "%.4g", value) }
}
