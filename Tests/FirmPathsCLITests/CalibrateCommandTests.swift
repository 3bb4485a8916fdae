@testable import FirmPathsCLI
import Foundation
import Testing

/// `firmpaths calibrate` with several `--targets` files: their targets are scored together.
@Suite struct CalibrateCommandTests {
    typealias Sink = TargetsCommandTests.Sink

    static func file(_ name: String, _ text: String) throws -> String {
        let path = RunFixture.temporaryDirectory("calibrate") + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func targets(_ id: String, range: String) throws -> String {
        try file("\(id).json", """
        {"name": "\(id)", "targets": [
          {"id": "\(id)", "source": "test",
           "definition": {"measure": "share_firms", "population": "alive_at_end", "condition": "exporting_at_end"},
           "range": \(range)}]}
        """)
    }

    static func design() throws -> String {
        try file("design.json", """
        {"sweep": {"design": "latin_hypercube", "samples": 2, "replications": 1, "seed": 3,
          "parameters": {"model.operations.foreignPotential": {"min": 150, "max": 250}}}}
        """)
    }

    /// Runs calibrate on a tiny design; standard error goes to `errors` when given.
    static func run(_ targetFiles: [String], _ sink: Sink, errors: Sink? = nil) throws -> ExitCode {
        let options = targetFiles.flatMap { ["--targets", $0] }
        let console = Console(out: { sink.append($0) }, err: { errors?.append($0) },
                              outIsTerminal: false, errIsTerminal: false, environment: [:])
        return FirmPathsCLI.main(["calibrate", RunFixture.defaultScenario, "--design", try design(), "--threads", "1",
                                  "--set", "population.firms=40", "--set", "years=5"] + options,
                                 console: console)
    }

    @Test func targetsOfEveryFileAreScoredTogether() throws {
        let sink = Sink()
        let code = try Self.run([try Self.targets("first", range: "[0, 1]"), try Self.targets("second", range: "[2, 3]")], sink)
        #expect(code == .ok)
        #expect(sink.text.contains("2 targets"), "\(sink.text)")
        #expect(sink.text.contains("| first | second |"), "\(sink.text)")
        // The second target cannot hold (a share is at most 1), so no point has distance 0.
        #expect(!sink.text.contains("| 1 | 0 | 0.000 |") && !sink.text.contains("| 1 | 1 | 0.000 |"), "\(sink.text)")
    }

    @Test func anIdInTwoFilesIsRefused() throws {
        let first = try Self.targets("same", range: "[0, 1]")
        let again = try Self.file("again.json", try String(contentsOfFile: first, encoding: .utf8))
        let stderr = Sink()
        #expect(try Self.run([first, again], Sink(), errors: stderr) == .dataError)
        #expect(stderr.text.contains("again.json") && stderr.text.contains("id=same"), "\(stderr.text)")
    }
}
