import FirmPathsIO
import FirmPathsModel
import Foundation

/// How a sweep is executed and where it writes.
public struct SweepOptions: Sendable {
    /// Output directory.
    public var directory: String
    /// Worker threads; each runs whole runs, one at a time.
    public var threads: Int
    /// Tables to write.
    public var record: SweepRecord
    /// Write trajectory rows for steps with `step % every == 0` only.
    public var every: Int
    /// The slice of the runs this process executes.
    public var shard: ShardSpec
    /// Continue a sweep interrupted in `directory`.
    public var resume: Bool
    /// Replace the sweep files of a non-empty `directory`.
    public var overwrite: Bool
    /// The `--set` overrides already applied to the scenario, recorded in the manifest.
    public var overrides: [String]
    /// Seconds between checkpoints (sync + `progress.json`); at most this much work is redone
    /// after a kill. Syncing costs milliseconds, so checkpoints are not taken after every run.
    public var checkpointInterval: Double
    /// Stop as if interrupted once this many runs completed in this invocation (for time-boxed
    /// jobs and for tests of resuming); nil runs to the end.
    public var runLimit: Int?
    /// Memory the sweep may plan for, in bytes (nil: the machine's memory); see `MemoryGuard`.
    public var memoryLimit: Double?
    /// The command line, recorded in the directory's lock file for a second writer's message.
    public var command: String
    /// Write the tables gzip-compressed (`runs.csv.gz` ...; see `SweepCompression`).
    public var compress = false
    /// Runs per gzip member when compressing; nil: from the sweep's size (`SweepCompression.forSweep`).
    /// Recorded in the manifest, so a resume or merge uses the same.
    public var compressionMemberRuns: Int?

    public init(directory: String, threads: Int = 1, record: SweepRecord = .sweepDefault, every: Int = 1,
                shard: ShardSpec = .all, resume: Bool = false, overwrite: Bool = false, overrides: [String] = [],
                checkpointInterval: Double = 0.5, runLimit: Int? = nil, memoryLimit: Double? = nil,
                command: String = "firmpaths sweep") {
        self.command = command
        self.directory = directory
        self.threads = max(1, threads)
        self.record = record
        self.every = max(1, every)
        self.shard = shard
        self.resume = resume
        self.overwrite = overwrite
        self.overrides = overrides
        self.checkpointInterval = checkpointInterval
        self.runLimit = runLimit
        self.memoryLimit = memoryLimit
    }
}

/// What a sweep invocation did.
public struct SweepResult: Sendable, Equatable {
    /// Runs of this directory (the shard's runs).
    public var runs: Int
    /// Runs already complete when this invocation started (resume).
    public var resumedFrom: Int
    /// Runs completed by this invocation.
    public var completed: Int
    /// Whether the sweep stopped early (Ctrl-C, `runLimit`); `--resume` continues it.
    public var interrupted: Bool
    /// Wall-clock seconds of this invocation's runs.
    public var seconds: Double
    /// Where the files of an interrupted `--overwrite` (or its `--resume`) are, while the previous
    /// files stay in the output directory (`SweepStaging`); nil when they are in the directory.
    public var pending: String? = nil
    /// Whether this invocation moved a completed `--overwrite` sweep into place, replacing the
    /// previous files.
    public var replacedPrevious = false

    /// Whether every run of the directory is now complete.
    public var isComplete: Bool { resumedFrom + completed == runs }
}

