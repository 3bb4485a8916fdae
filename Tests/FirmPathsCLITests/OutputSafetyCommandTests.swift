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

    /// The visible files of a directory with their bytes.
    static func visible(_ directory: String) -> [String: Data] {
        var result: [String: Data] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] where !name.hasPrefix(".") {
            result[name] = FileManager.default.contents(atPath: directory + "/" + name)
        }
        return result
    }

    @Test func sweepOverwriteReplacesTheSetAndAnUnfinishedOneIsResumedNotMixed() throws {
        let work = RunFixture.temporaryDirectory("sweep-overwrite")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let file = try Self.scenario(in: work)
        let directory = work + "/s"
        let base = ["sweep", file, "--out", directory, "--threads", "1", "--record", "runs,firms,events"]
        #expect(Self.main(base + ["--quiet"]).code == .ok)
        try Data("mine\n".utf8).write(to: URL(fileURLWithPath: directory + "/notes.txt"))
        let reference = work + "/reference"
        #expect(Self.main(["sweep", file, "--out", reference, "--threads", "1", "--record", "runs,firms,events", "--set", "seed=9",
                           "--quiet"]).code == .ok)
        let replaced = Self.main(base + ["--set", "seed=9", "--overwrite"])
        #expect(replaced.code == .ok && replaced.err.contains("replacing the previous files"), "\(replaced.err)")
        var expected = Self.visible(reference)
        expected["notes.txt"] = Data("mine\n".utf8)
        #expect(Self.visible(directory) == expected)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix(".") }.isEmpty)
        // An unfinished --overwrite (here: one killed before its first checkpoint) blocks other
        // sweeps into DIR, with a message saying where each set is; --resume completes it.
        try FileManager.default.createDirectory(atPath: directory + "/.firmpaths-overwrite", withIntermediateDirectories: false)
        let before = Self.visible(directory)
        let refused = Self.main(base + ["--quiet"])
        #expect(refused.code == .dataError, "\(refused.err)")
        #expect(refused.err.contains("holds an unfinished `sweep --overwrite` in '\(directory)/.firmpaths-overwrite' "
            + "(the previous files in '\(directory)' are untouched); continue it with --resume, or start it again with --overwrite"),
            "\(refused.err)")
        #expect(Self.visible(directory) == before)
        let resumed = Self.main(base + ["--resume"])
        #expect(resumed.code == .ok && resumed.err.contains("replacing the previous files"), "\(resumed.err)")
        var first = Self.visible(work + "/s")
        first["notes.txt"] = nil
        #expect(Self.main(["sweep", file, "--out", work + "/plain", "--threads", "1", "--record", "runs,firms,events",
                           "--quiet"]).code == .ok)
        #expect(first == Self.visible(work + "/plain"))
    }

    @Test func sensitivityOverwriteLeavesNoFileOfThePreviousSet() throws {
        let work = RunFixture.temporaryDirectory("sensitivity-overwrite")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let out = work + "/ishigami"
        #expect(Self.main(["sensitivity", "--model", "ishigami", "--samples", "64", "--second-order", "--out", out]).code == .ok)
        #expect(FileManager.default.fileExists(atPath: out + "/second_order.csv"))
        let again = Self.main(["sensitivity", "--model", "ishigami", "--samples", "64", "--out", out])
        #expect(again.code == .dataError && again.err.contains("--overwrite"), "\(again.err)")
        #expect(Self.main(["sensitivity", "--model", "ishigami", "--samples", "64", "--out", out, "--overwrite"]).code == .ok)
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: out))
        #expect(names == ["design.csv", "runs.csv", "ranking.csv", "ranking.md", "sobol.svg"], "\(names)")
    }

    @Test func summarizeDoesNotSilentlyReplaceAFile() throws {
        let work = RunFixture.temporaryDirectory("summarize-out")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let file = try Self.scenario(in: work)
        #expect(Self.main(["sweep", file, "--out", work + "/s", "--threads", "1", "--quiet"]).code == .ok)
        let target = work + "/mine.csv"
        try Data("precious\n".utf8).write(to: URL(fileURLWithPath: target))
        let refused = Self.main(["summarize", work + "/s", "--out", target])
        #expect(refused.code == .dataError, "\(refused.err)")
        #expect(refused.err.contains("'\(target)' exists; use --overwrite to replace it"), "\(refused.err)")
        #expect(FileManager.default.contents(atPath: target) == Data("precious\n".utf8))
        #expect(Self.main(["summarize", work + "/s", "--out", target, "--overwrite", "--quiet"]).code == .ok)
        #expect(FileManager.default.contents(atPath: target) == FileManager.default.contents(atPath: work + "/s/points.csv"))
    }

    static func main(_ arguments: [String], environment: [String: String]) -> (code: ExitCode, out: String, err: String) {
        let captured = Captured()
        let code = FirmPathsCLI.main(arguments, console: captured.console(terminal: false, environment: environment))
        return (code, captured.out, captured.err)
    }

    /// Estimated files beyond the free space (FIRMPATHS_FREE_SPACE standing in for statvfs): refused
    /// with exit 74 before anything is written, --allow-huge or not; a resume needs only the rest.
    @Test func runAndSweepBeyondTheFreeSpaceAreRefusedBeforeWriting() throws {
        let work = RunFixture.temporaryDirectory("free-space")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let small = ["FIRMPATHS_FREE_SPACE": "100K"]
        for extra in [[], ["--allow-huge"]] {
            let run = Self.main(["run", "default", "--out", work + "/run", "--quiet"] + extra, environment: small)
            #expect(run.code == .ioError, "\(run.err)")
            #expect(run.err.contains("not enough disk space for '\(work)/run': this run would write about 12.2 MB of files, "
                + "and its file system has 100 KB free; free some space, write elsewhere with --out DIR, or write less "
                + "(--no-trajectories, --every K) (--allow-huge does not override this)"), "\(run.err)")
            #expect(!FileManager.default.fileExists(atPath: work + "/run"))
        }
        let file = try Self.scenario(in: work)
        let sweep = Self.main(["sweep", file, "--out", work + "/s", "--quiet"], environment: ["FIRMPATHS_FREE_SPACE": "1K"])
        #expect(sweep.code == .ioError, "\(sweep.err)")
        #expect(sweep.err.contains("not enough disk space for '\(work)/s': this sweep would write about "), "\(sweep.err)")
        #expect(sweep.err.contains("or record less (--record runs, --every K)"), "\(sweep.err)")
        #expect(!FileManager.default.fileExists(atPath: work + "/s"))
        // Enough room: runs; a resume of the complete directory needs nothing more.
        #expect(Self.main(["sweep", file, "--out", work + "/s", "--quiet", "--threads", "1"], environment: ["FIRMPATHS_FREE_SPACE": "1G"]).code == .ok)
        let resumed = Self.main(["sweep", file, "--out", work + "/s", "--quiet", "--resume"], environment: ["FIRMPATHS_FREE_SPACE": "1K"])
        #expect(resumed.code == .ok, "\(resumed.err)")
        let bad = Self.main(["sweep", file, "--out", work + "/t"], environment: ["FIRMPATHS_FREE_SPACE": "lots"])
        #expect(bad.code == .usage && bad.err.contains("FIRMPATHS_FREE_SPACE expects a size in bytes"), "\(bad.err)")
    }
}
