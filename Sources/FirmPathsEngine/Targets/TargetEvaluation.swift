import FirmPathsIO
import FirmPathsModel

/// Mean and 95% interval of one figure over replications.
public struct ReplicationSummary: Sendable, Equatable {
    public var values: [Double]
    public var mean: Double
    public var lower: Double
    public var upper: Double

    /// Student-t interval over the finite values (NaN replications, e.g. an empty population, are skipped).
    public init(values: [Double]) {
        self.values = values
        let finite = values.filter(\.isFinite)
        let n = finite.count
        guard n > 0 else {
            mean = .nan
            lower = .nan
            upper = .nan
            return
        }
        let m = finite.reduce(0, +) / Double(n)
        mean = m
        guard n > 1 else {
            lower = m
            upper = m
            return
        }
        let variance = finite.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(n - 1)
        let half = Self.tQuantile975(degrees: n - 1) * (variance / Double(n)).squareRoot()
        lower = m - half
        upper = m + half
    }

    /// 97.5% quantile of Student's t (two-sided 95%).
    static func tQuantile975(degrees: Int) -> Double {
        let table: [Double] = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
                               2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
                               2.052, 2.048, 2.045, 2.042]
        if degrees >= 1 && degrees <= table.count { return table[degrees - 1] }
        return degrees > 120 ? 1.96 : 2.0
    }
}

/// One target's result over the replications.
public struct TargetResult: Sendable, Equatable {
    public var target: Target
    public var summary: ReplicationSummary

    public init(target: Target, summary: ReplicationSummary) {
        self.target = target
        self.summary = summary
    }

    public var holds: Bool { target.holds(summary.mean) }
}

/// Runs replications of a scenario and evaluates target measures in memory.
public enum TargetEvaluation {
    /// Simulates `replications` runs of `scenario` (run seeds `RunSeed.derive(seed, point, r)`),
    /// spread over `threads`, each run on one thread, recording its export spells; returns
    /// `observe(run, spells)` per replication in replication order, identical for any thread count.
    public static func replicate<T: Sendable>(scenario: Scenario, replications: Int, seed: UInt64, point: Int = 0,
                                              threads: Int,
                                              observe: @Sendable @escaping (Simulation, [ExportSpell]) -> T) -> [T] {
        ParallelFor.map(count: replications, threads: threads, chunk: 1) { replication in
            let simulation = Simulation(scenario: scenario, seed: RunSeed.derive(baseSeed: seed, point: point,
                                                                               replication: replication))
            let spells = SpellRecorder.run(simulation)
            return observe(simulation, spells)
        }
    }

    /// The observation of a finished run that the measures read.
    public static func observe(_ simulation: Simulation, spells: [ExportSpell]) -> TargetRun {
        TargetRun(simulation: simulation, outcomes: simulation.firmOutcomes(), spells: spells)
    }

    /// Every target's value on every run, then the summaries.
    public static func summarize(_ targets: [Target], runs: [TargetRun]) -> [TargetResult] {
        targets.map { target in
            TargetResult(target: target, summary: ReplicationSummary(values: runs.map { target.measure.evaluate($0) }))
        }
    }

    /// Runs `replications` replications and evaluates `targets`.
    public static func evaluate(_ targets: [Target], scenario: Scenario, replications: Int, seed: UInt64,
                                threads: Int) -> [TargetResult] {
        let runs = replicate(scenario: scenario, replications: replications, seed: seed, threads: threads) {
            observe($0, spells: $1)
        }
        return summarize(targets, runs: runs)
    }

    /// Distance of a set of results to their targets: the sum over targets of the
    /// squared normalized deviation outside the tolerated range (0 when every target holds), and,
    /// to rank points that all hold, the sum of squared deviations from the ranges' middles.
    public static func distance(_ results: [TargetResult]) -> (outside: Double, centre: Double) {
        var outside = 0.0
        var centre = 0.0
        for result in results {
            let d = result.target.normalizedDeviation(result.summary.mean)
            outside += d * d
            let c = result.target.centreDeviation(result.summary.mean)
            centre += c * c
        }
        return (outside, centre)
    }
}

