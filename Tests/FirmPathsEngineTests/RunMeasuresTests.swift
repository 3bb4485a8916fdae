import FirmPathsEngine
import FirmPathsModel
import Testing

/// Run-level measures (spells, extensive margin, concentration, deep entries) on a hand-made run
/// whose every figure is worked out in the comments.
@Suite struct RunMeasuresTests {
    static func parse(_ definition: String) throws -> Measure {
        let text = "{\"name\": \"t\", \"targets\": [{\"id\": \"x\", \"definition\": \(definition), \"range\": [0, 1]}]}"
        return try TargetFile.parse(bytes: Array(text.utf8), file: "test.json").targets[0].measure
    }

    /// 10 calendar years (40 steps of a quarter), four markets of size 1-4 and distance 0.8-0.2.
    /// New spells (start after year 0): B 4 years exit, C 3 censored, D 1 exit, E 2 death, F 2 censored, G 1 censored.
    static let run = TargetRun(
        firms: [
            TargetFirm(homeRegionShareEnd: 0.6), TargetFirm(homeRegionShareEnd: 0.5), TargetFirm(homeRegionShareEnd: nil),
        ],
        plantOpenings: [], totalSteps: 40, stepsPerYear: 4,
        spells: [
            ExportSpell(firm: 0, market: 0, startYear: 0, sales: [5, 5], end: .exit, firmLastYear: 9),          // A
            ExportSpell(firm: 0, market: 1, startYear: 1, sales: [1, 2, 3, 4], end: .exit, firmLastYear: 9),    // B
            ExportSpell(firm: 0, market: 1, startYear: 7, sales: [2, 2, 2], end: .censored, firmLastYear: 9),   // C
            ExportSpell(firm: 1, market: 2, startYear: 2, sales: [10], end: .exit, firmLastYear: 4),             // D
            ExportSpell(firm: 1, market: 3, startYear: 3, sales: [4, 8], end: .death, firmLastYear: 4),         // E
            ExportSpell(firm: 2, market: 3, startYear: 8, sales: [6, 12], end: .censored, firmLastYear: 9),     // F
            ExportSpell(firm: 2, market: 2, startYear: 9, sales: [3], end: .censored, firmLastYear: 9),         // G
        ],
        markets: [
            TargetMarket(size: 1, psychicDistance: 0.8, region: 2), TargetMarket(size: 2, psychicDistance: 0.6, region: 1),
            TargetMarket(size: 3, psychicDistance: 0.4, region: 0), TargetMarket(size: 4, psychicDistance: 0.2, region: 0),
        ],
        deepEntries: [
            DeepEntry(firm: 0, market: 1, step: 20, firstExportStep: 4),
            DeepEntry(firm: 1, market: 2, step: 10, firstExportStep: nil),
            DeepEntry(firm: 0, market: 3, step: 30, firstExportStep: 2),
        ])

    static func value(_ definition: String) throws -> Double {
        try parse(definition).evaluate(run)
    }

    @Test func deepEntriesPrecededByExportAndTheYearsBefore() throws {
        #expect(try Self.value("{\"measure\": \"deep_entries_preceded_by_export\"}") == 2.0 / 3.0)
        // (20 - 4) / 4 = 4 years and (30 - 2) / 4 = 7 years: median 5.5.
        #expect(try Self.value("{\"measure\": \"median_export_years_before_deep\"}") == 5.5)
    }

    @Test func kaplanMeierMedianCountsExitAndDeathAndCensorsTheEnd() throws {
        // S(1) = 5/6 (D ends), S(2) = 5/6 x 3/4 (E dies; F censored at 2 still at risk), S(3) unchanged
        // (C censored), S(4) = 0 (B exits): the median is 4 years. The left-censored A is left out.
        #expect(try Self.value("{\"measure\": \"spell_median_years\"}") == 4)
    }

    @Test func hazardByTenureAndItsRatio() throws {
        // Year 1: at risk B C D E F (G censored in its first year), D ends: 1/5.
        #expect(try Self.value("{\"measure\": \"spell_hazard\", \"tenure\": 1}") == 0.2)
        // Years 2-5: year 2 at risk B C E (1 ends), year 3 B (0), year 4 B (1): 2/5; ratio 0.2 / 0.4.
        #expect(try Self.value("{\"measure\": \"spell_hazard\", \"tenure\": 2}") == 1.0 / 3.0)
        #expect(try Self.value("{\"measure\": \"spell_hazard_ratio\", \"tenure\": 5}") == 0.5)
    }

    @Test func survivorsSalesGrowth() throws {
        // Lasted more than 3 years: B alone, 3 / 1.
        #expect(try Self.value("{\"measure\": \"spell_sales_growth\", \"tenure\": 3}") == 3)
        // More than 2 years: B and C, mean year 2 (2 + 2) / 2 over mean year 1 (1 + 2) / 2.
        #expect(try Self.value("{\"measure\": \"spell_sales_growth\", \"tenure\": 2}") == 2.0 / 1.5)
    }

    @Test func reentryWithinAWindowOfObservation() throws {
        // Exits observed 5 more years: A (no return), B (C starts 3 years later), D (firm observed to
        // year 4 only: left out). 1 of 2.
        #expect(try Self.value("{\"measure\": \"spell_reentry_share\", \"withinYears\": 5}") == 0.5)
        // Within 2 years B's return (3 years later) does not count; D is observed (2 + 2 <= 4): 0 of 3.
        #expect(try Self.value("{\"measure\": \"spell_reentry_share\", \"withinYears\": 2}") == 0)
    }

