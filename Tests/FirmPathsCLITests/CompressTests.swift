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
