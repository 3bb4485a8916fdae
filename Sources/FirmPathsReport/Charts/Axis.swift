import Foundation

/// A numeric axis with "nice" 1-2-5 ticks, so tick labels are round numbers readers can interpolate between.
public struct Axis: Sendable, Equatable {
    /// What the axis measures, e.g. "Year" or "Firms exporting".
    public var label: String
    /// Unit shown in parentheses after the label, e.g. "count" or "%"; nil when the label already says it.
    public var unit: String?
    /// True when values are shares in [0, 1] to be printed as percentages.
    public var isPercent: Bool
    /// Lowest value drawn; always a tick.
    public private(set) var lower: Double
    /// Highest value drawn; always a tick.
    public private(set) var upper: Double
    /// Distance between ticks (1, 2 or 5 times a power of ten).
    public private(set) var step: Double
    /// Tick positions from `lower` to `upper` inclusive.
    public private(set) var ticks: [Double]

    /// Creates an axis covering the data range with about `targetTicks` nice ticks.
    ///
    /// Non-finite bounds are ignored; an empty or degenerate range still yields a usable axis.
    public init(
        label: String, unit: String? = nil, dataMin: Double, dataMax: Double,
        targetTicks: Int = 6, includeZero: Bool = false, isPercent: Bool = false
    ) {
        self.label = label
        self.unit = unit
        self.isPercent = isPercent
        var lo = dataMin.isFinite ? dataMin : (dataMax.isFinite ? dataMax : 0)
        var hi = dataMax.isFinite ? dataMax : lo
        if lo > hi { swap(&lo, &hi) }
        if includeZero {
            lo = min(lo, 0)
            hi = max(hi, 0)
        }
        let nice = Axis.niceTicks(min: lo, max: hi, target: targetTicks)
        lower = nice.lower
        upper = nice.upper
        step = nice.step
        ticks = nice.ticks
    }

    /// Creates an axis over an exact range, e.g. 0...1 for shares that must read as 0-100 %.
    public init(label: String, unit: String? = nil, fixed range: ClosedRange<Double>, targetTicks: Int = 6, isPercent: Bool = false) {
        self.label = label
        self.unit = unit
        self.isPercent = isPercent
        let lo = range.lowerBound.isFinite ? range.lowerBound : 0
        let hi = range.upperBound.isFinite && range.upperBound > lo ? range.upperBound : lo + 1
        let nice = Axis.niceTicks(min: lo, max: hi, target: targetTicks)
        lower = lo
        upper = hi
        step = nice.step
        ticks = nice.ticks.filter { $0 >= lo - nice.step * 1e-9 && $0 <= hi + nice.step * 1e-9 }
    }

    /// Axis title with unit, e.g. "Exporting firms (count)".
    public var title: String {
        guard let unit, !unit.isEmpty else { return label }
        return "\(label) (\(unit))"
    }

    /// Computes nice ticks covering `min...max`: step is 1, 2 or 5 times a power of ten.
    public static func niceTicks(min lo: Double, max hi: Double, target: Int = 6) -> (lower: Double, upper: Double, step: Double, ticks: [Double]) {
        var a = lo.isFinite ? lo : 0
        var b = hi.isFinite ? hi : a
        if a > b { swap(&a, &b) }
        if b - a < 1e-12 {
            let pad = a == 0 ? 1 : Swift.abs(a) * 0.1
            a -= pad
            b += pad
        }
        let count = Double(Swift.max(2, target))
        let rough = (b - a) / count
        let power = pow(10, floor(log10(rough)))
        let fraction = rough / power
        // Rounding (not ceiling) the step keeps the tick count close to the target.
        let niceFraction: Double = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        let step = niceFraction * power
        let start = floor(a / step + 1e-9)
        let end = ceil(b / step - 1e-9)
        var ticks: [Double] = []
        var i = start
        while i <= end + 1e-9 && ticks.count < 1000 {
            ticks.append(clean(i * step, step: step))
            i += 1
        }
        return (clean(start * step, step: step), clean(end * step, step: step), step, ticks)
    }

    /// Maps a value to a pixel position between `from` (at `lower`) and `to` (at `upper`).
    public func position(_ value: Double, from: Double, to: Double) -> Double {
        let span = upper - lower
        guard span > 0, value.isFinite else { return from }
        return from + (value - lower) / span * (to - from)
    }

    /// Formats a tick value: whole numbers without decimals, shares as percentages, others with just enough decimals.
    public func tickLabel(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        if isPercent {
            return Axis.format(value * 100, step: step * 100) + "%"
        }
        return Axis.format(value, step: step)
    }

    /// Formats a value with as many decimals as the step needs, never "-0".
    public static func format(_ value: Double, step: Double) -> String {
        guard value.isFinite else { return "" }
        let decimals: Int
        if step.isFinite, step > 0, step < 1 {
            decimals = Swift.min(6, Int(ceil(-log10(step) - 1e-9)))
        } else {
            decimals = 0
        }
        let rounded = (value * pow(10, Double(decimals))).rounded() / pow(10, Double(decimals))
        if rounded == 0 { return "0" }
        return String(format: "%.\(decimals)f", rounded)
    }

    /// Removes floating-point noise such as 0.30000000000000004 from tick values.
    private static func clean(_ value: Double, step: Double) -> Double {
        let decimals = step < 1 ? Swift.min(12, Int(ceil(-log10(step))) + 2) : 0
        let scale = pow(10, Double(decimals))
        let r = (value * scale).rounded() / scale
        return r == 0 ? 0 : r
    }
}
