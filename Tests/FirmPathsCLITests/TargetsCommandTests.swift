@testable import FirmPathsCLI
import Foundation
import Testing

@Suite struct TargetsCommandTests {
    static func console(_ sink: Sink) -> Console {
        Console(out: { sink.append($0) }, err: { _ in }, outIsTerminal: false, errIsTerminal: false, environment: [:])
    }

    final class Sink: @unchecked Sendable {
        private let lock = NSLock()
        private var parts: [String] = []
        func append(_ text: String) { lock.lock(); parts.append(text); lock.unlock() }
        var text: String { lock.lock(); defer { lock.unlock() }; return parts.joined() }
    }

    static func targetsFile(range: String, extra: String = "") throws -> String {
        let path = RunFixture.temporaryDirectory("targets") + "/t.json"
        let text = """
        {"name": "tiny", "targets": [
          {"id": "alive", "source": "test", "definition": {"measure": "share_firms", "condition": "all"},
           "range": [0, 1]},
          {"id": "exporting", "source": "test",
           "definition": {"measure": "share_firms", "population": "alive_at_end", "condition": "exporting_at_end"},
           "range": \(range)\(extra)}]}
        """
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func run(_ targets: String, _ sink: Sink) -> ExitCode {
        FirmPathsCLI.main(["targets", RunFixture.defaultScenario, "--targets", targets, "--replications", "2",
                           "--threads", "1", "--set", "population.firms=50", "--set", "years=6"],
                          console: console(sink))
    }

    @Test func exitsZeroWhenEveryTargetHolds() throws {
        let sink = Sink()
        #expect(Self.run(try Self.targetsFile(range: "[0, 1]"), sink) == .ok)
        #expect(sink.text.contains("| exporting | test |") && sink.text.contains("2 of 2 hold"))
    }

    @Test func exitsOneWhenATargetFails() throws {
        let sink = Sink()
        #expect(Self.run(try Self.targetsFile(range: "[1.5, 2]"), sink) == .failure)
        #expect(sink.text.contains("| no |"))
    }

    @Test func informationalTargetsAreRejected() throws {
        // Facts are checks: a target file may not exempt a figure from failing.
        let sink = Sink()
        #expect(Self.run(try Self.targetsFile(range: "[1.5, 2]", extra: ", \"informational\": true"), sink) == .dataError)
    }

    @Test func theStylizedFactsFileParsesWithoutInformationalTargets() throws {
        let file = try TargetsCommand.loadTargets(RunFixture.packageRoot + "/Scenarios/targets/stylized-facts.json")
        #expect(file.targets.count >= 20)
    }

    @Test func badTargetsFileIsADataError() throws {
        let path = RunFixture.temporaryDirectory("targets") + "/bad.json"
        try "{\"targets\": [{\"id\": \"a\", \"definition\": {\"measure\": \"nope\"}, \"value\": 1}]}"
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect(Self.run(path, Sink()) == .dataError)
    }
}
