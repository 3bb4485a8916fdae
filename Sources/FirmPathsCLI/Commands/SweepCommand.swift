import FirmPathsEngine
import FirmPathsIO
import FirmPathsModel
import Foundation

/// `firmpaths sweep SCENARIO`: every run of the scenario's `sweep` block, streamed into one directory.
struct SweepCommand: Command {
    static let name = "sweep"
    static let summary = "Run a scenario's parameter sweep in parallel (resumable, shardable)"
    static let help = """
    Usage: firmpaths sweep SCENARIO [--threads N] [--out DIR] [--record LIST] [--every K]
                           [--shard I/N] [--resume] [--overwrite] [--compress] [--allow-huge] [--quiet]
                           [--set PATH=VALUE]...

    Runs every design point of the scenario's `sweep` block times its `replications`
    (a scenario without a sweep block is one point). Run k of point p, replication r is
    k = p * replications + r, with seed RunSeed.derive(base seed, p, r), written to runs.csv.
    Rows are written in run order, so the files do not depend on --threads.

    Files in DIR: manifest.json, markets.csv (the market map, one per distinct map), runs.csv,
    firms.csv, trajectories.csv, events.csv, exports.csv (as chosen by --record), and once the
    sweep is complete points.csv (see `firmpaths summarize`) and report.html. They are written in place while the sweep runs so that an interrupted sweep keeps
    its completed runs; progress.json records how much of them is valid until the sweep completes.

    Options:
      --threads N       worker threads, one run each (default: all available)
      --out DIR         output directory (default: Results/<scenario name>-sweep)
      --record LIST     tables to write: runs, firms, steps (or trajectories), events, exports,
                        years or all, comma-separated (default: runs,firms); exports is the
                        firm-market-year panel, not thinned by --every; years one row per
                        firm and year
      --every K         with steps: write trajectory rows every K-th step only (default 1)
      --shard I/N       run only runs with run % N == I (combine shards with `firmpaths merge`)
      --resume          continue an interrupted sweep in DIR (same scenario, sweep and options)
      --overwrite       replace the sweep files of a non-empty DIR, all or nothing: the new sweep
                        is written into DIR/.firmpaths-overwrite/ and moved into place once
                        complete (so DIR needs room for both sets until then); the previous files
                        stay in DIR, untouched, if it fails or is stopped, and --resume continues
                        the new sweep there
      --compress        write the tables gzip-compressed: runs.csv.gz, firms.csv.gz ... (markets.csv
                        stays plain); pandas.read_csv and R's read.csv read them as they are, and
                        resume, merge, report, explain, summarize and rerun read both forms
      --allow-huge      run a sweep estimated beyond 10^8 runs, 30 days or 1 TB of files
                        (refused otherwise, before anything runs, with the estimate; exit 65)
      --quiet           no progress and no summary (progress is a live line on a terminal,
                        else a line every 30 s and every 5 % of the runs, e.g. in SLURM logs)
      --set PATH=VALUE  override a parameter of the scenario before sweeping (repeatable)

    A sweep whose estimated files exceed the free space of DIR's file system (statvfs; with
    --overwrite the previous files stay until the new sweep completes, so both must fit; a resume
    needs only the rest) is refused before anything is written, with the estimate, the free space
    and DIR (exit 74); --allow-huge does not override this. FIRMPATHS_FREE_SPACE=SIZE (16G ...)
    replaces the file system's figure, for tests.

    A sweep whose concurrent runs (one per thread) would not fit in memory (80 % of the tightest of
    the machine's memory or FIRMPATHS_MEMORY_LIMIT, the cgroup limit and ulimit -v) is refused
    before it starts, with the estimate, the limit that applies and the largest population that
    fits (exit 65).

    Ctrl-C (or SIGTERM, SIGHUP) stops handing out runs, keeps the completed ones and prints the
    --resume command (exit 130, 143, 129). --resume checks what it continues: each file's
    recorded bytes, rows and SHA-256 (progress.json), and refuses a damaged directory (exit 65).
    While a sweep writes DIR it holds DIR/.firmpaths.lock: a second sweep, merge or run into DIR
    is refused (exit 75) with the first one's pid, command and start time.
    Re-run any single run alone with `firmpaths rerun DIR --run K`, or with
    `firmpaths run SCENARIO --seed SEED --set PATH=VALUE ...` using its seed and parameter values
    from runs.csv (seeds are below 2^53, so R, pandas and spreadsheets keep them exactly).

    Examples:
      firmpaths sweep Scenarios/promotion-sweep.json --threads 8 --out Results/promo
      firmpaths sweep default --set population.firms=200 --record all --every 4
      firmpaths sweep big.json --shard 0/4 --out Results/big-0     # one of 4 cluster jobs

    """

