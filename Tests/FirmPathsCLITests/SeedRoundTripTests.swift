@testable import FirmPathsCLI
import FirmPathsIO
import Foundation
import Testing

/// Acceptance 6: runs.csv read back by pandas (defaults) and R (`read.csv`), written out again by
/// them, gives seeds and values that re-run each run exactly; and `firmpaths rerun` does too.
@Suite(.serialized) struct SeedRoundTripTests {
    static let scenario = #"""
        {"name": "roundtrip", "years": 6, "population": {"firms": 50},
         "sweep": {"design": "grid", "replications": 2, "seed": "11241344834629033336",
                   "parameters": {"policy.exportPromotion": {"from": 0, "to": 0.6, "step": 0.3}}}}
        """#

    /// Runs the command line quietly; returns its exit status and error output.
    static func cli(_ arguments: [String]) -> (Int32, String) {
        let captured = Captured()
        let code = FirmPathsCLI.main(arguments, console: captured.console(terminal: false))
        return (code.rawValue, captured.err)
    }

    /// The rows of `file` in `directory` whose run column is `run`, without that column.
    static func rows(_ file: String, in directory: String, run: Int) throws -> [Substring] {
        let text = try String(contentsOfFile: directory + "/" + file, encoding: .utf8)
        return text.split(separator: "\n").dropFirst().filter { $0.hasPrefix("\(run),") }.map { $0.drop { $0 != "," } }
    }

    /// A table written by pandas or R: header and rows, split on commas (no quoted fields here).
    static func table(_ path: String) throws -> [[String: String]] {
        let reader = try CSVReader(path: path)
        return try reader.rows().map { row in
            Dictionary(uniqueKeysWithValues: reader.header.columns.enumerated().map { ($0.element, row[$0.offset]) })
        }
    }

    static let tables = ["firms.csv", "trajectories.csv", "events.csv", "exports.csv"]

    /// Re-runs `run` from `seed` and `value` as another tool wrote them; the rows must be the sweep's.
    static func expectRerunFrom(seed: String, value: String, run: Int, sweep: String, scenario: String, work: String,
                                tool: String) throws {
        let out = work + "/\(tool)-run-\(run)"
        let result = cli(["run", scenario, "--seed", seed, "--set", "policy.exportPromotion=\(value)", "--out", out,
                          "--threads", "2", "--quiet"])
        #expect(result.0 == 0, "\(tool): \(result.1)")
        for table in tables {
            let expected = try rows(table, in: sweep, run: run)
            #expect(!expected.isEmpty)
            #expect(try rows(table, in: out, run: 0) == expected, "\(tool): run \(run), \(table) differs")
        }
    }

    @Test func seedsReadBackByPandasAndRReRunTheSameRuns() throws {
        let work = RunFixture.temporaryDirectory("roundtrip")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let scenario = work + "/roundtrip.json"
        try Self.scenario.write(toFile: scenario, atomically: true, encoding: .utf8)
        let sweep = work + "/sweep"
        let swept = Self.cli(["sweep", scenario, "--out", sweep, "--record", "all", "--threads", "2", "--quiet"])
        #expect(swept.0 == 0, "\(swept.1)")
        let runs = try Self.table(sweep + "/runs.csv")
        #expect(runs.count == 6)
        #expect(runs.map { $0["policy.exportPromotion"] ?? "" } == ["0.0", "0.0", "0.3", "0.3", "0.6", "0.6"])
        for row in runs { #expect((UInt64(row["seed"] ?? "") ?? UInt64.max) < 1 << 53) }

        // `rerun` reads seed and values from the directory.
        for run in [0, 5] {
            let out = work + "/rerun-\(run)"
            let result = Self.cli(["rerun", sweep, "--run", "\(run)", "--out", out, "--threads", "2", "--quiet"])
            #expect(result.0 == 0, "\(result.1)")
            for table in Self.tables {
                #expect(try Self.rows(table, in: out, run: 0) == Self.rows(table, in: sweep, run: run), "rerun \(run): \(table)")
            }
            #expect(FileManager.default.contents(atPath: out + "/markets.csv") == FileManager.default.contents(atPath: sweep + "/markets.csv"))
        }
        #expect(Self.cli(["rerun", sweep, "--run", "6", "--out", work + "/none", "--quiet"]).0 == 65)

        if let python = AnalysisTools.pythonWithPandas {
            let script = """
                import pandas as pd
                r = pd.read_csv("sweep/runs.csv")
                assert str(r.seed.dtype) == "int64", r.seed.dtype
                r[["run", "seed", "policy.exportPromotion"]].to_csv("pandas-seeds.csv", index=False)
                """
            try script.write(toFile: work + "/roundtrip.py", atomically: true, encoding: .utf8)
            let result = ResultsReadmeTests.shell([python, "roundtrip.py"], in: work)
            #expect(result.0 == 0, "\(result.1)")
            for row in try Self.table(work + "/pandas-seeds.csv") where ["1", "4"].contains(row["run"]) {
                #expect(row["seed"] == runs.first { $0["run"] == row["run"] }?["seed"])
                try Self.expectRerunFrom(seed: row["seed"] ?? "", value: row["policy.exportPromotion"] ?? "",
                                         run: Int(row["run"] ?? "") ?? -1, sweep: sweep, scenario: scenario, work: work,
                                         tool: "pandas")
            }
        } else {
            print("skipped the pandas round trip: no python3 with pandas (scripts/install-analysis-tools.sh installs it)")
        }

        if AnalysisTools.hasRscript {
            let script = """
                r <- read.csv("sweep/runs.csv")
                write.csv(r[, c("run", "seed", "policy.exportPromotion")], "r-seeds.csv", row.names = FALSE)
                """
            try script.write(toFile: work + "/roundtrip.R", atomically: true, encoding: .utf8)
            let result = ResultsReadmeTests.shell(["Rscript", "roundtrip.R"], in: work)
            #expect(result.0 == 0, "\(result.1)")
            for row in try Self.table(work + "/r-seeds.csv") where ["2", "3"].contains(row["run"]) {
                #expect(row["seed"] == runs.first { $0["run"] == row["run"] }?["seed"], "R wrote \(row["seed"] ?? "")")
                try Self.expectRerunFrom(seed: row["seed"] ?? "", value: row["policy.exportPromotion"] ?? "",
                                         run: Int(row["run"] ?? "") ?? -1, sweep: sweep, scenario: scenario, work: work,
                                         tool: "R")
            }
        } else {
            print("skipped the R round trip: Rscript is not installed (scripts/install-analysis-tools.sh installs it)")
        }
    }
}