/// Executes a sweep: runs spread over threads, rows streamed to the files in run order,
/// checkpointed so a kill loses at most one checkpoint interval of work.
///
/// Exactness: a run's rows depend only on its seed and parameters (each run is simulated on one
/// thread from its own seed) and rows are written in run order by `OrderedEmitter`, so the files
/// are byte-identical for any thread count, any interruption and resume, and any sharding
/// followed by `SweepMerge`.
///
/// Memory stays flat in the number of runs: workers encode a run's rows into its own buffers,
/// and at most `4 x threads` finished runs wait for an earlier one before being appended.
public enum SweepRunner {
    /// Runs (or continues) `sweep` into `options.directory`.
    /// - Parameters:
    ///   - cancellation: checked before each run and after each step; cancelling stops the sweep
    ///     after flushing the completed prefix (the result is then `interrupted`).
    ///   - progress: told about each run written, in run order.
    /// - Throws: `EngineError` for directory conflicts, a resume of a different sweep, or I/O failures.
    public static func execute(_ sweep: PreparedSweep, options: SweepOptions,
                               cancellation: SweepCancellation = SweepCancellation(),
                               progress: ProgressReporter? = nil) throws(EngineError) -> SweepResult {
        let shardPlan = sweep.plan.shard(options.shard)
        try checkMemory(sweep, options: options, runs: shardPlan.count)
        let compression = options.compress
            ? options.compressionMemberRuns.map(SweepCompression.init(memberRuns:))
                ?? SweepCompression.forSweep(sweep, record: options.record, every: options.every)
            : nil
        let manifest = SweepManifest.value(sweep, record: options.record, every: options.every, shard: options.shard,
                                           overrides: options.overrides, complete: false, compression: compression)
        let output = options.directory
        // One writer per directory: a second sweep (or merge, run ...) into it is refused. The
        // lock of DIR covers its staging directory too.
        let hold = try OutputDirectory.Hold(output, command: options.command)
        defer { hold.release() }
        // Where the files are written: DIR, or (an --overwrite of a directory with files, and its
        // --resume) DIR/.firmpaths-overwrite, moved into place once complete (`SweepStaging`).
        let directory: String
        if SweepStaging.isPending(in: output) {
            if options.resume {
                directory = SweepStaging.path(in: output)
                OutputDirectory.removeLeftovers(in: directory)
            } else if options.overwrite {
                try OutputDirectory.prepare(output, overwrite: true)
                directory = try SweepStaging.start(in: output)
            } else {
                throw .invalidInput("'\(output)' holds an unfinished `sweep --overwrite` in '\(SweepStaging.path(in: output))' "
                    + "(the previous files in '\(output)' are untouched); continue it with --resume, or start it again with --overwrite")
            }
        } else if options.overwrite && hasVisibleFiles(output) {
            try OutputDirectory.prepare(output, overwrite: true)
            directory = try SweepStaging.start(in: output)
        } else {
            directory = output
        }
        let staged = directory != output
        do throws(EngineError) {
            var result = try execute(sweep, options: options, shardPlan: shardPlan, manifest: manifest, directory: directory,
                                     compression: compression, cancellation: cancellation, progress: progress)
            if staged {
                if result.interrupted {
                    result.pending = directory
                } else {
                    try SweepStaging.commit(into: output)
                    result.replacedPrevious = true
                }
            }
            return result
        } catch {
            guard staged, SweepStaging.isPending(in: output) else { throw error }
            switch error {
            case .io(let message) where !message.hasPrefix("cannot replace the files of"):
                throw .io(message + "; " + SweepStaging.stateNote(output))
            case .invalidInput(let message): throw .invalidInput(message + "; " + SweepStaging.stateNote(output))
            default: throw error
            }
        }
    }

