import Foundation

/// A failure to read a CSV file: it cannot be opened, or a row does not fit the header.
public struct CSVReadError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}

/// One record of a CSV file, with its fields looked up by header index.
public struct CSVRow: Sendable, Equatable {
    /// The fields, unquoted.
    public var fields: [String]
    /// The 1-based line of the file where the record starts (the header is line 1).
    public var line: Int

    public init(fields: [String], line: Int) {
        self.fields = fields
        self.line = line
    }

    /// The field at `index`, or "" when the row is shorter.
    public subscript(index: Int) -> String { index >= 0 && index < fields.count ? fields[index] : "" }

    /// The field at `index` as a number; nil when empty or not a number.
    /// A decimal comma (`2036,275`, the semicolon dialect) reads as a decimal point.
    public func double(_ index: Int) -> Double? {
        let text = self[index]
        if let value = Double(text) { return value }
        guard text.utf8.contains(UInt8(ascii: ",")) else { return nil }
        return Double(String(text.map { $0 == "," ? "." : $0 }))
    }

    /// The field at `index` as a whole number; nil when empty or not one. Accepts "3.0".
    public func int(_ index: Int) -> Int? {
        let text = self[index]
        if let value = Int(text) { return value }
        if let value = double(index), value.rounded() == value, abs(value) < 9e15 { return Int(value) }
        return nil
    }
}

/// The header of a CSV file: column names and their indices.
public struct CSVHeader: Sendable, Equatable {
    public var columns: [String]
    private var indices: [String: Int]

    public init(_ columns: [String]) {
        self.columns = columns
        var indices: [String: Int] = [:]
        for (i, name) in columns.enumerated() where indices[name] == nil { indices[name] = i }
        self.indices = indices
    }

    /// The index of column `name`, or nil when the file has no such column.
    public func index(of name: String) -> Int? { indices[name] }
}

/// Splits RFC 4180 text into records: fields separated by commas, records by LF or CRLF,
/// fields in double quotes may hold commas, line breaks and doubled quotes (`""`).
///
/// Feed bytes in chunks of any size; complete records come out as soon as they end, so a
/// file is read with memory bounded by the longest record, not by the file.
public struct CSVRecordParser: Sendable {
    private var field: [UInt8] = []
    private var fields: [String] = []
    private var inQuotes = false
    /// A quote inside a quoted field: either the end of the quotes or the first of `""`.
    private var quotePending = false
    private var fieldStarted = false
    private var lastWasCR = false
    private var line = 1
    private var recordLine = 1
    /// The field separator: `,`, or `;` for the semicolon dialect.
    public let separator: UInt8

    public init(separator: UInt8 = UInt8(ascii: ",")) {
        self.separator = separator
    }

    /// Parses `bytes` and calls `record` with each complete record and the line it starts on.
    public mutating func feed<Bytes: Sequence>(_ bytes: Bytes, record: (inout [String], Int) throws -> Void) rethrows
        where Bytes.Element == UInt8 {
        for byte in bytes {
            if quotePending {
                quotePending = false
                if byte == UInt8(ascii: "\"") {
                    field.append(byte)
                    continue
                }
                inQuotes = false
            }
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    quotePending = true
                } else {
                    if byte == UInt8(ascii: "\n") { line += 1 }
                    field.append(byte)
                }
                continue
            }
            if byte == separator {
                endField()
                lastWasCR = false
                continue
            }
            switch byte {
            case UInt8(ascii: "\n"):
                if !lastWasCR { try endRecord(record) }
                lastWasCR = false
                line += 1
                recordLine = line
            case UInt8(ascii: "\r"):
                try endRecord(record)
                lastWasCR = true
            case UInt8(ascii: "\""):
                lastWasCR = false
                if field.isEmpty && !fieldStarted {
                    inQuotes = true
                    fieldStarted = true
                } else {
                    field.append(byte)
                }
            default:
                if lastWasCR {
                    // A lone CR ended the previous record (old Mac line ends).
                    line += 1
                    recordLine = line
                }
                lastWasCR = false
                fieldStarted = true
                field.append(byte)
            }
        }
    }

    /// Ends the input: a last record without a final line break is delivered too.
    public mutating func finish(record: (inout [String], Int) throws -> Void) rethrows {
        quotePending = false
        inQuotes = false
        if fieldStarted || !field.isEmpty || !fields.isEmpty { try endRecord(record) }
    }

    private mutating func endField() {
        fields.append(String(decoding: field, as: UTF8.self))
        field.removeAll(keepingCapacity: true)
        fieldStarted = false
    }

    private mutating func endRecord(_ record: (inout [String], Int) throws -> Void) rethrows {
        endField()
        // A blank line is no record.
        if !(fields.count == 1 && fields[0].isEmpty) { try record(&fields, recordLine) }
        fields.removeAll(keepingCapacity: true)
    }

    /// Parses a whole text at once.
    public static func records(in text: String) -> [[String]] {
        var parser = CSVRecordParser()
        var result: [[String]] = []
        parser.feed(Array(text.utf8)) { fields, _ in result.append(fields) }
        parser.finish { fields, _ in result.append(fields) }
        return result
    }
}

