/// Deterministic pseudo-random numbers for sweep designs (xoshiro256** seeded through SplitMix64).
///
/// The project owns its generator instead of using `SystemRandomNumberGenerator` so that the
/// same seed yields the same design on every platform and Swift version.
///
/// Algorithms:
/// - Seeding: the 64-bit seed is the state of a SplitMix64 generator (Steele, Lea & Flood 2014),
///   whose first four outputs become the xoshiro state `s0...s3`. SplitMix64 step:
///   `x &+= 0x9E3779B97F4A7C15; z = x; z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9;
///   z = (z ^ (z >> 27)) &* 0x94D049BB133111EB; return z ^ (z >> 31)`.
///   Four consecutive outputs of a bijective mix of distinct inputs can never all be zero,
///   so the forbidden all-zero xoshiro state cannot occur.
/// - Output: xoshiro256** (Blackman & Vigna 2018): `result = rotl(s1 &* 5, 7) &* 9`, then the
///   linear state transition with `t = s1 << 17` and `s3 = rotl(s3, 45)`.
public struct SweepRandom: RandomNumberGenerator, Sendable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// Creates a generator whose whole output stream is a function of `seed`.
    /// - Parameter seed: any value, including 0 (SplitMix64 expands it to a valid state).
    public init(seed: UInt64) {
        var splitMix = SplitMix64(state: seed)
        s0 = splitMix.next()
        s1 = splitMix.next()
        s2 = splitMix.next()
        s3 = splitMix.next()
    }

    /// Next 64 uniformly distributed bits (xoshiro256**).
    public mutating func nextUInt64() -> UInt64 {
        let result = Self.rotateLeft(s1 &* 5, by: 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = Self.rotateLeft(s3, by: 45)
        return result
    }

    /// `RandomNumberGenerator` conformance, so standard-library algorithms can use this stream.
    public mutating func next() -> UInt64 {
        nextUInt64()
    }

    /// Uniform double in [0, 1) with 53 random bits: `Double(next() >> 11) * 0x1.0p-53`.
    ///
    /// Uses the top bits because the low bits of xoshiro-family outputs are the weakest.
    public mutating func nextDouble() -> Double {
        Double(nextUInt64() >> 11) * 0x1.0p-53
    }

    /// Unbiased uniform integer in `0..<bound` by Lemire's multiply-and-reject method (2019).
    ///
    /// The 128-bit product `x * bound` maps `x` to `high`; values whose `low` word falls below
    /// `(2^64 - bound) % bound` would over-represent some results and are redrawn.
    /// - Parameter bound: exclusive upper bound; must be positive.
    /// - Returns: a value in `0..<bound`.
    /// - Complexity: expected O(1); fewer than 2 draws on average for any bound.
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "SweepRandom.nextInt(below:) needs a positive bound")
        let limit = UInt64(bound)
        var product = nextUInt64().multipliedFullWidth(by: limit)
        if product.low < limit {
            let threshold = (0 &- limit) % limit
            while product.low < threshold {
                product = nextUInt64().multipliedFullWidth(by: limit)
            }
        }
        return Int(product.high)
    }

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

    private static func rotateLeft(_ x: UInt64, by k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }
}

/// SplitMix64 generator and its finalizing mix, shared by seeding and run-seed derivation.
public struct SplitMix64: Sendable {
    /// The golden-ratio increment `0x9E3779B97F4A7C15` (2^64 / phi, odd).
    public static let gamma: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// Current state; each `next()` adds `gamma` before mixing.
    public var state: UInt64

    /// Creates a generator starting from `state`.
    public init(state: UInt64) {
        self.state = state
    }

    /// Advances by `gamma` and returns the mixed state.
    public mutating func next() -> UInt64 {
        state &+= Self.gamma
        return Self.mix(state)
    }

    /// The SplitMix64 finalizer (variant 13 of Stafford's mixers); a bijection on UInt64.
    /// Note `mix(0) == 0`, which is why callers add `gamma` before mixing.
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
