import FirmPathsIO
import FirmPathsModel
import Foundation

/// A file of calibration targets or stylized facts (`Scenarios/targets/*.json`).
///
/// ```json
/// {"name": "eu-sme", "description": "...",
///  "targets": [{"id": "exporting", "label": "...", "source": "...",
///               "definition": {"measure": "share_firms", "population": ["alive_at_end"],
///                              "condition": "exporting_at_end"},
///               "range": [0.25, 0.33], "tolerance": 0.01}]}
/// ```
/// A target holds when the mean over replications lies in `[range.lo - tolerance, range.hi + tolerance]`
/// (`value` stands for a range of one point). Every target is a check: `firmpaths targets` fails
/// when any one does not hold (there is no "informational" kind).
public struct TargetFile: Sendable, Equatable {
    public var name: String
    public var description: String
    public var targets: [Target]

    public init(name: String, description: String, targets: [Target]) {
        self.name = name
        self.description = description
        self.targets = targets
    }

    /// Parses a targets file with the project's JSON parser.
    public static func parse(bytes: [UInt8], file: String) throws(TargetFileError) -> TargetFile {
        let document: JSONDocument
        do {
            document = try JSONParser.parse(bytes, file: file, recordPositions: false)
        } catch {
            throw TargetFileError(message: error.description)
        }
        guard let root = document.value.objectValue else { throw TargetFileError(message: "\(file): expected an object") }
        for key in root.keys where !["name", "description", "targets"].contains(key) {
            throw TargetFileError(message: "\(file): unknown key '\(key)'")
        }
        guard let list = root["targets"]?.arrayValue, !list.isEmpty else {
            throw TargetFileError(message: "\(file): 'targets' must be a non-empty list")
        }
        var targets: [Target] = []
        var ids = Set<String>()
        for (index, value) in list.enumerated() {
            let target = try Target.parse(value, at: "\(file): targets[\(index)]")
            guard ids.insert(target.id).inserted else {
                throw TargetFileError(message: "\(file): targets[\(index)]: duplicate id '\(target.id)'")
            }
            targets.append(target)
        }
        return TargetFile(name: root["name"]?.stringValue ?? "", description: root["description"]?.stringValue ?? "",
                          targets: targets)
    }

    public static func load(path: String) throws(TargetFileError) -> TargetFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TargetFileError(message: "cannot read targets file '\(path)'")
        }
        return try parse(bytes: [UInt8](data), file: path)
    }
}

public struct TargetFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}

/// One target: what is measured, the empirical figure and the tolerance.
public struct Target: Sendable, Equatable {
    public var id: String
    public var label: String
    public var source: String
    public var measure: Measure
    public var lower: Double
    public var upper: Double
    public var tolerance: Double

    public init(id: String, label: String = "", source: String = "", measure: Measure, lower: Double, upper: Double,
                tolerance: Double = 0) {
        self.id = id
        self.label = label
        self.source = source
        self.measure = measure
        self.lower = lower
        self.upper = upper
        self.tolerance = tolerance
    }

    /// Whether `value` lies within the range widened by the tolerance.
    public func holds(_ value: Double) -> Bool {
        value.isFinite && value >= lower - tolerance && value <= upper + tolerance
    }

    /// Deviation outside the tolerated range in units of the range's scale
    /// (half-width plus tolerance, at least 1e-9); 0 inside.
    public func normalizedDeviation(_ value: Double) -> Double {
        guard value.isFinite else { return 10 }
        let scale = max((upper - lower) / 2 + tolerance, 1e-9)
        if value < lower - tolerance { return (lower - tolerance - value) / scale }
        if value > upper + tolerance { return (value - upper - tolerance) / scale }
        return 0
    }

    /// Distance from the middle of the range, in the same units (for ranking points that all hold).
    public func centreDeviation(_ value: Double) -> Double {
        guard value.isFinite else { return 10 }
        let scale = max((upper - lower) / 2 + tolerance, 1e-9)
        return abs(value - (lower + upper) / 2) / scale
    }

    static func parse(_ value: JSONValue, at location: String) throws(TargetFileError) -> Target {
        guard let object = value.objectValue else { throw TargetFileError(message: "\(location): expected an object") }
        if object["informational"] != nil {
            throw TargetFileError(message: "\(location): 'informational' is no longer accepted: every target is a check "
                + "that fails when it does not hold (remove the key, or the target)")
        }
        let allowed = ["id", "label", "source", "definition", "value", "range", "tolerance", "note"]
        for key in object.keys where !allowed.contains(key) {
            throw TargetFileError(message: "\(location): unknown key '\(key)' (allowed: \(allowed.joined(separator: ", ")))")
        }
        guard let id = object["id"]?.stringValue, !id.isEmpty else {
            throw TargetFileError(message: "\(location): 'id' must be a non-empty string")
        }
        guard let definition = object["definition"] else {
            throw TargetFileError(message: "\(location): missing 'definition'")
        }
        let measure = try Measure.parse(definition, at: "\(location) (\(id)).definition")
        let lower: Double
        let upper: Double
        if let range = object["range"] {
            guard let pair = range.arrayValue, pair.count == 2, let lo = pair[0].doubleValue, let hi = pair[1].doubleValue,
                  lo <= hi else {
                throw TargetFileError(message: "\(location) (\(id)): 'range' must be [low, high] with low <= high")
            }
            lower = lo
            upper = hi
        } else if let single = object["value"]?.doubleValue {
            lower = single
            upper = single
        } else {
            throw TargetFileError(message: "\(location) (\(id)): give 'value' or 'range'")
        }
        let tolerance = object["tolerance"]?.doubleValue ?? 0
        guard tolerance >= 0 else { throw TargetFileError(message: "\(location) (\(id)): 'tolerance' must be >= 0") }
        return Target(id: id, label: object["label"]?.stringValue ?? id, source: object["source"]?.stringValue ?? "",
                      measure: measure, lower: lower, upper: upper, tolerance: tolerance)
    }
}
