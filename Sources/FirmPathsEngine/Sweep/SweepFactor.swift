/// One swept parameter: a model parameter path and the values it may take.
public struct SweepFactor: Sendable, Equatable {
    /// How the factor's values are given.
    public enum Kind: Sendable, Equatable {
        /// Explicit values, used in the given order by grid designs.
        case values([Double])
        /// `from, from + step, ...` up to `to` inclusive (within `step * 1e-9`), for grid designs.
        case range(from: Double, to: Double, step: Double)
        /// A continuous interval for sampling designs (Latin hypercube, Morris).
        case interval(min: Double, max: Double)
    }

    /// Parameter path in the model's scenario, such as `policy.exportPromotion` or `segments[0].share`.
    public var path: String
    /// The factor's values or bounds.
    public var kind: Kind

    /// Creates a factor; validation happens when a design is generated so errors name the design.
    public init(path: String, kind: Kind) {
        self.path = path
        self.kind = kind
    }

    /// Fraction of a step by which `to` may overshoot and still count as the last grid value;
    /// absorbs decimal-to-binary error such as `0.1 * 3 != 0.3`.
    public static let rangeTolerance = 1e-9

    /// The discrete values of a `.values` or `.range` factor, in order.
    ///
    /// Range values are computed as `from + Double(i) * step` rather than by repeated addition,
    /// so error does not accumulate; a last value within `step * 1e-9` of `to` is snapped to `to`.
    /// - Throws: `SweepError` for empty or non-finite values, `from > to`, a non-positive step,
    ///   or an `.interval` factor (which has no discrete values).
    /// - Complexity: O(number of values).
    public func discreteValues() throws -> [Double] {
        switch kind {
        case .values(let values):
            guard !values.isEmpty else { throw SweepError.emptyValues(path: path) }
            guard values.allSatisfy(\.isFinite) else { throw SweepError.nonFiniteValue(path: path) }
            return values
        case let .range(from, to, step):
            guard from.isFinite, to.isFinite else { throw SweepError.nonFiniteValue(path: path) }
            guard step.isFinite, step > 0 else { throw SweepError.invalidStep(path: path, step: step) }
            guard from <= to else { throw SweepError.rangeFromAboveTo(path: path, from: from, to: to) }
            let tolerance = step * Self.rangeTolerance
            let steps = ((to - from) + tolerance) / step
            guard steps < Double(SweepDesign.maximumPointCount) else {
                throw SweepError.tooManyPoints(limit: SweepDesign.maximumPointCount)
            }
            let lastIndex = Int(steps.rounded(.down))
            // Values as the user would write them: from + i x step rounded to the decimals of
            // `from` and `step` (0 + 3 x 0.2 is 0.6000000000000001 in binary; the grid holds 0.6,
            // the double nearest to "0.6", so runs.csv shows 0.6 and --set 0.6 re-runs it).
            let digits = max(Self.decimalDigits(from) ?? 99, Self.decimalDigits(step) ?? 99)
            let scale = digits <= 15 ? Self.powerOfTen(digits) : 0
            return (0...lastIndex).map { i in
                var value = from + Double(i) * step
                if scale > 0, abs(value) * scale < 0x1p52 { value = (value * scale).rounded() / scale }
                return abs(value - to) <= tolerance ? to : value
            }
        case .interval:
            throw SweepError.factorKindNotSupported(
                path: path, design: "grid", expected: "a list of values or {\"from\", \"to\", \"step\"}")
        }
    }

    /// The largest value the factor can take (nil when its values are not numbers), without
    /// generating them.
    public var largestValue: Double? {
        switch kind {
        case .values(let values): return values.max()
        case .range(_, let to, _): return to
        case .interval(_, let max): return max
        }
    }

    /// How many values a `.values` or `.range` factor has, without generating them (as a
    /// Double: an absurd range is a large number, not a trap); nil for intervals or invalid ranges.
    public var discreteCount: Double? {
        switch kind {
        case .values(let values): return Double(values.count)
        case let .range(from, to, step):
            guard from.isFinite, to.isFinite, step.isFinite, step > 0, from <= to else { return nil }
            return (((to - from) + step * Self.rangeTolerance) / step).rounded(.down) + 1
        case .interval: return nil
        }
    }

    /// Digits after the decimal point in the shortest text of `value` (`0.25` -> 2, `3.0` -> 0,
    /// `1e-05` -> 5); nil for non-finite values.
    static func decimalDigits(_ value: Double) -> Int? {
        guard value.isFinite else { return nil }
        let text = abs(value).description
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        var fraction = mantissa.split(separator: ".", maxSplits: 1).dropFirst().first.map(String.init) ?? ""
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return max(0, fraction.count - exponent)
    }

    static func powerOfTen(_ digits: Int) -> Double {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        return scale
    }

    /// The `[min, max]` bounds of an `.interval` factor.
    /// - Parameter design: design name used in the error message.
    func intervalBounds(design: String) throws -> (min: Double, max: Double) {
        guard case let .interval(min, max) = kind else {
            throw SweepError.factorKindNotSupported(path: path, design: design, expected: "an interval {\"min\", \"max\"}")
        }
        guard min.isFinite, max.isFinite else { throw SweepError.nonFiniteValue(path: path) }
        guard min <= max else { throw SweepError.intervalMinAboveMax(path: path, min: min, max: max) }
        return (min, max)
    }
}

/// Maps a unit-interval coordinate onto `[min, max]`, exact at both ends and clamped against rounding.
@inline(__always)
func scaleUnit(_ u: Double, min: Double, max: Double) -> Double {
    let value = min * (1 - u) + max * u
    return Swift.min(Swift.max(value, min), max)
}
