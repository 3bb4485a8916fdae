import FirmPathsIO
import Foundation

/// A sweep's `runs.csv` read back for analysis: one row per run, in run order, columns by name.
///
/// Sensitivity analyses read the outcomes from the file rather than from memory so that what
/// they compute is, by construction, a function of the published file: anyone who analyses
/// `runs.csv` with another tool analyses the same numbers (`Double.description` round-trips).
public struct SweepRunsTable: Sendable {
    /// File name in messages.
    public let path: String
    /// Column names.
    public let header: CSVHeader
    /// Fields of each run, run order.
    public let rows: [[String]]

    /// Parses `text` (the contents of `path`).
    /// - Throws: `EngineError.invalidInput` when it has no header or a row's `run` is not its position.
    public init(text: String, path: String) throws(EngineError) {
        let records = CSVRecordParser.records(in: text)
        guard let first = records.first, !first.isEmpty else { throw .invalidInput("\(path): empty file, expected a runs.csv header") }
        header = CSVHeader(first)
        rows = Array(records.dropFirst().filter { $0 != [""] })
        self.path = path
        if let runColumn = header.index(of: "run") {
            for (index, row) in rows.enumerated() where row.count <= runColumn || Int(row[runColumn]) != index {
                throw .invalidInput("\(path), line \(index + 2): expected run \(index) in column `run`, found "
                    + "'\(row.count > runColumn ? row[runColumn] : "")' (rows must be complete and in run order)")
            }
        }
    }

    /// Reads `path`.
    /// - Throws: `EngineError.io` when it cannot be read, or as `init(text:path:)`.
    public init(path: String) throws(EngineError) {
        // runs.csv or runs.csv.gz (`--compress`): decompressed by its gzip magic number.
        let bytes: [UInt8]
        do {
            bytes = try DataFileReader.contents(of: path)
        } catch {
            throw .io("cannot read '\(path)': \(error.message)")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .invalidInput("\(path): not UTF-8 text") }
        try self.init(text: text, path: path)
    }

    /// Whether the file has column `name`.
    public func has(_ name: String) -> Bool { header.index(of: name) != nil }

    /// Every run's value of column `name`.
    /// - Throws: `EngineError.invalidInput` naming the file, line and column of the first field
    ///   that is missing, empty or not a finite number.
    public func values(_ name: String) throws(EngineError) -> [Double] {
        guard let column = header.index(of: name) else {
            throw .invalidInput("\(path): no column `\(name)`")
        }
        var values: [Double] = []
        values.reserveCapacity(rows.count)
        for (index, row) in rows.enumerated() {
            let field = column < row.count ? row[column] : ""
            guard let value = Double(field), value.isFinite else {
                throw .invalidInput("\(path), line \(index + 2), column `\(name)`: expected a finite number, found "
                    + (field.isEmpty ? "an empty field (no firm alive at the end of run \(index)?)" : "'\(field)'"))
            }
            values.append(value)
        }
        return values
    }

    /// The mean of column `name` over the `replications` consecutive runs of each point.
    /// - Throws: `EngineError.invalidInput` when the row count is not `points x replications`, or as `values`.
    public func pointMeans(_ name: String, points: Int, replications: Int) throws(EngineError) -> [Double] {
        guard rows.count == points * replications else {
            throw .invalidInput("\(path): \(rows.count) runs, expected \(points) points x \(replications) replications")
        }
        let values = try values(name)
        return (0..<points).map { point in
            var total = 0.0
            for r in 0..<replications { total += values[point * replications + r] }
            return total / Double(replications)
        }
    }
}
