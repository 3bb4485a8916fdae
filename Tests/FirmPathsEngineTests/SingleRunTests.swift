import FirmPathsEngine
import FirmPathsIO
import FirmPathsModel
import Foundation
import Testing

/// A single run's files are a pure function of (scenario, seed), whatever the thread count.
@Suite struct SingleRunTests {
    static func temporaryDirectory(_ label: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("single-\(label)-\(UUID().uuidString)").path
    }

    static func files(_ directory: String) throws -> [String: Data] {
        var contents: [String: Data] = [:]
        for name in ["firms.csv", "trajectories.csv", "events.csv"] {
            contents[name] = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))
        }
        return contents
    }

    @Test func sameScenarioAndSeedGiveByteIdenticalFilesWhateverTheThreads() throws {
        let loaded = try ScenarioLoader.load(bytes: Array(#"{"name": "t", "years": 8, "population": {"firms": 300}}"#.utf8),
                                             file: "t.json")
        var outputs: [[String: Data]] = []
        for threads in [1, 1, 2, 7] {
            let directory = Self.temporaryDirectory("\(threads)")
            defer { try? FileManager.default.removeItem(atPath: directory) }
            _ = try SingleRun.execute(scenario: loaded.scenario, resolvedScenario: loaded.resolvedJSON, scenarioFile: loaded.file,
                                      seed: 11, options: SingleRunOptions(directory: directory, threads: threads))
            outputs.append(try Self.files(directory))
        }
        for output in outputs.dropFirst() {
            for (name, data) in output { #expect(data == outputs[0][name], "\(name) differs") }
        }
        #expect((outputs[0]["events.csv"]?.count ?? 0) > 1000)
    }

    @Test func anotherSeedGivesOtherFiles() throws {
        let loaded = try ScenarioLoader.load(bytes: Array(#"{"name": "t", "years": 5, "population": {"firms": 100}}"#.utf8),
                                             file: "t.json")
        var outputs: [[String: Data]] = []
        for seed: UInt64 in [1, 2] {
            let directory = Self.temporaryDirectory("seed\(seed)")
            defer { try? FileManager.default.removeItem(atPath: directory) }
            _ = try SingleRun.execute(scenario: loaded.scenario, resolvedScenario: loaded.resolvedJSON, scenarioFile: loaded.file,
                                      seed: seed, options: SingleRunOptions(directory: directory, threads: 1))
            outputs.append(try Self.files(directory))
        }
        #expect(outputs[0]["firms.csv"] != outputs[1]["firms.csv"])
    }
}
