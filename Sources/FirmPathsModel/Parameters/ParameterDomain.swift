/// The values a scenario parameter may take, precise enough both to validate a file and to document it.
public enum ParameterDomain: Sendable, Equatable {
    /// A real number in an interval.
    case number(ParameterInterval)
    /// A whole number from `min` to `max` (no upper limit when `max` is nil).
    case integer(min: Int, max: Int?)
    /// `true` or `false`.
    case boolean
    /// Free text.
    case text
    /// A run seed: a whole number below 2^53, or a decimal string up to 2^64 - 1 (see `RunSeedValue`).
    case seed
    /// The name of one of `markets.regions`.
    case regionName
    /// A fixed-length vector of numbers (per mode, per kind), each in `element`; `weights` also
    /// requires a positive sum because the vector is normalised into probabilities.
    case numberList(count: Int, element: ParameterInterval, weights: Bool)
    /// Names of affected regions: region names, "home" or "all".
    case regionList
    /// A list of objects (segments, regions, markets, crises) with at least `minCount` elements.
    case table(minCount: Int)

    /// Whether the entry stands for a whole array of scalars.
    public var isValueList: Bool {
        switch self {
        case .numberList, .regionList: return true
        default: return false
        }
    }

    /// The allowed values as a short phrase for a documentation table, e.g. "[0, 1]" or "1 to 12".
    public var rangeDescription: String {
        switch self {
        case .number(let interval): return interval.description
        case .integer(let min, let max?): return "whole number, \(min) to \(max)"
        case .integer(let min, nil): return "whole number >= \(min)"
        case .boolean: return "true or false"
        case .text: return "any text"
        case .seed: return "0 to 2^64 - 1 (as a string above 2^53)"
        case .regionName: return "name of a region in markets.regions"
        case .numberList(let count, let element, let weights):
            return "\(count) values, each \(element.phrase)" + (weights ? ", sum > 0" : "")
        case .regionList: return "region names, \"home\" or \"all\""
        case .table(let minCount): return minCount > 0 ? "list of at least \(minCount)" : "list (may be empty)"
        }
    }

    /// What a value must be, for "expected ..., found ..." messages.
    public var expectation: String {
        switch self {
        case .number(let interval): return "a number \(interval.phrase)"
        case .integer(let min, let max?): return "a whole number from \(min) to \(max)"
        case .integer(let min, nil): return "a whole number >= \(min)"
        case .boolean: return "true or false"
        case .text: return "a string"
        case .seed: return "a seed: a whole number from 0 to 2^53, or a decimal string up to 18446744073709551615"
        case .regionName: return "a region name (a string)"
        case .numberList(let count, let element, _): return "an array of \(count) numbers, each \(element.phrase)"
        case .regionList: return "an array of region names, \"home\" or \"all\""
        case .table: return "an array of objects"
        }
    }
}

/// A real interval whose ends may be open, closed or absent.
public struct ParameterInterval: Sendable, Equatable, CustomStringConvertible {
    public var lower: Double?
    public var lowerInclusive: Bool
    public var upper: Double?
    public var upperInclusive: Bool

    public init(lower: Double?, lowerInclusive: Bool = true, upper: Double?, upperInclusive: Bool = true) {
        self.lower = lower
        self.lowerInclusive = lowerInclusive
        self.upper = upper
        self.upperInclusive = upperInclusive
    }

    /// [0, 1]: shares, probabilities and indices.
    public static let unit = ParameterInterval(lower: 0, upper: 1)
    /// [0, infinity): costs, rates, weights.
    public static let nonNegative = ParameterInterval(lower: 0, upper: nil)
    /// (0, infinity): scales and sizes that divide or take logarithms.
    public static let positive = ParameterInterval(lower: 0, lowerInclusive: false, upper: nil)
    /// Any finite number.
    public static let any = ParameterInterval(lower: nil, upper: nil)

