import FirmPathsCLI
import Foundation
import Testing

/// The broken-scenario corpus in `Tests/Fixtures/broken`: every file through the real command
/// line (`check`, `run`, `sweep`) must exit 65 with its expected lines on stderr, print no stack
/// trace and leave no output directory behind.
@Suite struct BrokenScenarioTests {
    static let corpus = RunFixture.packageRoot + "/Tests/Fixtures/broken"

    /// Case names (file names without `.json`), sorted.
    static let cases: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: corpus)) ?? []
        return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }()

    static func expectedLines(_ name: String, file: String) throws -> [String] {
        let text = try String(contentsOfFile: corpus + "/" + name + ".expected", encoding: .utf8)
        return text.split(separator: "\n").map { $0.replacingOccurrences(of: "FILE", with: file) }
    }

    @Test func corpusHasAtLeastFortyCasesEachWithExpectedLines() throws {
        #expect(Self.cases.count >= 40)
        for name in Self.cases {
            let lines = try Self.expectedLines(name, file: "x")
            #expect(!lines.isEmpty, "\(name).expected is empty")
        }
    }

    @Test(arguments: cases) func checkReportsExpectedMessages(name: String) throws {
        let file = Self.corpus + "/" + name + ".json"
        let captured = Captured()
        let code = FirmPathsCLI.main(["check", file], console: captured.console(terminal: false))
        #expect(code == .dataError, "\(name): exit \(code.rawValue)\n\(captured.err)")
        try Self.expectMessages(name, file: file, stderr: captured.err)
        #expect(captured.out.isEmpty, "\(name): check printed on stdout: \(captured.out)")
    }

    @Test(arguments: cases) func runAndSweepRefuseWithoutCreatingOutput(name: String) throws {
        let file = Self.corpus + "/" + name + ".json"
        let parent = RunFixture.temporaryDirectory("broken")
        defer { try? FileManager.default.removeItem(atPath: parent) }
        // `run` ignores the sweep block (it does not expand or validate it); `check` and `sweep` refuse it.
        for command in name.contains("sweep") ? ["sweep"] : ["run", "sweep"] {
            let out = parent + "/" + command + "/out"
            let captured = Captured()
            let code = FirmPathsCLI.main([command, file, "--out", out, "--quiet"], console: captured.console(terminal: false))
            #expect(code == .dataError, "\(command) \(name): exit \(code.rawValue)\n\(captured.err)")
            try Self.expectMessages(name, file: file, stderr: captured.err)
            #expect(!FileManager.default.fileExists(atPath: parent + "/" + command),
                    "\(command) \(name) left an output directory behind")
        }
    }

    static func expectMessages(_ name: String, file: String, stderr: String) throws {
        for line in try expectedLines(name, file: file) {
            #expect(stderr.contains(line), "\(name): missing on stderr:\n  \(line)\nstderr was:\n\(stderr)")
        }
        for trace in ["Fatal error", "Stack dump", "backtrace", "SIGSEGV", "SIGILL"] {
            #expect(!stderr.contains(trace), "\(name): stderr looks like a crash:\n\(stderr)")
        }
        // One problem per line, each in the FILE[:LINE:COL]: form; no Swift type names leaking out.
        #expect(!stderr.contains("DecodingError") && !stderr.contains("Swift."), "\(name): internal error text:\n\(stderr)")
    }

    /// The cases whose scenario name would become a path (90-99).
    static let nameCases = cases.filter { $0.hasPrefix("9") && $0.contains("-name-") }

    /// Every path under `root` (directories with a trailing `/`), for "nothing else was written".
    static func tree(_ root: String) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: root)
        var paths: [String] = []
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory)
            paths.append(path + (isDirectory.boolValue ? "/" : ""))
        }
        return paths.sorted()
    }

    /// `run` and `sweep` without --out, from a working directory two levels down (so that
    /// `Results/../../escaped` would land inside the temporary tree): refused with exit 65 and the
    /// expected line, and not one file or directory created anywhere in the tree.
    @Test(arguments: nameCases) func badNamesWriteNothingWithoutOut(name: String) throws {
        let binary = try #require(MemoryLimitTests.binary, "the firmpaths binary is built with the tests (swift build)")
        let root = RunFixture.temporaryDirectory("bad-name")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let work = root + "/a/b"
        try FileManager.default.createDirectory(atPath: work + "/Results", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.corpus + "/" + name + ".json", toPath: work + "/scenario.json")
        let before = Self.tree(root)
        for command in ["run", "sweep"] {
            let (status, stderr) = try MemoryLimitTests.process(binary, [command, "scenario.json", "--quiet"], in: work)
            #expect(status == 65, "\(command) \(name): exit \(status)\n\(stderr)")
            try Self.expectMessages(name, file: "scenario.json", stderr: stderr)
            #expect(Self.tree(root) == before, "\(command) \(name) wrote \(Set(Self.tree(root)).subtracting(before))")
        }
    }
}
