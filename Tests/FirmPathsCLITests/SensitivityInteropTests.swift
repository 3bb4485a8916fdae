@testable import FirmPathsCLI
import FirmPathsEngine
import Foundation
import Testing

/// The files `sensitivity --out` writes for other tools, and sweeps that reproduce its runs.
@Suite struct SensitivityInteropTests {
    static let parameters = """
        "model.operations.foreignPotential": {"min": 100, "max": 200},
        "model.decisions.riskAversion": {"min": 0.7, "max": 1.3}
        """
    static let small = ["--set", "population.firms=30", "--set", "years=4"]

    /// A copy of the default scenario with `sweep` appended, in `directory`.
    static func scenario(withSweep sweep: String, in directory: String) throws -> String {
        var text = try String(contentsOfFile: RunFixture.defaultScenario, encoding: .utf8)
        guard let end = text.lastIndex(of: "}") else { throw CocoaError(.fileReadCorruptFile) }
        text.replaceSubrange(end..., with: ", \"sweep\": \(sweep)}\n")
        let path = directory + "/scenario.json"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func run(_ arguments: [String]) -> (ExitCode, String) {
        let sink = TargetsCommandTests.Sink()
        let code = FirmPathsCLI.main(arguments, console: TargetsCommandTests.console(sink))
        return (code, sink.text)
    }

    @Test func aPerTrajectorySweepReproducesTheScreeningsRunsByteForByte() throws {
        let directory = RunFixture.temporaryDirectory("interop")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let block = """
            {"design": "morris", "trajectories": 3, "levels": 4, "replications": 2, "seed": 5,
             "parameters": {\(Self.parameters)}}
            """
        let design = directory + "/design.json"
        try "{\"sweep\": \(block)}".write(toFile: design, atomically: true, encoding: .utf8)
        let screening = directory + "/screening"
        #expect(Self.run(["sensitivity", RunFixture.defaultScenario, "--design", design, "--threads", "2",
                          "--out", screening] + Self.small).0 == .ok)
        let withSeeds = String(block.dropLast()) + ", \"seeds\": \"per_trajectory\"}"
        let scenario = try Self.scenario(withSweep: withSeeds, in: directory)
        #expect(Self.run(["sweep", scenario, "--threads", "2", "--record", "runs", "--quiet", "--out", directory + "/sweep"]
                         + Self.small).0 == .ok)
        let screeningRuns = try Data(contentsOf: URL(fileURLWithPath: screening + "/runs.csv"))
        let sweepRuns = try Data(contentsOf: URL(fileURLWithPath: directory + "/sweep/runs.csv"))
        #expect(screeningRuns == sweepRuns)
        #expect(screeningRuns.count > 200)

        // The default (per_point) seeds differ, so the runs differ.
        let perPoint = try Self.scenario(withSweep: block, in: directory)
        #expect(Self.run(["sweep", perPoint, "--threads", "2", "--record", "runs", "--quiet", "--out", directory + "/points"]
                         + Self.small).0 == .ok)
        let pointRuns = try Data(contentsOf: URL(fileURLWithPath: directory + "/points/runs.csv"))
        #expect(pointRuns != sweepRuns)

        // design.csv: one row per point, the trajectory, the values and both replications' seeds.
        let table = try SweepRunsTable(path: screening + "/design.csv")
        #expect(table.header.columns == ["trajectory", "point", "model.operations.foreignPotential",
                                         "model.decisions.riskAversion", "seed_0", "seed_1"])
        #expect(table.rows.count == 9)
        #expect(try table.values("trajectory") == [0, 0, 0, 1, 1, 1, 2, 2, 2])
        let runs = try SweepRunsTable(path: screening + "/runs.csv")
        let runSeeds = try runs.values("seed")
        for point in 0..<9 {
            #expect(try table.values("seed_0")[point] == runSeeds[point * 2])
            #expect(try table.values("seed_1")[point] == runSeeds[point * 2 + 1])
        }
        // Points of one trajectory share seeds, trajectories do not.
        #expect(runSeeds[0] == runSeeds[2] && runSeeds[0] == runSeeds[4] && runSeeds[0] != runSeeds[6])

        // A second run into the same directory is refused without --overwrite and keeps the files.
        let (code, _) = Self.run(["sensitivity", RunFixture.defaultScenario, "--design", design, "--out", screening] + Self.small)
        #expect(code == .dataError)
        #expect(FileManager.default.fileExists(atPath: screening + "/ranking.csv"))
        #expect(Self.run(["sensitivity", RunFixture.defaultScenario, "--design", design, "--out", screening,
                          "--overwrite"] + Self.small).0 == .ok)
    }

    @Test func perReplicationSeedsAreSharedByEveryPoint() throws {
        let directory = RunFixture.temporaryDirectory("interop")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let scenario = try Self.scenario(withSweep: """
            {"design": "grid", "parameters": {"model.decisions.riskAversion": [0.8, 1.0, 1.2]},
             "replications": 2, "seeds": "per_replication"}
            """, in: directory)
        #expect(Self.run(["sweep", scenario, "--record", "runs", "--quiet", "--out", directory + "/out"] + Self.small).0 == .ok)
        let seeds = try SweepRunsTable(path: directory + "/out/runs.csv").values("seed")
        #expect(seeds.count == 6 && seeds[0] != seeds[1])
        #expect(seeds[0] == seeds[2] && seeds[0] == seeds[4] && seeds[1] == seeds[3] && seeds[1] == seeds[5])
    }

    @Test func perTrajectorySeedsNeedTrajectories() throws {
        let directory = RunFixture.temporaryDirectory("interop")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let scenario = try Self.scenario(withSweep: """
            {"design": "grid", "parameters": {"model.decisions.riskAversion": [0.8, 1.0]}, "seeds": "per_trajectory"}
            """, in: directory)
        let sink = TargetsCommandTests.Sink()
        let console = Console(out: { _ in }, err: { sink.append($0) }, outIsTerminal: false, errIsTerminal: false, environment: [:])
        #expect(FirmPathsCLI.main(["sweep", scenario, "--quiet", "--out", directory + "/out"], console: console) == .dataError)
        #expect(sink.text.contains("sweep.seeds") && sink.text.contains("per_replication"))
    }
}

