import FirmPathsCLI
import Foundation
import Testing

/// Issue 14: values that passed validation gave NaN or infinity, written as empty CSV fields
/// with exit status 0 (a productivity sd of 1e155, a market size of 1.7e308). Now the ranges
/// refuse them (the file cases are in Tests/Fixtures/broken, 52-54), and a run whose outputs
/// would still hold a non-finite value stops with exit 65 and the parameters named.
@Suite struct NonFiniteOutputTests {
    static func run(_ arguments: [String]) -> (ExitCode, String) {
        let captured = Captured()
        let code = FirmPathsCLI.main(arguments, console: captured.console(terminal: false))
        return (code, captured.err)
    }

    @Test func issueExamplesAsOverridesAreRefusedBeforeAnythingIsWritten() {
        let parent = RunFixture.temporaryDirectory("nonfinite-set")
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let cases = [
            ("population.segments[0].productivity.sd=1e155",
             "override: population.segments[0].productivity.sd: expected a number in [0, 1e6], found 1e+155"),
            ("markets.regions[1].sizeMedian=1.7e308",
             "override: markets.regions[1].sizeMedian: expected a number in [1e-6, 1e6], found 1.7e+308"),
        ]
        for (override, message) in cases {
            for command in ["check", "run", "sweep"] {
                var arguments = [command, command == "sweep" ? RunFixture.packageRoot + "/Scenarios/policy-sweep.json" : "default",
                                 "--set", override]
                if command != "check" { arguments += ["--out", parent + "/out", "--quiet"] }
                let (code, err) = Self.run(arguments)
                #expect(code == .dataError, "\(command) \(override): \(err)")
                #expect(err.contains(message), "\(command) \(override): \(err)")
                #expect(!FileManager.default.fileExists(atPath: parent + "/out"))
            }
        }
    }

    /// Every parameter in range, but employment compounding at the largest growth for 1,450
    /// years with a billion thousand EUR of sales per employee overflows: the defence in depth.
    static let overflowing = #"""
        {"name": "overflow", "years": 1450, "stepsPerYear": 1,
         "population": {"firms": 2, "foundingSpreadYears": 0},
         "model": {"operations": {"homeSalesPerEmployee": 1e9, "employeeGrowthPerMargin": 5}}
        """#

    static func write(_ text: String, in directory: String) throws -> String {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let file = directory + "/overflow.json"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test func runWhoseOutputWouldNotBeFiniteStopsWithTheParametersNamed() throws {
        let parent = RunFixture.temporaryDirectory("nonfinite-run")
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let file = try Self.write(Self.overflowing + "}", in: parent)
        let (code, err) = Self.run(["run", file, "--out", parent + "/out", "--quiet"])
        #expect(code == .dataError, "\(err)")
        #expect(err.contains("the run stopped: "), "\(err)")
        #expect(err.contains("not a finite number"), "\(err)")
        #expect(err.contains("most likely responsible (farthest from their defaults): model.operations.homeSalesPerEmployee = 1000000000 (default 110)"),
                "\(err)")
        #expect(err.contains("model.operations.employeeGrowthPerMargin = 5 (default 0.15)"), "\(err)")
        #expect(err.contains("nothing was written: '\(parent)/out' is as it was"), "\(err)")
        #expect(!FileManager.default.fileExists(atPath: parent + "/out"))
        for trace in ["Fatal error", "backtrace", "Assertion failed"] { #expect(!err.contains(trace), "\(err)") }
    }

    @Test func sweepRunWhoseOutputWouldNotBeFiniteStopsTheSweepKeepingEarlierRuns() throws {
        let parent = RunFixture.temporaryDirectory("nonfinite-sweep")
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let sweep = #", "sweep": {"design": "grid", "replications": 1, "parameters": {"model.operations.employeeGrowthPerMargin": {"from": 0, "to": 5, "step": 5}}}}"#
        let file = try Self.write(Self.overflowing + sweep, in: parent)
        let (code, err) = Self.run(["sweep", file, "--out", parent + "/out", "--quiet", "--threads", "1"])
        #expect(code == .dataError, "\(err)")
        #expect(err.contains("run 1 (design point 1: model.operations.employeeGrowthPerMargin=5) stopped: "), "\(err)")
        #expect(err.contains("not a finite number"), "\(err)")
        #expect(err.contains("model.operations.homeSalesPerEmployee = 1000000000 (default 110)"), "\(err)")
        // The run before it is kept (and resumable): one row besides the header, no empty field.
        let runs = try String(contentsOfFile: parent + "/out/runs.csv", encoding: .utf8)
        #expect(runs.split(separator: "\n").count == 2, "\(runs)")
    }
}
