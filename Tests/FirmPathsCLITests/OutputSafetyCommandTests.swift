import FirmPathsCLI
import Foundation
import Testing

/// Issue 14, output side, through the command line: messages and exit statuses.
@Suite struct OutputSafetyCommandTests {
    static func main(_ arguments: [String]) -> (code: ExitCode, out: String, err: String) {
        let captured = Captured()
        let code = FirmPathsCLI.main(arguments, console: captured.console(terminal: false))
        return (code, captured.out, captured.err)
    }

    /// A 6-run sweep of 30 firms for 4 years.
    static func scenario(in directory: String) throws -> String {
        let path = directory + "/sweep.json"
        try Data(#"""
            {"name":"cli-safety","years":4,"population":{"firms":30},
             "sweep":{"design":"grid","parameters":{"policy.exportPromotion":[0,0.3,0.6]},"replications":2,"seed":5}}
            """#.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func mergeWithOutForgottenSaysSo() throws {
        let work = RunFixture.temporaryDirectory("forgot-out")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let file = try Self.scenario(in: work)
        for index in 0..<3 {
            let result = Self.main(["sweep", file, "--shard", "\(index)/3", "--out", work + "/sh\(index)", "--quiet", "--threads", "1"])
            #expect(result.code == .ok, "\(result.err)")
        }
        let result = Self.main(["merge", work + "/sh0", work + "/sh1", work + "/sh2"])
        #expect(result.code == .usage)
        #expect(result.err.contains("did you forget OUT?") && result.err.contains("shard 0/3"), "\(result.err)")
        #expect(!result.err.contains("missing shard"))
    }

    @Test func explainOnASweepWithoutEventsNamesRecordEvents() throws {
        let work = RunFixture.temporaryDirectory("explain-sweep")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let file = try Self.scenario(in: work)
        #expect(Self.main(["sweep", file, "--out", work + "/s", "--quiet", "--threads", "1"]).code == .ok)
        let result = Self.main(["explain", work + "/s", "--firm", "1", "--run", "0"])
        #expect(result.code == .dataError)
        #expect(result.err.contains("--record events"), "\(result.err)")
    }

    @Test func reportOnAnUnfinishedSweepCountsCompleteRowsOnly() throws {
        let work = RunFixture.temporaryDirectory("report-unfinished")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let file = try Self.scenario(in: work)
        let directory = work + "/s"
        #expect(Self.main(["sweep", file, "--out", directory, "--quiet", "--threads", "1"]).code == .ok)
        // As a sweep stopped after 3 runs and half of the 4th row: manifest not complete.
        let manifestPath = directory + "/manifest.json"
        let manifest = try String(contentsOfFile: manifestPath, encoding: .utf8)
        try Data(manifest.replacingOccurrences(of: #""complete": true"#, with: #""complete": false"#).utf8)
            .write(to: URL(fileURLWithPath: manifestPath))
        let lines = try String(contentsOfFile: directory + "/runs.csv", encoding: .utf8).split(separator: "\n")
        let text = lines.prefix(4).joined(separator: "\n") + "\n" + lines[4].prefix(lines[4].count / 2)
        try Data(text.utf8).write(to: URL(fileURLWithPath: directory + "/runs.csv"))
        let result = Self.main(["report", directory])
        #expect(result.code == .ok, "\(result.err)")
        #expect(result.err.contains("incomplete: 3 of 6 runs"), "\(result.err)")
        let points = try String(contentsOfFile: directory + "/points.csv", encoding: .utf8).split(separator: "\n")
        let runs = points.dropFirst().compactMap { Int($0.split(separator: ",")[1]) }.reduce(0, +)
        #expect(runs == 3)
        let html = try String(contentsOfFile: directory + "/report.html", encoding: .utf8)
        #expect(html.contains("This sweep is incomplete: 3 of 6 runs"))
    }

    @Test func sensitivityCompareIsCheckedBeforeTheScreening() throws {
        let work = RunFixture.temporaryDirectory("compare")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let file = try Self.scenario(in: work)
        let design = work + "/design.json"
        try Data(#"""
            {"sweep":{"design":"morris","parameters":{"policy.exportPromotion":{"min":0,"max":0.5},
             "policy.capacityBuilding":{"min":0,"max":0.5}},"trajectories":2,"levels":4,"replications":1,"seed":1}}
            """#.utf8).write(to: URL(fileURLWithPath: design))
        let base = ["sensitivity", file, "--design", design, "--threads", "1"]
        let missing = Self.main(base + ["--compare", work + "/missing.csv", "--out", work + "/a"])
        #expect(missing.code == .noInput && missing.err.contains("missing.csv"), "\(missing.err)")
        #expect(!missing.out.contains("mu*") && !FileManager.default.fileExists(atPath: work + "/a"))
        let notRanking = Self.main(base + ["--compare", design])
        #expect(notRanking.code == .dataError && notRanking.err.contains("is not a ranking.csv"), "\(notRanking.err)")
        // --out refuses an existing ranking without --overwrite, as run does.
        #expect(Self.main(base + ["--out", work + "/b"]).code == .ok)
        let again = Self.main(base + ["--out", work + "/b"])
        #expect(again.code == .dataError && again.err.contains("--overwrite"), "\(again.err)")
    }
}
