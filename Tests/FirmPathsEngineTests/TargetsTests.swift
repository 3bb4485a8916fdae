import FirmPathsEngine
import FirmPathsModel
import Testing

@Suite struct TargetsTests {
    static func parse(_ text: String) throws -> TargetFile {
        try TargetFile.parse(bytes: Array(text.utf8), file: "test.json")
    }

    static func target(_ definition: String, range: String = "\"range\": [0, 1]") throws -> Target {
        let file = try parse("{\"name\": \"t\", \"targets\": [{\"id\": \"x\", \"definition\": \(definition), \(range)}]}")
        return file.targets[0]
    }

    /// Four hand-made firms: an old exporter, an old domestic firm, a start-up born global, a dead start-up.
    static let run = TargetRun(firms: [
        TargetFirm(foundedStep: 0, aliveAtEnd: true, path: .incremental, firstExportYear: 8, firstSpellYears: 10,
                   yearsRecorded: 30, exportingAtEnd: true, maxModeEver: 4, employeesEnd: 60, productivity: 1.5),
        TargetFirm(foundedStep: 0, aliveAtEnd: true, path: .domestic, employeesEnd: 20, productivity: 0.9),
        TargetFirm(foundedStep: 8, aliveAtEnd: true, path: .bornGlobal, firstExportYear: 0, firstSpellYears: 20,
                   yearsRecorded: 28, exportingAtEnd: true, maxModeEver: 3, everPartnered: true, employeesEnd: 10,
                   productivity: 1.2),
        TargetFirm(foundedStep: 20, aliveAtEnd: false, path: .otherExporter, firstExportYear: 4, firstSpellYears: 1,
                   yearsRecorded: 9, employeesEnd: 5, productivity: 0.8),
    ], plantOpenings: [
        PlantOpening(firm: 0, market: 1, step: 10, stepsToRelocation: 12),
        PlantOpening(firm: 0, market: 2, step: 20, stepsToRelocation: 30),
        PlantOpening(firm: 0, market: 3, step: 30, stepsToRelocation: nil),
        PlantOpening(firm: 0, market: 4, step: 110, stepsToRelocation: 2),
    ], totalSteps: 120, stepsPerYear: 4)

    @Test func parsesATargetWithRangeAndTolerance() throws {
        let file = try Self.parse("""
        {"name": "eu", "description": "d", "targets": [
          {"id": "exp", "label": "L", "source": "S",
           "definition": {"measure": "share_firms", "population": ["alive_at_end"], "condition": "exporting_at_end"},
           "range": [0.25, 0.33], "tolerance": 0.01},
          {"id": "tfe", "definition": {"measure": "mean", "variable": "first_export_year",
                                       "population": ["founded_during_run", "not path:born_global"]},
           "value": 9, "tolerance": 4}]}
        """)
        #expect(file.name == "eu" && file.targets.count == 2)
        let first = file.targets[0]
        #expect(first.lower == 0.25 && first.upper == 0.33 && first.tolerance == 0.01 && first.source == "S")
        #expect(first.holds(0.335) && !first.holds(0.345) && first.holds(0.24) && !first.holds(0.239))
        #expect(file.targets[1].lower == 9 && file.targets[1].upper == 9)
        #expect(file.targets[1].holds(5) && !file.targets[1].holds(13.5))
    }

