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

    /// Columns of `runs.csv` that identify a run rather than vary a parameter.
    static let identifying: Set<String> = ["run", "point", "replication", "seed"]

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

    /// Reads `directory/runs.csv`.
    public static func load(directory: String) throws(ReportError) -> SweepSummary {
        let rows: [CSVRow]
        let header: CSVHeader
        do {
            let reader = try CSVReader(path: RunFiles.path(RunFiles.runs, in: directory))
            header = reader.header
            rows = try reader.rows()
        } catch {
            throw ReportError(error)
        }
        let outcomeColumns = Set(outcomes.map(\.column))
        let parameters = header.columns.filter { !identifying.contains($0) && !outcomeColumns.contains($0) }
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
            for outcome in outcomes {
                guard let oIndex = header.index(of: outcome.column) else { continue }
                var series: [IntervalSeries] = []
                var minRuns = Int.max
                var maxRuns = 0
                for key in seriesKeys {
                    var groups: [Double: [Double]] = [:]
                    for row in rows where !splitByOthers || otherKey(row) == key {
                        guard let x = numeric(row[pIndex]), let y = row.double(oIndex), y.isFinite else { continue }
                        groups[x, default: []].append(y)
                    }
                    let points = groups.keys.sorted().compactMap { x -> IntervalPoint? in
                        guard let values = groups[x] else { return nil }
                        minRuns = min(minRuns, values.count)
                        maxRuns = max(maxRuns, values.count)
                        let (mean, half) = meanAndHalfWidth(values)
                        return IntervalPoint(x: x, mean: mean, lower: mean - half, upper: mean + half)
                    }
                    let name = splitByOthers ? key : (others.isEmpty ? "mean" : "other parameters pooled")
                    series.append(IntervalSeries(name: name, points: points))
                }
                panels.append(Panel(outcome: outcome, parameter: parameter, series: series,
                                    minRuns: minRuns == Int.max ? 0 : minRuns, maxRuns: maxRuns))
            }
        }
        return SweepSummary(parameters: parameters, runCount: rows.count, panels: panels)
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