/// `"design": "file"`: points from a CSV, run exactly as given, joined back by row.
@Suite struct ExternalDesignTests {
    static func errors(_ arguments: [String]) -> (ExitCode, String) {
        let sink = TargetsCommandTests.Sink()
        let console = Console(out: { _ in }, err: { sink.append($0) }, outIsTerminal: false, errIsTerminal: false, environment: [:])
        return (FirmPathsCLI.main(arguments, console: console), sink.text)
    }

    @Test func aSweepRunsTheFilesPointsExactly() throws {
        let directory = RunFixture.temporaryDirectory("external")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // Values as another tool writes them: many digits, an exponent, spaces after commas.
        let values: [[Double]] = [[123.45678901234567, 0.71], [199.99999999999997, 1.2999], [1.5e2, 0.9]]
        var csv = "model.operations.foreignPotential,model.decisions.riskAversion\n"
        for row in values { csv += "\(row[0]), \(row[1])\n" }
        try csv.replacingOccurrences(of: "150.0", with: "1.5e2").write(toFile: directory + "/points.csv", atomically: true,
                                                                     encoding: .utf8)
        let scenario = try SensitivityInteropTests.scenario(withSweep: """
            {"design": "file", "file": "points.csv", "replications": 2}
            """, in: directory)
        #expect(SensitivityInteropTests.run(["sweep", scenario, "--record", "runs", "--quiet", "--out", directory + "/out"]
                                            + SensitivityInteropTests.small).0 == .ok)
        let runs = try SweepRunsTable(path: directory + "/out/runs.csv")
        #expect(runs.rows.count == 6)
        #expect(try runs.values("point") == [0, 0, 1, 1, 2, 2])
        #expect(try runs.values("model.operations.foreignPotential") == values.flatMap { [$0[0], $0[0]] })
        #expect(try runs.values("model.decisions.riskAversion") == values.flatMap { [$0[1], $0[1]] })
    }

    @Test(arguments: [
        ("a,b\n1,2\n", "unknown parameter `a`"),
        ("model.decisions.riskAversion\n1\nx\n", "line 3 (point 1), column `model.decisions.riskAversion`: expected a finite number, found 'x'"),
        ("model.decisions.riskAversion,model.operations.foreignPotential\n1,150\n1\n", "line 3 (point 1): 1 fields, expected 2"),
        ("model.decisions.riskAversion,model.decisions.riskAversion\n1,1\n", "column `model.decisions.riskAversion` appears twice"),
        ("model.decisions.riskAversion\n", "no rows"),
        ("model.decisions.riskAversion\n-5\n", "design point 0"),
    ])
    func badFilesAreReportedWithFileRowAndColumn(_ text: String, _ expected: String) throws {
        let directory = RunFixture.temporaryDirectory("external")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try text.write(toFile: directory + "/points.csv", atomically: true, encoding: .utf8)
        let scenario = try SensitivityInteropTests.scenario(withSweep: "{\"design\": \"file\", \"file\": \"points.csv\"}",
                                                            in: directory)
        let (code, message) = Self.errors(["sweep", scenario, "--quiet", "--out", directory + "/out"])
        #expect(code == .dataError)
        #expect(message.contains(expected), "\(message)")
        if !expected.hasPrefix("design point") { #expect(message.contains("points.csv")) }
        #expect(!FileManager.default.fileExists(atPath: directory + "/out/runs.csv"))
    }

    @Test func aMissingFileAndMisplacedKeysAreReported() throws {
        let directory = RunFixture.temporaryDirectory("external")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let scenario = try SensitivityInteropTests.scenario(withSweep: """
            {"design": "file", "file": "missing.csv", "parameters": {"model.decisions.riskAversion": [1]}}
            """, in: directory)
        let (code, message) = Self.errors(["sweep", scenario, "--quiet", "--out", directory + "/out"])
        #expect(code == .dataError)
        #expect(message.contains("missing.csv: cannot read the design file"))
        #expect(message.contains("remove `parameters`"))
        let grid = try SensitivityInteropTests.scenario(withSweep: """
            {"design": "grid", "file": "x.csv", "parameters": {"model.decisions.riskAversion": [1]}}
            """, in: directory)
        #expect(Self.errors(["sweep", grid, "--quiet", "--out", directory + "/out"]).1.contains("`file` applies to file designs"))
    }
}

