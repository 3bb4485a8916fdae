import FirmPathsIO
import FirmPathsModel
import Foundation
import Testing

/// Loads scenario text the way a file is loaded, under a fixed file name for message checks.
func loadScenario(_ text: String, file: String = "test.json") throws(ScenarioError) -> LoadedScenario {
    try ScenarioLoader.load(bytes: Array(text.utf8), file: file)
}

/// The problems a scenario text produces, or an empty list when it loads.
func scenarioProblems(_ text: String, file: String = "test.json") -> [String] {
    do {
        _ = try loadScenario(text, file: file)
        return []
    } catch {
        return error.problems.map(\.description)
    }
}

/// `Scenario()` as a JSONValue, through the same encoder the loader uses.
func encodedJSON(_ value: some Encodable) throws -> JSONValue {
    let data = try JSONEncoder().encode(value)
    return try JSONParser.parse(Array(data), file: "<test>", recordPositions: false).value
}
