import FirmPathsIO

/// Headline outcomes of a sweep (`runs.csv`) against each swept parameter: the mean over
/// the runs at each parameter value with a t-based 95 % interval.
public struct SweepSummary: Sendable {
    /// A headline outcome column of `runs.csv`.
    public struct Outcome: Sendable, Equatable {
        public var column: String
        public var label: String
        public var unit: String?
        public var isShare: Bool
    }

    /// The outcomes a sweep reports, in the order of `runs.csv`.
    public static let outcomes: [Outcome] = PathNames.all.map {
        Outcome(column: "share_" + $0, label: "Share " + PathNames.display($0), unit: nil, isShare: true)
    } + [
        Outcome(column: "share_exporting_end", label: "Share exporting at the end", unit: nil, isShare: true),
        Outcome(column: "mean_foreign_share_end", label: "Mean foreign share at the end", unit: nil, isShare: true),
        Outcome(column: "share_mode3plus_end", label: "Share at mode 3 or deeper at the end", unit: nil, isShare: true),
        Outcome(column: "backsourcing_per_100_firms", label: "Backsourcing events", unit: "per 100 firms", isShare: false),
        Outcome(column: "firms_alive_end", label: "Firms alive at the end", unit: "firms", isShare: false),
    ]

    /// The outcome a `points.csv` column group describes: a known headline outcome with its
    /// label, or any other (e.g. user-defined) column under its own name.
    static func outcome(named column: String) -> Outcome {
        outcomes.first { $0.column == column }
            ?? Outcome(column: column, label: column, unit: nil, isShare: column.contains("share"))
    }

    /// One chart's worth: an outcome against a parameter.
    public struct Panel: Sendable {
        public var outcome: Outcome
        public var parameter: String
        public var series: [IntervalSeries]
        /// How many runs stand behind each point at most and at least.
        public var minRuns: Int
        public var maxRuns: Int
    }

    public var parameters: [String]
    public var runCount: Int
    public var panels: [Panel]
    /// Whether the design points lie on a grid (means joined by lines) rather than scattered
    /// (Latin hypercube, Morris: means drawn as points only).
    public var isGrid: Bool

    /// One design point's summary of one outcome, as `points.csv` gives it.
    struct PointOutcome {
        var n: Int
        var mean: Double
        var sd: Double
        var lower: Double
        var upper: Double
    }

    /// Reads `directory/points.csv` (written by `firmpaths summarize`, small: one row per
    /// design point) and the design from the manifest.
    public static func load(directory: String) throws(ReportError) -> SweepSummary {
        let rows: [CSVRow]
        let header: CSVHeader
        do {
            let reader = try CSVReader(path: RunFiles.path(RunFiles.points, in: directory))
            header = reader.header
            rows = try reader.rows()
        } catch {
            throw ReportError(error)
        }
        let design = (try? RunManifest.load(directory: directory))?.raw["design"]?.stringValue ?? "grid"
        let columns = header.columns
        // Outcome groups: name_n, name_mean, name_sd, name_lower, name_upper.
        let outcomeNames = columns.filter { $0.hasSuffix("_n") }.map { String($0.dropLast(2)) }
            .filter { header.index(of: $0 + "_mean") != nil && header.index(of: $0 + "_upper") != nil }
        let firstOutcome = outcomeNames.first.flatMap { header.index(of: $0 + "_n") } ?? columns.count
        let parameters = Array(columns[min(2, firstOutcome)..<firstOutcome])
        let runsIndex = header.index(of: "runs")
        var panels: [Panel] = []
        for parameter in parameters {
            guard let pIndex = header.index(of: parameter) else { continue }
            let others = parameters.filter { $0 != parameter }.compactMap { name in header.index(of: name).map { (name, $0) } }
            func otherKey(_ row: CSVRow) -> String {
                others.map { "\(shortName($0.0))=\(row[$0.1])" }.joined(separator: ", ")
            }
            let distinctOthers = Set(rows.map(otherKey))
            let splitByOthers = distinctOthers.count > 1 && distinctOthers.count <= 6
            let seriesKeys = splitByOthers ? distinctOthers.sorted() : [""]
            for name in outcomeNames {
                guard let nIndex = header.index(of: name + "_n"), let meanIndex = header.index(of: name + "_mean"),
                      let sdIndex = header.index(of: name + "_sd"), let lowerIndex = header.index(of: name + "_lower"),
                      let upperIndex = header.index(of: name + "_upper") else { continue }
                let outcome = outcome(named: name)
                var series: [IntervalSeries] = []
                var minRuns = Int.max
                var maxRuns = 0
                for key in seriesKeys {
                    var groups: [Double: [PointOutcome]] = [:]
                    for row in rows where !splitByOthers || otherKey(row) == key {
                        guard let x = numeric(row[pIndex]), let n = row.int(nIndex), n > 0, let mean = row.double(meanIndex) else { continue }
                        groups[x, default: []].append(PointOutcome(n: n, mean: mean, sd: row.double(sdIndex) ?? .nan,
                                                                   lower: row.double(lowerIndex) ?? .nan,
                                                                   upper: row.double(upperIndex) ?? .nan))
                    }
                    let points = groups.keys.sorted().compactMap { x -> IntervalPoint? in
                        guard let group = groups[x] else { return nil }
                        let pooled = pool(group, isShare: outcome.isShare)
                        minRuns = min(minRuns, pooled.n)
                        maxRuns = max(maxRuns, pooled.n)
                        return IntervalPoint(x: x, mean: pooled.mean, lower: pooled.lower, upper: pooled.upper)
                    }
                    let seriesName = splitByOthers ? key : (others.isEmpty ? "mean" : "other parameters pooled")
                    series.append(IntervalSeries(name: seriesName, points: points))
                }
                panels.append(Panel(outcome: outcome, parameter: parameter, series: series,
                                    minRuns: minRuns == Int.max ? 0 : minRuns, maxRuns: maxRuns))
            }
        }
        let runCount = runsIndex.map { index in rows.reduce(0) { $0 + ($1.int(index) ?? 0) } } ?? 0
        return SweepSummary(parameters: parameters, runCount: runCount, panels: panels, isGrid: design == "grid")
    }

