import FirmPathsCLI
import FirmPathsIO
import Foundation
import Testing

/// Scenario names become directories under Results/: unsafe ones are refused at validation.
@Suite struct ScenarioNameTests {
    @Test func unsafeNamesAreRefused() {
        for name in ["../../escaped", "a/b", "a\\b", "a\u{0}b", "tab\there", ".hidden", "", String(repeating: "x", count: 101)] {
            #expect(ScenarioName.problem(name) != nil, "\(name.debugDescription)")
        }
        for name in ["default", "policy-sweep", "v1.2_final", String(repeating: "x", count: 100)] {
            #expect(ScenarioName.problem(name) == nil, "\(name)")
        }
    }

    @Test func checkNamesTheFileAndField() throws {
        let directory = RunFixture.temporaryDirectory("names")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/s.json"
        try Data(#"{"name": "../../escaped", "population": {"firms": 10}, "years": 1}"#.utf8).write(to: URL(fileURLWithPath: file))
        let captured = Captured()
        let code = FirmPathsCLI.main(["check", file], console: captured.console(terminal: false, environment: [:]))
        #expect(code == .dataError)
        #expect(captured.err.contains("s.json:1:2: name: expected a name of letters, digits"), "\(captured.err)")
        #expect(!FileManager.default.fileExists(atPath: directory + "/../escaped"))
    }
}
