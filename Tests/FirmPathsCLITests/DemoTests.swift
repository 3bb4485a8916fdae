@testable import FirmPathsCLI
import FirmPathsReport
import Foundation
import Testing

/// Collects what a command writes.
final class Captured: @unchecked Sendable {
    private let lock = NSLock()
    private var outText = ""
    private var errText = ""

    var out: String { lock.withLock { outText } }
    var err: String { lock.withLock { errText } }

    /// A console; `bareEnvironment` leaves out FIRMPATHS_SCENARIOS, so names resolve to the built-in copies.
    func console(terminal: Bool, environment: [String: String] = [:], bareEnvironment: Bool = false) -> Console {
        var env = environment
        if !bareEnvironment { env["FIRMPATHS_SCENARIOS"] = RunFixture.packageRoot + "/Scenarios" }
        return Console(out: { text in self.lock.withLock { self.outText += text } },
                       err: { text in self.lock.withLock { self.errText += text } },
                       outIsTerminal: terminal, errIsTerminal: terminal, environment: env)
    }
}

@Suite struct DemoTests {
    static let escape = "\u{1B}"

    @Test func plainOutputFits80By30WithNothingCut() {
        let captured = Captured()
        let code = FirmPathsCLI.main(["demo", "--firms", "150", "--no-save"], console: captured.console(terminal: false))
        #expect(code == .ok, "\(captured.err)")
        let lines = captured.out.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count <= 30, "\(lines.count) lines")
        for line in lines { #expect(line.count <= 80, "too wide (\(line.count)): \(line)") }
        #expect(!captured.out.contains("…"), "a line was cut:\n\(captured.out)")
        #expect(!captured.out.contains(Self.escape))
        #expect(captured.out.contains("born global"))
        #expect(captured.out.contains("Highest mode by year"))
        #expect(captured.out.contains("first export at age "))
    }

    /// When the screen has no room for one firm per path, the last paths are left out, not the
    /// mission's paths at the head of the list (the default run has born globals and incremental
    /// firms, and the demo showed neither).
    @Test func shortScreenKeepsTheFirstPathsExamples() {
        let captured = Captured()
        #expect(FirmPathsCLI.main(["demo", "--no-save"], console: captured.console(terminal: false)) == .ok, "\(captured.err)")
        let text = captured.out
        let chart = text.split(separator: "\n").filter { $0.hasPrefix("  ") && $0.hasSuffix("%") }
        func count(_ path: String) -> Int {
            guard let row = chart.first(where: { $0.hasPrefix("  " + path + " ") }) else { return 0 }
            return Int(row.split(separator: " ").dropLast().last ?? "") ?? 0
        }
        let shown = text.split(separator: "\n").compactMap { line -> String? in
            guard let match = try? /^  firm \d+ \(([a-z -]+)\): .*$/.wholeMatch(in: String(line)) else { return nil }
            return String(match.1)
        }
        #expect(count("born global") > 0 && count("incremental") > 0, "\(text)")
        #expect(shown.prefix(2) == ["born global", "incremental"], "\(text)")
        // The paths shown are the first ones that have firms, in the chart's order.
        let withFirms = ["born global", "incremental", "born regional", "backsourcer", "domestic", "born-again global",
                         "gradual exporter", "intermittent exporter", "de-internationalizer", "other exporter"]
            .filter { count($0) > 0 }
        #expect(Array(withFirms.prefix(shown.count)) == shown, "\(text)")
    }

    @Test func everyBundledScenarioFits80Columns() {
        for name in ["born-global-niche", "uppsala-incremental", "backsourcing-wave"] {
            let captured = Captured()
            #expect(FirmPathsCLI.main(["demo", name, "--firms", "80", "--no-save"], console: captured.console(terminal: false)) == .ok)
            let lines = captured.out.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            #expect(lines.count <= 30, "\(name): \(lines.count) lines")
            #expect(lines.allSatisfy { $0.count <= 80 }, "\(name):\n\(captured.out)")
            #expect(!captured.out.contains("…"))
        }
    }

