/// Fields encoded once and copied into rows many times: the names of markets, regions, stages
/// and event kinds that fill millions of rows of the large tables.
///
/// Entry `k` holds the bytes `CSVBuffer.appendField` writes for the fields given for it (quoted
/// where they must be, with the commas between them when an entry holds several fields), so
/// `CSVRowWriter.field(_:_:)` writes exactly what the separate `field` calls would, without
/// formatting or reading a `String` per row.
public struct CSVFieldTable: Sendable {
    private let bytes: [UInt8]
    /// Entry `k` is `bytes[offsets[k]..<offsets[k + 1]]`.
    private let offsets: [Int]
    /// Non-finite doubles of each entry (written as empty fields), counted again per use.
    private let nonFinite: [Int]

    /// One entry per element: the fields that `encode` appends to an empty row.
    public init<S: Sequence>(_ entries: S, encode: (S.Element, inout CSVBuffer) -> Void) {
        var bytes: [UInt8] = []
        var offsets = [0]
        var nonFinite: [Int] = []
        var buffer = CSVBuffer()
        for entry in entries {
            buffer.reset()
            let before = buffer.nonFiniteCount
            encode(entry, &buffer)
            bytes.append(contentsOf: buffer.bytes)
            offsets.append(bytes.count)
            nonFinite.append(buffer.nonFiniteCount - before)
        }
        self.bytes = bytes
        self.offsets = offsets
        self.nonFinite = nonFinite
    }

    /// One text field per string.
    public init(texts: [String]) {
        self.init(texts) { text, buffer in buffer.appendField(text) }
    }

    /// Number of entries.
    public var count: Int { offsets.count - 1 }

    /// The bytes of entry `index`.
    public func encoded(_ index: Int) -> ArraySlice<UInt8> { bytes[offsets[index]..<offsets[index + 1]] }

    /// Non-finite doubles written as empty fields in entry `index`.
    @inline(__always)
    func nonFiniteCount(_ index: Int) -> Int { nonFinite[index] }

    /// Calls `body` with the bytes of entry `index`.
    @inline(__always)
    func withEntry<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let start = offsets[index]
        let end = offsets[index + 1]
        return bytes.withUnsafeBufferPointer { all in
            body(UnsafeBufferPointer(rebasing: all[start..<end]))
        }
    }
}
