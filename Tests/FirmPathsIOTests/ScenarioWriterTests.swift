import FirmPathsIO
import FirmPathsModel
import Testing

@Suite struct ScenarioWriterTests {
    @Test func resolvedJSONReloadsToTheSameScenario() throws {
        let loaded = try loadScenario("""
            {"name": "rt", "seed": "18446744073709551615", "population": {"firms": 50, "segments": [{"share": 1, "niche": {"mean": 0.7}}]},
             "environment": {"crises": [{"startYear": 3, "durationYears": 2, "depth": 0.4, "regions": ["home", "near_lowcost"]}]}}
            """)
        let text = try ScenarioWriter.text(of: loaded)
        let reloaded = try loadScenario(text, file: "resolved.json")
        #expect(reloaded.scenario == loaded.scenario)
        #expect(reloaded.resolvedJSON == loaded.resolvedJSON)
        #expect(try ScenarioWriter.text(of: reloaded) == text)
    }

    @Test func outputIsDeterministicAndInDeclarationOrder() throws {
        let first = try ScenarioWriter.text(of: Scenario())
        for _ in 0..<5 { #expect(try ScenarioWriter.text(of: Scenario()) == first) }
        let topKeys = ["name", "description", "seed", "years", "stepsPerYear", "population", "markets", "environment",
                       "model", "policy", "classification"]
        let offsets = topKeys.map { key in first.range(of: "\n  \"\(key)\":")?.lowerBound }
        #expect(offsets.allSatisfy { $0 != nil })
        #expect(offsets.compactMap { $0 } == offsets.compactMap { $0 }.sorted())
        #expect(first.contains("\"founderExperience\": {\n          \"mean\": 0.15,\n          \"sd\": 0.12\n        }"))
        #expect(first.hasSuffix("}\n"))
    }

    @Test func writtenDefaultsLoadBackToTheDefaults() throws {
        let text = try ScenarioWriter.text(of: Scenario())
        #expect(try loadScenario(text).scenario == Scenario())
    }
}
