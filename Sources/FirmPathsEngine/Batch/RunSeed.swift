import FirmPathsModel

/// Derivation of each run's random seed from the batch seed, design point and replication.
public enum RunSeed {
    /// Seed of one run, a pure function of its three inputs.
    ///
    /// With `mix` the SplitMix64 finalizer (`SplitMix64.mix`) and `g = 0x9E3779B97F4A7C15`:
    /// ```
    /// a    = mix(baseSeed &+ g)
    /// b    = mix((a ^ UInt64(point)) &+ g)
    /// seed = mix((b ^ UInt64(replication)) &+ g) >> 11
    /// ```
    /// Every step is a bijection of its running value, so for a fixed base seed two runs can
    /// only collide by a 2^-64-scale accident; adding `g` before each mix avoids the fixed point
    /// `mix(0) == 0`. Nested (rather than summed) mixing keeps (point, replication) pairs such
    /// as (1, 0) and (0, 1) unrelated. The final shift keeps the 53 best-mixed high bits, so every
    /// run seed is below 2^53: R's `read.csv`, pandas' float paths, JSON readers and spreadsheets
    /// hold such integers exactly, and a seed read back from `runs.csv` by any of them re-runs the
    /// same run (a seed above 2^53 came back from R rounded, and re-running it gave another run).
    /// Two runs of one batch collide with probability about n^2 / 2^54. Seeds are written to CSV
    /// as plain decimal integers. Changing this function changes every published result: don't.
    /// - Parameters:
    ///   - baseSeed: the batch seed from the scenario or command line.
    ///   - point: design point index (non-negative).
    ///   - replication: replication index within the point (non-negative).
    public static func derive(baseSeed: UInt64, point: Int, replication: Int) -> UInt64 {
        let g: UInt64 = 0x9E37_79B9_7F4A_7C15
        let a = SplitMix64.mix(baseSeed &+ g)
        let b = SplitMix64.mix((a ^ UInt64(truncatingIfNeeded: point)) &+ g)
        return SplitMix64.mix((b ^ UInt64(truncatingIfNeeded: replication)) &+ g) >> 11
    }
}
