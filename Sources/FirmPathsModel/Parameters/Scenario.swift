/// Everything a run depends on besides its seed: the world, the population and the model.
///
/// Every field has a default here, in code; a scenario file only states what differs.
/// Rates are per year; the engine converts them to per-step values (see `StepClock`).
public struct Scenario: Codable, Sendable, Equatable {
    /// Short identifier, used as the default output folder name.
    public var name: String = "unnamed"
    /// One line saying what the scenario shows.
    public var description: String = ""
    /// Base seed of the run (or of a sweep).
    public var seed: RunSeedValue = RunSeedValue(42)
    /// Length of the simulated history in years.
    public var years: Int = 30
    /// Steps per year (4: a step is a quarter).
    public var stepsPerYear: Int = 4
    public var population: PopulationParameters = PopulationParameters()
    public var markets: MarketParameters = MarketParameters()
    public var environment: EnvironmentParameters = EnvironmentParameters()
    public var model: ModelParameters = ModelParameters()
    public var policy: PolicyParameters = PolicyParameters()
    public var classification: ClassificationParameters = ClassificationParameters()

    public init() {}

    /// Total number of steps of a run.
    public var totalSteps: Int { years * stepsPerYear }
}

/// A 64-bit seed that survives JSON: written as a number when a double holds it exactly
/// (below 2^53), otherwise as a decimal string; read from either.
public struct RunSeedValue: Codable, Sendable, Equatable, Hashable, CustomStringConvertible {
    public var value: UInt64
    public init(_ value: UInt64) { self.value = value }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            guard let parsed = UInt64(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "expected a seed: a whole number from 0 to 18446744073709551615")
            }
            value = parsed
        } else {
            let number = try container.decode(Double.self)
            guard number >= 0, number < 9_007_199_254_740_992, number == number.rounded() else {
                throw DecodingError.dataCorruptedError(
                    in: container,
                    debugDescription: "expected a seed: a whole number from 0 to 2^53 (larger seeds as a string), found \(number)")
            }
            value = UInt64(number)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if value < 9_007_199_254_740_992 {
            try container.encode(Double(value))
        } else {
            try container.encode(String(value))
        }
    }

    public var description: String { String(value) }
}
