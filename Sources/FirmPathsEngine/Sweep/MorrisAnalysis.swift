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
    public static func elementaryEffects(design: MorrisDesign, outputs: [Double]) throws -> MorrisResult {
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
        let effects = effectsByFactor.enumerated().map { factor, values in
            let n = Double(values.count)
            let mu = values.reduce(0, +) / n
            let muStar = values.reduce(0) { $0 + abs($1) } / n
            let sigma = values.count > 1
                ? (values.reduce(0) { $0 + ($1 - mu) * ($1 - mu) } / (n - 1)).squareRoot()
                : 0
            return MorrisEffect(path: design.paths[factor], mu: mu, muStar: muStar, sigma: sigma, count: values.count)
        }
        let ranking = effects.indices
            .sorted { effects[$0].muStar != effects[$1].muStar ? effects[$0].muStar > effects[$1].muStar : $0 < $1 }
            .map { effects[$0] }
        return MorrisResult(effects: effects, ranking: ranking)
    }

    /// Convenience that regenerates the Morris design from its specification and seed.
    /// - Throws: `SweepError.notAMorrisDesign` or any error of the overload above.
    public static func elementaryEffects(design: SweepDesign, seed: UInt64, outputs: [Double]) throws -> MorrisResult {
        try elementaryEffects(design: design.morrisDesign(seed: seed), outputs: outputs)
    }
}
