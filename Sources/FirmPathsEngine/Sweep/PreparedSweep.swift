import FirmPathsIO
import FirmPathsModel

/// A sweep whose every design point has been checked against the scenario rules: the runs can
/// start and none of them will fail on its parameters.
public struct PreparedSweep: Sendable {
    /// The scenario the points modify (after `--set` overrides).
    public let base: LoadedScenario
    /// The parsed sweep block.
    public let spec: SweepSpec
    /// Design points x replications, with derived seeds.
    public let plan: RunPlan
    /// File name used in messages and in the manifest.
    public let file: String
    /// The market maps of the design points (`markets.csv`).
    public let marketMaps: MarketMaps

    /// The swept parameter paths, i.e. the parameter columns of `runs.csv`.
    public var paths: [String] { spec.paths }

    /// Parses the sweep block and validates every design point.
    ///
    /// Each point is applied with `ScenarioLoader.settingValues`, which re-runs the full scenario
    /// validation, so a point with, say, segment shares no longer summing to 1 is reported before
    /// anything runs. Points are checked in parallel because large designs have many of them.
    /// - Parameters:
    ///   - loaded: the scenario, overrides already applied.
    ///   - file: the scenario file for messages (`loaded.file` is `override` after `--set`).
    ///   - threads: threads for point validation.
    /// - Throws: `ScenarioError` (`.invalid`) naming the file, the sweep key and the point.
    public static func prepare(_ loaded: LoadedScenario, file: String? = nil, threads: Int = 1) throws(ScenarioError) -> PreparedSweep {
        let file = file ?? loaded.file
        let spec = try SweepSpec.parse(loaded, file: file)
        let points: [SweepPoint]
        let plan: RunPlan
        do {
            points = try spec.points()
            plan = try RunPlan(points: points, replications: spec.replications, baseSeed: spec.baseSeed, seeding: spec.seeding)
        } catch {
            throw ScenarioError(kind: .invalid, problems: [
                ScenarioProblem(file: file, position: nil, path: "sweep", message: "\(error)"),
            ])
        }
        if !spec.paths.isEmpty {
            let failures = ParallelFor.map(count: points.count, threads: threads, chunk: 16) { index -> ScenarioError? in
                do throws(ScenarioError) {
                    _ = try ScenarioLoader.settingValues(points[index].values, in: loaded)
                    return nil
                } catch {
                    return error
                }
            }
            var problems: [ScenarioProblem] = []
            for (index, failure) in failures.enumerated() {
                guard let failure else { continue }
                let values = points[index].values.map { "\($0.path)=\($0.value)" }.joined(separator: ", ")
                for problem in failure.problems {
                    let location = problem.path.map { "\($0): " } ?? ""
                    problems.append(ScenarioProblem(file: file, position: nil, path: "sweep",
                                                    message: "design point \(index) (\(values)): \(location)\(problem.message)"))
                }
                if problems.count >= 20 { break }
            }
            guard problems.isEmpty else { throw ScenarioError(kind: .invalid, problems: problems) }
        }
        let sweepsMarkets = spec.paths.contains { $0 == "markets" || $0.hasPrefix("markets.") }
        let maps = try MarketMaps.of(pointCount: points.count, sweepsMarkets: sweepsMarkets, base: loaded.scenario) {
            (point: Int) throws(ScenarioError) -> Scenario in
            try ScenarioLoader.settingValues(points[point].values, in: loaded).scenario
        }
        return PreparedSweep(base: loaded, spec: spec, plan: plan, file: file, marketMaps: maps)
    }

    /// The scenario of design point `point`.
    /// - Throws: `ScenarioError`; cannot happen for a point checked by `prepare`.
    public func scenario(forPoint point: Int) throws(ScenarioError) -> Scenario {
        let values = plan.points[point].values
        guard !values.isEmpty else { return base.scenario }
        return try ScenarioLoader.settingValues(values, in: base).scenario
    }
}
