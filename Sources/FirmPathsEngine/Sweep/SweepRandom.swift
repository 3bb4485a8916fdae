import FirmPathsModel

/// Sweep designs draw from the model's own generator (xoshiro256** seeded through
/// SplitMix64, see `RandomStream`), so a design is a documented function of its seed on
/// every platform and Swift version.
public typealias SweepRandom = RandomStream

extension RandomStream {
    /// Next 64 uniformly distributed bits (xoshiro256**).
    public mutating func nextUInt64() -> UInt64 { next() }

    /// Shuffles in place with Fisher-Yates (Durstenfeld), drawing `nextInt(below: i + 1)` for
    /// `i` from `count - 1` down to 1 so the permutation is a documented function of the seed.
    /// - Complexity: O(n).
    public mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            let j = nextInt(below: i + 1)
            if i != j { array.swapAt(i, j) }
        }
    }
}
