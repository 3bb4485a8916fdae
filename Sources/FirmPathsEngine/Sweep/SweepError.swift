import FirmPathsIO

/// Why a sweep specification, design or analysis input was rejected, phrased for the user.
public enum SweepError: Error, Equatable, Sendable, CustomStringConvertible {
    case noFactors
    case emptyFactorPath
    case duplicateFactorPath(String)
    case emptyValues(path: String)
    case nonFiniteValue(path: String)
    case rangeFromAboveTo(path: String, from: Double, to: Double)
    case invalidStep(path: String, step: Double)
    case intervalMinAboveMax(path: String, min: Double, max: Double)
    case factorKindNotSupported(path: String, design: String, expected: String)
    case invalidSampleCount(Int)
    case invalidTrajectoryCount(Int)
    case tooFewLevels(Int)
    case tooManyPoints(limit: Int)
    case emptyCombinations
    case combinationKeysMismatch(index: Int, missing: [String], unexpected: [String])
    case notAMorrisDesign
    case outputCountMismatch(expected: Int, actual: Int)
    case nonFiniteOutput(index: Int)
    case tooManyDimensions(Int, maximum: Int)
    case notASaltelliDesign

    public var description: String {
        switch self {
        case .noFactors:
            return "the sweep has no factors"
        case .emptyFactorPath:
            return "a sweep factor has an empty parameter path"
        case .duplicateFactorPath(let path):
            return "parameter '\(path)' appears in more than one sweep factor"
        case .emptyValues(let path):
            return "factor '\(path)' has an empty list of values"
        case .nonFiniteValue(let path):
            return "factor '\(path)' has a value that is NaN or infinite"
        case let .rangeFromAboveTo(path, from, to):
            return "factor '\(path)': range start \(JSONWriter.numberText(from)) is greater than its end \(JSONWriter.numberText(to))"
        case let .invalidStep(path, step):
            return "factor '\(path)': range step must be positive, got \(JSONWriter.numberText(step))"
        case let .intervalMinAboveMax(path, min, max):
            return "factor '\(path)': interval minimum \(JSONWriter.numberText(min)) is greater than its maximum \(JSONWriter.numberText(max))"
        case let .factorKindNotSupported(path, design, expected):
            return "factor '\(path)': a \(design) design needs \(expected)"
        case .invalidSampleCount(let count):
            return "a Latin hypercube needs at least 1 sample, got \(count)"
        case .invalidTrajectoryCount(let count):
            return "a Morris design needs at least 1 trajectory, got \(count)"
        case .tooFewLevels(let levels):
            return "a Morris design needs at least 2 levels, got \(levels)"
        case .tooManyPoints(let limit):
            return "the design would have more than \(limit) points"
        case .emptyCombinations:
            return "the list of combinations is empty"
        case let .combinationKeysMismatch(index, missing, unexpected):
            var parts: [String] = []
            if !missing.isEmpty { parts.append("missing \(missing.joined(separator: ", "))") }
            if !unexpected.isEmpty { parts.append("unexpected \(unexpected.joined(separator: ", "))") }
            return "combination \(index): \(parts.joined(separator: "; "))"
        case .notAMorrisDesign:
            return "elementary effects need a Morris design"
        case let .outputCountMismatch(expected, actual):
            return "expected one output per design point (\(expected)), got \(actual)"
        case .nonFiniteOutput(let index):
            return "output at design point \(index) is NaN or infinite"
        case let .tooManyDimensions(dimension, maximum):
            return "the Sobol' sequence has direction numbers for 1 to \(maximum) dimensions, \(dimension) asked "
                + "(Saltelli's design needs 2 per parameter)"
        case .notASaltelliDesign:
            return "Sobol' indices need a sobol (Saltelli) design"
        }
    }
}
