/// Sobol' indices of one factor for one outcome.
public struct SobolIndex: Sendable, Equatable {
    /// Factor path.
    public var path: String
    /// First-order index S1: the share of the output variance due to the factor alone.
    public var first: Double
    /// Half-width of S1's 95% bootstrap interval.
    public var firstConfidence: Double
    /// Total index ST: the share due to the factor with all its interactions; the ranking statistic.
    public var total: Double
    /// Half-width of ST's 95% bootstrap interval.
    public var totalConfidence: Double
}

/// Sobol' indices of every factor for one outcome.
public struct SobolResult: Sendable, Equatable {
    /// Indices in factor order.
    public var indices: [SobolIndex]
    /// Indices sorted by `total`, largest first; ties keep factor order.
    public var ranking: [SobolIndex]
    /// Second-order indices `S2[j][k]` for j < k (NaN elsewhere); nil without second order.
    public var secondOrder: [[Double]]?
    /// Half-widths of their 95% bootstrap intervals.
    public var secondOrderConfidence: [[Double]]?

    public static func == (a: SobolResult, b: SobolResult) -> Bool {
        func same(_ x: [[Double]]?, _ y: [[Double]]?) -> Bool {
            switch (x, y) {
            case (nil, nil): return true
            case let (x?, y?): return x.count == y.count && zip(x, y).allSatisfy { r, s in
                r.count == s.count && zip(r, s).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
            }
            default: return false
            }
        }
        return a.indices == b.indices && a.ranking == b.ranking && same(a.secondOrder, b.secondOrder)
            && same(a.secondOrderConfidence, b.secondOrderConfidence)
    }
}

/// Variance-based sensitivity indices from the outputs at a `SaltelliDesign`'s points.
///
/// The estimators are those of SALib's `sobol.analyze` (so the two agree on the same outputs):
/// the outputs are first standardized, `y = (Y - mean(Y)) / sd(Y)` over all points (`sd` with
/// divisor n); with `f_A`, `f_B`, `f_ABj`, `f_BAj` the outputs of the design's rows and `V` the
/// variance (divisor n) of the 2N values `f_A`, `f_B`:
/// - first order (Saltelli et al. 2010): `S1_j = mean(f_B (f_ABj - f_A)) / V`;
/// - total (Jansen 1999): `ST_j = mean((f_A - f_ABj)^2) / (2 V)`;
/// - second order (Saltelli 2002): `S2_jk = mean(f_BAj f_ABk - f_A f_B) / V - S1_j - S1_k`.
/// Constant outputs (`max - min = 0` over `f_A`, `f_B`) give indices of 0. Intervals are 95%
/// bootstrap half-widths, `1.959963984540054` times the standard deviation (divisor n - 1) of
/// the estimator over resamples of the N base samples (with replacement, the same draws for
/// every index of the outcome), drawn with `nextInt(below: N)` from `SweepRandom(seed:)`.
public enum SobolAnalysis {
    /// The standard normal quantile of 0.975.
    public static let z95 = 1.959963984540054

    /// Computes S1, ST (and S2 when the design has second order) with bootstrap intervals.
    /// - Parameters:
    ///   - design: the design whose points produced `outputs`.
    ///   - outputs: one finite value per point, in point order (run-averaged if replicated).
    ///   - bootstrap: resamples (0 or 1: no intervals) and their seed.
    /// - Throws: `SweepError.outputCountMismatch` or `.nonFiniteOutput`.
    /// - Complexity: O(B N k^2) with second order, O(B N k) without, for B resamples.
    public static func indices(design: SaltelliDesign, outputs: [Double],
                               bootstrap: (resamples: Int, seed: UInt64) = (0, 0)) throws -> SobolResult {
        try indices(paths: design.paths, samples: design.samples, secondOrder: design.secondOrder, outputs: outputs,
                    bootstrap: bootstrap)
    }