/// The headline outcomes of `runs.csv`, computed in memory (for sensitivity screening).
public enum HeadlineOutcomes {
    public static let names = TrajectoryPath.allCases.map { "share_\($0.description)" } + [
        "share_exporting_end", "mean_foreign_share_end", "share_mode3plus_end", "backsourcing_per_100_firms",
    ]

    /// Same definitions as `RunsTable`: path shares over all firms created, end shares over firms
    /// alive at the end, backsourcing events per 100 firms created.
    public static func values(_ simulation: Simulation) -> [Double] {
        let outcomes = simulation.firmOutcomes()
        let store = simulation.store
        var pathCounts = [Int](repeating: 0, count: TrajectoryPath.allCases.count)
        var backsourcing = 0
        for outcome in outcomes {
            pathCounts[Int(outcome.classification.path.rawValue)] += 1
            backsourcing += outcome.backsourcingEvents
        }
        var alive = 0, exporting = 0, mode3 = 0
        var foreignShare = 0.0
        for firm in 0..<store.firmCount where store.alive[firm] {
            alive += 1
            if store.foreignShare[firm] > 0 { exporting += 1 }
            foreignShare += store.foreignShare[firm]
            if store.maxMode[firm] >= 3 { mode3 += 1 }
        }
        let firms = Double(max(1, outcomes.count))
        let living = Double(max(1, alive))
        return pathCounts.map { Double($0) / firms } + [
            Double(exporting) / living, foreignShare / living, Double(mode3) / living,
            Double(backsourcing) * 100 / Double(max(1, store.firmCount)),
        ]
    }
}

/// Runs every run of a prepared sweep in memory (no files) and returns `observe` per run, in run order.
///
/// With `commonRandomNumbers`, points are grouped by `group(point)` and replication r of every
/// point of group g uses the seed `RunSeed.derive(baseSeed, g, r)`: common random numbers within
/// a group, so differences between its points are not drowned by run-to-run noise, and
/// independent draws between groups, so no single set of simulated populations decides every
/// comparison. Morris screening groups by trajectory. Without it, seeds are those of
/// `firmpaths sweep`.
public enum InMemorySweep {
    public static func run<T: Sendable>(_ sweep: PreparedSweep, threads: Int,
                                        commonRandomNumbers group: (@Sendable (Int) -> Int)? = nil,
                                        observe: @Sendable @escaping (Simulation) -> T) throws(ScenarioError) -> [T] {
        try runRecorded(sweep, threads: threads, commonRandomNumbers: group, recordSpells: false) { simulation, _ in
            observe(simulation)
        }
    }

    /// As `run`, with the run's export spells (recorded with `SpellRecorder` when `recordSpells`,
    /// empty otherwise) passed to `observe`.
    public static func runRecorded<T: Sendable>(_ sweep: PreparedSweep, threads: Int,
                                                commonRandomNumbers group: (@Sendable (Int) -> Int)? = nil,
                                                recordSpells: Bool = true,
                                                observe: @Sendable @escaping (Simulation, [ExportSpell]) -> T)
        throws(ScenarioError) -> [T] {
        var scenarios: [Scenario] = []
        for point in sweep.plan.points.indices { scenarios.append(try sweep.scenario(forPoint: point)) }
        let plan = sweep.plan
        let frozen = scenarios
        return ParallelFor.map(count: plan.count, threads: threads, chunk: 1) { index in
            let run = plan[index]
            let seed = group.map { RunSeed.derive(baseSeed: plan.baseSeed, point: $0(run.point), replication: run.replication) }
                ?? run.seed
            let simulation = Simulation(scenario: frozen[run.point], seed: seed)
            if recordSpells {
                let spells = SpellRecorder.run(simulation)
                return observe(simulation, spells)
            }
            simulation.runToEnd()
            return observe(simulation, [])
        }
    }
}
