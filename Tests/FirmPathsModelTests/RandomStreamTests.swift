import Testing
import FirmPathsModel

/// The project's own generator: xoshiro256** seeded through SplitMix64.
///
/// The pinned values were computed once by a small C program written from the published
/// reference code (Vigna's splitmix64.c and xoshiro256starstar.c at prng.di.unimi.it):
/// SplitMix64 from the seed fills s[0..3], then xoshiro256** `next()`. For the derived
/// streams the same program computed `mix(mix(runSeed) ^ (streamID + 1) * 0x9E3779B97F4A7C15)`
/// with `mix` the SplitMix64 finalizer, as documented on `RandomStream(runSeed:streamID:)`.
@Suite struct RandomStreamTests {
    @Test func pinnedOutputsForSeed42() {
        var stream = RandomStream(seed: 42)
        let expected: [UInt64] = [
            0x1578_0B2E_0C2E_C716, 0x6104_D986_6D11_3A7E, 0xAE17_5332_39E4_99A1, 0xECB8_AD47_03B3_60A1,
            0xFDE6_DC7F_E2EC_5E64, 0xC50D_A531_0179_5238, 0xB821_5485_5A65_DDB2, 0xD99A_2743_EBE6_0087,
        ]
        let produced = (0..<expected.count).map { _ in stream.next() }
        #expect(produced == expected)
    }

    @Test func pinnedOutputsForSeed0() {
        // SplitMix64 never leaves the all-zero state here, so seed 0 is an ordinary seed.
        var stream = RandomStream(seed: 0)
        #expect([stream.next(), stream.next(), stream.next()]
            == [0x99EC_5F36_CB75_F2B4, 0xBF6E_1F78_4956_452A, 0x1A5F_849D_4933_E6E0])
    }

    @Test func splitMixSeedingMatchesReference() {
        var sm = SplitMix64(state: 42)
        #expect(sm.next() == 0xBDD7_3226_2FEB_6E95)
        #expect(sm.next() == 0x28EF_E333_B266_F103)
        #expect(sm.next() == 0x4752_6757_130F_9F52)
        #expect(sm.next() == 0x581C_E1FF_0E4A_E394)
    }

    @Test(arguments: [(UInt64(0), UInt64(0x9A9A_BF94_66E6_764B), UInt64(0x6519_A992_B4B9_39AC)),
                      (UInt64(1), UInt64(0x2636_CFD2_83CD_7923), UInt64(0xEAE4_4BA4_A14B_9199)),
                      (UInt64(7), UInt64(0x6DDA_E571_3065_007D), UInt64(0x7BAC_4C2E_FC84_4882))])
    func derivedStreamsArePinned(streamID: UInt64, first: UInt64, second: UInt64) {
        var stream = RandomStream(runSeed: 42, streamID: streamID)
        #expect(stream.next() == first)
        #expect(stream.next() == second)
    }

    @Test func derivedStreamIsStable() {
        for id: UInt64 in [0, 1, 2, 999, 0xFFFF_FFFF_FFFF_FF00] {
            var a = RandomStream(runSeed: 20_240_601, streamID: id)
            var b = RandomStream(runSeed: 20_240_601, streamID: id)
            #expect(a == b)
            for _ in 0..<100 { #expect(a.next() == b.next()) }
        }
    }

    @Test func differentStreamIDsGiveDifferentStreams() {
        var firsts = Set<UInt64>()
        var seconds = Set<UInt64>()
        for id in 0..<1000 as Range<UInt64> {
            var stream = RandomStream(runSeed: 7, streamID: id)
            firsts.insert(stream.next())
            seconds.insert(stream.next())
        }
        #expect(firsts.count == 1000)
        #expect(seconds.count == 1000)
        // And different run seeds give different streams for the same id.
        var a = RandomStream(runSeed: 1, streamID: 3)
        var b = RandomStream(runSeed: 2, streamID: 3)
        #expect(a.next() != b.next())
    }

    @Test func nextDoubleIsTheTop53Bits() {
        var bits = RandomStream(seed: 123)
        var doubles = RandomStream(seed: 123)
        for _ in 0..<1000 {
            let expected = Double(bits.next() >> 11) * 0x1.0p-53
            #expect(doubles.nextDouble() == expected)
        }
    }

    @Test func nextDoubleIsInUnitInterval() {
        var stream = RandomStream(seed: 99)
        var low = 1.0, high = 0.0, sum = 0.0
        var outside = 0
        let n = 100_000
        for _ in 0..<n {
            let u = stream.nextDouble()
            if !(u >= 0 && u < 1) { outside += 1 }
            low = min(low, u)
            high = max(high, u)
            sum += u
        }
        #expect(outside == 0)
        #expect(low < 0.001)
        #expect(high > 0.999)
        // The mean of n uniforms has sd 1/sqrt(12 n), about 0.0009: allow about 6 sd.
        #expect(abs(sum / Double(n) - 0.5) < 0.006)
    }

    @Test(arguments: [1, 2, 3, 7, 10, 24, 1000])
    func nextIntStaysInRange(bound: Int) {
        var stream = RandomStream(seed: UInt64(bound) &* 31)
        var outside = 0
        var seen = Set<Int>()
        for _ in 0..<5000 {
            let k = stream.nextInt(below: bound)
            if k < 0 || k >= bound { outside += 1 }
            seen.insert(k)
        }
        #expect(outside == 0)
        if bound <= 24 { #expect(seen.count == bound) }
    }

    @Test func nextIntIsRoughlyUniform() {
        // Chi-square with 9 degrees of freedom; P(chi2 > 40) is about 7e-6: a loose bound.
        var stream = RandomStream(runSeed: 5, streamID: 11)
        let bins = 10, n = 100_000
        var counts = Array(repeating: 0, count: bins)
        for _ in 0..<n { counts[stream.nextInt(below: bins)] += 1 }
        let expected = Double(n) / Double(bins)
        let chi2 = counts.reduce(0.0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
        #expect(chi2 < 40, "chi-square \(chi2) for counts \(counts)")
    }

    @Test func nextIntIsUnbiasedForAHugeBound() {
        // With bound 3 x 2^61 a plain modulo would put 56% of the draws in the lower half.
        var stream = RandomStream(seed: 2024)
        let bound = (1 << 62) + (1 << 61)
        var upperHalf = 0
        let n = 20_000
        for _ in 0..<n where stream.nextInt(below: bound) >= bound / 2 { upperHalf += 1 }
        #expect(abs(Double(upperHalf) / Double(n) - 0.5) < 0.02)
    }
}
