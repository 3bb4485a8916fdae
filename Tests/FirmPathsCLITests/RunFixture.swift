import FirmPathsEngine
import FirmPathsIO
import Foundation

/// A small run of the bundled default scenario in a fresh temporary directory.
enum RunFixture {
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static var defaultScenario: String { packageRoot + "/Scenarios/default.json" }

    static func temporaryDirectory(_ name: String) -> String {
        let path = NSTemporaryDirectory() + "firmpaths-\(name)-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Runs the default scenario with `firms` firms into a new directory and returns it.
    static func run(firms: Int = 80, years: Int = 30, seed: UInt64 = 42, into directory: String? = nil) throws -> String {
        let out = directory ?? temporaryDirectory("run")
        var loaded = try ScenarioLoader.load(path: defaultScenario)
        loaded = try ScenarioLoader.apply(overrides: ["population.firms=\(firms)", "years=\(years)"], to: loaded)
        _ = try SingleRun.execute(scenario: loaded.scenario, resolvedScenario: loaded.resolvedJSON, scenarioFile: loaded.file,
                                  seed: seed, options: SingleRunOptions(directory: out, overwrite: true, threads: 1))
        return out
    }
}
