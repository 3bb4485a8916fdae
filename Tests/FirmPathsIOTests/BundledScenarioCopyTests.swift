import FirmPathsIO
import Foundation
import Testing

/// The copies of `Scenarios/*.json` built into the binary must be the files, byte for byte.
@Suite struct BundledScenarioCopyTests {
    static let scenariosDirectory: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path + "/Scenarios"
    }()

    static let regenerate = "built-in scenarios are stale: run `make bundle-scenarios` (scripts/bundle-scenarios.py) and commit Sources/FirmPathsIO/Scenario/BundledScenarios.swift"

    @Test func everyFileIsBuiltInAndNothingElse() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.scenariosDirectory)
            .filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
        #expect(!files.isEmpty)
        #expect(BundledScenarios.names == files, "\(Self.regenerate)")
    }

    @Test func builtInCopiesAreByteIdentical() throws {
        for (name, _) in BundledScenarios.all {
            let path = Self.scenariosDirectory + "/" + name + ".json"
            let onDisk = FileManager.default.contents(atPath: path).map { [UInt8]($0) }
            #expect(onDisk == BundledScenarios.bytes(named: name), "\(name).json differs: \(Self.regenerate)")
        }
    }

    @Test func everyBuiltInCopyLoads() throws {
        for (name, text) in BundledScenarios.all {
            let loaded = try ScenarioLoader.load(bytes: Array(text.utf8), file: name + ".json (built in)")
            #expect(loaded.scenario.name == name)
        }
    }

    @Test func unknownNameHasNoBytes() {
        #expect(BundledScenarios.bytes(named: "no-such-scenario") == nil)
    }
}
