import FirmPathsIO
import FirmPathsModel
import Testing

@Suite struct ScenarioCatalogTests {
    /// The defaults with one element in each list that is empty by default, so element fields are covered too.
    private func filledDefaults() throws -> JSONValue {
        var scenario = Scenario()
        scenario.markets.list = [MarketSpec(name: "a", region: "near", psychicDistance: 0.4, size: 1, costLevel: 1, costDriftPerYear: 0)]
        scenario.environment.crises = [CrisisSpec(startYear: 5, durationYears: 1, depth: 0.2, regions: ["home"])]
        return try encodedJSON(scenario)
    }

    @Test func everyDefaultLeafHasExactlyOneEntry() throws {
        let leaves = try encodedJSON(Scenario()).leafPaths() + filledDefaults().leafPaths()
        for leaf in leaves {
            let matching = ParameterCatalog.entries.filter { $0.matches(leafPattern: leaf.patternDescription) }
            #expect(matching.count == 1, "\(leaf) matches \(matching.map(\.path)); add or fix its ParameterCatalog entry")
        }
    }

    @Test func everyEntryDescribesSomeDefault() throws {
        let patterns = Set((try encodedJSON(Scenario()).leafPaths() + filledDefaults().leafPaths()).map(\.patternDescription))
        for entry in ParameterCatalog.entries {
            let used = patterns.contains { entry.matches(leafPattern: $0) || $0.hasPrefix(entry.path + "[*].") }
            #expect(used, "catalog entry \(entry.path) matches no field of Scenario(); remove or rename it")
        }
    }

    @Test func entriesAreUniqueAndSourced() {
        let paths = ParameterCatalog.entries.map(\.path)
        #expect(Set(paths).count == paths.count)
        for entry in ParameterCatalog.entries {
            #expect(!entry.unit.isEmpty && !entry.source.isEmpty, "\(entry.path) needs a unit and a source")
        }
    }

    @Test func defaultsAreWithinTheirRanges() throws {
        let loaded = try loadScenario("{}")
        #expect(loaded.scenario == Scenario())
    }

    @Test func intervalsDescribeTheirEnds() {
        #expect(ParameterInterval.unit.description == "[0, 1]")
        #expect(ParameterInterval(lower: 0, upper: 1, upperInclusive: false).description == "[0, 1)")
        #expect(ParameterInterval.positive.description == "> 0")
        #expect(ParameterInterval.positive.contains(0) == false)
        #expect(ParameterInterval.unit.contains(.nan) == false)
    }
}