    @Test func rejectsUnknownMeasuresConditionsKeysAndDuplicates() {
        #expect(throws: TargetFileError.self) { try Self.target("{\"measure\": \"share_of_everything\"}") }
        #expect(throws: TargetFileError.self) { try Self.target("{\"measure\": \"share_firms\", \"condition\": \"happy\"}") }
        #expect(throws: TargetFileError.self) { try Self.target("{\"measure\": \"mean\", \"variable\": \"height\"}") }
        #expect(throws: TargetFileError.self) { try Self.target("{\"measure\": \"share_firms\"}") }
        #expect(throws: TargetFileError.self) {
            try Self.target("{\"measure\": \"share_firms\", \"condition\": \"all\"}", range: "\"range\": [2, 1]")
        }
        #expect(throws: TargetFileError.self) {
            try Self.parse("{\"targets\": [{\"id\": \"a\", \"definition\": {\"measure\": \"share_firms\", \"condition\": \"all\"}, \"value\": 1, \"colour\": 2}]}")
        }
        #expect(throws: TargetFileError.self) {
            try Self.parse("{\"targets\": [{\"id\": \"a\", \"definition\": {\"measure\": \"share_firms\", \"condition\": \"all\"}, \"value\": 1},"
                + "{\"id\": \"a\", \"definition\": {\"measure\": \"share_firms\", \"condition\": \"all\"}, \"value\": 1}]}")
        }
    }

    @Test func sharesAndMeansOnHandMadeFirms() throws {
        let exporting = try Self.target(
            "{\"measure\": \"share_firms\", \"population\": [\"alive_at_end\"], \"condition\": \"exporting_at_end\"}")
        #expect(abs(exporting.measure.evaluate(Self.run) - 2.0 / 3) < 1e-12)
        let bornGlobal = try Self.target(
            "{\"measure\": \"share_firms\", \"population\": \"founded_during_run\", \"condition\": \"path:born_global\"}")
        #expect(bornGlobal.measure.evaluate(Self.run) == 0.5)
        let coop = try Self.target("{\"measure\": \"share_firms\", \"condition\": [\"ever_mode3plus\", \"not ever_mode4\"]}")
        #expect(coop.measure.evaluate(Self.run) == 0.25)
        let firstExport = try Self.target("""
            {"measure": "mean", "variable": "first_export_year",
             "population": ["exported", "not path:born_global", "not path:born_regional"]}
            """)
        #expect(firstExport.measure.evaluate(Self.run) == 6)
        let none = try Self.target("{\"measure\": \"mean\", \"variable\": \"first_export_year\", \"population\": \"path:backsourcer\"}")
        #expect(none.measure.evaluate(Self.run).isNaN)
        let stopped = try Self.target(
            "{\"measure\": \"share_firms\", \"population\": \"exported\", \"condition\": \"stopped_exporting_within:2\"}")
        #expect(abs(stopped.measure.evaluate(Self.run) - 1.0 / 3) < 1e-12)
    }

    @Test func ratiosMedianAndSkew() throws {
        let size = try Self.target("""
            {"measure": "ratio_of_means", "variable": "employees_end", "population": "alive_at_end",
             "numerator": "exporting_at_end", "denominator": "not exporting_at_end"}
            """)
        #expect(size.measure.evaluate(Self.run) == 35.0 / 20)
        let survival = try Self.target("""
            {"measure": "ratio_of_shares", "condition": "alive_at_end", "numerator": "exported", "denominator": "not exported"}
            """)
        #expect(abs(survival.measure.evaluate(Self.run) - 2.0 / 3) < 1e-12)
        let median = try Self.target("{\"measure\": \"median\", \"variable\": \"employees_end\"}")
        #expect(median.measure.evaluate(Self.run) == 15)
        let skew = try Self.target("{\"measure\": \"mean_to_median\", \"variable\": \"employees_end\"}")
        #expect(skew.measure.evaluate(Self.run) == 23.75 / 15)
    }

    @Test func plantReversalsCountOnlyObservableOpeningsWithinTheWindow() throws {
        let reversal = try Self.target("{\"measure\": \"plant_reversal_share\", \"withinYears\": 5}")
        // Openings at steps 10, 20, 30 are observable for 20 steps; 110 is too late. Step 10 is
        // reversed after 12 steps (inside), step 20 after 30 (outside), step 30 never.
        #expect(abs(reversal.measure.evaluate(Self.run) - 1.0 / 3) < 1e-12)
    }

    @Test func spearmanOfEntryOrder() {
        #expect(TargetRun.spearman(order: [0.1, 0.2, 0.3]) == 1)
        #expect(TargetRun.spearman(order: [0.3, 0.2, 0.1]) == -1)
        #expect(TargetRun.spearman(order: [0.2, 0.2, 0.2]) == nil)
    }

    @Test func distanceIsZeroInsideAndGrowsOutside() {
        let target = Target(id: "x", measure: .plantReversalShare(withinYears: 5), lower: 0.2, upper: 0.4, tolerance: 0.1)
        let inside = TargetResult(target: target, summary: ReplicationSummary(values: [0.45, 0.49]))
        #expect(TargetEvaluation.distance([inside]).outside == 0)
        let outside = TargetResult(target: target, summary: ReplicationSummary(values: [0.7, 0.7]))
        #expect(abs(TargetEvaluation.distance([outside]).outside - 1) < 1e-12)
        let summary = ReplicationSummary(values: [1, 2, 3, .nan])
        #expect(summary.mean == 2 && summary.lower < 2 && summary.upper > 2)
    }

    @Test func replicationsAreDeterministicForAnyThreadCount() throws {
        var scenario = Scenario()
        scenario.population.firms = 60
        scenario.years = 8
        let target = Target(id: "x", measure: .shareFirms(population: [], condition: [FirmCondition(kind: .exported)]),
                            lower: 0, upper: 1)
        let one = TargetEvaluation.evaluate([target], scenario: scenario, replications: 3, seed: 5, threads: 1)
        let two = TargetEvaluation.evaluate([target], scenario: scenario, replications: 3, seed: 5, threads: 2)
        #expect(one == two)
    }
}
