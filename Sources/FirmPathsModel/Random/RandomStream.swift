/// A random stream the project owns: xoshiro256** seeded through SplitMix64.
///
/// Published results must not change when the Swift standard library changes its own
/// generators or its mapping from bits to doubles, so both the generator and every
/// mapping to a distribution live here.
///
/// - xoshiro256** (Blackman & Vigna 2018) gives 64-bit outputs with period 2^256 - 1.
/// - The four state words are filled by SplitMix64 (Steele, Lea & Flood 2014) from one
///   64-bit seed, as the xoshiro authors recommend.
/// - `nextDouble()` takes the top 53 bits: `Double(next >> 11) * 2^-53`, uniform in [0, 1).
public struct RandomStream: Sendable, Equatable {
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64

    /// Seeds the four state words from one seed through SplitMix64.
    public init(seed: UInt64) {
        var sm = SplitMix64(state: seed)
        s0 = sm.next()
        s1 = sm.next()
        s2 = sm.next()
        s3 = sm.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 0x9E37_79B9_7F4A_7C15 }  // the all-zero state is a fixed point
    }

    /// The stream of one entity of one run: firm `id` (or a reserved id for the world).
    ///
    /// `seed = mix(mix(runSeed) ^ (id + 1) * 0x9E3779B97F4A7C15)`, where `mix` is the
    /// SplitMix64 finalizer. Streams of different ids are statistically independent and a
    /// firm's stream does not depend on how many firms the run has.
    public init(runSeed: UInt64, streamID: UInt64) {
        let derived = SplitMix64.mix(SplitMix64.mix(runSeed) ^ ((streamID &+ 1) &* 0x9E37_79B9_7F4A_7C15))
        self.init(seed: derived)
    }

    /// The next 64 random bits (xoshiro256**).
    @inlinable @inline(__always)
    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    @inlinable @inline(__always)
    func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// A uniform double in [0, 1) from the top 53 bits.
    @inlinable @inline(__always)
    public mutating func nextDouble() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// True with probability `p` (p <= 0 never, p >= 1 always).
    @inlinable @inline(__always)
    public mutating func bernoulli(_ p: Double) -> Bool {
        nextDouble() < p
    }

    /// A uniform integer in 0..<bound, unbiased (Lemire's multiply-and-reject).
    @inlinable
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let b = UInt64(bound)
        var x = next()
        var m = x.multipliedFullWidth(by: b)
        if m.low < b {
            let threshold = (0 &- b) % b
            while m.low < threshold {
                x = next()
                m = x.multipliedFullWidth(by: b)
            }
        }
        return Int(m.high)
    }

    /// A standard normal deviate (Box-Muller, one of the pair; no cached state).
    public mutating func nextNormal() -> Double {
        let u1 = 1.0 - nextDouble()  // (0, 1]
        let u2 = nextDouble()
        return (-2.0 * _log(u1)).squareRoot() * _cos(2.0 * Double.pi * u2)
    }

    /// A gamma deviate with shape `k` and scale 1 (Marsaglia & Tsang 2000).
    public mutating func nextGamma(shape k: Double) -> Double {
        if k < 1 {
            // Boost: Gamma(k) = Gamma(k + 1) * U^(1/k).
            let u = 1.0 - nextDouble()
            return nextGamma(shape: k + 1) * _pow(u, 1.0 / k)
        }
        let d = k - 1.0 / 3.0
        let c = 1.0 / (9.0 * d).squareRoot()
        while true {
            var x: Double
            var v: Double
            repeat {
                x = nextNormal()
                v = 1.0 + c * x
            } while v <= 0
            v = v * v * v
            let u = 1.0 - nextDouble()
            if u < 1.0 - 0.0331 * x * x * x * x { return d * v }
            if _log(u) < 0.5 * x * x + d * (1.0 - v + _log(v)) { return d * v }
        }
    }

    /// A beta deviate with shapes `a`, `b` (ratio of gammas).
    public mutating func nextBeta(_ a: Double, _ b: Double) -> Double {
        let x = nextGamma(shape: a)
        let y = nextGamma(shape: b)
        let sum = x + y
        return sum > 0 ? x / sum : 0.5
    }

    /// A Poisson count with mean `lambda` (inversion; meant for small means).
    public mutating func nextPoisson(mean lambda: Double) -> Int {
        if lambda <= 0 { return 0 }
        let limit = _exp(-lambda)
        var product = nextDouble()
        var count = 0
        while product > limit && count < 1000 {
            product *= nextDouble()
            count += 1
        }
        return count
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014), used only to seed xoshiro256** and to mix seeds.
public struct SplitMix64: Sendable {
    public var state: UInt64
    public init(state: UInt64) { self.state = state }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }

    /// The SplitMix64 output function (a bijective 64-bit finalizer).
    @inlinable
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
