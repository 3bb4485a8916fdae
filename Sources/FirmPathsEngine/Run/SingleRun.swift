import FirmPathsIO
import FirmPathsModel
import Foundation

/// What a single run writes and how.
public struct SingleRunOptions: Sendable {
    public var directory: String
    public var overwrite: Bool
    public var threads: Int
    /// Write `trajectories.csv` (one row per firm and step).
    public var writeTrajectories: Bool
    /// Write `exports.csv` (the firm-destination-year panel; `every` does not thin it).
    public var writeExports: Bool
    /// The CSV dialect of every table (`;` and `,` decimals for European spreadsheets).
    public var dialect: CSVDialect = .standard
    /// Write `years.csv` (one row per firm and year, for spreadsheets).
    public var writeYears: Bool = false
    /// Write the tables gzip-compressed as `NAME.csv.gz` (markets.csv stays plain).
    public var compress: Bool = false
    /// Write only every K-th step to `trajectories.csv` (1: every step).
    public var every: Int
    public var commandLine: [String]
    /// Memory the run may plan for, in bytes (nil: the machine's memory); see `MemoryGuard`.
    public var memoryLimit: Double?
    /// Checked after every step: once cancelled (Ctrl-C, SIGTERM) the run stops, its files are
    /// removed and the directory is left as it was (`EngineError.interrupted`).
    public var cancellation: SweepCancellation?

    public init(directory: String, overwrite: Bool = false, threads: Int = 1, writeTrajectories: Bool = true,
                writeExports: Bool = true, every: Int = 1, commandLine: [String] = [], memoryLimit: Double? = nil) {
        self.directory = directory
        self.overwrite = overwrite
        self.threads = threads
        self.writeTrajectories = writeTrajectories
        self.writeExports = writeExports
        self.every = max(1, every)
        self.commandLine = commandLine
        self.memoryLimit = memoryLimit
    }
}

/// The result of a single run, for summaries on the terminal.
public struct SingleRunResult: Sendable {
    public var outcomes: [FirmOutcome]
    public var pathCounts: [TrajectoryPath: Int]
    public var setupSeconds: Double
    public var simulateSeconds: Double
    public var firmSteps: Int
    public var eventCount: Int
    /// SHA-256 of `markets.csv`.
    public var marketsChecksum: String
}