    @Test func colourOnlyOnATerminalWithoutNoColor() {
        let tty = Captured()
        #expect(FirmPathsCLI.main(["demo", "--firms", "60", "--no-save"], console: tty.console(terminal: true)) == .ok)
        #expect(tty.out.contains(Self.escape))
        let lines = tty.out.split(separator: "\n").map { DemoCommand.visibleCount(String($0)) }
        #expect(lines.allSatisfy { $0 <= 80 })
        let noColor = Captured()
        #expect(FirmPathsCLI.main(["demo", "--firms", "60", "--no-save"],
                                  console: noColor.console(terminal: true, environment: ["NO_COLOR": "1"])) == .ok)
        #expect(!noColor.out.contains(Self.escape))
    }

    /// The demo saves its run, and `explain` on it tells the firms the demo described.
    @Test func explainTellsTheFirmsTheDemoShowed() throws {
        let directory = RunFixture.temporaryDirectory("demo") + "/demo"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let captured = Captured()
        #expect(FirmPathsCLI.main(["demo", "--firms", "120", "--out", directory], console: captured.console(terminal: false)) == .ok,
                "\(captured.err)")
        #expect(captured.out.contains("firmpaths explain \(directory) --firm "))
        let pattern = /^  firm (\d+) \(([a-z -]+)\): (.*)$/
        var checked = 0
        for line in captured.out.split(separator: "\n") {
            guard let match = try pattern.wholeMatch(in: String(line)) else { continue }
            let firm = Int(match.1) ?? -1
            let story = try FirmStory.load(directory: directory, firm: firm)
            #expect(PathNames.display(story.record.path) == String(match.2), "\(line)")
            let text = String(match.3)
            if let age = try /first export at age (\d+) to ([^ ]+)/.firstMatch(in: text) {
                let entry = try #require(story.events.first { $0.event == "enter" })
                #expect(story.age(atStep: entry.step) == Int(age.1), "\(line)")
                #expect(entry.market == String(age.2), "\(line)")
                #expect(story.record.value("first_export_age") == String(age.1), "\(line)")
            }
            if let entered = try /entered ([^ ]+) at age (\d+)/.firstMatch(in: text) {
                let entry = try #require(story.events.first { $0.event == "enter" })
                #expect(entry.market == String(entered.1) && story.age(atStep: entry.step) == Int(entered.2), "\(line)")
            }
            if let sale = try /first sale abroad at age (\d+)/.firstMatch(in: text) {
                #expect(story.record.value("first_export_age") == String(sale.1), "\(line)")
            }
            checked += 1
        }
        #expect(checked >= 3, "\(captured.out)")
        // A second demo replaces its own run; a directory with other files is refused.
        #expect(FirmPathsCLI.main(["demo", "--firms", "50", "--out", directory], console: Captured().console(terminal: false)) == .ok)
        try "mine".write(toFile: directory + "/notes.txt", atomically: true, encoding: .utf8)
        let refused = Captured()
        #expect(FirmPathsCLI.main(["demo", "--firms", "50", "--out", directory], console: refused.console(terminal: false)) == .dataError)
        #expect(refused.err.contains("did not write"))
        #expect(FileManager.default.fileExists(atPath: directory + "/notes.txt"))
    }

    @Test func usageErrors() {
        let captured = Captured()
        #expect(FirmPathsCLI.main(["demo", "--firms", "0"], console: captured.console(terminal: false)) == .usage)
        #expect(FirmPathsCLI.main(["demo", "a", "b"], console: captured.console(terminal: false)) == .usage)
        #expect(FirmPathsCLI.main(["demo", "--no-save", "--out", "x"], console: captured.console(terminal: false)) == .usage)
        #expect(FirmPathsCLI.main(["demo", "no-such-scenario"], console: captured.console(terminal: false)) == .ioError)
    }

    @Test func layoutKeepsPartsWholeAndWrapsOnlyLongOnes() {
        let lines = DemoCommand.layout(["aaaa", "bbbb", "cccc"], firstWidth: 11, width: 11)
        #expect(lines.map(\.text) == ["aaaa, bbbb,", "cccc"])
        #expect(lines.allSatisfy { $0.endsPart })
        let long = DemoCommand.layout(["one two three four"], firstWidth: 9, width: 9)
        #expect(long.map(\.text) == ["one two", "three", "four"])
        #expect(long.map(\.endsPart) == [false, false, true])
        #expect(DemoCommand.wrap("", width: 5) == [""])
    }
}