    static func run(_ arguments: [String], console: Console) throws(CLIError) {
        let parsed = try Arguments(arguments, options: ["--threads", "--out", "--record", "--every", "--shard", "--set"],
                                   flags: ["--resume", "--overwrite", "--quiet", "--allow-huge", "--compress"], usage: help)
        guard parsed.positionals.count == 1, let argument = parsed.positionals.first else {
            throw CLIError(.usage, parsed.positionals.isEmpty ? "missing SCENARIO" : "expected one SCENARIO, found \(parsed.positionals.count)",
                           usage: help)
        }
        let threads = try parsed.int("--threads", usage: help, range: 1...4096) ?? ThreadCount.available()
        let every = try parsed.int("--every", usage: help, range: 1...1_000_000) ?? 1
        var record = SweepRecord.sweepDefault
        if let text = parsed.value("--record") {
            guard let parsedRecord = SweepRecord(parsing: text) else {
                throw CLIError(.usage, "option --record expects runs, firms, steps (or trajectories), events, exports, years or all (comma-separated), found '\(text)'",
                               usage: help)
            }
            record = parsedRecord
        }
        var shard = ShardSpec.all
        if let text = parsed.value("--shard") {
            do {
                shard = try ShardSpec(parsing: text)
            } catch {
                throw CLIError(.usage, "\(error)", usage: help)
            }
        }
        if parsed.has("--resume") && parsed.has("--overwrite") {
            throw CLIError(.usage, "--resume and --overwrite contradict each other", usage: help)
        }

        let overrides = parsed.all("--set")
        let file = try ScenarioResolution.path(for: argument, environment: console.environment)
        let loaded = try ScenarioResolution.load(argument, overrides: overrides, environment: console.environment)
        let sweep: PreparedSweep
        do {
            let sizeCheck = PreparedSweep.SizeCheck(tables: tables(record, every: every), threads: threads,
                                                    allowHuge: parsed.has("--allow-huge"), shardCount: shard.count)
            sweep = try PreparedSweep.prepare(loaded, file: file, threads: threads, sizeCheck: sizeCheck)
        } catch {
            throw CLIError(.dataError, error.description)
        }
        if shard.count > sweep.plan.count {
            throw CLIError(.usage, "--shard \(shard): the sweep has \(sweep.plan.count) run\(sweep.plan.count == 1 ? "" : "s"), "
                + "so at most \(sweep.plan.count) shard\(sweep.plan.count == 1 ? "" : "s") can have work; use --shard I/N with N <= \(sweep.plan.count)",
                usage: help)
        }
        if parsed.value("--out") == nil, let problem = ScenarioName.problem(loaded.scenario.name) {
            throw CLIError(.dataError, "\(loaded.file): name: \(problem); it names the output directory under Results/ (or give --out)")
        }
        let directory = parsed.value("--out") ?? "Results/" + loaded.scenario.name + "-sweep"
        try checkFreeSpace(sweep, loaded: loaded, record: record, every: every, threads: threads, shard: shard,
                           directory: directory, resume: parsed.has("--resume"), environment: console.environment)
        var options = SweepOptions(directory: directory, threads: threads, record: record, every: every, shard: shard,
                                   resume: parsed.has("--resume"), overwrite: parsed.has("--overwrite"),
                                   overrides: overrides,
                                   memoryLimit: try MemoryLimit.from(environment: console.environment),
                                   command: (["firmpaths", "sweep"] + arguments).joined(separator: " "))
        options.compress = parsed.has("--compress")
        let quiet = parsed.has("--quiet")
        let total = sweep.plan.shard(shard).count
        let reporter: ProgressReporter? = quiet ? nil
            : ProgressReporter(total: total, threads: threads, live: console.errIsTerminal, logInterval: 30) { console.err($0) }

        // Locked from the first file to the report, so no other writer comes in between.
        let hold: OutputDirectory.Hold
        do {
            hold = try OutputDirectory.Hold(directory, command: options.command)
        } catch {
            throw CLIError(error)
        }
        defer { hold.release() }
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

        if result.interrupted {
            reporter?.finish()
            // Same arguments, so the resume passes the identity check; --overwrite would contradict --resume.
            let kept = arguments.filter { $0 != "--overwrite" && $0 != "--resume" }
            let resumeArguments = kept + ["--resume"]
            let signal = cancellation.signal ?? SIGINT
            let place = result.pending.map { "\($0)/ (the new sweep, moved into \(directory)/ once complete; "
                + "the previous files in \(directory)/ are untouched until then)" } ?? "\(directory)/"
            console.err("stopped by \(SweepCancellation.name(of: signal)): \(result.resumedFrom + result.completed) of "
                + "\(result.runs) runs are complete in \(place)\n"
                + "continue with: firmpaths sweep " + resumeArguments.map(shellQuoted).joined(separator: " ") + "\n")
            // 128 + the signal (130 Ctrl-C, 143 SIGTERM, 129 SIGHUP), the shell convention; the completed runs are synced.
            hold.release()
            exit(ExitCode.stopped(by: signal).rawValue)
        }
        // A complete directory gets its per-point summary and its report, as Results/README.md says.
        // (Also when a resume finds the directory complete but without them: killed in between.)
        var report: String?
        let alreadyComplete = result.completed == 0 && result.resumedFrom == result.runs && parsed.has("--resume")
            && !result.replacedPrevious
        let missing = !FileManager.default.fileExists(atPath: OutputDirectory.file("report.html", in: directory))
            || !FileManager.default.fileExists(atPath: OutputDirectory.file(PointSummary.fileName, in: directory))
        if record.contains(.runs) && (!alreadyComplete || missing) {
            report = try ReportCommand.write(directory: directory)
        }
        guard !quiet else { return }
        if alreadyComplete {
            console.err("\(directory)/ is already complete (\(result.runs) runs)\n")
            return
        }
        reporter?.finish()
        var note = "wrote \(directory)/ (\(record.files.map { options.compress ? $0 + Gzip.suffix : $0 }.joined(separator: ", ")))"
        if result.resumedFrom > 0 { note += ", resumed after \(result.resumedFrom) runs" }
        if shard != .all { note += ", shard \(shard) of \(sweep.plan.count) runs" }
        if result.replacedPrevious { note += ", replacing the previous files" }
        console.err(note + "\n")
        if let report { console.err("points: \(OutputDirectory.file(PointSummary.fileName, in: directory)), report: \(report)\n") }
    }

