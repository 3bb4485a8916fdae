import FirmPathsIO
import FirmPathsReport
import Foundation
import Testing

@Suite struct ExplainTests {
    /// events.csv read with a plain split: the file has no quoted fields.
    static func eventRows(_ directory: String) throws -> [[String]] {
        let text = try String(contentsOfFile: directory + "/events.csv", encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test func everyFirmsStoryMatchesItsEventsOneToOne() throws {
        let directory = try RunFixture.run(firms: 60)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let rows = try Self.eventRows(directory)
        let firmCount = try CSVReader(path: directory + "/firms.csv").rows().count
        #expect(firmCount == 60)
        var checked = 0
        for firm in 0..<firmCount {
            let story = try FirmStory.load(directory: directory, firm: firm)
            let expected = rows.filter { $0[1] == String(firm) }
            #expect(story.events.count == expected.count, "firm \(firm)")
            for (event, row) in zip(story.events, expected) {
                #expect(String(event.step) == row[2] && event.market == row[4] && event.event == row[7], "firm \(firm)")
                #expect(String(event.toMode) == row[9] && event.cause == row[10])
            }
            // The printed story lists the same events, in the same order, with a stable prefix.
            let printed = story.lines().filter { $0.hasPrefix("  [event] ") }
            #expect(printed.count == expected.count, "firm \(firm)")
            for (line, row) in zip(printed, expected) {
                let marketPart = row[4].isEmpty ? "" : " " + row[4]
                #expect(line.hasPrefix("  [event] step \(row[2]) "), "\(line)")
                #expect(line.contains(" \(row[7])\(marketPart): "), "\(line)")
            }
            #expect(story.lines().last(where: { $0.hasPrefix("Path: ") }) != nil)
            checked += 1
        }
        #expect(checked == 60)
    }

    @Test func quadrantChangesFollowTrajectories() throws {
        let directory = try RunFixture.run(firms: 30)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let reader = try CSVReader(path: directory + "/trajectories.csv")
        let firmColumn = try reader.column("firm")
        let quadrantColumn = try reader.column("jm_quadrant")
        var changes: [Int: Int] = [:]
        var last: [Int: String] = [:]
        try reader.forEachRow { row in
            let firm = row.int(firmColumn) ?? -1
            let quadrant = row[quadrantColumn]
            if !quadrant.isEmpty && last[firm] != quadrant {
                changes[firm, default: 0] += 1
                last[firm] = quadrant
            }
            return true
        }
        for firm in 0..<30 {
            let story = try FirmStory.load(directory: directory, firm: firm)
            #expect(story.quadrantChanges.count == changes[firm, default: 0])
        }
    }

    @Test func unknownFirmIsADataError() throws {
        let directory = try RunFixture.run(firms: 10, years: 3)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(throws: ReportError.self) { try FirmStory.load(directory: directory, firm: 999) }
        #expect(throws: ReportError.self) { try FirmStory.load(directory: directory + "/nope", firm: 1) }
    }
}