    /// As above, from the design's shape only (outputs in SALib's row order).
    public static func indices(paths: [String], samples n: Int, secondOrder: Bool, outputs: [Double],
                               bootstrap: (resamples: Int, seed: UInt64) = (0, 0)) throws -> SobolResult {
        let k = paths.count
        let step = SaltelliDesign.blockSize(factors: k, secondOrder: secondOrder)
        guard outputs.count == n * step else { throw SweepError.outputCountMismatch(expected: n * step, actual: outputs.count) }
        if let bad = outputs.firstIndex(where: { !$0.isFinite }) { throw SweepError.nonFiniteOutput(index: bad) }
        let count = Double(outputs.count)
        let mean = outputs.reduce(0, +) / count
        let sd = (outputs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / count).squareRoot()
        // SALib divides by sd unconditionally; constant outputs give indices of 0 either way.
        let y = outputs.map { sd > 0 ? ($0 - mean) / sd : 0 }
        let a = (0..<n).map { y[$0 * step] }
        let b = (0..<n).map { y[$0 * step + step - 1] }
        let ab = (0..<k).map { j in (0..<n).map { y[$0 * step + j + 1] } }
        let ba = secondOrder ? (0..<k).map { j in (0..<n).map { y[$0 * step + j + 1 + k] } } : []

        let all = Array(0..<n)
        var first = (0..<k).map { Estimators.first(a, ab[$0], b, all) }
        var total = (0..<k).map { Estimators.total(a, ab[$0], b, all) }
        var second: [[Double]]?
        if secondOrder {
            var s2 = [[Double]](repeating: [Double](repeating: .nan, count: k), count: k)
            for j in 0..<k {
                for l in (j + 1)..<max(j + 1, k) {
                    s2[j][l] = Estimators.second(a, ab[j], ab[l], ba[j], b, all)
                }
            }
            second = s2
        }

        var firstConfidence = [Double](repeating: 0, count: k)
        var totalConfidence = [Double](repeating: 0, count: k)
        var secondConfidence: [[Double]]? = secondOrder ? [[Double]](repeating: [Double](repeating: .nan, count: k), count: k) : nil
        if bootstrap.resamples >= 2 {
            var random = SweepRandom(seed: bootstrap.seed)
            let draws = (0..<bootstrap.resamples).map { _ in (0..<n).map { _ in random.nextInt(below: n) } }
            for j in 0..<k {
                firstConfidence[j] = z95 * standardDeviation(draws.map { Estimators.first(a, ab[j], b, $0) })
                totalConfidence[j] = z95 * standardDeviation(draws.map { Estimators.total(a, ab[j], b, $0) })
                if secondOrder {
                    for l in (j + 1)..<max(j + 1, k) {
                        secondConfidence?[j][l] = z95 * standardDeviation(draws.map {
                            Estimators.second(a, ab[j], ab[l], ba[j], b, $0)
                        })
                    }
                }
            }
        } else if secondOrder {
            secondConfidence = nil
        }
        // -0 reads oddly in a table; the estimators give it for a factor without effect.
        first = first.map { $0 == 0 ? 0 : $0 }
        total = total.map { $0 == 0 ? 0 : $0 }
        let indices = (0..<k).map {
            SobolIndex(path: paths[$0], first: first[$0], firstConfidence: firstConfidence[$0], total: total[$0],
                       totalConfidence: totalConfidence[$0])
        }
        let ranking = indices.indices
            .sorted { indices[$0].total != indices[$1].total ? indices[$0].total > indices[$1].total : $0 < $1 }
            .map { indices[$0] }
        return SobolResult(indices: indices, ranking: ranking, secondOrder: second, secondOrderConfidence: secondConfidence)
    }

    /// Sample standard deviation (divisor n - 1).
    static func standardDeviation(_ values: [Double]) -> Double {
        guard values.count > 1 else { return 0 }
        let mean = values.reduce(0, +) / Double(values.count)
        return (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)).squareRoot()
    }

    /// The estimators over the base samples `rows` (all of them, or a bootstrap draw).
    enum Estimators {
        /// Variance (divisor 2n) of f_A and f_B over `rows`, nil when they are constant.
        static func variance(_ a: [Double], _ b: [Double], _ rows: [Int]) -> Double? {
            var low = Double.infinity, high = -Double.infinity, sum = 0.0
            for i in rows {
                low = min(low, a[i], b[i])
                high = max(high, a[i], b[i])
                sum += a[i] + b[i]
            }
            guard high > low else { return nil }
            let mean = sum / Double(2 * rows.count)
            var squares = 0.0
            for i in rows { squares += (a[i] - mean) * (a[i] - mean) + (b[i] - mean) * (b[i] - mean) }
            return squares / Double(2 * rows.count)
        }

        static func first(_ a: [Double], _ abj: [Double], _ b: [Double], _ rows: [Int]) -> Double {
            guard let v = variance(a, b, rows) else { return 0 }
            var sum = 0.0
            for i in rows { sum += b[i] * (abj[i] - a[i]) }
            return sum / Double(rows.count) / v
        }

        static func total(_ a: [Double], _ abj: [Double], _ b: [Double], _ rows: [Int]) -> Double {
            guard let v = variance(a, b, rows) else { return 0 }
            var sum = 0.0
            for i in rows { sum += (a[i] - abj[i]) * (a[i] - abj[i]) }
            return 0.5 * (sum / Double(rows.count)) / v
        }

        static func second(_ a: [Double], _ abj: [Double], _ abk: [Double], _ baj: [Double], _ b: [Double],
                           _ rows: [Int]) -> Double {
            guard let v = variance(a, b, rows) else { return 0 }
            var sum = 0.0
            for i in rows { sum += baj[i] * abk[i] - a[i] * b[i] }
            return sum / Double(rows.count) / v - first(a, abj, b, rows) - first(a, abk, b, rows)
        }
    }
}