    /// Refuses (exit 74) a sweep whose estimated files exceed the free space of DIR's file system,
    /// before anything is written; a resume needs only what its files do not hold yet.
    static func checkFreeSpace(_ sweep: PreparedSweep, loaded: LoadedScenario, record: SweepRecord, every: Int, threads: Int,
                               shard: ShardSpec, directory: String, resume: Bool,
                               environment: [String: String]) throws(CLIError) {
        let estimate = PreparedSweep.estimate(sweep.spec, base: loaded.scenario, tables: tables(record, every: every),
                                              threads: threads, shardCount: shard.count)
        var needed = estimate.bytes
        if resume { needed *= SweepRunner.remainingShare(resuming: directory, runs: sweep.plan.shard(shard).count) }
        let freeSpace = try FreeSpaceOverride.from(environment: environment)
        do throws(EngineError) {
            try FreeSpace.check(max(0, needed), for: directory, override: freeSpace,
                                what: resume ? "the rest of this sweep" : "this sweep",
                                note: ", or record less (--record runs, --every K)")
        } catch {
            throw CLIError(.ioError, error.description)
        }
    }

    /// The tables of `record`, for the size estimate.
    static func tables(_ record: SweepRecord, every: Int) -> WorkEstimate.Tables {
        WorkEstimate.Tables(runs: record.contains(.runs), firms: record.contains(.firms), steps: record.contains(.steps), every: every,
                            events: record.contains(.events), exports: record.contains(.exports), years: record.contains(.years))
    }

    /// Quotes an argument for a POSIX shell when it contains anything beyond safe characters.
    static func shellQuoted(_ text: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%")
        if !text.isEmpty && text.allSatisfy({ safe.contains($0) }) { return text }
        return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
