/// Converts the scenario's yearly rates into per-step values (design brief principle 3).
public struct StepClock: Sendable, Equatable {
    public let stepsPerYear: Int
    /// Length of a step in years.
    public let stepLength: Double

    public init(stepsPerYear: Int) {
        self.stepsPerYear = max(1, stepsPerYear)
        self.stepLength = 1.0 / Double(self.stepsPerYear)
    }

    /// Probability per step of an event with yearly probability `p`: 1 - (1 - p)^(1/s).
    public func stepProbability(yearly p: Double) -> Double {
        if p <= 0 { return 0 }
        if p >= 1 { return 1 }
        return 1 - _pow(1 - p, stepLength)
    }

    /// Probability per step of an event with yearly hazard rate `lambda`: 1 - exp(-lambda / s).
    ///
    /// Consistent with `stepProbability`: a yearly hazard lambda is a yearly probability
    /// 1 - exp(-lambda).
    @inline(__always)
    public func stepProbability(hazard lambda: Double) -> Double {
        lambda <= 0 ? 0 : 1 - _exp(-lambda * stepLength)
    }

    /// Factor that leaves (1 - d)^(1/s) of a stock after one step of yearly decay share `d`.
    public func stepRetention(yearlyDecay d: Double) -> Double {
        if d <= 0 { return 1 }
        if d >= 1 { return 0 }
        return _pow(1 - d, stepLength)
    }

    /// Year (0-based) of a step.
    @inline(__always)
    public func year(ofStep step: Int) -> Int { step / stepsPerYear }
}

extension RandomStream {
    /// Whether an event of yearly hazard `lambda` happens in a step: the same draw and the same
    /// answer as `bernoulli(clock.stepProbability(hazard: lambda))`, without the exponential
    /// for most draws (see `occurs(probabilityAtMost:probability:)`, with the bound
    /// 1 - exp(-x) <= x for x = lambda x step length).
    @inline(__always)
    mutating func occurs(hazard lambda: Double, clock: StepClock) -> Bool {
        occurs(probabilityAtMost: StepClock.upperBound(lambda * clock.stepLength)) { clock.stepProbability(hazard: lambda) }
    }

    /// `bernoulli(probability())` for a probability known to be at most `bound`: the same draw,
    /// and the same answer, but `probability` (an exponential or a power) is evaluated only
    /// when the draw falls below the bound, for rare events a small share of the calls.
    @inline(__always)
    mutating func occurs(probabilityAtMost bound: Double, probability: () -> Double) -> Bool {
        let u = nextDouble()
        return u < bound && u < probability()
    }
}

extension StepClock {
    /// An upper bound, as computed in floating point, of 1 - exp(-x) evaluated in floating
    /// point: x itself (exact arithmetic) plus a relative 1e-12 and an absolute 1e-15 for the
    /// rounding of x, of exp (under an ulp, 1.1e-16 near 1) and of the subtraction. NaN stays
    /// NaN (a draw is never below it, nor below the NaN probability).
    @inline(__always)
    static func upperBound(_ x: Double) -> Double {
        x * (1 + 1e-12) + 1e-15
    }
}
