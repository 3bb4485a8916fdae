@testable import FirmPathsCLI
import FirmPathsIO
import Foundation
import Testing

/// Bare names come from the copies built into the binary; paths need a '/' or '.json'.
@Suite struct ScenarioResolutionTests {
    @Test func bareNamesAreBuiltInWithoutAnyScenarioDirectory() throws {
        for name in BundledScenarios.names {
            #expect(try ScenarioResolution.source(for: name, environment: [:]) == .builtIn(name: name))
            let loaded = try ScenarioResolution.load(name, overrides: [], environment: [:])
            #expect(loaded.scenario.name == name)
            #expect(loaded.file == name + ".json (built in)")
        }
    }

    @Test func pathsAreFiles() throws {
        #expect(try ScenarioResolution.source(for: RunFixture.defaultScenario, environment: [:]) == .file(RunFixture.defaultScenario))
        // A '/' makes it a path even when the file is missing: no silent fallback to a built-in copy.
        #expect(throws: CLIError.self) { try ScenarioResolution.source(for: "./default", environment: [:]) }
        // `NAME.json` with no such file here is the bundled NAME.
        #expect(try ScenarioResolution.source(for: "crisis.json", environment: [:]) == .builtIn(name: "crisis"))
    }

    @Test func scenarioDirectoryVariableComesFirst() throws {
        let directory = RunFixture.temporaryDirectory("scenarios")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let text = #"{"name": "default", "description": "my own default"}"#
        try text.write(toFile: directory + "/default.json", atomically: true, encoding: .utf8)
        try text.replacingOccurrences(of: "\"default\"", with: "\"mine\"").write(toFile: directory + "/mine.json", atomically: true, encoding: .utf8)
        let environment = ["FIRMPATHS_SCENARIOS": directory]
        #expect(try ScenarioResolution.source(for: "default", environment: environment) == .file(directory + "/default.json"))
        #expect(ScenarioResolution.bundledNames(environment: environment) == (BundledScenarios.names + ["mine"]).sorted())
    }

    @Test func unknownNameListsTheBundledOnes() {
        do {
            _ = try ScenarioResolution.source(for: "no-such", environment: [:])
            Issue.record("no error")
        } catch {
            #expect(error.code == .ioError)
            #expect(error.message.contains("no bundled scenario of that name (bundled: backsourcing-wave,"))
            #expect(error.message.contains("./no-such.json"))
        }
    }

    @Test func scenariosCommandListsEveryBuiltInOneWithItsDescription() {
        let captured = Captured()
        #expect(FirmPathsCLI.main(["scenarios"], console: captured.console(terminal: false, bareEnvironment: true)) == .ok)
        let out = captured.out
        let lines = out.split(separator: "\n")
        #expect(lines.count == BundledScenarios.names.count)
        #expect(lines.contains { $0.hasPrefix("default ") && $0.contains("A mixed population") })
        #expect(!out.contains("does not load"))
    }
}