    // Numerical bounds (issue 14): a value may pass every range of its own and still make the
    // model compute infinity or NaN, e.g. a log-normal sd of 1e155 (its square overflows) or a
    // market size of 1.7e308 (any product with it does). A Double holds magnitudes up to 1.8e308;
    // the model multiplies a handful of quantities per firm and market (sales = potential x
    // size x reach x appeal x demand x productivity x employees ...) and sums them over at most
    // 32,767 markets and 120,000 steps. So every quantity without a natural upper limit gets a
    // cap by its kind, far above any meaningful value and far below the point where such
    // products overflow: ten capped factors multiplied together stay below 1e100. A value at
    // the bound is allowed, one past it is not. What the caps cannot rule out (compounding
    // over 10,000 years, say), the engine's finite-output check stops with the parameters named.

    /// Money in thousand EUR: [0, 1e9], a trillion euros, above the yearly sales of any firm on earth.
    public static let money = ParameterInterval(lower: 0, upper: 1e9)
    /// Money that divides other amounts: [0.001, 1e9] thousand EUR (from one euro).
    public static let moneyScale = ParameterInterval(lower: 1e-3, upper: 1e9)
    /// Factors, weights, multiples of revenue or cost, pseudo-observations: [0, 1e6].
    public static let factor = ParameterInterval(lower: 0, upper: 1e6)
    /// Relative sizes and levels that scale or divide others: [1e-6, 1e6] (below 1e-6 a
    /// quotient by them overflows what the caps above assume).
    public static let scale = ParameterInterval(lower: 1e-6, upper: 1e6)
    /// Rates per year: [0, 1000], about three events a day; with at least one step a month the
    /// per-step probability 1 - exp(-rate / steps) is already 1 long before.
    public static let rate = ParameterInterval(lower: 0, upper: 1000)
    /// Exponents and elasticities: [0, 20]; x^20 stays finite for every x below 1e15.
    public static let exponent = ParameterInterval(lower: 0, upper: 20)
    /// The sd of a log: [0, 10]. The generator's normal draws are at most 8.6 in size
    /// (Box-Muller with 53-bit uniforms), so exp(10 x 8.6) = 2e37 and products stay finite.
    public static let logSpread = ParameterInterval(lower: 0, upper: 10)
    /// The sd of a Beta trait in [0, 1]: [0, 0.5], since sd < sqrt(mean (1 - mean)) <= 0.5.
    public static let betaSd = ParameterInterval(lower: 0, upper: 0.5)
    /// The mean of a log-normal trait: [1e-6, 1e6]; with its sd in [0, 1e6], sd^2 / mean^2 stays
    /// below 1e24 (the log-normal's log sd below 7.5), where 1e155 overflowed.
    public static let logNormalMean = ParameterInterval(lower: 1e-6, upper: 1e6)
    /// The sd of a log-normal trait: [0, 1e6] (see `logNormalMean`).
    public static let logNormalSd = ParameterInterval(lower: 0, upper: 1e6)
    /// The mean of a Poisson count: [0, 1000]; the generator never draws more than 1000.
    public static let poissonMean = ParameterInterval(lower: 0, upper: 1000)
    /// Log-demand levels and falls: 100 log points, e^-100 = 4e-44, leave nothing of demand.
    public static let logDemandFall = ParameterInterval(lower: 0, upper: 100)

    /// [lower, upper].
    public static func closed(_ lower: Double, _ upper: Double) -> ParameterInterval {
        ParameterInterval(lower: lower, upper: upper)
    }

    /// Whether `value` lies inside; non-finite values never do.
    public func contains(_ value: Double) -> Bool {
        guard value.isFinite else { return false }
        if let lower, lowerInclusive ? value < lower : value <= lower { return false }
        if let upper, upperInclusive ? value > upper : value >= upper { return false }
        return true
    }