/// One run from the command line: simulate a scenario with one seed and write
/// `manifest.json`, `markets.csv`, `firms.csv`, `trajectories.csv`, `events.csv` and `exports.csv`.
public enum SingleRun {
    public static func execute(scenario: Scenario, resolvedScenario: JSONValue, scenarioFile: String, seed: UInt64,
                               options: SingleRunOptions) throws(EngineError) -> SingleRunResult {
        // Before anything is allocated or created: a run too large for the machine is refused.
        try MemoryGuard.check(RunSize(scenario), limit: options.memoryLimit)
        // Locked, and written into a staging directory: the previous set of files stays until
        // the new set is complete, then the whole set is replaced (see StagedOutput).
        let output = try StagedOutput(directory: options.directory, overwrite: options.overwrite,
                                      command: options.commandLine.isEmpty ? "firmpaths run" : options.commandLine.joined(separator: " "))
        defer { output.abandon() }
        let directory = output.staging
        let clockStart = Date()
        let simulation = Simulation(scenario: scenario, seed: seed)
        let setupSeconds = Date().timeIntervalSince(clockStart)
        // Infinity or NaN in any table stops the run (exit 65) instead of an empty field.
        let finite = FiniteOutputCheck(resolved: { resolvedScenario }, what: "the run")
        let untouched = "; nothing was written: '\(options.directory)' is as it was"
        do {
            try finite.checkSetup(simulation)
        } catch {
            throw .invalidInput(error.description + untouched)
        }
        // The checksum of the bytes the table below writes (header and rows in one flush).
        let markets = options.dialect.convert(MarketTable.file(worlds: [simulation.world]))

        let dialect = options.dialect
        func openTable(_ name: String, header: [String], in directory: String, enabled: Bool) throws(EngineError) -> TableWriter? {
            let compressed = options.compress && name != "markets.csv"
            let table = try SingleRun.openTable(compressed ? name + Gzip.suffix : name, header: header, in: directory,
                                                enabled: enabled)
            table?.file.dialect = dialect
            // Compresses what the writer writes, on its queue (the bytes it compresses are the plain file's).
            if compressed { table?.file.compressor = GzipCompressor() }
            return table
        }
        let trajectories = try openTable("trajectories.csv", header: TrajectoryTable.header, in: directory,
                                         enabled: options.writeTrajectories)
        let events = try openTable("events.csv", header: EventTable.header, in: directory, enabled: true)
        let exports = try openTable("exports.csv", header: ExportTable.header, in: directory,
                                    enabled: options.writeExports)
        let stepTables = StepTables(
            events: events, exports: exports,
            panel: options.writeExports
                ? ExportPanelRecorder(firms: simulation.store.firmCount, markets: simulation.world.marketCount,
                                      stepsPerYear: simulation.clock.stepsPerYear)
                : nil,
            years: options.writeYears
                ? YearTableRecorder(firms: simulation.store.firmCount, years: scenario.years,
                                    stepsPerYear: simulation.clock.stepsPerYear)
                : nil)
        let trajectoryEncoder = ParallelRowEncoder(firms: simulation.store.firmCount, threads: options.threads)
        let simulateStart = Date()
        let cancellation = options.cancellation
        var noTrajectories = CSVBuffer()
        do {
            try RunExecutor.run(simulation, threads: options.threads) { simulation, stepEvents in
                if let cancellation, cancellation.isCancelled { throw RunInterrupted() }
                let trajectoryRows = trajectories != nil && simulation.currentStep % options.every == 0
                if trajectoryRows || (events != nil && !stepEvents.isEmpty) {
                    try finite.checkStep(simulation, events: stepEvents)
                }
                // Every table of the step is encoded from the step's finished state at the same
                // time (the firms' state is only read here): the trajectory rows in firm chunks,
                // events, exports and years as one job each, every one into its own buffer.
                // The writers' queues then write them while the next step runs.
                func encode(into buffer: inout CSVBuffer) {
                    trajectoryEncoder.append(into: &buffer, rows: trajectoryRows, { firms, buffer in
                        TrajectoryTable.appendRows(of: simulation, run: 0, firms: firms, into: &buffer)
                    }, jobs: StepTables.jobCount) { job in
                        stepTables.run(job: job, simulation: simulation, events: stepEvents)
                    }
                }
                if let trajectories {
                    encode(into: &trajectories.buffer)
                    try trajectories.flushIfFull()
                } else {
                    encode(into: &noTrajectories)
                }
                if let rows = stepTables.takeNonFiniteExports() {
                    try finite.checkExports(rows, simulation: simulation)
                }
                try events?.flushIfFull()
                try exports?.flushIfFull()
            }
        } catch let error as CSVFileError {
            throw EngineError.io(error.description)
        } catch let error as EngineError {
            throw .invalidInput(error.description + untouched)
        } catch is RunInterrupted {
            throw EngineError.interrupted("interrupted at step \(simulation.currentStep) of \(scenario.totalSteps); "
                + "nothing was written: '\(options.directory)' is as it was")
        } catch {
            throw EngineError.io("\(error)")
        }
        let simulateSeconds = Date().timeIntervalSince(simulateStart)

        let outcomes = simulation.firmOutcomes()
        do {
            try finite.checkEnd(simulation, outcomes: outcomes)
            try finite.checkYears(stepTables.years?.firstNonFinite(), simulation: simulation)
        } catch {
            throw .invalidInput(error.description + untouched)
        }
        let firms = try openTable("firms.csv", header: FirmTable.header, in: directory, enabled: true)
        // Like every table, markets.csv appears under its final name only once the run is complete.
        let marketTable = try openTable("markets.csv", header: MarketTable.header, in: directory, enabled: true)
        if let marketTable { MarketTable.appendRows(of: simulation.world, map: 0, into: &marketTable.buffer) }
        let years = try openTable("years.csv", header: YearTableRecorder.header, in: directory, enabled: stepTables.years != nil)
        // years.csv in firm chunks and firms.csv as one job, at the same time, block by block of
        // firms; each block is handed to the writers, so that neither table is all in memory at once.
        let yearRecorder = stepTables.years
        // Small blocks (a few MB): the writer's queue hands back the buffers of earlier blocks,
        // so the table is encoded into memory already in use rather than into fresh pages.
        let block = 4096
        let encoder = ParallelRowEncoder(firms: block, threads: options.threads, firmsPerChunk: 1024)
        var noYears = CSVBuffer()
        do throws(CSVFileError) {
            for base in stride(from: 0, to: max(outcomes.count, 1), by: block) {
                let upper = min(outcomes.count, base + block)
                func encodeBlock(into yearBuffer: inout CSVBuffer) {
                    encoder.append(into: &yearBuffer, rows: years != nil, { range, buffer in
                        let lower = base + range.lowerBound
                        guard lower < upper else { return }
                        yearRecorder?.appendRows(of: simulation, outcomes: outcomes[lower..<min(upper, base + range.upperBound)],
                                                 run: 0, into: &buffer)
                    }, jobs: 1) { _ in
                        if let firms { FirmTable.appendRows(of: simulation, outcomes: outcomes[base..<upper], run: 0, into: &firms.buffer) }
                    }
                }
                if let years {
                    encodeBlock(into: &years.buffer)
                    try years.flushIfFull()
                } else {
                    encodeBlock(into: &noYears)
                }
                try firms?.flushIfFull()
            }
        } catch {
            throw EngineError.io(error.description)
        }
        for table in [trajectories, events, exports, firms, years, marketTable].compactMap({ $0 }) { try table.finish() }

        var counts: [TrajectoryPath: Int] = [:]
        for outcome in outcomes { counts[outcome.classification.path, default: 0] += 1 }
        let result = SingleRunResult(outcomes: outcomes, pathCounts: counts, setupSeconds: setupSeconds,
                                     simulateSeconds: simulateSeconds,
                                     firmSteps: scenario.population.firms * scenario.totalSteps,
                                     eventCount: simulation.events.count, marketsChecksum: SHA256.hex(markets))
        let manifest = Manifest.singleRun(scenario: scenario, resolvedScenario: resolvedScenario, scenarioFile: scenarioFile,
                                          seed: seed, marketSeed: scenario.markets.generationSeed, options: options,
                                          result: result)
        try OutputDirectory.writeAtomically(manifest, to: OutputDirectory.file("manifest.json", in: directory))
        if let cancellation, cancellation.isCancelled {
            throw EngineError.interrupted("interrupted while writing the files; nothing was written: '\(options.directory)' is as it was")
        }
        try output.commit()
        return result
    }

