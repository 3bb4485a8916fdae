import FirmPathsModel
import Foundation

/// The defaults a scenario file is overlaid onto, taken from the code (`Scenario()`, `Segment()`) so files and code cannot disagree.
struct ScenarioDefaults: Sendable {
    /// `Scenario()` as JSON, keys in declaration order.
    let scenario: JSONValue
    /// `Segment()` as JSON: what a segment written with only some fields gets for the rest.
    let segment: JSONValue
    /// Element templates of lists without a natural default element: every field `null`, so a
    /// field the file leaves out stays `null` and is reported as missing.
    let requiredElements: [String: JSONValue]

    /// Object lists whose elements must be written in full.
    static let requiredElementLists = ["markets.regions[*]", "markets.list[*]", "environment.crises[*]"]

    /// Computed once; encoding the built-in defaults cannot fail unless the code itself is broken.
    static let shared: Result<ScenarioDefaults, ScenarioError> = Result { () throws(ScenarioError) in
        try ScenarioDefaults()
    }

    private init() throws(ScenarioError) {
        let shape = ScenarioShape.shared
        scenario = shape.ordered(try Self.json(of: Scenario()))
        segment = shape.ordered(try Self.json(of: Segment()), path: JSONPath([.key("population"), .key("segments"), .index(0)]))
        var templates: [String: JSONValue] = [:]
        for list in Self.requiredElementLists {
            let fields = ParameterCatalog.elementFields(of: String(list.dropLast(3)))
            templates[list] = .object(JSONObject(fields.map { ($0, JSONValue.null) }))
        }
        requiredElements = templates
    }

    /// The element default for an array element path, as `overlay(_:onto:arrayElementDefaults:)` wants it.
    func elementDefault(for path: JSONPath) -> JSONValue? {
        let pattern = path.patternDescription
        if pattern == "population.segments[*]" { return segment }
        return requiredElements[pattern]
    }

    /// Any encodable model value as a `JSONValue`, via Foundation's encoder and the project's parser.
    static func json(of value: some Encodable) throws(ScenarioError) -> JSONValue {
        let text: [UInt8]
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            text = Array(try encoder.encode(value))
        } catch {
            throw ScenarioError.internalFailure("cannot encode the built-in defaults: \(error)")
        }
        do {
            return try JSONParser.parse(text, file: "<defaults>", recordPositions: false).value
        } catch {
            throw ScenarioError.internalFailure("cannot parse the encoded defaults: \(error)")
        }
    }
}

extension ScenarioError {
    /// A failure of the program rather than of the user's file; reported as invalid data with an explicit note.
    static func internalFailure(_ message: String) -> ScenarioError {
        ScenarioError(kind: .invalid, problems: [
            ScenarioProblem(file: "<built-in defaults>", position: nil, path: nil, message: "internal error: " + message),
        ])
    }
}