    @Test func exportersAcrossMarketsFollowSizeAndDistance() throws {
        // Firm-years per market over 10 years: 0.2, 0.7, 0.2, 0.4; ranks 1.5, 4, 1.5, 3 against 1, 2, 3, 4:
        // Spearman 1 / sqrt(4.5 x 5).
        let expected = 1 / (4.5 * 5.0).squareRoot()
        #expect(abs(try Self.value("{\"measure\": \"exporters_market_correlation\", \"variable\": \"size\"}") - expected) < 1e-12)
        #expect(abs(try Self.value("{\"measure\": \"exporters_market_correlation\", \"variable\": \"psychic_distance\"}")
            + expected) < 1e-12)
    }

    @Test func marketsPerExporterAndConcentrationInTheLastYear() throws {
        // Year 9: firm 0 serves 1 market (C, 2), firm 2 serves 2 (F 12, G 3).
        #expect(try Self.value("{\"measure\": \"exporters_with_markets\", \"minMarkets\": 1, \"maxMarkets\": 1}") == 0.5)
        #expect(try Self.value("{\"measure\": \"exporters_with_markets\", \"minMarkets\": 1, \"maxMarkets\": 3}") == 1)
        #expect(try Self.value("{\"measure\": \"exporters_with_markets\", \"minMarkets\": 3, \"maxMarkets\": 5}") == 0)
        // Top 10% of 2 exporters is 1 firm: 15 of 17.
        #expect(try Self.value("{\"measure\": \"top_exporter_share\", \"fraction\": 0.1}") == 15.0 / 17.0)
        #expect(try Self.value("{\"measure\": \"top_exporter_share\", \"fraction\": 1}") == 1)
    }

    @Test func homeRegionShareAboveIsStrictAndNeedsExports() throws {
        // 0.6 > 0.5 yes; 0.5 is not above 0.5; no exports in the last year: not above.
        let share = try Self.value("{\"measure\": \"share_firms\", \"condition\": \"home_region_share_above:0.5\"}")
        #expect(share == 1.0 / 3.0)
        #expect(try Self.value("{\"measure\": \"share_firms\", \"condition\": \"home_region_share_above:0.49\"}") == 2.0 / 3.0)
    }

    @Test func emptyPopulationsGiveNaN() throws {
        let empty = TargetRun(firms: [], plantOpenings: [], totalSteps: 40, stepsPerYear: 4)
        for definition in ["{\"measure\": \"deep_entries_preceded_by_export\"}", "{\"measure\": \"spell_median_years\"}",
                           "{\"measure\": \"spell_reentry_share\", \"withinYears\": 5}",
                           "{\"measure\": \"top_exporter_share\", \"fraction\": 0.1}",
                           "{\"measure\": \"exporters_market_correlation\", \"variable\": \"size\"}"] {
            #expect(try Self.parse(definition).evaluate(empty).isNaN)
        }
    }

    @Test func badParametersAreRejected() {
        for definition in ["{\"measure\": \"spell_hazard\"}", "{\"measure\": \"spell_hazard_ratio\", \"tenure\": 1}",
                           "{\"measure\": \"spell_sales_growth\", \"tenure\": 2.5}",
                           "{\"measure\": \"spell_reentry_share\", \"withinYears\": 0}",
                           "{\"measure\": \"exporters_market_correlation\", \"variable\": \"gdp\"}",
                           "{\"measure\": \"exporters_with_markets\", \"minMarkets\": 3, \"maxMarkets\": 2}",
                           "{\"measure\": \"top_exporter_share\", \"fraction\": 0}",
                           "{\"measure\": \"share_firms\", \"condition\": \"home_region_share_above:x\"}"] {
            #expect(throws: TargetFileError.self) { try Self.parse(definition) }
        }
    }

    /// The recorder on a real run: spells of a firm-market pair never overlap or touch, every
    /// market a firm entered before the last step (and did not die in that step) has a spell, and
    /// censored spells reach the last year.
    @Test func recordedSpellsAreConsistentWithTheEvents() {
        var scenario = Scenario()
        scenario.population.firms = 120
        scenario.years = 12
        let simulation = Simulation(scenario: scenario, seed: 11)
        let spells = SpellRecorder.run(simulation)
        #expect(simulation.isFinished && !spells.isEmpty)
        let lastYear = (scenario.totalSteps - 1) / scenario.stepsPerYear
        for (a, b) in zip(spells, spells.dropFirst()) where a.firm == b.firm && a.market == b.market {
            #expect(b.startYear > a.lastYear + 1)
            #expect(a.ended)
        }
        for spell in spells {
            #expect(spell.sales.allSatisfy { $0 >= 0 } && spell.years >= 1)
            if spell.end == .censored { #expect(spell.lastYear == lastYear) }
            if spell.end == .death { #expect(spell.firmLastYear == spell.lastYear) }
        }
        let withSpells = Set(spells.map { $0.firm * 1000 + $0.market })
        // A market entered in a step in which the firm died was never served.
        let deaths = Set(simulation.events.filter { $0.kind == .died }.map { Int($0.firm) * 100_000 + Int($0.step) })
        let entered = Set(simulation.events.filter {
            $0.kind == .enter && Int($0.step) < scenario.totalSteps - 1 && !deaths.contains(Int($0.firm) * 100_000 + Int($0.step))
        }.map { Int($0.firm) * 1000 + Int($0.market) })
        #expect(entered.isSubset(of: withSpells))
        let observed = TargetEvaluation.observe(simulation, spells: spells)
        #expect(observed.spells.count == spells.count && observed.markets.count == simulation.world.marketCount)
    }
}
