/// A fixed-size column of plain values owned by `FirmStore`.
///
/// The population's state is kept as struct-of-arrays behind raw pointers so that disjoint
/// ranges of firms can be updated at the same time by whoever drives the model (the batch
/// engine's threads), without copies and without exclusivity checks in the hot loop. The
/// store allocates and frees every column; a column never outlives its store.
public struct Column<Element: BitwiseCopyable>: @unchecked Sendable {
    @usableFromInline let base: UnsafeMutablePointer<Element>
    public let count: Int

    init(count: Int, repeating value: Element) {
        base = UnsafeMutablePointer<Element>.allocate(capacity: max(count, 1))
        base.initialize(repeating: value, count: max(count, 1))
        self.count = count
    }

    @inlinable
    public subscript(index: Int) -> Element {
        @inline(__always) get { base[index] }
        @inline(__always) nonmutating set { base[index] = newValue }
    }

    /// Copies all values from another column of the same length.
    func assign(from other: Column<Element>) {
        base.update(from: other.base, count: count)
    }

    func fill(_ value: Element) {
        base.update(repeating: value, count: count)
    }

    func deallocate() { base.deallocate() }
}

/// A column's size, for checking `FirmStore.bytesPerFirm` against the columns a store holds.
protocol ColumnStorage {
    /// Bytes of the column's elements (an empty column still allocates one, a constant per store).
    var elementBytes: Int { get }
}

extension Column: ColumnStorage {
    var elementBytes: Int { count * MemoryLayout<Element>.stride }
}
