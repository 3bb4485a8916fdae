import FirmPathsIO
import FirmPathsModel

/// The encoded rows of one finished run, one byte block per recorded table in
/// `SweepRecord.names` order (empty for tables not recorded).
///
/// Workers encode into these blocks so the ordered writer only appends bytes: the expensive
/// formatting happens in parallel and memory holds at most the reorder window's runs.
struct EncodedRun: Sendable {
    var tables: [[UInt8]]
}

/// Why a run produced no rows.
enum RunFailure: Error, Sendable {
    /// The sweep was interrupted before or during the run.
    case cancelled
    /// The run could not be set up (cannot happen for a prepared sweep, kept as a value so the
    /// ordered writer can report it instead of waiting forever).
    case failed(String)
}

/// Headline outcomes of a run: the columns of `runs.csv` after the parameters.
public enum RunsTable {
    /// Columns before the swept parameters.
    public static let leadingHeader = ["run", "point", "replication", "seed"]
    /// Columns after the swept parameters.
    public static let outcomeHeader = TrajectoryPath.allCases.map { "share_\($0.description)" } + [
        "share_exporting_end", "mean_foreign_share_end", "share_mode3plus_end", "backsourcing_per_100_firms",
        "firms_alive_end",
    ]

    /// The full header for a sweep over `paths`; each parameter column is named by its path,
    /// the sweep's own outcomes (`sweep.outcomes`) come last.
    public static func header(paths: [String], outcomes: [String] = []) -> [String] {
        leadingHeader + paths + outcomeHeader + outcomes
    }

    /// Appends the row of one run.
    ///
    /// Path shares are over all firms the run created; end-of-run shares and the mean foreign
    /// share are over the firms alive at the end (empty fields when none is), because dead firms
    /// have no current state; backsourcing is per 100 firms created so runs of different
    /// sizes compare.
    static func appendRow(run: PlannedRun, simulation: Simulation, outcomes: [FirmOutcome], extra: [Double] = [],
                          into buffer: inout CSVBuffer) {
        buffer.appendField(run.run)
        buffer.appendField(run.point)
        buffer.appendField(run.replication)
        buffer.appendField(String(run.seed))
        for (_, value) in run.values { buffer.appendField(value) }

        let store = simulation.store
        var pathCounts = [Int](repeating: 0, count: TrajectoryPath.allCases.count)
        var backsourcing = 0
        for outcome in outcomes {
            pathCounts[Int(outcome.classification.path.rawValue)] += 1
            backsourcing += outcome.backsourcingEvents
        }
        var alive = 0
        var exporting = 0
        var foreignShare = 0.0
        var mode3 = 0
        for firm in 0..<store.firmCount where store.alive[firm] {
            alive += 1
            if store.foreignShare[firm] > 0 { exporting += 1 }
            foreignShare += store.foreignShare[firm]
            if store.maxMode[firm] >= 3 { mode3 += 1 }
        }
        let firms = Double(max(1, outcomes.count))
        for count in pathCounts { buffer.appendField(Double(count) / firms) }
        if alive > 0 {
            let living = Double(alive)
            buffer.appendField(Double(exporting) / living)
            buffer.appendField(foreignShare / living)
            buffer.appendField(Double(mode3) / living)
        } else {
            buffer.appendEmpty()
            buffer.appendEmpty()
            buffer.appendEmpty()
        }
        buffer.appendField(Double(backsourcing) * 100 / Double(max(1, store.firmCount)))
        buffer.appendField(alive)
        // A user outcome over an empty population is NaN: an empty field, as the end shares above.
        for value in extra { buffer.appendField(value) }
        buffer.endRow()
    }
}

/// Runs one planned run single-threaded and encodes its rows.
struct SweepRunEncoder: Sendable {
    let sweep: PreparedSweep
    let record: SweepRecord
    let every: Int
    let cancellation: SweepCancellation