    /// The sweep itself, written into `directory` (DIR or its staging directory), which is locked.
    private static func execute(_ sweep: PreparedSweep, options: SweepOptions, shardPlan: RunPlanShard, manifest: JSONValue,
                                directory: String, compression: SweepCompression?, cancellation: SweepCancellation,
                                progress: ProgressReporter?) throws(EngineError) -> SweepResult {
        let manifestPath = OutputDirectory.file("manifest.json", in: directory)
        let progressPath = OutputDirectory.file(SweepProgress.fileName, in: directory)

        var start: SweepProgress?
        var sealers: [String: FileSealer] = [:]
        if options.resume, hasVisibleFiles(directory) {
            guard FileManager.default.fileExists(atPath: manifestPath) else {
                throw .invalidInput("cannot resume in '\(directory)': it has files but no manifest.json, so it is not a sweep "
                    + "directory; use --overwrite to replace its files or --out DIR")
            }
            let existing = try SweepManifest.read(manifestPath)
            guard case .object(let current) = manifest else { throw .invalidInput("internal: manifest is not an object") }
            let differing = SweepManifest.differences(existing, current, ignoring: SweepManifest.nonIdentityKeys)
            if differing.contains("compression") {
                throw .invalidInput("cannot resume in '\(directory)': it holds a sweep written "
                    + (existing["compression"] == nil ? "without --compress; resume without --compress"
                        : "with --compress; resume with --compress") + " (or start again with --overwrite)")
            }
            guard differing.isEmpty else {
                throw .invalidInput("cannot resume in '\(directory)': it holds a different sweep (differs in "
                    + differing.joined(separator: ", ") + "); use --overwrite to start again or --out DIR")
            }
            if existing["complete"]?.boolValue == true {
                try? FileManager.default.removeItem(atPath: progressPath)
                return SweepResult(runs: shardPlan.count, resumedFrom: shardPlan.count, completed: 0, interrupted: false,
                                   seconds: 0)
            }
            start = try SweepProgress.read(progressPath)
            if let start {
                sealers = try verifyResume(start, directory: directory, record: options.record, shardPlan: shardPlan,
                                           compression: compression)
            } else {
                try checkNothingToLose(directory: directory, record: options.record, compression: compression)
            }
        } else {
            try OutputDirectory.prepare(directory, overwrite: options.overwrite || options.resume)
            // Only files of a sweep stopped before its first checkpoint (a resume) or an empty
            // directory: an --overwrite of one with files writes into its staging directory.
            for name in OutputDirectory.ownFiles {
                let path = OutputDirectory.file(name, in: directory)
                if FileManager.default.fileExists(atPath: path) {
                    do {
                        try FileManager.default.removeItem(atPath: path)
                    } catch {
                        throw .io("cannot remove '\(path)': \(FileErrorText.describe(error))")
                    }
                }
            }
            try AppendFile.writeAtomically(try SweepManifest.text(manifest), to: manifestPath)
        }
        // The market maps, before any run: a function of the scenario and the design alone.
        try AppendFile.writeAtomically(String(decoding: sweep.marketMaps.file, as: UTF8.self),
                                       to: OutputDirectory.file(MarketMaps.fileName, in: directory))

        let writer = try SweepWriter(directory: directory, record: options.record, paths: sweep.paths,
                                     outcomes: sweep.spec.outcomes.map(\.name), start: start, sealers: sealers,
                                     progressPath: progressPath, interval: options.checkpointInterval,
                                     runLimit: options.runLimit, cancellation: cancellation, progress: progress,
                                     compression: compression, totalRuns: shardPlan.count)
        let first = writer.runsDone
        let remaining = shardPlan.count - first
        let clockStart = ProgressReporter.monotonicSeconds()
        let encoder = SweepRunEncoder(sweep: sweep, record: options.record, every: options.every, cancellation: cancellation)
        let scenarios = ScenarioCache(sweep: sweep, capacity: 2 * options.threads + 2)
        let emitter = OrderedEmitter<Result<EncodedRun, RunFailure>>(window: 4 * options.threads) { _, result in
            try writer.consume(result)
        }
        // One run per iteration: a run costs milliseconds, the loop's lock about 100 ns.
        ParallelFor.run(count: remaining, threads: options.threads, chunk: 1) { range in
            for index in range {
                let run = shardPlan[first + index]
                let result: Result<EncodedRun, RunFailure>
                if cancellation.isCancelled {
                    result = .failure(.cancelled)
                } else {
                    switch scenarios.scenario(forPoint: run.point) {
                    case .success(let scenario): result = encoder.encode(run, scenario: scenario)
                    case .failure(let error): result = .failure(.failed(error.description))
                    }
                }
                emitter.complete(index, result)
            }
        }
        let seconds = ProgressReporter.monotonicSeconds() - clockStart
        if let failure = writer.failure {
            _ = try? writer.finish()
            throw failure
        }
        let seals = try writer.finish()
        let completed = writer.runsDone - first
        let interrupted = writer.runsDone < shardPlan.count
        if !interrupted {
            try AppendFile.writeAtomically(
                try SweepManifest.text(SweepManifest.value(sweep, record: options.record, every: options.every,
                                                           shard: options.shard, overrides: options.overrides,
                                                           complete: true, fileChecks: seals, compression: compression)),
                to: manifestPath)
            try? FileManager.default.removeItem(atPath: progressPath)
        }
        return SweepResult(runs: shardPlan.count, resumedFrom: first, completed: completed, interrupted: interrupted,
                           seconds: seconds)
    }

