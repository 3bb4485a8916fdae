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
        var panel = options.writeExports
            ? ExportPanelRecorder(firms: simulation.store.firmCount, markets: simulation.world.marketCount,
                                  stepsPerYear: simulation.clock.stepsPerYear)
            : nil
        var yearTable = options.writeYears
            ? YearTableRecorder(firms: simulation.store.firmCount, years: scenario.years, stepsPerYear: simulation.clock.stepsPerYear)
            : nil
        let trajectoryEncoder = ParallelRowEncoder(firms: simulation.store.firmCount, threads: options.threads)
        let simulateStart = Date()
        let cancellation = options.cancellation
        do {
            try RunExecutor.run(simulation, threads: options.threads) { simulation, stepEvents in
                if let cancellation, cancellation.isCancelled { throw RunInterrupted() }
                if let trajectories, simulation.currentStep % options.every == 0 {
                    // The rows of a step are encoded in parallel (the firms' state is only read
                    // here); the writer's queue then writes them while the next step runs.
                    trajectoryEncoder.append(into: &trajectories.buffer) { firms, buffer in
                        TrajectoryTable.appendRows(of: simulation, run: 0, firms: firms, into: &buffer)
                    }
                    try trajectories.flushIfFull()
                }
                if let events {
                    EventTable.appendRows(stepEvents, of: simulation, run: 0, into: &events.buffer)
                    try events.flushIfFull()
                }
                yearTable?.record(simulation)
                if let exports, let rows = panel?.record(simulation, events: stepEvents), !rows.isEmpty {
                    ExportTable.appendRows(rows, world: simulation.world, run: 0, into: &exports.buffer)
                    try exports.flushIfFull()
                }
            }
        } catch let error as CSVFileError {
            throw EngineError.io(error.description)
        } catch is RunInterrupted {
            throw EngineError.interrupted("interrupted at step \(simulation.currentStep) of \(scenario.totalSteps); "
                + "nothing was written: '\(options.directory)' is as it was")
        } catch {
            throw EngineError.io("\(error)")
        }
        let simulateSeconds = Date().timeIntervalSince(simulateStart)

        let outcomes = simulation.firmOutcomes()
        let firms = try openTable("firms.csv", header: FirmTable.header, in: directory, enabled: true)
        if let firms { FirmTable.appendRows(of: simulation, outcomes: outcomes, run: 0, into: &firms.buffer) }
        // Like every table, markets.csv appears under its final name only once the run is complete.
        let marketTable = try openTable("markets.csv", header: MarketTable.header, in: directory, enabled: true)
        if let marketTable { MarketTable.appendRows(of: simulation.world, map: 0, into: &marketTable.buffer) }
        let years = try openTable("years.csv", header: YearTableRecorder.header, in: directory, enabled: yearTable != nil)
        if let years { yearTable?.appendRows(of: simulation, outcomes: outcomes, run: 0, into: &years.buffer) }
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

/// A CSV file being written: its buffer and its file.
final class TableWriter {
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