    /// Simulates `run` and returns its rows, or why there are none.
    ///
    /// Each run uses one thread (`RunExecutor.run(threads: 1)`): runs are the unit of
    /// parallelism, which scales better than splitting small runs' firms across cores. The
    /// trajectory rule is `SingleRun`'s (steps with `step % every == 0`) so a run's rows equal
    /// the rows `firmpaths run` writes for the same seed and parameters.
    func encode(_ run: PlannedRun, scenario: Scenario) -> Result<EncodedRun, RunFailure> {
        guard !cancellation.isCancelled else { return .failure(.cancelled) }
        let simulation = Simulation(scenario: scenario, seed: run.seed)
        // Infinity or NaN in any table stops the sweep at this run (exit 65; the runs before
        // it are kept and checkpointed) instead of an empty field.
        let base = sweep.base.resolvedJSON
        let finite = FiniteOutputCheck(resolved: { Self.resolved(base, values: run.values) },
                                       what: "run \(run.run) (design point \(run.point)" + Self.pointText(run.values) + ")")
        do {
            try finite.checkSetup(simulation)
        } catch {
            return .failure(.failed(error.description))
        }
        var trajectories = CSVBuffer()
        var events = CSVBuffer()
        var exports = CSVBuffer()
        let recordSteps = record.contains(.steps)
        let recordEvents = record.contains(.events)
        var panel = record.contains(.exports)
            ? ExportPanelRecorder(firms: simulation.store.firmCount, markets: simulation.world.marketCount,
                                  stepsPerYear: simulation.clock.stepsPerYear)
            : nil
        var yearTable = record.contains(.years)
            ? YearTableRecorder(firms: simulation.store.firmCount, years: scenario.years, stepsPerYear: simulation.clock.stepsPerYear)
            : nil
        do {
            try RunExecutor.run(simulation, threads: 1) { simulation, stepEvents in
                if cancellation.isCancelled { throw RunFailure.cancelled }
                let recordsStep = recordSteps && simulation.currentStep % every == 0
                if recordsStep || (recordEvents && !stepEvents.isEmpty) {
                    try finite.checkStep(simulation, events: stepEvents)
                }
                if recordsStep {
                    TrajectoryTable.appendRows(of: simulation, run: run.run, into: &trajectories)
                }
                if recordEvents {
                    EventTable.appendRows(stepEvents, of: simulation, run: run.run, into: &events)
                }
                yearTable?.record(simulation)
                if let rows = panel?.record(simulation, events: stepEvents), !rows.isEmpty {
                    try finite.checkExports(rows, simulation: simulation)
                    ExportTable.appendRows(rows, world: simulation.world, run: run.run, into: &exports)
                }
            }
        } catch let error as EngineError {
            return .failure(.failed(error.description))
        } catch {
            return .failure(.cancelled)
        }
        let outcomes = simulation.firmOutcomes()
        let extra = record.contains(.runs) ? SweepOutcome.values(sweep.spec.outcomes, simulation: simulation, firms: outcomes) : []
        do {
            try finite.checkEnd(simulation, outcomes: outcomes,
                                extra: zip(sweep.spec.outcomes, extra).map { (name: $0.name, value: $1) })
            try finite.checkYears(yearTable?.firstNonFinite(), simulation: simulation)
        } catch {
            return .failure(.failed(error.description))
        }
        var tables: [[UInt8]] = []
        tables.reserveCapacity(SweepRecord.names.count)
        if record.contains(.runs) {
            var runs = CSVBuffer(capacity: 256)
            RunsTable.appendRow(run: run, simulation: simulation, outcomes: outcomes, extra: extra, into: &runs)
            tables.append(runs.bytes)
        } else {
            tables.append([])
        }
        if record.contains(.firms) {
            var firms = CSVBuffer(capacity: outcomes.count * 200)
            FirmTable.appendRows(of: simulation, outcomes: outcomes, run: run.run, into: &firms)
            tables.append(firms.bytes)
        } else {
            tables.append([])
        }
        tables.append(trajectories.bytes)
        tables.append(events.bytes)
        tables.append(exports.bytes)
        if let yearTable {
            var years = CSVBuffer(capacity: outcomes.count * scenario.years * 60)
            yearTable.appendRows(of: simulation, outcomes: outcomes, run: run.run, into: &years)
            tables.append(years.bytes)
        } else {
            tables.append([])
        }
        return .success(EncodedRun(tables: tables))
    }

    /// ": a=1, b=2" for a point's values, "" for none.
    static func pointText(_ values: [(path: String, value: Double)]) -> String {
        values.isEmpty ? "" : ": " + values.map { "\($0.path)=\(JSONWriter.numberText($0.value))" }.joined(separator: ", ")
    }

    /// The base scenario with a design point's values set, for naming suspects.
    static func resolved(_ base: JSONValue, values: [(path: String, value: Double)]) -> JSONValue {
        var resolved = base
        for (text, value) in values {
            guard let path = try? JSONPath(parsing: text) else { continue }
            try? resolved.setValue(.number(value), at: path)
        }
        return resolved
    }
}