/// Reads a CSV file with a header row, streaming: rows are handed to a closure one at a
/// time and never held together, so a trajectory file of any size reads in little memory.
public struct CSVReader: Sendable {
    public let path: String
    public let header: CSVHeader
    /// The field separator, found from the header line: `;` when it has semicolons and no
    /// commas (the semicolon dialect of `firmpaths run --csv-dialect semicolon`), else `,`.
    public let separator: UInt8
    /// The text itself when the reader reads from memory rather than from `path`.
    let contents: [UInt8]?

    /// Opens `path` and reads its header.
    public init(path: String) throws(CSVReadError) {
        try self.init(path: path, contents: nil)
    }

    /// Reads CSV text held in memory (e.g. a table a run has just produced); `name` stands for
    /// the file in messages.
    public init(name: String, bytes: [UInt8]) throws(CSVReadError) {
        try self.init(path: name, contents: bytes)
    }

    private init(path: String, contents: [UInt8]?) throws(CSVReadError) {
        self.path = path
        self.contents = contents
        separator = Self.sniffSeparator(contents.map { Array($0.prefix(4096)) } ?? Self.head(path: path))
        var first: [String]?
        try Self.stream(path: path, contents: contents, separator: separator) { fields, _ in
            first = fields
            return false
        }
        guard let first else { throw CSVReadError(path: path, message: "empty file: no header row") }
        header = CSVHeader(first.map { $0.hasPrefix("\u{FEFF}") ? String($0.dropFirst()) : $0 })
    }

    /// The index of a column that must exist.
    public func column(_ name: String) throws(CSVReadError) -> Int {
        guard let index = header.index(of: name) else {
            throw CSVReadError(path: path, message: "no column '\(name)' (columns: \(header.columns.joined(separator: ", ")))")
        }
        return index
    }

    /// Calls `body` with every data row in file order; `body` returns false to stop early.
    public func forEachRow(_ body: (CSVRow) throws(CSVReadError) -> Bool) throws(CSVReadError) {
        var isHeader = true
        try Self.stream(path: path, contents: contents, separator: separator) { (fields: inout [String], line: Int) throws(CSVReadError) -> Bool in
            if isHeader {
                isHeader = false
                return true
            }
            return try body(CSVRow(fields: fields, line: line))
        }
    }

    /// All data rows; for small files such as firms.csv or runs.csv.
    public func rows() throws(CSVReadError) -> [CSVRow] {
        var result: [CSVRow] = []
        try forEachRow { row in
            result.append(row)
            return true
        }
        return result
    }

    static let chunkSize = 1 << 20

    /// Reads the file in chunks and hands each record to `body` until it returns false.
    /// The first 4 KiB of a file (empty when it cannot be read).
    /// (Decompressed when the file is gzip.)
    static func head(path: String) -> [UInt8] {
        guard let reader = try? DataFileReader(path: path) else { return [] }
        var head: [UInt8] = []
        while head.count < 4096, let piece = try? reader.next() { head += piece }
        return Array(head.prefix(4096))
    }

    /// `;` when the first line holds semicolons and no commas outside quotes, else `,`.
    static func sniffSeparator(_ head: [UInt8]) -> UInt8 {
        var inQuotes = false
        var commas = 0, semicolons = 0
        for byte in head {
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
            if inQuotes { continue }
            if byte == UInt8(ascii: "\n") { break }
            if byte == UInt8(ascii: ",") { commas += 1 }
            if byte == UInt8(ascii: ";") { semicolons += 1 }
        }
        return semicolons > 0 && commas == 0 ? UInt8(ascii: ";") : UInt8(ascii: ",")
    }

    static func stream(path: String, contents: [UInt8]?, separator: UInt8 = UInt8(ascii: ","), _ body: (inout [String], Int) throws(CSVReadError) -> Bool)
        throws(CSVReadError) {
        if let contents {
            var parser = CSVRecordParser(separator: separator)
            var stop = false
            var failure: CSVReadError?
            func deliver(_ fields: inout [String], _ line: Int) {
                guard !stop else { return }
                do throws(CSVReadError) {
                    if try !body(&fields, line) { stop = true }
                } catch {
                    failure = error
                    stop = true
                }
            }
            var offset = 0
            while !stop && offset < contents.count {
                let end = min(contents.count, offset + (1 << 16))
                parser.feed(contents[offset..<end], record: deliver)
                offset = end
            }
            if !stop { parser.finish(record: deliver) }
            if let failure { throw failure }
            return
        }
        // A .csv.gz (gzip, by its magic number) reads as the .csv it holds.
        let reader: DataFileReader
        do {
            reader = try DataFileReader(path: path)
        } catch {
            throw CSVReadError(path: path, message: "cannot open for reading (missing file or no permission)")
        }
        var parser = CSVRecordParser(separator: separator)
        var stop = false
        var failure: CSVReadError?
        func deliver(_ fields: inout [String], _ line: Int) {
            guard !stop else { return }
            do throws(CSVReadError) {
                if try !body(&fields, line) { stop = true }
            } catch {
                failure = error
                stop = true
            }
        }
        while !stop {
            let data: [UInt8]
            do {
                guard let chunk = try reader.next() else { break }
                data = chunk
            } catch {
                // A damaged or cut .csv.gz is the data's fault (exit 65), a failed read the system's (74).
                throw CSVReadError(path: path, message: error.isIOFailure ? "read failed: \(error.message)" : error.message)
            }
            data.withUnsafeBytes { bytes in parser.feed(bytes, record: deliver) }
        }
        if !stop { parser.finish(record: deliver) }
        if let failure { throw failure }
    }
}
