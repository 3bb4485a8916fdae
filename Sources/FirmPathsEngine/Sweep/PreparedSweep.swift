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

    /// What `prepare` needs to refuse a sweep too large to be meant, before generating its points.
    public struct SizeCheck: Sendable {
        /// Tables the sweep will write.
        public var tables: WorkEstimate.Tables
        /// Threads the runs share.
        public var threads: Int
        /// `--allow-huge`: estimate, but refuse nothing.
        public var allowHuge: Bool
        /// The runs of this process (a shard's share), nil for all.
        public var shardCount: Int

        public init(tables: WorkEstimate.Tables, threads: Int, allowHuge: Bool = false, shardCount: Int = 1) {
            self.tables = tables
            self.threads = threads
            self.allowHuge = allowHuge
            self.shardCount = max(1, shardCount)
        }
    }

    /// Parses the sweep block, estimates its size and validates every design point.
    ///
    /// With `sizeCheck`, a sweep beyond `WorkEstimate.Limits.sweep` (runs, time or disk) is
    /// refused before its points are generated. Points are validated by `SweepValidation`: by
    /// the range of each factor and the corners of the coupled ones rather than point by point,
    /// with the same messages, so a point with, say, segment shares no longer summing to 1 is
    /// reported before anything runs.
    /// - Parameters:
    ///   - loaded: the scenario, overrides already applied.
    ///   - file: the scenario file for messages (`loaded.file` is `override` after `--set`).
    ///   - threads: threads for point validation.
    /// - Throws: `ScenarioError` (`.invalid`) naming the file, the sweep key and the point.
    public static func prepare(_ loaded: LoadedScenario, file: String? = nil, threads: Int = 1,
                               sizeCheck: SizeCheck? = nil) throws(ScenarioError) -> PreparedSweep {
        let file = file ?? loaded.file
        let spec = try SweepSpec.parse(loaded, file: file)
        let sweepPosition = loaded.sweepPositions["sweep"]
        if let sizeCheck {
            let estimate = Self.estimate(spec, base: loaded.scenario, tables: sizeCheck.tables, threads: sizeCheck.threads,
                                         shardCount: sizeCheck.shardCount)
            do {
                try estimate.check(.sweep, what: "this sweep", allowHuge: sizeCheck.allowHuge)
            } catch {
                throw ScenarioError(kind: .invalid, problems: [
                    ScenarioProblem(file: file, position: sweepPosition, path: "sweep", message: error.description),
                ])
            }
        }
        let points: [SweepPoint]
        let plan: RunPlan
        do {
            points = try spec.points()
            plan = try RunPlan(points: points, replications: spec.replications, baseSeed: spec.baseSeed, seeding: spec.seeding)
        } catch {
            throw ScenarioError(kind: .invalid, problems: [
                ScenarioProblem(file: file, position: sweepPosition, path: "sweep", message: "\(error)"),
            ])
        }
        if !spec.paths.isEmpty {
            var problems: [ScenarioProblem] = []
            for (index, failure) in SweepValidation.failures(points: points, loaded: loaded, threads: threads) {
                let values = points[index].values.map { "\($0.path)=\(JSONWriter.numberText($0.value))" }.joined(separator: ", ")
                for problem in failure.problems {
                    let location = problem.path.map { "\($0): " } ?? ""
                    problems.append(ScenarioProblem(file: file, position: sweepPosition, path: "sweep",
                                                    message: "design point \(index) (\(values)): \(location)\(problem.message)"))
                }
                if problems.count >= 20 { break }
            }
            guard problems.isEmpty else { throw ScenarioError(kind: .invalid, problems: problems) }
        }
        let marketPaths = spec.paths.indices.filter { spec.paths[$0] == "markets" || spec.paths[$0].hasPrefix("markets.") }
        // Points with the same markets.* values have the same map: build each distinct one once.
        var cache: [[Double]: Scenario] = [:]
        let maps = try MarketMaps.of(pointCount: points.count, sweepsMarkets: !marketPaths.isEmpty, base: loaded.scenario) {
            (point: Int) throws(ScenarioError) -> Scenario in
            let values = points[point].values
            let key = marketPaths.map { values[$0].value }
            if let known = cache[key] { return known }
            let scenario = try ScenarioLoader.settingValues(marketPaths.map { values[$0] }, in: loaded).scenario
            cache[key] = scenario
            return scenario
        }
        return PreparedSweep(base: loaded, spec: spec, plan: plan, file: file, marketMaps: maps)
    }

    /// Runs, time and disk of `spec`'s sweep, from its point count and the largest values its
    /// factors give the population, the years and the steps per year.
    public static func estimate(_ spec: SweepSpec, base: Scenario, tables: WorkEstimate.Tables, threads: Int,
                                shardCount: Int = 1) -> WorkEstimate {
        var size = RunSize(base)
        for factor in spec.design?.factors ?? [] {
            guard let largest = factor.largestValue else { continue }
            let whole = largest >= Double(Int32.max) ? Int(Int32.max) : Int(max(0, largest.rounded(.up)))
            switch factor.path {
            case "population.firms": size.firms = whole
            case "years": size.years = whole
            case "stepsPerYear": size.stepsPerYear = whole
            default: break
            }
        }
        let points = spec.design?.pointCount() ?? 1
        let runs = points * Double(spec.replications) / Double(max(1, shardCount))
        return WorkEstimate(size: size, runs: runs.rounded(.up), tables: tables, threads: threads)
    }

    /// The largest run of the sweep for the memory guard: each size parameter (firms, years,
    /// steps per year, partners, markets) at its largest value over the points. An upper bound
    /// (exact for grids), from one validation at most rather than one per point.
    public func largestRunSize() -> RunSize {
        var size = RunSize(base.scenario)
        let paths = spec.paths
        guard !paths.isEmpty else { return size }
        func largest(_ f: Int) -> Double { plan.points.reduce(-Double.infinity) { max($0, $1.values[f].value) } }
        func whole(_ value: Double) -> Int { value >= Double(Int32.max) ? Int(Int32.max) : Int(max(0, value.rounded(.up))) }
        var marketValues: [(path: String, value: Double)] = []
        for (f, path) in paths.enumerated() {
            switch path {
            case "population.firms": size.firms = whole(largest(f))
            case "years": size.years = max(1, whole(largest(f)))
            case "stepsPerYear": size.stepsPerYear = max(1, whole(largest(f)))
            case "model.network.partnersPerFirm": size.partnerSlots = whole(largest(f))
            default:
                if path.hasPrefix("markets") { marketValues.append((path, largest(f))) }
            }
        }
        if !marketValues.isEmpty, base.scenario.markets.list.isEmpty {
            var counts = base.scenario.markets.regions.map { max(0, $0.markets) }
            for (path, value) in marketValues where path.hasPrefix("markets.regions[") && path.hasSuffix("].markets") {
                let digits = path.dropFirst("markets.regions[".count).dropLast("].markets".count)
                if let index = Int(digits), counts.indices.contains(index) { counts[index] = whole(value) }
            }
            size.markets = max(size.markets, counts.reduce(0) { $0 &+ $1 })
        }
        return size
    }

    /// The scenario of design point `point`.
    /// - Throws: `ScenarioError`; cannot happen for a point checked by `prepare`.
    public func scenario(forPoint point: Int) throws(ScenarioError) -> Scenario {
        let values = plan.points[point].values
        guard !values.isEmpty else { return base.scenario }
        return try ScenarioLoader.settingValues(values, in: base).scenario
    }
}
