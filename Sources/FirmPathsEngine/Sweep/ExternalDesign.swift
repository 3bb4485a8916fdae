import FirmPathsIO
import Foundation

/// Design points read from a CSV file (`"design": "file"`): one column per parameter, named by
/// its scenario path, one row per point, run exactly as written.
///
/// Point `p` is the file's p-th data row (0-based, the header excluded; line p + 2), so the
/// sweep's `runs.csv` joins back to the file by `point`. Points drawn by SALib, the EMA
/// Workbench, R's `lhs` or by hand run without any rounding: values are parsed as written.
public struct ExternalDesign: Sendable, Equatable {
    /// The file as named in the sweep block (for messages and the manifest).
    public let file: String
    /// Parameter paths, the file's columns in order.
    public let paths: [String]
    /// One row of values per point.
    public let rows: [[Double]]

    /// Parses the CSV `text` of `file`.
    /// - Throws: `ExternalDesignError` naming the file, row and column of the first problem.
    public init(text: String, file: String) throws(ExternalDesignError) {
        var records = CSVRecordParser.records(in: text)
        while let last = records.last, last.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            records.removeLast()
        }
        guard let header = records.first, header != [""] else {
            throw ExternalDesignError(file: file, message: "the file is empty; expected a header of parameter paths")
        }
        let paths = header.map { $0.trimmingCharacters(in: .whitespaces) }
        var seen = Set<String>()
        for (column, path) in paths.enumerated() {
            guard !path.isEmpty else {
                throw ExternalDesignError(file: file, message: "line 1, column \(column + 1): empty column name; "
                    + "every column must be named by a parameter path")
            }
            guard seen.insert(path).inserted else {
                throw ExternalDesignError(file: file, message: "line 1: column `\(path)` appears twice")
            }
        }
        guard records.count > 1 else {
            throw ExternalDesignError(file: file, message: "the file has a header but no rows; expected one row per design point")
        }
        var rows: [[Double]] = []
        rows.reserveCapacity(records.count - 1)
        for (index, record) in records.dropFirst().enumerated() {
            let line = index + 2
            guard record.count == paths.count else {
                throw ExternalDesignError(file: file, message: "line \(line) (point \(index)): \(record.count) fields, "
                    + "expected \(paths.count) (one per column of the header)")
            }
            var row: [Double] = []
            row.reserveCapacity(paths.count)
            for (column, field) in record.enumerated() {
                let trimmed = field.trimmingCharacters(in: .whitespaces)
                guard let value = Double(trimmed), value.isFinite else {
                    throw ExternalDesignError(file: file, message: "line \(line) (point \(index)), column `\(paths[column])`: "
                        + "expected a finite number, found '\(field)'")
                }
                row.append(value)
            }
            rows.append(row)
        }
        self.file = file
        self.paths = paths
        self.rows = rows
    }

    /// Reads `path` (`file` is how the block names it).
    /// - Throws: `ExternalDesignError` when it cannot be read, or as `init(text:file:)`.
    public init(path: String, file: String) throws(ExternalDesignError) {
        // Capped like a scenario file: a device such as /dev/zero (found by the sweep-block
        // fuzzer) would otherwise be read until memory runs out.
        let bytes: [UInt8]
        do {
            bytes = try InputFile.read(path)
        } catch {
            throw ExternalDesignError(file: path, message: "cannot read the design file: \(error.reason)")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ExternalDesignError(file: path, message: "the design file is not UTF-8 text")
        }
        try self.init(text: text, file: path)
    }

    /// The design points, row order.
    public var points: [SweepPoint] {
        rows.enumerated().map { index, row in SweepPoint(index: index, values: Array(zip(paths, row)).map { ($0.0, $0.1) }) }
    }
}

/// A problem in an external design file.
public struct ExternalDesignError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var message: String

    public var description: String { "\(file): \(message)" }
}
