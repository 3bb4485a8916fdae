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

    /// Swaps the buffered bytes with `other` (which should be empty) and starts a fresh row, so
    /// a writer can take a full buffer without copying it and hand back an empty allocation.
    public mutating func exchangeBytes(with other: inout [UInt8]) {
        swap(&bytes, &other)
        bytes.removeAll(keepingCapacity: true)
        rowHasField = false
    }

    /// Appends the rows of `other` (whole rows; the current row must be ended), e.g. rows encoded
    /// in parallel chunks, in chunk order. Its non-finite count stays with `other`.
    public mutating func append(rowsOf other: CSVBuffer) {
        bytes.append(contentsOf: other.bytes)
        rowHasField = false
    }

    /// Gives `body` the byte array itself, for `CSVRowWriter` (which appends whole rows).
    @inline(__always)
    mutating func withUnsafeMutableBytesStorage<R>(_ body: (UnsafeMutablePointer<[UInt8]>) -> R) -> R {
        rowHasField = false
        return withUnsafeMutablePointer(to: &bytes, body)
    }

    mutating func addNonFinite(_ count: Int) {
        nonFiniteCount += count
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
        appendFormatted { CSVBuffer.writeInteger(value, to: $0) }
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
        guard value.isFinite else {
            separator()
            nonFiniteCount += 1
            return
        }
        appendFormatted { CSVBuffer.writeDouble(value, to: $0) }
    }

    /// Writes a double rounded to `fractionDigits` decimals (at most 9), without trailing
    /// zeros: `2036.274595`, `0.14`, `3`, `-0.5`.
    ///
    /// For large tables of model observables, where 17 significant digits are noise and cost
    /// both disk and time. Values too small or too large to keep their meaning at that
    /// precision (nonzero below 10^-4, or beyond 2^53 / 10^digits) fall back to the exact
    /// round-trip text of `appendField(_: Double)`. The rounding is deterministic: the same
    /// double always gives the same text.
    public mutating func appendField(_ value: Double, fractionDigits: Int) {
        guard value.isFinite else {
            separator()
            nonFiniteCount += 1
            return
        }
        appendFormatted { CSVBuffer.writeDouble(value, fractionDigits: fractionDigits, to: $0) }
    }

    /// Writes a finite double's field text (see `appendField(_: Double)`) at `base`; at most 25 bytes.
    @inline(__always)
    static func writeDouble(_ value: Double, to base: UnsafeMutablePointer<UInt8>) -> Int {
        if value == 0 {
            base[0] = UInt8(ascii: "0")
            base[1] = UInt8(ascii: ".")
            base[2] = UInt8(ascii: "0")
            return 3
        }
        if value.rounded(.towardZero) == value, abs(value) < 9_007_199_254_740_992 {
            // Same text as `description` for these values ("42.0"), but much faster.
            let length = CSVBuffer.writeInteger(Int(value), to: base)
            base[length] = UInt8(ascii: ".")
            base[length + 1] = UInt8(ascii: "0")
            return length + 2
        }
        // Double's TextOutputStreamable hands its stack buffer to `_writeASCII`, avoiding a String.
        var sink = PointerSink(base: base, capacity: CSVBuffer.scratchSize - 1)
        value.write(to: &sink)
        return sink.count
    }

    /// Writes a finite double's text rounded to `fractionDigits` (see `appendField(_:fractionDigits:)`) at `base`.
    @inline(__always)
    static func writeDouble(_ value: Double, fractionDigits: Int, to base: UnsafeMutablePointer<UInt8>) -> Int {
        let digits = min(max(fractionDigits, 0), 9)
        let magnitude = abs(value)
        let scale = CSVBuffer.powersOfTen[digits]
        guard magnitude == 0 || magnitude >= 1e-4, magnitude * scale < 9.0e15 else {
            return writeDouble(value, to: base)
        }
        let scaled = UInt64((magnitude * scale).rounded())
        guard scaled != 0 else {
            base[0] = UInt8(ascii: "0")
            return 1
        }
        var length = 0
        if value < 0 {
            base[0] = UInt8(ascii: "-")
            length = 1
        }
        let unit = UInt64(scale)
        let (whole, fraction) = scaled.quotientAndRemainder(dividingBy: unit)
        length += CSVBuffer.writeInteger(Int(whole), to: base + length)
        if fraction != 0 {
            base[length] = UInt8(ascii: ".")
            length += 1
            var remaining = fraction
            var divisor = unit / 10
            while remaining != 0 {
                let (digit, rest) = remaining.quotientAndRemainder(dividingBy: divisor)
                base[length] = UInt8(ascii: "0") &+ UInt8(digit)
                length += 1
                remaining = rest
                divisor /= 10
            }
        }
        return length
    }

    private static let powersOfTen: [Double] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9]

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

    /// Largest formatted field (plus separator); Double text is at most 24 bytes, Int 20.
    static let scratchSize = 48

    /// Formats one field into a stack scratch buffer and appends it with the separator in a single array append, which is what makes numeric rows fast.
    @inline(__always)
    private mutating func appendFormatted(_ format: (UnsafeMutablePointer<UInt8>) -> Int) {
        let needsComma = rowHasField
        rowHasField = true
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: CSVBuffer.scratchSize) { scratch in
            guard let base = scratch.baseAddress else { return }
            var length = 0
            if needsComma {
                base[0] = UInt8(ascii: ",")
                length = 1
            }
            length += format(base + length)
            bytes.append(contentsOf: UnsafeBufferPointer(start: base, count: length))
        }
    }

    /// Writes decimal digits at `base` and returns their count; at most 20 bytes.
    ///
    /// Counts digits first so they can be written in place from the end, two at a time, halving the divisions.
    static func writeInteger(_ value: Int, to base: UnsafeMutablePointer<UInt8>) -> Int {
        var start = 0
        if value < 0 {
            base[0] = UInt8(ascii: "-")
            start = 1
        }
        var magnitude = value.magnitude  // UInt, so Int.min does not overflow
        var digitCount = 1
        var threshold: UInt = 10
        while digitCount < 20, magnitude >= threshold {
            digitCount += 1
            if digitCount < 20 { threshold &*= 10 }
        }
        let digitPairs = digitPairText.utf8Start
        var position = start + digitCount
        let end = position
        while magnitude >= 100 {
            let (quotient, remainder) = magnitude.quotientAndRemainder(dividingBy: 100)
            let pair = Int(remainder) &* 2
            position -= 2
            base[position] = digitPairs[pair]
            base[position + 1] = digitPairs[pair + 1]
            magnitude = quotient
        }
        if magnitude >= 10 {
            let pair = Int(magnitude) &* 2
            base[position - 2] = digitPairs[pair]
            base[position - 1] = digitPairs[pair + 1]
        } else {
            base[position - 1] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude)
        }
        return end
    }
}

/// "00", "01", ... "99" as ASCII, for two-digits-per-division integer formatting; a StaticString avoids lazy-global checks in the hot loop.
private let digitPairText: StaticString = """
    00010203040506070809101112131415161718192021222324252627282930313233343536373839\
    40414243444546474849505152535455565758596061626364656667686970717273747576777879\
    8081828384858687888990919293949596979899
    """

/// Receives Double's formatted digits directly into the scratch buffer.
private struct PointerSink: TextOutputStream {
    let base: UnsafeMutablePointer<UInt8>
    let capacity: Int
    var count = 0

    init(base: UnsafeMutablePointer<UInt8>, capacity: Int) {
        self.base = base
        self.capacity = capacity
    }

    mutating func write(_ string: String) {
        for byte in string.utf8 where count < capacity {
            base[count] = byte
            count += 1
        }
    }

    /// Standard library hook used by numeric `write(to:)`; if it ever disappears, `write(_:)` keeps output correct.
    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) {
        guard let source = buffer.baseAddress else { return }
        let length = min(buffer.count, capacity - count)
        (base + count).update(from: source, count: length)
        count += length
    }
}
