import FirmPathsIO
import FirmPathsModel
import Foundation
import Testing

@Suite struct ScenarioDocumentationTests {
    private static let docsURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/SCENARIOS.md")

    /// The committed reference must be the generated one; set FIRMPATHS_REGENERATE_DOCS=1 to rewrite it.
    @Test func committedReferenceIsCurrent() throws {
        let generated = try ScenarioDocumentation.markdown()
        if ProcessInfo.processInfo.environment["FIRMPATHS_REGENERATE_DOCS"] == "1" {
            try FileManager.default.createDirectory(at: Self.docsURL.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(generated.utf8).write(to: Self.docsURL)
        }
        let committed = (try? String(contentsOf: Self.docsURL, encoding: .utf8)) ?? ""
        #expect(committed == generated, """
            docs/SCENARIOS.md is out of date with ParameterCatalog or Scenario(). Regenerate it with:
            FIRMPATHS_REGENERATE_DOCS=1 swift test --scratch-path .build-sc --filter ScenarioDocumentationTests
            """)
    }

    @Test func everyEntryAppearsOnce() throws {
        let text = try ScenarioDocumentation.markdown()
        for entry in ParameterCatalog.entries {
            #expect(text.components(separatedBy: "| `\(entry.path)` |").count == 2, "\(entry.path)")
        }
    }

    @Test func defaultsComeFromTheCode() throws {
        let text = try ScenarioDocumentation.markdown()
        #expect(text.contains("| `model.learning.gainByMode` | per year, by mode 0-4 | [0, 0.1, 0.2, 0.35, 0.45] |"))
        #expect(text.contains("| `years` | years | 30 |"))
        #expect(text.contains("| `population.segments[*].founderExperience.mean` | index [0, 1] (Beta) | 0.15 |"))
        #expect(text.contains("| knowledge_intensive | `founderExperience.mean` | 0.55 |"))
    }
}