    /// Checks what a resume relies on and returns, per data file, the sealer of its valid prefix
    /// (to continue the checksums from there).
    ///
    /// Every recorded file must hold at least its recorded bytes, and those bytes must have the
    /// recorded rows, SHA-256 and last run; runs.csv must hold one row per run done and firms.csv
    /// end with the last run done; and what follows the valid prefix (the tail a kill leaves)
    /// must be rows of later runs of this shard, in order, not rows of runs already done.
    /// - Throws: `EngineError.invalidInput` (exit 65) with the reason.
    static func verifyResume(_ progress: SweepProgress, directory: String, record: SweepRecord,
                             shardPlan: RunPlanShard, compression: SweepCompression? = nil) throws(EngineError) -> [String: FileSealer] {
        let done = progress.runsDone
        func refuse(_ name: String, _ why: String) -> EngineError {
            .invalidInput("cannot resume: '\(OutputDirectory.file(name, in: directory))' \(why); "
                + "progress.json records \(done) runs done. Start the sweep again with --overwrite (or --out DIR)")
        }
        guard done <= shardPlan.count else {
            throw .invalidInput("cannot resume: '\(OutputDirectory.file(SweepProgress.fileName, in: directory))' records "
                + "\(done) runs done but the shard has \(shardPlan.count); start the sweep again with --overwrite")
        }
        let lastDone = done > 0 ? shardPlan[done - 1].run : nil
        let nextRun = done < shardPlan.count ? shardPlan[done].run : nil
        var sealers: [String: FileSealer] = [:]
        for table in record.files {
            let name = SweepCompression.fileName(table, compression)
            guard let recorded = progress.seals[name] else {
                throw .invalidInput("cannot resume: '\(OutputDirectory.file(SweepProgress.fileName, in: directory))' does not "
                    + "record '\(name)'; start the sweep again with --overwrite")
            }
            let path = OutputDirectory.file(name, in: directory)
            guard FileManager.default.fileExists(atPath: path) else { throw refuse(name, "is missing") }
            let scan = try FileScan.read(path, prefix: recorded.bytes)
            if scan.size < recorded.bytes {
                throw refuse(name, "has \(scan.size) bytes but its first \(recorded.bytes) are recorded as written "
                    + "(the file was cut)")
            }
            if let why = recorded.mismatch(scan.sealer.seal, recordedIn: "progress.json") { throw refuse(name, why) }
            // The record against runs_done: no rows of a run not done; runs.csv one row per run.
            if let last = recorded.lastRun, lastDone.map({ last > $0 }) ?? true {
                throw refuse(name, "holds rows of run \(last), which is not among the runs done")
            }
            if table == "runs.csv" && recorded.rows != done + 1 {
                throw refuse(name, "holds \(recorded.rows - 1) runs in its recorded bytes")
            }
            if table == "firms.csv" && recorded.lastRun != lastDone {
                throw refuse(name, "ends with run \(recorded.lastRun.map(String.init) ?? "none") in its recorded bytes, "
                    + "not with the last run done (\(lastDone.map(String.init) ?? "none"))")
            }
            // The tail after the checkpoint: rows of later runs of this shard only.
            var previous = nextRun ?? Int.max
            for run in scan.tail.runs {
                guard let run, run >= previous, shardPlan.spec.contains(run: run), nextRun != nil else {
                    throw refuse(name, "has rows after its recorded \(recorded.bytes) bytes that are not rows of the "
                        + "runs after the ones done (the file was extended or edited)")
                }
                previous = run
            }
            sealers[name] = scan.sealer
        }
        guard progress.sealMatches else {
            throw .invalidInput("cannot resume: '\(OutputDirectory.file(SweepProgress.fileName, in: directory))' was edited "
                + "after firmpaths wrote it (its seal does not match its contents), so its record cannot be trusted; "
                + "start the sweep again with --overwrite")
        }
        return sealers
    }

