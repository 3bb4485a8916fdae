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

    /// Integral values without a decimal point, so "[0, 1]" rather than "[0.0, 1.0]".
    static func text(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return value.description
    }
}

// Shorthands that keep the catalog tables readable.
extension ParameterDomain {
    static let share = ParameterDomain.number(.unit)
    static let nonNegative = ParameterDomain.number(.nonNegative)
    static let positive = ParameterDomain.number(.positive)
    static let anyNumber = ParameterDomain.number(.any)
    static let mode = ParameterDomain.integer(min: 0, max: 4)
    /// One value per establishment mode 0-4.
    static func byMode(_ element: ParameterInterval) -> ParameterDomain {
        .numberList(count: 5, element: element, weights: false)
    }
    /// Relative weights of `count` kinds, normalised by the model.
    static func kindWeights(_ count: Int) -> ParameterDomain {
        .numberList(count: count, element: .nonNegative, weights: true)
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
