@testable import FirmPathsCLI
import FirmPathsIO
import FirmPathsReport
import Foundation
import Testing

/// `explain --brief`: the story in two paragraphs, repeated setbacks told once with counts.
@Suite struct ExplainBriefTests {
    static let numbers = ["one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                          "ten": 10]

    @Test func everyFirmsBriefTellsItsPathAndCountsItsSurprises() throws {
        let directory = try RunFixture.run(firms: 150, seed: 9)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // Each story reads the run's files: tell a dozen firms, half of them with repeated surprises.
        var surpriseCount: [Int: Int] = [:]
        try EventReader(directory: directory).forEach { if $0.event == "surprise" { surpriseCount[$0.firm, default: 0] += 1 } }
        let chosen = Array(surpriseCount.filter { $0.value >= 2 }.keys.sorted().prefix(6))
            + Array((0..<150).filter { surpriseCount[$0] == nil }.prefix(6))
        var repeated = 0
        for firm in chosen {
            let story = try FirmStory.load(directory: directory, firm: firm)
            let brief = story.brief()
            #expect(brief.count == 2)
            let text = brief.joined(separator: " ")
            #expect(text.contains("on the \(PathNames.display(story.record.path)) path"), "\(text)")
            let surprises = story.events.filter { $0.event == "surprise" }
            if surprises.count >= 2 {
                repeated += 1
                let match = try #require(try /([A-Za-z0-9]+) surprises abroad at ages? (\d+)(?:-(\d+))?/.firstMatch(in: text), "\(text)")
                let told = Self.numbers[String(match.1).lowercased()] ?? Int(match.1)
                #expect(told == surprises.count, "\(text)")
                #expect(Int(match.2) == surprises.map { story.age(atStep: $0.step) }.min())
                // Told once: the sentence does not repeat per surprise.
                #expect(text.components(separatedBy: "surprises abroad").count == 2)
            } else if surprises.isEmpty {
                #expect(!text.contains("surprise"))
            }
            if story.events.contains(where: { $0.event == "died" }) { #expect(text.contains("It closed at age ")) }
        }
        #expect(repeated > 0, "no firm with repeated surprises in the fixture")
    }

    @Test func briefFlagPrintsParagraphsWithin80Columns() throws {
        let directory = try RunFixture.run(firms: 60)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let captured = Captured()
        #expect(FirmPathsCLI.main(["explain", directory, "--firm", "3", "--brief"], console: captured.console(terminal: false)) == .ok)
        let lines = captured.out.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.allSatisfy { $0.count <= 80 }, "\(captured.out)")
        #expect(lines.contains(""), "two paragraphs")
        #expect(!captured.out.contains("[event]"))
        #expect(captured.out.hasPrefix("Firm 3"))
    }
}