    /// Without a progress.json nothing is known to be complete; that is safe to start again only
    /// when the data files hold no more than their header (a kill before the first checkpoint).
    static func checkNothingToLose(directory: String, record: SweepRecord,
                                   compression: SweepCompression? = nil) throws(EngineError) {
        for table in record.files {
            let name = SweepCompression.fileName(table, compression)
            let path = OutputDirectory.file(name, in: directory)
            guard FileManager.default.fileExists(atPath: path) else { continue }
            let scan = try FileScan.read(path, prefix: 0)
            if scan.tail.rows > 1 {
                throw .invalidInput("cannot resume: '\(path)' holds \(scan.tail.rows - 1) rows but '\(directory)' has no "
                    + "progress.json to say which are complete; start the sweep again with --overwrite (or --out DIR)")
            }
        }
    }

    /// Refuses a sweep whose concurrent runs (one per thread, plus the encoded runs waiting to be
    /// written) would not fit in memory; sizes are taken from the largest design point.
    /// Refuses a sweep whose concurrent runs (one per thread, the largest point's size) would
    /// not fit in memory; `check` calls it too, so it passes no sweep that `sweep` refuses.
    public static func checkMemory(_ sweep: PreparedSweep, options: SweepOptions, runs: Int) throws(EngineError) {
        let size = sweep.largestRunSize()
        // Encoded rows of a run held in memory until written: up to 4 x threads waiting plus one per worker.
        var encoded = 0.0
        if options.record.contains(.firms) { encoded += 250 }
        if options.record.contains(.events) { encoded += (0.25 + 0.01 * Double(size.markets)) * Double(size.years) * 90 }
        if options.record.contains(.years) { encoded += Double(size.years) * 70 }
        if options.record.contains(.exports) { encoded += 0.3 * Double(size.markets) * Double(size.years) * 40 }
        if options.record.contains(.steps) {
            encoded += Double(size.years) * Double(size.stepsPerYear) / Double(max(1, options.every)) * 130
        }
        try MemoryGuard.check(size, concurrent: min(options.threads, max(1, runs)), extraPerFirm: encoded * 5,
                              limit: options.memoryLimit, what: "this sweep")
    }

    /// The share of a shard's `runs` a `--resume` into `directory` has still to run (for the
    /// disk-space check): 0 for a complete sweep, 1 when nothing is recorded as done.
    public static func remainingShare(resuming directory: String, runs: Int) -> Double {
        let target = SweepStaging.isPending(in: directory) ? SweepStaging.path(in: directory) : directory
        if let manifest = try? SweepManifest.read(OutputDirectory.file("manifest.json", in: target)),
           manifest["complete"]?.boolValue == true {
            return 0
        }
        guard runs > 0, let progress = try? SweepProgress.read(OutputDirectory.file(SweepProgress.fileName, in: target)) else {
            return 1
        }
        return Double(max(0, runs - progress.runsDone)) / Double(runs)
    }

    static func hasVisibleFiles(_ directory: String) -> Bool {
        let contents = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return contents.contains { !$0.hasPrefix(".") }
    }
}

