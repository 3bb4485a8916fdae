import FirmPathsIO
import Foundation

/// `points.csv`: one row per design point of a sweep directory, with every swept parameter and,
/// for each outcome column of `runs.csv`, the number of replications with a value, their mean,
/// standard deviation and 95 % interval.
///
/// Outcomes are found generically: every column of runs.csv that is not `run`, `point`,
/// `replication`, `seed` or a swept parameter, and whose values are all numbers (or empty), so
/// columns added to runs.csv later are summarized too.
///
/// Intervals: replications are the independent units (firms within a run interact through
/// their networks, so pooling firm counts would overstate precision). The interval is the
/// t-interval of the mean over replications, mean +- t(0.975; n - 1) x sd / sqrt(n). For a
/// share (an outcome whose name contains `share`) it is clipped to [0, 1], the range of the
/// quantity estimated: the mean of shares is itself a share. With one replication there is no
/// interval (empty fields); with all replications equal it is the point itself.
public enum PointSummary {
    public static let fileName = "points.csv"
    static let identifying: Set<String> = ["run", "point", "replication", "seed"]

    /// What `write` summarized.
    public struct Result: Sendable, Equatable {
        public var points: Int
        public var runs: Int
        public var outcomes: [String]
        public var path: String
    }

    /// Whether an outcome column holds shares, whose intervals stay within [0, 1].
    public static func isShare(_ column: String) -> Bool { column.contains("share") }

    /// Running mean and sum of squared deviations (Welford), exact in the order of the runs.
    struct Moments {
        var count = 0
        var mean = 0.0
        var squares = 0.0

        mutating func add(_ value: Double) {
            count += 1
            let delta = value - mean
            mean += delta / Double(count)
            squares += delta * (value - mean)
        }

        var standardDeviation: Double { count > 1 ? (squares / Double(count - 1)).squareRoot() : .nan }
    }

    struct PointAccumulator {
        var runs = 0
        var parameterText: [String]
        var moments: [Moments]
    }

    /// Reads `directory/runs.csv` (streaming) and writes `points.csv` into `directory`, or to
    /// `output` when given.
    /// - Throws: `EngineError.invalidInput` for a directory that is not a sweep or a runs.csv
    ///   without the identifying columns; `.io` when a file cannot be read or written.
    @discardableResult
    public static func write(directory: String, to output: String? = nil) throws(EngineError) -> Result {
        let manifest = try SweepManifest.read(OutputDirectory.file("manifest.json", in: directory))
        let parameters = (manifest["parameters"]?.arrayValue ?? []).compactMap(\.stringValue)
        let runsPath = OutputDirectory.dataFile("runs.csv", in: directory)
        guard FileManager.default.fileExists(atPath: runsPath) else {
            throw .invalidInput("'\(directory)' has no runs.csv: the sweep did not record runs (--record runs)")
        }
        var points: [Int: PointAccumulator] = [:]
        var outcomeColumns: [(name: String, index: Int)] = []
        var numeric: [Bool] = []
        var runCount = 0
        // An unfinished sweep may end with half a row (written when it was stopped): only
        // complete rows (ending with a newline) are runs.
        let completeRows = max(0, try FileScan.read(runsPath, prefix: 0).tail.rows - 1)
        do {
            let reader = try CSVReader(path: runsPath)
            let pointColumn = try reader.column("point")
            let parameterColumns = try parameters.map { (name: String) throws(CSVReadError) -> Int in try reader.column(name) }
            let excluded = identifying.union(parameters)
            outcomeColumns = reader.header.columns.enumerated().filter { !excluded.contains($0.element) }.map { ($0.element, $0.offset) }
            numeric = Array(repeating: true, count: outcomeColumns.count)
            try reader.forEachRow { (row: CSVRow) throws(CSVReadError) -> Bool in
                guard runCount < completeRows else { return false }
                guard let point = row.int(pointColumn) else {
                    throw CSVReadError(path: runsPath, message: "line \(row.line): point '\(row[pointColumn])' is not a whole number")
                }
                runCount += 1
                var accumulator = points[point] ?? PointAccumulator(parameterText: parameterColumns.map { row[$0] },
                                                                    moments: Array(repeating: Moments(), count: outcomeColumns.count))
                accumulator.runs += 1
                for (k, column) in outcomeColumns.enumerated() where numeric[k] {
                    let text = row[column.index]
                    guard !text.isEmpty else { continue }
                    if let value = Double(text), value.isFinite {
                        accumulator.moments[k].add(value)
                    } else {
                        numeric[k] = false
                    }
                }
                points[point] = accumulator
                return true
            }
        } catch {
            throw .invalidInput(error.description)
        }
        let outcomes = outcomeColumns.indices.filter { numeric[$0] }
        var buffer = CSVBuffer(capacity: 1 << 16)
        buffer.appendHeader(["point", "runs"] + parameters + outcomes.flatMap { k in
            let name = outcomeColumns[k].name
            return [name + "_n", name + "_mean", name + "_sd", name + "_lower", name + "_upper"]
        })
        for point in points.keys.sorted() {
            guard let accumulator = points[point] else { continue }
            buffer.appendField(point)
            buffer.appendField(accumulator.runs)
            for text in accumulator.parameterText { buffer.appendField(text) }
            for k in outcomes {
                let moments = accumulator.moments[k]
                buffer.appendField(moments.count)
                guard moments.count > 0 else {
                    for _ in 0..<4 { buffer.appendEmpty() }
                    continue
                }
                buffer.appendField(moments.mean)
                guard moments.count > 1 else {
                    for _ in 0..<3 { buffer.appendEmpty() }
                    continue
                }
                let sd = moments.standardDeviation
                let half = StudentT.quantile(0.975, degreesOfFreedom: moments.count - 1) * sd / Double(moments.count).squareRoot()
                var (lower, upper) = (moments.mean - half, moments.mean + half)
                if isShare(outcomeColumns[k].name) { (lower, upper) = (max(0, lower), min(1, upper)) }
                buffer.appendField(sd)
                buffer.appendField(lower)
                buffer.appendField(upper)
            }
            buffer.endRow()
        }
        let path = output ?? OutputDirectory.file(fileName, in: directory)
        try AppendFile.writeAtomically(String(decoding: buffer.bytes, as: UTF8.self), to: path)
        return Result(points: points.count, runs: runCount, outcomes: outcomes.map { outcomeColumns[$0].name }, path: path)
    }
}
