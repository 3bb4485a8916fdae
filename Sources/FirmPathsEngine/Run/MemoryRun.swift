import FirmPathsIO
import FirmPathsModel
import Foundation

/// The tables of one run held in memory: the bytes `firmpaths run` would write to firms.csv,
/// trajectories.csv and events.csv for the same scenario and seed (`run` column 0).
public struct MemoryRunResult: Sendable {
    public var outcomes: [FirmOutcome]
    public var pathCounts: [TrajectoryPath: Int]
    public var firmsCSV: [UInt8]
    public var trajectoriesCSV: [UInt8]
    public var eventsCSV: [UInt8]
    public var simulateSeconds: Double
}

/// Why an in-memory run stopped early.
public struct MemoryRunCancelled: Error, Sendable {}

/// One run whose tables stay in memory, for the explorer: nothing is written to disk.
///
/// Uses the same simulation, executor and table writers as `SingleRun`, so its tables are byte
/// for byte those of `firmpaths run` with the same scenario and seed (`firmpaths run` writes
/// every step with the default `--every 1`).
public enum MemoryRun {
    /// Runs `scenario` with `seed`; `isCancelled` is asked after every step and stops the run.
    public static func execute(scenario: Scenario, seed: UInt64, threads: Int = 1, writeTrajectories: Bool = true,
                               isCancelled: () -> Bool = { false }) throws(MemoryRunCancelled) -> MemoryRunResult {
        let simulation = Simulation(scenario: scenario, seed: seed)
        var trajectories = CSVBuffer(capacity: writeTrajectories ? 1 << 20 : 0)
        var events = CSVBuffer(capacity: 1 << 18)
        if writeTrajectories { trajectories.appendHeader(TrajectoryTable.header) }
        events.appendHeader(EventTable.header)
        let start = Date()
        do {
            try RunExecutor.run(simulation, threads: threads) { simulation, stepEvents in
                if writeTrajectories { TrajectoryTable.appendRows(of: simulation, run: 0, into: &trajectories) }
                EventTable.appendRows(stepEvents, of: simulation, run: 0, into: &events)
                if isCancelled() { throw MemoryRunCancelled() }
            }
        } catch {
            throw MemoryRunCancelled()
        }
        let seconds = Date().timeIntervalSince(start)
        let outcomes = simulation.firmOutcomes()
        var firms = CSVBuffer(capacity: 1 << 16)
        firms.appendHeader(FirmTable.header)
        FirmTable.appendRows(of: simulation, outcomes: outcomes, run: 0, into: &firms)
        var counts: [TrajectoryPath: Int] = [:]
        for outcome in outcomes { counts[outcome.classification.path, default: 0] += 1 }
        return MemoryRunResult(outcomes: outcomes, pathCounts: counts, firmsCSV: firms.bytes, trajectoriesCSV: trajectories.bytes,
                               eventsCSV: events.bytes, simulateSeconds: seconds)
    }
}
