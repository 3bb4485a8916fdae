import FirmPathsIO
import FirmPathsModel
import Foundation
import Testing

@Suite struct ScenarioLoaderTests {
    @Test func emptyObjectGivesTheDefaults() throws {
        let loaded = try loadScenario("{}")
        #expect(loaded.scenario == Scenario())
        #expect(loaded.sweep == nil)
        #expect(loaded.file == "test.json")
    }

    @Test func partialSegmentGetsDefaultFields() throws {
        let loaded = try loadScenario("""
            {"population": {"segments": [
              {"name": "a", "share": 0.4, "founderExperience": {"mean": 0.6}},
              {"name": "b", "share": 0.6}
            ]}}
            """)
        let segments = loaded.scenario.population.segments
        #expect(segments.count == 2)
        #expect(segments[0].founderExperience == TraitDistribution(mean: 0.6, sd: Segment().founderExperience.sd))
        #expect(segments[0].niche == Segment().niche)
        #expect(segments[1].share == 0.6)
    }

    @Test func sweepBlockIsKeptUntouched() throws {
        let loaded = try loadScenario(#"{"years": 10, "sweep": {"design": "grid", "whatever": [1, 2]}}"#)
        #expect(loaded.scenario.years == 10)
        #expect(loaded.sweep == ["design": "grid", "whatever": [1, 2]])
        #expect(loaded.resolvedJSON["sweep"] == nil)
    }

    @Test func unknownKeyIsReportedWithSuggestionAndPosition() {
        let problems = scenarioProblems("{\n  \"model\": {\n    \"psychicDistence\": {}\n  }\n}", file: "broken.json")
        #expect(problems == ["broken.json:3:5: unknown key `psychicDistence` in `model`; did you mean `psychicDistance`?"])
    }

    @Test func wrongTypeNamesPathExpectedTypeAndValue() {
        let problems = scenarioProblems(#"{"population": {"firms": "many"}}"#)
        #expect(problems == [#"test.json:1:17: population.firms: expected a whole number >= 1, found "many""#])
    }

    @Test func outOfRangeValueNamesRange() {
        let text = """
            {"population": {"segments": [
              {"share": 0.5},
              {"share": 0.5,
               "founderExperience": {"mean": 1.7}}
            ]}}
            """
        #expect(scenarioProblems(text, file: "broken.json") == [
            "broken.json:4:26: population.segments[1].founderExperience.mean: expected a number in [0, 1], found 1.7",
        ])
    }

    @Test func allProblemsAreReportedAtOnceInFileOrder() {
        let problems = scenarioProblems("""
            {
              "years": 0,
              "stepsPerYear": 13,
              "polcy": {},
              "model": {"learning": {"gainByMode": [0, 0.1, 0.2, 0.35]}, "surprises": {"kindWeights": [1, 1]}},
              "environment": {"demand": {"enabled": "yes"}}
            }
            """)
        #expect(problems.count == 6)
        #expect(problems.first?.hasPrefix("test.json:2:3: years: expected a whole number >= 1, found 0") == true)
        #expect(problems.contains { $0.contains("unknown key `polcy` in the top level; did you mean `policy`?") })
        #expect(problems.contains { $0.contains("model.learning.gainByMode: expected exactly 5 numbers (one per mode 0-4), found 4") })
        #expect(problems.contains { $0.contains("model.surprises.kindWeights: expected exactly 6 numbers") })
        #expect(problems.contains { $0.contains("environment.demand.enabled: expected true or false, found \"yes\"") })
    }

    @Test func sharesMustSumToOne() {
        let problems = scenarioProblems(#"{"population": {"segments": [{"share": 0.5}, {"share": 0.4}]}}"#)
        #expect(problems == ["test.json:1:17: population.segments: segment shares must sum to 1, found 0.5 + 0.4 = 0.9"])
    }

    @Test func betaSdTooLargeForMean() {
        let problems = scenarioProblems(#"{"population": {"segments": [{"niche": {"mean": 0.5, "sd": 0.5}}]}}"#)
        #expect(problems.count == 1)
        #expect(problems.first?.contains("population.segments[0].niche.sd: sd 0.5 is too large for mean 0.5") == true)
    }

    @Test func regionsRequireEveryFieldAndKnownNames() {
        let problems = scenarioProblems("""
            {"markets": {
              "regions": [{"name": "eu", "markets": 0, "psychicDistanceMin": 0.6, "psychicDistanceMax": 0.2,
                           "sizeMedian": 1, "sizeLogSd": 0.5, "costLevel": 1}],
              "list": [{"name": "fr", "region": "ue", "psychicDistance": 0.2, "size": 1, "costLevel": 1, "costDriftPerYear": 0},
                       {"name": "fr", "region": "eu", "psychicDistance": 0.2, "size": 1, "costLevel": 1, "costDriftPerYear": 0}]},
             "environment": {"crises": [{"startYear": 1, "durationYears": 1, "depth": 0.3, "regions": ["home", "asia"]}]}}
            """)
        #expect(problems.contains { $0.hasSuffix("markets.regions[0].costDriftPerYear: missing required field `costDriftPerYear` (a number in [-1, 1])") })
        #expect(problems.contains { $0.contains("markets.regions[0].psychicDistanceMin: psychicDistanceMin 0.6 is above psychicDistanceMax 0.2") })
        #expect(problems.contains { $0.contains("markets.list[0].region: unknown region \"ue\"; known: eu; did you mean `eu`?") })
        #expect(problems.contains { $0.contains("markets.list[1].name: duplicate market name \"fr\" (also at markets.list[0])") })
        #expect(problems.contains { $0.contains("environment.crises[0].regions[1]: unknown region \"asia\"; known: home, all, eu") })
        #expect(problems.count == 5)
    }

    @Test func zeroMarketsIsAnError() {
        let problems = scenarioProblems("""
            {"markets": {"regions": [{"name": "x", "markets": 0, "psychicDistanceMin": 0, "psychicDistanceMax": 1,
              "sizeMedian": 1, "sizeLogSd": 0, "costLevel": 1, "costDriftPerYear": 0}]}}
            """)
        #expect(problems.count == 1)
        #expect(problems.first?.contains("markets: no foreign markets") == true)
    }

    @Test func syntaxErrorHasFileLineColumn() {
        let problems = scenarioProblems("{\n  \"years\": 3,\n}", file: "broken.json")
        #expect(problems == ["broken.json:2:13: trailing comma before '}'"])
    }

    @Test func topLevelMustBeAnObject() {
        #expect(scenarioProblems("[1]") == ["test.json:1:1: a scenario must be a JSON object, found an array"])
    }

    @Test func missingFileIsAnIOError() {
        do {
            _ = try ScenarioLoader.load(path: "/nonexistent/dir/scenario.json")
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .unreadable)
            #expect(error.description == "/nonexistent/dir/scenario.json: cannot read scenario file: no such file")
        }
    }

    @Test func loadsFromAFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("firmpaths-scenario-\(UInt32.random(in: 0...UInt32.max)).json")
        try Data(#"{"name": "from-file", "seed": "18446744073709551615"}"#.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let loaded = try ScenarioLoader.load(path: url.path)
        #expect(loaded.scenario.name == "from-file")
        #expect(loaded.scenario.seed == RunSeedValue(UInt64.max))
        #expect(loaded.file == url.path)
    }

    @Test func invalidDataIsDistinctFromIO() {
        do {
            _ = try loadScenario(#"{"years": -1}"#)
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .invalid)
        }
    }
}
