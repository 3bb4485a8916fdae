/// Morris screening statistics for one factor and one outcome.
public struct MorrisEffect: Sendable, Equatable {
    /// Factor path.
    public var path: String
    /// Mean elementary effect; signed, so opposite effects can cancel.
    public var mu: Double
    /// Mean absolute elementary effect (Campolongo et al. 2007); the ranking statistic.
    public var muStar: Double
    /// Sample standard deviation (n - 1) of the elementary effects; high values signal
    /// non-linearity or interactions. 0 when there is a single trajectory.
    public var sigma: Double
    /// Number of elementary effects (one per trajectory).
    public var count: Int
    /// Half-width of the 95% bootstrap interval of `muStar`: 1.96 times the standard deviation
    /// of mu* over resamples of the trajectories (as SALib's `mu_star_conf`). 0 without bootstrap.
    public var muStarConfidence: Double = 0
}

/// Morris screening result for one outcome.
public struct MorrisResult: Sendable, Equatable {
    /// Effects in factor order.
    public var effects: [MorrisEffect]
    /// Effects sorted by `muStar`, largest first; ties keep factor order.
    public var ranking: [MorrisEffect]
}

/// Elementary-effects analysis (Morris 1991) of outputs computed at a `MorrisDesign`'s points.
public enum MorrisAnalysis {
    /// Computes mu, mu* and sigma per factor from one outcome.
    ///
    /// Each elementary effect is `(y(s + 1) - y(s)) / (u_i(s + 1) - u_i(s))` where `u_i` is the
    /// moving factor's coordinate in the unit cube (so the divisor is `+-delta`). Effects are
    /// therefore in output units per unit of the normalized factor: the output change a move
    /// across the factor's whole `[min, max]` would cause at that slope. This makes factors with
    /// different physical units comparable; divide by `max - min` for per-parameter-unit slopes.
    /// - Parameters:
    ///   - design: the design whose `points` produced the outputs.
    ///   - outputs: one finite value per design point, in point order (run-averaged if replicated).
    /// - Returns: statistics per factor and the ranking by mu*.
    /// - Throws: `SweepError.outputCountMismatch` or `.nonFiniteOutput`.
    /// - Complexity: O(r k log k) for r trajectories and k factors.
    ///   - bootstrap: resamples for `muStarConfidence` (0: none) and the seed of their draws.
    ///     Resample b draws `r` trajectory indices with replacement (`nextInt(below: r)`), the
    ///     same indices for every factor, so the interval is a documented function of the seed.
    public static func elementaryEffects(design: MorrisDesign, outputs: [Double],
                                         bootstrap: (resamples: Int, seed: UInt64) = (0, 0)) throws -> MorrisResult {
        guard outputs.count == design.points.count else {
            throw SweepError.outputCountMismatch(expected: design.points.count, actual: outputs.count)
        }
        if let bad = outputs.firstIndex(where: { !$0.isFinite }) {
            throw SweepError.nonFiniteOutput(index: bad)
        }
        let k = design.factorCount
        var effectsByFactor = [[Double]](repeating: [], count: k)
        for t in 0..<design.trajectories {
            for (step, factor) in design.changedFactor[t].enumerated() {
                let a = t * (k + 1) + step
                let b = a + 1
                let du = design.unitPoints[b][factor] - design.unitPoints[a][factor]
                effectsByFactor[factor].append((outputs[b] - outputs[a]) / du)
            }
        }
        let confidence = bootstrapConfidence(effectsByFactor, trajectories: design.trajectories,
                                              resamples: bootstrap.resamples, seed: bootstrap.seed)
        let effects = effectsByFactor.enumerated().map { factor, values in
            let n = Double(values.count)
            let mu = values.reduce(0, +) / n
            let muStar = values.reduce(0) { $0 + abs($1) } / n
            let sigma = values.count > 1
                ? (values.reduce(0) { $0 + ($1 - mu) * ($1 - mu) } / (n - 1)).squareRoot()
                : 0
            return MorrisEffect(path: design.paths[factor], mu: mu, muStar: muStar, sigma: sigma, count: values.count,
                                muStarConfidence: confidence[factor])
        }
        let ranking = effects.indices
            .sorted { effects[$0].muStar != effects[$1].muStar ? effects[$0].muStar > effects[$1].muStar : $0 < $1 }
            .map { effects[$0] }
        return MorrisResult(effects: effects, ranking: ranking)
    }

    /// 1.96 x the standard deviation of mu* over `resamples` bootstrap resamples of the
    /// trajectories, per factor; zeros when `resamples < 2` or there is one trajectory.
    static func bootstrapConfidence(_ effectsByFactor: [[Double]], trajectories r: Int, resamples: Int,
                                    seed: UInt64) -> [Double] {
        let k = effectsByFactor.count
        guard resamples >= 2, r >= 2, effectsByFactor.allSatisfy({ $0.count == r }) else {
            return [Double](repeating: 0, count: k)
        }
        var random = SweepRandom(seed: seed)
        var sum = [Double](repeating: 0, count: k)
        var sumSquares = [Double](repeating: 0, count: k)
        var draw = [Int](repeating: 0, count: r)
        for _ in 0..<resamples {
            for t in 0..<r { draw[t] = random.nextInt(below: r) }
            for factor in 0..<k {
                let values = effectsByFactor[factor]
                var total = 0.0
                for t in draw { total += abs(values[t]) }
                let muStar = total / Double(r)
                sum[factor] += muStar
                sumSquares[factor] += muStar * muStar
            }
        }
        let b = Double(resamples)
        return (0..<k).map { factor in
            let mean = sum[factor] / b
            let variance = max(0, (sumSquares[factor] - b * mean * mean) / (b - 1))
            return 1.96 * variance.squareRoot()
        }
    }

    /// Convenience that regenerates the Morris design from its specification and seed.
    /// - Throws: `SweepError.notAMorrisDesign` or any error of the overload above.
    public static func elementaryEffects(design: SweepDesign, seed: UInt64, outputs: [Double]) throws -> MorrisResult {
        try elementaryEffects(design: design.morrisDesign(seed: seed), outputs: outputs)
    }
}
