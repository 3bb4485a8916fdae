import FirmPathsIO
import FirmPathsModel
import Testing

@Suite struct ScenarioOverrideTests {
    @Test func overridesSetNumbersStringsAndPolicies() throws {
        let base = try loadScenario(#"{"name": "base"}"#)
        let loaded = try ScenarioLoader.apply(overrides: [
            "model.learning.transferRate=0.1", "population.firms=200", "name=x", "policy.exportPromotion=0.3",
            "model.learning.gainByMode=[0, 0.1, 0.2, 0.3, 0.4]", "environment.costDrift=false", #"description="a=b""#,
        ], to: base)
        #expect(loaded.scenario.model.learning.transferRate == 0.1)
        #expect(loaded.scenario.population.firms == 200)
        #expect(loaded.scenario.name == "x")
        #expect(loaded.scenario.policy.exportPromotion == 0.3)
        #expect(loaded.scenario.model.learning.gainByMode == [0, 0.1, 0.2, 0.3, 0.4])
        #expect(loaded.scenario.environment.costDrift == false)
        #expect(loaded.scenario.description == "a=b")
    }

    @Test func unknownPathSuggestsTheClosestKey() throws {
        let base = try loadScenario("{}")
        #expect(throws: ScenarioError.self) { try ScenarioLoader.apply(overrides: ["model.learning.transferRat=0.1"], to: base) }
        do {
            _ = try ScenarioLoader.apply(overrides: ["model.learning.transferRat=0.1", "polcy.exportPromotion=1"], to: base)
        } catch {
            #expect(error.kind == .invalid)
            #expect(error.problems.map(\.description) == [
                "override: unknown parameter `model.learning.transferRat`; did you mean `model.learning.transferRate`?",
                "override: unknown parameter `polcy.exportPromotion`; did you mean `policy`?",
            ])
        }
    }

    @Test func overriddenValuesAreValidatedLikeAFile() throws {
        let base = try loadScenario("{}")
        do {
            _ = try ScenarioLoader.apply(overrides: ["population.firms=0", "stepsPerYear=x", "population.segments[0].share=0.9"], to: base)
            Issue.record("expected an error")
        } catch {
            let lines = error.problems.map(\.description)
            #expect(lines.contains("override: population.firms: expected a whole number >= 1, found 0"))
            #expect(lines.contains(#"override: stepsPerYear: expected a whole number from 1 to 12, found "x""#))
            #expect(lines.contains { $0.hasPrefix("override: population.segments: segment shares must sum to 1") })
        }
    }

    @Test func malformedOverrideIsReported() throws {
        let base = try loadScenario("{}")
        #expect(throws: ScenarioError.self) { try ScenarioLoader.apply(overrides: ["years"], to: base) }
    }

    @Test func sweepPointsSetNumbers() throws {
        let base = try loadScenario(#"{"sweep": {"design": "grid"}}"#)
        let point = try ScenarioLoader.settingValues(
            [("policy.exportPromotion", 0.5), ("population.segments[0].share", 0.5), ("population.segments[1].share", 0.2),
             ("population.segments[2].share", 0.2), ("population.segments[3].share", 0.1)], in: base)
        #expect(point.scenario.policy.exportPromotion == 0.5)
        #expect(point.scenario.population.segments[0].share == 0.5)
        #expect(point.sweep == base.sweep)
        #expect(throws: ScenarioError.self) { try ScenarioLoader.settingValues([("name", 1)], in: base) }
        #expect(throws: ScenarioError.self) { try ScenarioLoader.settingValues([("years", 2.5)], in: base) }
        #expect(throws: ScenarioError.self) { try ScenarioLoader.settingValues([("policy.exportPromotion", 2)], in: base) }
    }
}
