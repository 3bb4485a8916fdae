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