    /// The summary of the runs of several design points that share a parameter value: the
    /// points' own interval when there is one point, else the t-interval of all their runs
    /// (pooled mean and standard deviation from each point's n, mean and sd), clipped to
    /// [0, 1] for shares as points.csv is.
    static func pool(_ group: [PointOutcome], isShare: Bool) -> PointOutcome {
        if group.count == 1, let only = group.first { return only }
        let n = group.reduce(0) { $0 + $1.n }
        let mean = group.reduce(0) { $0 + Double($1.n) * $1.mean } / Double(max(1, n))
        var squares = 0.0
        for point in group {
            let within = point.n > 1 && point.sd.isFinite ? Double(point.n - 1) * point.sd * point.sd : 0
            squares += within + Double(point.n) * (point.mean - mean) * (point.mean - mean)
        }
        guard n > 1 else { return PointOutcome(n: n, mean: mean, sd: .nan, lower: .nan, upper: .nan) }
        let sd = (squares / Double(n - 1)).squareRoot()
        let half = tQuantile975(degreesOfFreedom: n - 1) * sd / Double(n).squareRoot()
        var (lower, upper) = (mean - half, mean + half)
        if isShare { (lower, upper) = (max(0, lower), min(1, upper)) }
        return PointOutcome(n: n, mean: mean, sd: sd, lower: lower, upper: upper)
    }

    /// The last component of a parameter path: "policy.exportPromotion" -> "exportPromotion".
    public static func shortName(_ path: String) -> String {
        path.split(separator: ".").last.map(String.init) ?? path
    }

    /// A swept value as a number; booleans read as 0 and 1.
    static func numeric(_ text: String) -> Double? {
        if let value = Double(text) { return value }
        switch text {
        case "true": return 1
        case "false": return 0
        default: return nil
        }
    }

    /// The mean and the half-width of its 95 % interval: t(0.975, n-1) x sd / sqrt(n);
    /// NaN half-width (no interval drawn) for a single run.
    public static func meanAndHalfWidth(_ values: [Double]) -> (mean: Double, half: Double) {
        let n = values.count
        guard n > 0 else { return (.nan, .nan) }
        let mean = values.reduce(0, +) / Double(n)
        guard n > 1 else { return (mean, .nan) }
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)
        return (mean, tQuantile975(degreesOfFreedom: n - 1) * variance.squareRoot() / Double(n).squareRoot())
    }

    /// The 97.5 % quantile of Student's t distribution (table to 30 degrees of freedom,
    /// then the normal 1.96 plus the first-order correction).
    public static func tQuantile975(degreesOfFreedom df: Int) -> Double {
        let table: [Double] = [
            12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
            2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
            2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
        ]
        guard df >= 1 else { return .nan }
        if df <= table.count { return table[df - 1] }
        let z = 1.959964
        return z + (z * z * z + z) / (4 * Double(df))
    }
}
