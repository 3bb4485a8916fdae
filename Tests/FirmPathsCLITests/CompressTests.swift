@testable import FirmPathsCLI
import FirmPathsEngine
import FirmPathsIO
import Foundation
import Testing

/// Acceptance 4 from the command line: `run --compress` and `sweep --compress` write .csv.gz
/// files that decompress (system gzip, and FirmPaths' reader) to the plain outputs byte for
/// byte, and the commands that read run and sweep directories read them.
@Suite struct CompressTests {
    static func main(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) -> Captured {
        let captured = Captured()
        let code = FirmPathsCLI.main(arguments, console: captured.console(terminal: false))
        #expect(code == .ok, "\(arguments.joined(separator: " ")): \(captured.err)", sourceLocation: sourceLocation)
        return captured
    }

    /// `gzip -dc path` (nil when gzip is not installed).
    static func gunzip(_ path: String) throws -> [UInt8]? {
        guard ["/bin/gzip", "/usr/bin/gzip"].contains(where: FileManager.default.isExecutableFile(atPath:)) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? [UInt8](data) : []
    }

    static func expectSameTables(plain: String, compressed: String, _ tables: [String],
                                 sourceLocation: SourceLocation = #_sourceLocation) throws {
        for table in tables {
            let expected = [UInt8](try #require(FileManager.default.contents(atPath: plain + "/" + table), sourceLocation: sourceLocation))
            let path = compressed + "/" + table + ".gz"
            #expect(!FileManager.default.fileExists(atPath: compressed + "/" + table), sourceLocation: sourceLocation)
            #expect(try DataFileReader.contents(of: path) == expected, "\(table)", sourceLocation: sourceLocation)
            if let system = try gunzip(path) { #expect(system == expected, "gzip -dc \(table)", sourceLocation: sourceLocation) }
        }
    }

    @Test func compressedRunDecompressesToThePlainRunAndIsExplained() throws {
        let work = RunFixture.temporaryDirectory("compress-run")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let common = ["run", RunFixture.defaultScenario, "--set", "population.firms=80", "--set", "years=12", "--seed", "9",
                      "--record", "years", "--quiet"]
        _ = Self.main(common + ["--out", work + "/plain"])
        _ = Self.main(common + ["--out", work + "/gz", "--compress", "--threads", "2"])
        try Self.expectSameTables(plain: work + "/plain", compressed: work + "/gz",
                                  ["firms.csv", "trajectories.csv", "events.csv", "exports.csv", "years.csv"])
        #expect(FileManager.default.contents(atPath: work + "/gz/markets.csv") == FileManager.default.contents(atPath: work + "/plain/markets.csv"))
        // The report reads the compressed tables: the same page but for the lines naming the
        // directory or the command line (the footer).
        func page(_ directory: String) throws -> [Substring] {
            try String(contentsOfFile: directory + "/report.html", encoding: .utf8).split(separator: "\n")
                .filter { !$0.contains(directory) }
        }
        let plainReport = try page(work + "/plain")
        let gzReport = try page(work + "/gz")
        #expect(plainReport.count > 100 && plainReport == gzReport)
        let story = Self.main(["explain", work + "/gz", "--firm", "5"]).out
        #expect(!story.isEmpty && story == Self.main(["explain", work + "/plain", "--firm", "5"]).out)
    }

    @Test func compressedSweepMergesSummarizesAndReruns() throws {
        let work = RunFixture.temporaryDirectory("compress-sweep")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let common = ["sweep", RunFixture.packageRoot + "/Scenarios/policy-sweep.json", "--set", "population.firms=50",
                      "--set", "years=6", "--record", "runs,firms,events,exports", "--threads", "2", "--quiet"]
        _ = Self.main(common + ["--out", work + "/plain"])
        _ = Self.main(common + ["--out", work + "/gz", "--compress"])
        let tables = ["runs.csv", "firms.csv", "events.csv", "exports.csv"]
        try Self.expectSameTables(plain: work + "/plain", compressed: work + "/gz", tables)
        // The per-point summary and the report are read from the compressed files: the same bytes.
        for name in ["points.csv", "report.html"] {
            let plain = FileManager.default.contents(atPath: work + "/plain/" + name)
            #expect(plain != nil && FileManager.default.contents(atPath: work + "/gz/" + name) == plain, "\(name)")
        }
        _ = Self.main(["summarize", work + "/gz", "--out", work + "/points.csv", "--quiet"])
        #expect(FileManager.default.contents(atPath: work + "/points.csv") == FileManager.default.contents(atPath: work + "/plain/points.csv"))

        // Two compressed shards merge into the unsharded compressed sweep, byte for byte.
        for index in 0..<2 { _ = Self.main(common + ["--out", work + "/s\(index)", "--compress", "--shard", "\(index)/2"]) }
        _ = Self.main(["merge", work + "/merged", work + "/s1", work + "/s0", "--quiet"])
        for name in tables.map({ $0 + ".gz" }) + ["manifest.json", "markets.csv", "points.csv", "report.html"] {
            let whole = FileManager.default.contents(atPath: work + "/gz/" + name)
            #expect(whole != nil && FileManager.default.contents(atPath: work + "/merged/" + name) == whole, "\(name)")
        }

        // rerun reads runs.csv.gz; explain reads a run of the compressed sweep.
        _ = Self.main(["rerun", work + "/gz", "--run", "4", "--out", work + "/rerun", "--quiet"])
        #expect(FileManager.default.fileExists(atPath: work + "/rerun/firms.csv"))
        let story = Self.main(["explain", work + "/gz", "--firm", "3", "--run", "4"]).out
        #expect(!story.isEmpty && story == Self.main(["explain", work + "/plain", "--firm", "3", "--run", "4"]).out)
    }
}

/// The compressed-files example of Results/README.md: pandas reads .csv.gz with no options.
@Suite struct CompressedExampleTests {
    @Test(.enabled(if: AnalysisTools.hasPandas, "skipped: no python3 with pandas (scripts/install-analysis-tools.sh installs it)"))
    func pandasReadsCompressedTablesWithNoOptions() throws {
        let work = RunFixture.temporaryDirectory("readme-compressed")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let captured = Captured()
        let code = FirmPathsCLI.main(["run", RunFixture.defaultScenario, "--set", "population.firms=120", "--set", "years=10",
                                      "--compress", "--out", work + "/Results/default-gz", "--quiet"],
                                     console: captured.console(terminal: false))
        #expect(code == .ok, "\(captured.err)")
        let script = try #require(ResultsReadmeTests.codeBlock("python compressed"))
        try script.write(toFile: work + "/compressed.py", atomically: true, encoding: .utf8)
        let python = try #require(AnalysisTools.pythonWithPandas)
        let result = ResultsReadmeTests.shell([python, "compressed.py"], in: work)
        #expect(result.0 == 0, "\(result.1)")
        // The counts pandas printed, against the rows FirmPaths reads from the same files.
        let firms = try CSVReader(path: work + "/Results/default-gz/firms.csv.gz").rows()
        let trajectories = try CSVReader(path: work + "/Results/default-gz/trajectories.csv.gz").rows()
        let printed = result.1.split(separator: "\n").first ?? ""
        #expect(printed.hasPrefix("\(firms.count) \(trajectories.count) {"), "\(result.1)")
        #expect(firms.count == 120)

        // A sweep's files are several gzip members (a header member, then runs): pandas reads them all.
        for (name, extra) in [("plain", [String]()), ("gz", ["--compress"])] {
            let code = FirmPathsCLI.main(["sweep", RunFixture.packageRoot + "/Scenarios/policy-sweep.json", "--set", "population.firms=40",
                                          "--set", "years=5", "--record", "runs,firms,exports", "--out", work + "/" + name,
                                          "--threads", "2", "--quiet"] + extra, console: captured.console(terminal: false))
            #expect(code == .ok, "\(captured.err)")
        }
        let check = """
            import pandas as pd
            for table in ["runs", "firms", "exports"]:
                plain = pd.read_csv(f"plain/{table}.csv")
                packed = pd.read_csv(f"gz/{table}.csv.gz")
                print(table, len(packed), plain.equals(packed))
            """
        try check.write(toFile: work + "/sweep.py", atomically: true, encoding: .utf8)
        let sweep = ResultsReadmeTests.shell([python, "sweep.py"], in: work)
        #expect(sweep.0 == 0, "\(sweep.1)")
        let runs = try CSVReader(path: work + "/gz/runs.csv.gz").rows().count
        #expect(runs == 18 && sweep.1.contains("runs \(runs) True"), "\(sweep.1)")
        #expect(sweep.1.contains("firms 720 True") && sweep.1.contains("exports ") && !sweep.1.contains("False"), "\(sweep.1)")
    }
}
