/// Encodes one CSV row into a stack scratch area and appends it to a `CSVBuffer` in one copy.
///
/// `CSVBuffer.appendField` appends each field to the byte array on its own (a uniqueness and a
/// capacity check, then a small copy, per field); for the tables of millions of rows, this writer
/// formats a whole row first. The text of every field is exactly what the corresponding
/// `CSVBuffer.appendField` writes (the same formatting functions), so the two can be mixed
/// row by row. Obtain one with `CSVBuffer.appendRow(_:)`.
public struct CSVRowWriter: ~Copyable {
    /// Row bytes kept on the stack before they are copied into the buffer.
    static let capacity = 1024

    private let scratch: UnsafeMutablePointer<UInt8>
    private let target: UnsafeMutablePointer<[UInt8]>
    private var count = 0
    private var hasField = false
    fileprivate var nonFinite = 0

    fileprivate init(scratch: UnsafeMutablePointer<UInt8>, target: UnsafeMutablePointer<[UInt8]>) {
        self.scratch = scratch
        self.target = target
    }

    /// Room for `bytes` more at the end of the scratch area (copying what is there to the buffer if needed).
    @inline(__always)
    private mutating func reserve(_ bytes: Int) {
        if count + bytes > Self.capacity { spill() }
    }

    /// Copies the scratch bytes to the buffer.
    fileprivate mutating func spill() {
        guard count > 0 else { return }
        target.pointee.append(contentsOf: UnsafeBufferPointer(start: scratch, count: count))
        count = 0
    }

    @inline(__always)
    private mutating func separator() {
        if hasField {
            scratch[count] = UInt8(ascii: ",")
            count += 1
        } else {
            hasField = true
        }
    }

    /// An integer, as `CSVBuffer.appendField(_: Int)`.
    @inline(__always)
    public mutating func field(_ value: Int) {
        reserve(CSVBuffer.scratchSize)
        separator()
        count += CSVBuffer.writeInteger(value, to: scratch + count)
    }

    /// A double, as `CSVBuffer.appendField(_: Double)` (non-finite: an empty field, counted).
    @inline(__always)
    public mutating func field(_ value: Double) {
        reserve(CSVBuffer.scratchSize)
        separator()
        guard value.isFinite else {
            nonFinite += 1
            return
        }
        count += CSVBuffer.writeDouble(value, to: scratch + count)
    }

    /// A rounded double, as `CSVBuffer.appendField(_:fractionDigits:)`.
    @inline(__always)
    public mutating func field(_ value: Double, fractionDigits: Int) {
        reserve(CSVBuffer.scratchSize)
        separator()
        guard value.isFinite else {
            nonFinite += 1
            return
        }
        count += CSVBuffer.writeDouble(value, fractionDigits: fractionDigits, to: scratch + count)
    }

    /// The fields of entry `index` of `table`: the bytes the `field` calls it was made with write.
    @inline(__always)
    public mutating func field(_ table: CSVFieldTable, _ index: Int) {
        table.withEntry(index) { bytes in
            if bytes.count + 1 > Self.capacity {
                // Longer than the scratch area: straight into the buffer.
                reserve(1)
                separator()
                spill()
                target.pointee.append(contentsOf: bytes)
                return
            }
            reserve(bytes.count + 1)
            separator()
            if let source = bytes.baseAddress { (scratch + count).update(from: source, count: bytes.count) }
            count += bytes.count
        }
        nonFinite += table.nonFiniteCount(index)
    }

    /// An empty field.
    @inline(__always)
    public mutating func empty() {
        reserve(1)
        separator()
    }

    /// A text field, as `CSVBuffer.appendField(_: String)` (quoted only when it must be).
    public mutating func field(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in field(utf8: utf8) }
    }

    private mutating func field(utf8: UnsafeBufferPointer<UInt8>) {
        var needsQuotes = false
        for byte in utf8 where byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"")
            || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
            needsQuotes = true
            break
        }
        let longest = 1 + (needsQuotes ? 2 * utf8.count + 2 : utf8.count)
        reserve(longest)
        separator()
        if longest > Self.capacity {
            // Too long for the scratch area: straight into the buffer.
            spill()
            if needsQuotes { target.pointee.append(UInt8(ascii: "\"")) }
            for byte in utf8 {
                if needsQuotes && byte == UInt8(ascii: "\"") { target.pointee.append(byte) }
                target.pointee.append(byte)
            }
            if needsQuotes { target.pointee.append(UInt8(ascii: "\"")) }
            return
        }
        guard needsQuotes else {
            if let source = utf8.baseAddress { (scratch + count).update(from: source, count: utf8.count) }
            count += utf8.count
            return
        }
        scratch[count] = UInt8(ascii: "\"")
        count += 1
        for byte in utf8 {
            if byte == UInt8(ascii: "\"") {
                scratch[count] = byte
                count += 1
            }
            scratch[count] = byte
            count += 1
        }
        scratch[count] = UInt8(ascii: "\"")
        count += 1
    }

    /// Ends the row with `\n`.
    fileprivate mutating func endRow() {
        reserve(1)
        scratch[count] = UInt8(ascii: "\n")
        count += 1
    }
}

extension CSVBuffer {
    /// Encodes one whole row with `body` and ends it (`\n`); the current row must be empty.
    @inline(__always)
    public mutating func appendRow(_ body: (inout CSVRowWriter) -> Void) {
        let nonFinite = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: CSVRowWriter.capacity) { scratch -> Int in
            withUnsafeMutableBytesStorage { target in
                var row = CSVRowWriter(scratch: scratch.baseAddress!, target: target)
                body(&row)
                row.endRow()
                row.spill()
                return row.nonFinite
            }
        }
        addNonFinite(nonFinite)
    }
}
