/// An append-only CSV byte buffer that formats fields without per-field String allocation, because batch runs write hundreds of megabytes of numeric rows.
///
/// Separators are automatic: each `appendField`/`appendEmpty` after the first in a row writes a
/// leading comma, and `endRow()` writes `\n`. Strings are quoted per RFC 4180 only when needed.
public struct CSVBuffer: Sendable {
    /// The encoded UTF-8 bytes written so far.
    public private(set) var bytes: [UInt8]
    /// How many NaN/infinite doubles were written (as empty fields); tests and writers assert it stays zero.
    public private(set) var nonFiniteCount = 0
    private var rowHasField = false

    /// Creates an empty buffer; `capacity` avoids regrowth when it is flushed at a known threshold.
    public init(capacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Number of bytes buffered.
    public var count: Int { bytes.count }

    /// Whether nothing is buffered.
    public var isEmpty: Bool { bytes.isEmpty }

    /// Clears the bytes but keeps the allocation so a flushed buffer can be refilled without reallocating; `nonFiniteCount` is kept because it is a running total.
    public mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        rowHasField = false
    }

    /// Terminates the current row with `\n` (not CRLF: the files are for data tools, not Excel on Windows).
    public mutating func endRow() {
        bytes.append(UInt8(ascii: "\n"))
        rowHasField = false
    }

    /// Writes an empty field, e.g. for a missing value.
    public mutating func appendEmpty() {
        separator()
    }

    /// Writes a text field, quoting (and doubling quotes) only when it contains a comma, quote, CR or LF.
    public mutating func appendField(_ value: String) {
        separator()
        var needsQuotes = false
        for byte in value.utf8 where byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"")
            || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
            needsQuotes = true
            break
        }
        guard needsQuotes else {
            bytes.append(contentsOf: value.utf8)
            return
        }
        bytes.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
            bytes.append(byte)
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Writes an integer in decimal without allocating (Int.min included).
    public mutating func appendField(_ value: Int) {
        separator()
        appendInteger(value)
    }

    /// Writes `true` or `false`.
    public mutating func appendField(_ value: Bool) {
        separator()
        bytes.append(contentsOf: value ? "true".utf8 : "false".utf8)
    }

    /// Writes a double as Swift's shortest round-trip text (`3.0`, `0.1`, `1e-05`), with `-0.0` as `0.0` so sign-of-zero noise does not show up in diffs.
    ///
    /// NaN and infinities are written as an empty field and counted in `nonFiniteCount` rather than trapping,
    /// so one bad statistic cannot abort a long batch; callers check the count.
    public mutating func appendField(_ value: Double) {
        separator()
        guard value.isFinite else {
            nonFiniteCount += 1
            return
        }
        if value == 0 {
            bytes.append(contentsOf: "0.0".utf8)
        } else if value.rounded(.towardZero) == value, abs(value) < 9_007_199_254_740_992 {
            // Same text as `description` for these values ("42.0"), but much faster.
            appendInteger(Int(value))
            bytes.append(contentsOf: ".0".utf8)
        } else {
            // Double's TextOutputStreamable hands its stack buffer to `_writeASCII`, avoiding a String.
            var sink = ByteSink(bytes: bytes)
            bytes = []
            value.write(to: &sink)
            bytes = sink.bytes
        }
    }

    /// Writes a whole row of text fields and ends it; convenient for headers.
    public mutating func appendRow(_ fields: [String]) {
        for field in fields { appendField(field) }
        endRow()
    }

    private mutating func separator() {
        if rowHasField {
            bytes.append(UInt8(ascii: ","))
        } else {
            rowHasField = true
        }
    }

    private mutating func appendInteger(_ value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude  // UInt, so Int.min does not overflow
        if magnitude < 10 {
            bytes.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude))
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var position = 20
            while magnitude != 0 {
                let (quotient, remainder) = magnitude.quotientAndRemainder(dividingBy: 10)
                position -= 1
                digits[position] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: remainder)
                magnitude = quotient
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[position..<20]))
        }
    }
}

/// Receives Double's formatted digits directly as bytes.
private struct ByteSink: TextOutputStream {
    var bytes: [UInt8]

    mutating func write(_ string: String) {
        bytes.append(contentsOf: string.utf8)
    }

    /// Standard library hook used by numeric `write(to:)`; if it ever disappears, `write(_:)` keeps output correct.
    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: buffer)
    }
}