/// `sweep.outcomes`: measures of the targets language as extra runs.csv columns.
@Suite struct SweepOutcomeTests {
    static let outcomes = """
        "outcomes": {"share_partnered": {"measure": "share_firms", "population": ["alive_at_end"], "condition": "ever_partnered"},
                     "mean_markets": {"measure": "mean", "population": ["exported"], "variable": "markets_entered"}}
        """

    @Test func userOutcomesAreRunsColumnsAndSensitivityRanksThem() throws {
        let directory = RunFixture.temporaryDirectory("outcomes")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // foreignPotential around the default scenario's calibrated 772 (baseline-eu's model), so that
        // some of the 30 firms export within 4 years and mean_markets has firms to average over.
        let block = """
            {"design": "morris", "trajectories": 2, "seed": 4,
             "parameters": {"model.operations.foreignPotential": {"min": 650, "max": 900},
                            "model.decisions.riskAversion": {"min": 0.7, "max": 1.3}}, \(Self.outcomes)}
            """
        let scenario = try SensitivityInteropTests.scenario(withSweep: block, in: directory)
        #expect(SensitivityInteropTests.run(["sweep", scenario, "--record", "runs", "--quiet", "--out", directory + "/sweep"]
                                            + SensitivityInteropTests.small).0 == .ok)
        let runs = try SweepRunsTable(path: directory + "/sweep/runs.csv")
        #expect(Array(runs.header.columns.suffix(3)) == ["firms_alive_end", "share_partnered", "mean_markets"])
        let shares = try runs.values("share_partnered")
        #expect(shares.count == 6 && shares.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(try runs.values("mean_markets").allSatisfy { $0 >= 1 })

        let design = directory + "/design.json"
        try "{\"sweep\": \(block)}".write(toFile: design, atomically: true, encoding: .utf8)
        let (code, text) = SensitivityInteropTests.run(["sensitivity", RunFixture.defaultScenario, "--design", design,
                                                        "--out", directory + "/screening"] + SensitivityInteropTests.small)
        #expect(code == .ok)
        #expect(text.contains("### share_partnered") && text.contains("### mean_markets"))
        let ranking = try String(contentsOfFile: directory + "/screening/ranking.csv", encoding: .utf8)
        #expect(ranking.contains("\nmean_markets,1,"))
    }

    @Test func badOutcomesAreReported() throws {
        let directory = RunFixture.temporaryDirectory("outcomes")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let scenario = try SensitivityInteropTests.scenario(withSweep: """
            {"design": "grid", "parameters": {"model.decisions.riskAversion": [1]},
             "outcomes": {"share_exporting_end": {"measure": "share_firms", "condition": "exported"},
                          "x": {"measure": "share_firmz"}, "bad name": {"measure": "mean", "variable": "niche"}}}
            """, in: directory)
        let (code, message) = ExternalDesignTests.errors(["sweep", scenario, "--quiet", "--out", directory + "/out"])
        #expect(code == .dataError)
        #expect(message.contains("sweep.outcomes.share_exporting_end: `share_exporting_end` is already a column of runs.csv"))
        #expect(message.contains("sweep.outcomes.x") && message.contains("share_firms"))
        #expect(message.contains("outcome names are column names"))
    }
}