/// Appends finished runs to the files in run order and checkpoints; used only by the ordered
/// emitter's consumer, which is never called concurrently.
final class SweepWriter: @unchecked Sendable {
    // @unchecked: mutated only from OrderedEmitter's consumer (serialized) and after the loop.
    private var files: [AppendFile?]
    /// Per file, with `--compress`: the gzip stream its rows go through.
    private var compressors: [GzipCompressor?]
    /// Checksums, rows and last run of each file, kept up to date as runs are appended.
    private var sealers: [FileSealer?]
    private let progressPath: String
    private let interval: Double
    private let runLimit: Int?
    private let cancellation: SweepCancellation
    private let progress: ProgressReporter?
    private let compression: SweepCompression?
    private let totalRuns: Int
    private var lastCheckpoint: Double
    private var stopped = false
    private var completedNow = 0
    /// Runs appended to the files (some may be after the last point a checkpoint may record).
    private var appendedRuns: Int
    /// Runs of the committed prefix: what a checkpoint records and a resume continues from.
    private(set) var runsDone: Int
    private(set) var failure: EngineError?
    /// The files' seals after the last completely appended run (compressed files: the last run
    /// after which their gzip members ended): what a checkpoint may record. A write that fails
    /// half-way through a run (disk full, file-size limit) leaves bytes past these lengths,
    /// which a resume cuts off instead of keeping half a run.
    private var committed: [FileSealer?]

    /// - Parameter sealers: for a resume, the verified state of each file's valid prefix.
    /// - Parameter compression: `--compress`: gzip members ending where `SweepCompression` says.
    init(directory: String, record: SweepRecord, paths: [String], outcomes: [String], start: SweepProgress?,
         sealers resumed: [String: FileSealer] = [:], progressPath: String,
         interval: Double, runLimit: Int?, cancellation: SweepCancellation, progress: ProgressReporter?,
         compression: SweepCompression? = nil, totalRuns: Int = Int.max) throws(EngineError) {
        self.progressPath = progressPath
        self.interval = interval
        self.runLimit = runLimit
        self.cancellation = cancellation
        self.progress = progress
        self.compression = compression
        self.totalRuns = totalRuns
        runsDone = start?.runsDone ?? 0
        appendedRuns = runsDone
        lastCheckpoint = ProgressReporter.monotonicSeconds()
        let headers: [[String]] = [RunsTable.header(paths: paths, outcomes: outcomes), FirmTable.header, TrajectoryTable.header,
                                   EventTable.header, ExportTable.header, YearTableRecorder.header]
        var files: [AppendFile?] = []
        var sealers: [FileSealer?] = []
        var compressors: [GzipCompressor?] = []
        for (index, entry) in SweepRecord.names.enumerated() {
            guard record.contains(entry.record) else {
                files.append(nil)
                sealers.append(nil)
                compressors.append(nil)
                continue
            }
            let name = SweepCompression.fileName(entry.file, compression)
            let path = OutputDirectory.file(name, in: directory)
            let compressor = compression.map { _ in GzipCompressor() }
            compressors.append(compressor)
            if let start {
                guard let length = start.lengths[name], let sealer = resumed[name], sealer.bytes == length else {
                    throw .invalidInput("'\(progressPath)' does not record '\(name)'; start again with --overwrite")
                }
                files.append(try AppendFile(path: path, truncateTo: length))
                sealers.append(sealer)
            } else {
                let file = try AppendFile(path: path, truncateTo: 0)
                var header = CSVBuffer()
                header.appendHeader(headers[index])
                var sealer = FileSealer()
                if let compressor {
                    // The header is a member of its own: the first checkpoint may record it.
                    var stored: [UInt8] = []
                    compressor.compress(header.bytes, into: &stored)
                    compressor.finishMember(into: &stored)
                    try file.append(stored)
                    sealer.absorbStored(stored)
                    sealer.absorbContent(header.bytes)
                } else {
                    try file.append(header.bytes)
                    sealer.absorb(header.bytes)
                }
                files.append(file)
                sealers.append(sealer)
            }
        }
        self.files = files
        self.sealers = sealers
        self.compressors = compressors
        committed = sealers
        if start == nil { try checkpoint() }
    }

    /// Appends `bytes` (rows) to file `index`, through its gzip stream when compressed.
    private func append(_ bytes: [UInt8], to index: Int) throws(EngineError) {
        guard let file = files[index] else { return }
        guard let compressor = compressors[index] else {
            try file.append(bytes)
            sealers[index]?.absorb(bytes)
            return
        }
        var stored: [UInt8] = []
        compressor.compress(bytes, into: &stored)
        try file.append(stored)
        sealers[index]?.absorbStored(stored)
        sealers[index]?.absorbContent(bytes)
    }