    static func openTable(_ name: String, header: [String], in directory: String, enabled: Bool) throws(EngineError) -> TableWriter? {
        guard enabled else { return nil }
        do {
            return try TableWriter(path: OutputDirectory.file(name, in: directory), header: header)
        } catch {
            throw EngineError.io(error.description)
        }
    }
}

/// Thrown out of the step loop when the run is cancelled.
struct RunInterrupted: Error {}

/// The tables of a step besides trajectories.csv, each encoded by one job of the step
/// (see `ParallelRowEncoder.append(into:rows:_:jobs:job:)`): the jobs run at the same time, and
/// each touches only its own recorder and buffer.
final class StepTables: @unchecked Sendable {
    /// Jobs of a step: 0 exports (the longest), 1 events, 2 years.
    static let jobCount = 3
    let events: TableWriter?
    let exports: TableWriter?
    var panel: ExportPanelRecorder?
    var years: YearTableRecorder?
    /// The step's export rows when one of them is not finite (job 0 cannot throw; the run
    /// checks this after the step's jobs, before anything of the step is written).
    private var nonFiniteExports: [ExportRow]?

    init(events: TableWriter?, exports: TableWriter?, panel: ExportPanelRecorder?, years: YearTableRecorder?) {
        self.events = events
        self.exports = exports
        self.panel = panel
        self.years = years
    }

    func run(job: Int, simulation: Simulation, events stepEvents: ArraySlice<FirmEvent>) {
        switch job {
        case 0:
            if let exports, let rows = panel?.record(simulation, events: stepEvents), !rows.isEmpty {
                if rows.contains(where: { !$0.sales.isFinite }) { nonFiniteExports = rows }
                ExportTable.appendRows(rows, world: simulation.world, run: 0, into: &exports.buffer)
            }
        case 1:
            if let events { EventTable.appendRows(stepEvents, of: simulation, run: 0, into: &events.buffer) }
        default:
            years?.record(simulation)
        }
    }

    /// The export rows of the last step if one is not finite, once.
    func takeNonFiniteExports() -> [ExportRow]? {
        defer { nonFiniteExports = nil }
        return nonFiniteExports
    }
}

/// A CSV file being written: its buffer and its file.
final class TableWriter: @unchecked Sendable {
    var buffer = CSVBuffer(capacity: 1 << 21)
    let file: CSVFileWriter

    init(path: String, header: [String]) throws(CSVFileError) {
        file = try CSVFileWriter(path: path, background: true)
        buffer.appendHeader(header)
    }

    func flushIfFull() throws(CSVFileError) {
        try file.write(&buffer)
    }

    func finish() throws(EngineError) {
        do {
            try file.finish(&buffer)
        } catch {
            throw EngineError.io(error.description)
        }
    }
}
