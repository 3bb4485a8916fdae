/// One parameter combination of a design.
public struct SweepPoint: Sendable, Equatable, CustomStringConvertible {
    /// Position in the design, 0-based; also the `point` used for run numbering and seeds.
    public var index: Int
    /// Parameter values in the order of the design's factors.
    public var values: [(path: String, value: Double)]

    /// Creates a point.
    public init(index: Int, values: [(path: String, value: Double)]) {
        self.index = index
        self.values = values
    }

    /// The value assigned to `path`, or nil if the point does not set it.
    /// - Complexity: O(number of factors); points are small, so no index is kept.
    public func value(for path: String) -> Double? {
        values.first { $0.path == path }?.value
    }

    public static func == (lhs: SweepPoint, rhs: SweepPoint) -> Bool {
        lhs.index == rhs.index
            && lhs.values.count == rhs.values.count
            && zip(lhs.values, rhs.values).allSatisfy { $0.path == $1.path && $0.value == $1.value }
    }

    public var description: String {
        "#\(index) " + values.map { "\($0.path)=\($0.value)" }.joined(separator: " ")
    }
}