    /// Ends the gzip member of every compressed file (one that holds rows).
    private func endMembers() throws(EngineError) {
        for index in files.indices {
            guard let file = files[index], let compressor = compressors[index] else { continue }
            var stored: [UInt8] = []
            guard compressor.finishMemberIfStarted(into: &stored) else { continue }
            try file.append(stored)
            sealers[index]?.absorbStored(stored)
        }
    }

    /// Appends one run (or records why the sweep stops here).
    func consume(_ result: Result<EncodedRun, RunFailure>) throws {
        guard !stopped else { return }
        do {
            switch result {
            case .failure(.cancelled):
                stopped = true
            case .failure(.failed(let message)):
                throw EngineError.invalidInput(message)
            case .success(let run):
                for (index, bytes) in run.tables.enumerated() where index < files.count {
                    try append(bytes, to: index)
                }
                appendedRuns += 1
                completedNow += 1
                progress?.advance()
                // Plain files: every run is a point to resume from; compressed ones: where members end.
                var atBoundary = true
                if let compression {
                    atBoundary = appendedRuns % compression.memberRuns == 0 || appendedRuns == totalRuns
                    if atBoundary { try endMembers() }
                }
                if atBoundary {
                    committed = sealers
                    runsDone = appendedRuns
                }
                if let runLimit, completedNow >= runLimit {
                    stopped = true
                    cancellation.cancel()
                }
                let now = ProgressReporter.monotonicSeconds()
                if atBoundary && now - lastCheckpoint >= interval {
                    try checkpoint()
                    lastCheckpoint = now
                }
            }
        } catch let error as EngineError {
            fail(error)
            throw error
        }
    }

    private func fail(_ error: EngineError) {
        if failure == nil { failure = error }
        stopped = true
        cancellation.cancel()
    }

    /// The seals of the committed prefix, by file name.
    private var committedSeals: [String: FileSeal] {
        var seals: [String: FileSeal] = [:]
        for (index, entry) in SweepRecord.names.enumerated() {
            if let sealer = committed[index] { seals[SweepCompression.fileName(entry.file, compression)] = sealer.seal }
        }
        return seals
    }

    /// Syncs the data files, then records their seals: the order makes the record true.
    func checkpoint() throws(EngineError) {
        for file in files { try file?.sync() }
        try AppendFile.writeAtomically(SweepProgress(runsDone: runsDone, seals: committedSeals).text, to: progressPath)
    }

    /// Final checkpoint and close; returns the files' seals (for the complete manifest).
    ///
    /// Compressed files keep their last member open when the sweep stopped between member
    /// ends: the runs after the last end are not recorded and a resume writes them again, so
    /// the members end where they would have in an uninterrupted sweep.
    @discardableResult
    func finish() throws(EngineError) -> [String: FileSeal] {
        try checkpoint()
        for file in files { try file?.close() }
        files = files.map { _ in nil }
        return committedSeals
    }
}

/// Scenarios of recently used design points, shared by the workers.
///
/// Applying a point re-validates the whole scenario; replications of a point are adjacent runs,
/// so a small cache turns R validations per point into about one.
final class ScenarioCache: Sendable {
    private let sweep: PreparedSweep
    private let capacity: Int
    private let entries = Locked<[(point: Int, scenario: Scenario)]>([])

    init(sweep: PreparedSweep, capacity: Int) {
        self.sweep = sweep
        self.capacity = max(1, capacity)
    }

    func scenario(forPoint point: Int) -> Result<Scenario, ScenarioError> {
        if let hit = entries.withLock({ list in list.first { $0.point == point }?.scenario }) { return .success(hit) }
        let result: Result<Scenario, ScenarioError>
        do {
            result = .success(try sweep.scenario(forPoint: point))
        } catch {
            result = .failure(error)
        }
        if case .success(let scenario) = result {
            entries.withLock { list in
                list.append((point, scenario))
                if list.count > capacity { list.removeFirst(list.count - capacity) }
            }
        }
        return result
    }
}
