import FirmPathsEngine
import FirmPathsIO
import FirmPathsModel
import Foundation
import Testing

/// The explorer's in-memory run holds exactly the tables `firmpaths run` writes.
@Suite struct MemoryRunTests {
    @Test func tablesAreByteForByteThoseOfASingleRun() throws {
        let loaded = try ScenarioLoader.load(bytes: Array(#"{"name": "m", "years": 6, "population": {"firms": 120}}"#.utf8),
                                             file: "m.json")
        let directory = SingleRunTests.temporaryDirectory("memory")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let single = try SingleRun.execute(scenario: loaded.scenario, resolvedScenario: loaded.resolvedJSON, scenarioFile: loaded.file,
                                           seed: 5, options: SingleRunOptions(directory: directory, threads: 2))
        let files = try SingleRunTests.files(directory)
        let memory = try MemoryRun.execute(scenario: loaded.scenario, seed: 5, threads: 1)
        #expect(Data(memory.firmsCSV) == files["firms.csv"])
        #expect(Data(memory.trajectoriesCSV) == files["trajectories.csv"])
        #expect(Data(memory.eventsCSV) == files["events.csv"])
        #expect(memory.pathCounts == single.pathCounts)
    }

    @Test func stopsWhenCancelled() throws {
        let loaded = try ScenarioLoader.load(bytes: Array(#"{"name": "m", "years": 6, "population": {"firms": 50}}"#.utf8),
                                             file: "m.json")
        var steps = 0
        #expect(throws: MemoryRunCancelled.self) {
            _ = try MemoryRun.execute(scenario: loaded.scenario, seed: 5) {
                steps += 1
                return steps >= 3
            }
        }
        #expect(steps == 3)
    }
}