    /// "[0, 1]", "[0, 1)", ">= 0", "> 0", "<= 0" or "any number".
    public var description: String {
        switch (lower, upper) {
        case let (lower?, upper?):
            return (lowerInclusive ? "[" : "(") + Self.text(lower) + ", " + Self.text(upper) + (upperInclusive ? "]" : ")")
        case let (lower?, nil): return (lowerInclusive ? ">= " : "> ") + Self.text(lower)
        case let (nil, upper?): return (upperInclusive ? "<= " : "< ") + Self.text(upper)
        case (nil, nil): return "any number"
        }
    }

    /// The interval as it reads after "a number": "in [0, 1]", ">= 0", or "" for any number.
    public var phrase: String {
        switch (lower, upper) {
        case (.some, .some): return "in " + description
        case (nil, nil): return "(any finite value)"
        default: return description
        }
    }

    /// Integral values without a decimal point, so "[0, 1]" rather than "[0.0, 1.0]"; powers of
    /// ten from 10^6 up and below 10^-2 as "1e9" and "1e-6".
    static func text(_ value: Double) -> String {
        let magnitude = abs(value)
        for exponent in Array(-12 ... -3) + Array(6...15) where magnitude == Double("1e\(exponent)") {
            return (value < 0 ? "-" : "") + "1e\(exponent)"
        }
        if value == value.rounded(), magnitude < 1e15 { return String(Int(value)) }
        return value.description
    }
}

// Shorthands that keep the catalog tables readable.
extension ParameterDomain {
    static let share = ParameterDomain.number(.unit)
    static let nonNegative = ParameterDomain.number(.nonNegative)
    static let positive = ParameterDomain.number(.positive)
    static let anyNumber = ParameterDomain.number(.any)
    static let money = ParameterDomain.number(.money)
    static let moneyScale = ParameterDomain.number(.moneyScale)
    static let factor = ParameterDomain.number(.factor)
    static let scale = ParameterDomain.number(.scale)
    static let rate = ParameterDomain.number(.rate)
    static let exponent = ParameterDomain.number(.exponent)
    static let logSpread = ParameterDomain.number(.logSpread)
    static let betaSd = ParameterDomain.number(.betaSd)
    static let logNormalMean = ParameterDomain.number(.logNormalMean)
    static let logNormalSd = ParameterDomain.number(.logNormalSd)
    static let poissonMean = ParameterDomain.number(.poissonMean)
    /// A cost level's drift relative to home = 1: [-1, 1] per year (the whole home cost level a year).
    static let costDrift = ParameterDomain.number(.closed(-1, 1))
    /// Employment growth per unit margin: [0, 5] per year; at the margin cap of 0.2 the
    /// workforce at most doubles in a year.
    static let growthPerMargin = ParameterDomain.number(.closed(0, 5))
    /// The yearly sd of log-demand innovations: [0, 2]. With the persistence capped at 0.999,
    /// log demand's stationary sd stays below 45, so exp(log demand) stays finite even at the
    /// largest normal draw (e^385).
    static let demandSd = ParameterDomain.number(.closed(0, 2))
    static let mode = ParameterDomain.integer(min: 0, max: 4)
    /// One value per establishment mode 0-4.
    static func byMode(_ element: ParameterInterval) -> ParameterDomain {
        .numberList(count: 5, element: element, weights: false)
    }
    /// Relative weights of `count` kinds, normalised by the model.
    static func kindWeights(_ count: Int) -> ParameterDomain {
        .numberList(count: count, element: .factor, weights: true)
    }
}

/// Unit phrases shared by the catalog tables, so the same quantity reads the same everywhere.
enum ParameterUnit {
    static let share = "share [0, 1]"
    static let index = "index [0, 1]"
    static let probability = "probability"
    static let probabilityPerYear = "probability per year"
    static let ratePerYear = "events per year"
    static let perYear = "per year"
    static let years = "years"
    static let count = "count"
    static let factor = "factor"
    static let weight = "weight"
    static let exponent = "exponent"
    static let thousandEUR = "thousand EUR"
    static let thousandEURPerYear = "thousand EUR per year"
    static let switchFlag = "on/off"
    static let text = "text"
    static let logDemand = "log demand"
    static let mode = "mode 0-4"
    static let list = "list"
}
