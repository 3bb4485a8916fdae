import FirmPathsCLI
import FirmPathsEngine
import FirmPathsIO
import Foundation
import Testing

/// Issue 14, input side: exit statuses and messages of inputs that crashed, hung or were
/// accepted wrongly before (each case failed before its fix).
@Suite struct InputHardeningTests {
    static func run(_ arguments: [String], environment: [String: String] = [:]) -> (ExitCode, String) {
        let captured = Captured()
        let code = FirmPathsCLI.main(arguments, console: captured.console(terminal: false, environment: environment))
        return (code, captured.err)
    }

    @Test func emptyInputIsBadData() {
        let (code, err) = Self.run(["check", "/dev/null"])
        #expect(code == .dataError)
        #expect(err.contains("/dev/null: the file is empty"), "\(err)")
    }

    @Test func emptyOptionValueAndExtraArgumentsAreUsageErrors() {
        #expect(Self.run(["run", "default", "--out", ""]).0 == .usage)
        #expect(Self.run(["scenarios", "extra"]).0 == .usage)
        #expect(Self.run(["params", "extra"]).0 == .usage)
    }

    @Test func largestSeedIsAcceptedBySetAsBySeed() {
        let (code, err) = Self.run(["check", "default", "--set", "seed=18446744073709551615"])
        #expect(code == .ok, "\(err)")
    }

    @Test func hugeShardCountIsAUsageErrorNotATrap() {
        let file = RunFixture.packageRoot + "/Scenarios/policy-sweep.json"
        let out = RunFixture.temporaryDirectory("shard")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let (code, err) = Self.run(["sweep", file, "--shard", "0/9223372036854775807", "--out", out + "/x", "--quiet"])
        #expect(code == .usage, "\(err)")
        #expect(err.contains("so at most"), "\(err)")
        #expect(!FileManager.default.fileExists(atPath: out + "/x"))
    }

    /// The rule: a bare name or NAME.json that is not a *file* is the bundled scenario. The
    /// working directory is per process, so the relative case is a directory named with a '/'-free
    /// path made absolute here: `default.json` resolved against a directory of that name.
    @Test func directoryNamedLikeABundledScenarioDoesNotShadowIt() throws {
        let directory = RunFixture.temporaryDirectory("shadow")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory + "/default.json", withIntermediateDirectories: true)
        // With a '/', the path is a path: a directory is named as one.
        let (code, err) = Self.run(["check", directory + "/default.json"])
        #expect(code == .ioError && err.contains("it is a directory"), "\(err)")
    }

    /// The case as a user met it: in a working directory that holds a directory `default` (and
    /// one named `default.json`), `firmpaths check default` and `run default` take the bundled
    /// scenario. The binary runs as a process there, since the rule reads the working directory.
    @Test func directoriesNamedDefaultInTheWorkingDirectoryDoNotShadowTheBundledScenario() throws {
        let binary = try #require(MemoryLimitTests.binary, "the firmpaths binary is built with the tests (swift build)")
        let work = RunFixture.temporaryDirectory("shadow-cwd")
        defer { try? FileManager.default.removeItem(atPath: work) }
        for name in ["default", "default.json"] {
            try FileManager.default.createDirectory(atPath: work + "/" + name, withIntermediateDirectories: true)
        }
        for arguments in [["check", "default"], ["check", "default.json"],
                          ["run", "default", "--set", "population.firms=20", "--set", "years=3", "--out", "out", "--quiet"]] {
            let (status, stderr) = try MemoryLimitTests.process(binary, arguments, in: work)
            #expect(status == 0, "\(arguments.joined(separator: " ")): exit \(status)\n\(stderr)")
        }
        let manifest = try String(contentsOfFile: work + "/out/manifest.json", encoding: .utf8)
        #expect(manifest.contains("default.json (built in)"), "\(manifest.prefix(400))")
    }

    @Test func oversizedScenarioIsRefusedNamingTheFile() throws {
        let directory = RunFixture.temporaryDirectory("big")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/big.json"
        let bytes = Array("{\"description\":\"".utf8) + [UInt8](repeating: 0x78, count: 16 << 20) + Array("\"}".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let (code, err) = Self.run(["check", path])
        #expect(code == .dataError)
        #expect(err.contains("\(path): the file is \(bytes.count) bytes, more than the limit of 16 MiB"), "\(err)")
    }

    @Test func demoRefusesARunBeyondItsCap() {
        let (code, err) = Self.run(["demo", "--set", "years=10000", "--set", "stepsPerYear=12", "--no-save"])
        #expect(code == .dataError)
        #expect(err.contains("at most 2400000 firm-steps"), "\(err)")
    }

    @Test func runRefusesBeyondReasonWithoutAllowHuge() {
        let out = RunFixture.temporaryDirectory("huge-run")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let (code, err) = Self.run(["run", "default", "--set", "population.firms=1000000", "--set", "years=1000",
                                    "--set", "stepsPerYear=12", "--out", out + "/x", "--quiet"],
                                   environment: ["FIRMPATHS_MEMORY_LIMIT": "1000T"])
        #expect(code == .dataError)
        #expect(err.contains("--allow-huge"), "\(err)")
        #expect(!FileManager.default.fileExists(atPath: out + "/x"))
    }

    @Test func foundationErrorsShowTheirCause() throws {
        let directory = RunFixture.temporaryDirectory("notdir")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data("x".utf8).write(to: URL(fileURLWithPath: directory + "/file"))
        let (code, err) = Self.run(["run", "default", "--set", "population.firms=5", "--set", "years=1",
                                    "--out", directory + "/file/out", "--quiet"])
        #expect(code == .ioError)
        #expect(err.contains("Not a directory"), "\(err)")
    }
}

@Suite struct SweepValidationSpeedTests {
    /// 10,000 points validated by range: the invalid one is still found, with the point-by-point message.
    /// The hang of the issue: every point was validated in full (about 3 ms each), so preparing a
    /// grid of a million points took most of an hour. By range and corners it is one pass over the
    /// factors; this test would not finish on the old code (it asserts the plan, not a time).
    @Test func millionPointGridIsPreparedWithoutValidatingEveryPoint() throws {
        let values = (0..<1000).map { String(Double($0) / 1000) }.joined(separator: ",")
        let json = """
        {"population": {"firms": 20}, "years": 2, "sweep": {"design": "grid", "parameters": {
          "policy.exportPromotion": [\(values)], "population.foundedAtStart": [\(values)]}}}
        """
        let loaded = try ScenarioLoader.load(bytes: Array(json.utf8), file: "grid.json")
        let sweep = try PreparedSweep.prepare(loaded)
        #expect(sweep.plan.count == 1_000_000)
    }

    @Test func largeGridIsValidatedByRangeWithExactMessages() throws {
        let values = (0..<100).map { String(Double($0) / 100) }.joined(separator: ",")
        let json = """
        {"population": {"firms": 20}, "years": 2, "sweep": {"design": "grid", "parameters": {
          "policy.exportPromotion": [\(values)], "population.foundedAtStart": [\(values), 1.5]}}}
        """
        let loaded = try ScenarioLoader.load(bytes: Array(json.utf8), file: "grid.json")
        do {
            _ = try PreparedSweep.prepare(loaded)
            Issue.record("a point with foundedAtStart = 1.5 was accepted")
        } catch {
            #expect(error.description.contains("design point 100 (policy.exportPromotion=0, population.foundedAtStart=1.5)"),
                    "\(error.description)")
        }
    }
}