/// `sensitivity --from DIR` and `--method sobol` on a scenario.
@Suite struct SensitivityFromTests {
    @Test func aSobolSweepAnalysedWithFromGivesTheScreeningsRanking() throws {
        let directory = RunFixture.temporaryDirectory("from")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let block = """
            {"design": "sobol", "samples": 4, "seed": 2, "parameters": {\(SensitivityInteropTests.parameters)}}
            """
        let design = directory + "/design.json"
        try "{\"sweep\": \(block)}".write(toFile: design, atomically: true, encoding: .utf8)
        let (code, text) = SensitivityInteropTests.run(["sensitivity", RunFixture.defaultScenario, "--design", design,
                                                        "--out", directory + "/sobol"] + SensitivityInteropTests.small)
        #expect(code == .ok)
        #expect(text.contains("2 parameters, 4 base samples (4 points each)") && text.contains("| rank | parameter | range | S1 |"))
        let ranking = try String(contentsOfFile: directory + "/sobol/ranking.csv", encoding: .utf8)
        #expect(ranking.hasPrefix("outcome,rank,parameter,S1,S1_conf,ST,ST_conf\n"))
        let designRows = try SweepRunsTable(path: directory + "/sobol/design.csv")
        #expect(designRows.header.columns.prefix(3) == ["sample", "matrix", "point"])
        #expect(designRows.rows.prefix(4).map { $0[1] } == ["A", "AB_1", "AB_2", "B"])

        // The same block as a sweep (per_trajectory seeds, as sensitivity), then --from: same files.
        let scenario = try SensitivityInteropTests.scenario(
            withSweep: String(block.dropLast()) + ", \"seeds\": \"per_trajectory\"}", in: directory)
        #expect(SensitivityInteropTests.run(["sweep", scenario, "--record", "runs", "--quiet", "--out", directory + "/sweep"]
                                            + SensitivityInteropTests.small).0 == .ok)
        let (fromCode, fromText) = SensitivityInteropTests.run(["sensitivity", "--from", directory + "/sweep"])
        #expect(fromCode == .ok)
        #expect(try String(contentsOfFile: directory + "/sweep/ranking.csv", encoding: .utf8) == ranking)
        #expect(fromText.contains("| rank | parameter | range | S1 |"))
        // A second --from into the same directory needs --overwrite.
        #expect(ExternalDesignTests.errors(["sensitivity", "--from", directory + "/sweep"]).1.contains("--overwrite"))
        #expect(ExternalDesignTests.errors(["sensitivity", "--from", directory + "/sweep", "--method", "morris"]).1
            .contains("needs a morris design"))
    }

    @Test func fromRefusesWhatDoesNotFit() throws {
        let directory = RunFixture.temporaryDirectory("from")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let morris = try SensitivityInteropTests.scenario(withSweep: """
            {"design": "morris", "trajectories": 2, "parameters": {\(SensitivityInteropTests.parameters)}}
            """, in: directory)
        #expect(SensitivityInteropTests.run(["sweep", morris, "--record", "runs", "--quiet", "--out", directory + "/points"]
                                            + SensitivityInteropTests.small).0 == .ok)
        let (code, message) = ExternalDesignTests.errors(["sensitivity", "--from", directory + "/points"])
        #expect(code == .dataError && message.contains("per_point") && message.contains("per_trajectory"))
        #expect(ExternalDesignTests.errors(["sensitivity", "--from", directory]).1.contains("no manifest.json"))
        let grid = try SensitivityInteropTests.scenario(withSweep: """
            {"design": "grid", "parameters": {"model.decisions.riskAversion": [1, 1.1]}}
            """, in: directory)
        #expect(SensitivityInteropTests.run(["sweep", grid, "--record", "runs", "--quiet", "--out", directory + "/grid"]
                                            + SensitivityInteropTests.small).0 == .ok)
        #expect(ExternalDesignTests.errors(["sensitivity", "--from", directory + "/grid"]).1.contains("the sweep's design is \"grid\""))
    }

    @Test func ishigamiIsACheckOfTheEstimator() {
        let (code, text) = SensitivityInteropTests.run(["sensitivity", "--model", "ishigami", "--samples", "512"])
        #expect(code == .ok)
        #expect(text.contains("| x2 |") && text.contains("analytic ST"))
        #expect(text.contains("of 6 analytic indices lie within the 95% intervals"))
    }
}
