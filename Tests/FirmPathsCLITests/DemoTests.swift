@testable import FirmPathsCLI
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

    @Test func plainOutputFits100By30() {
        let captured = Captured()
        let code = FirmPathsCLI.main(["demo", "--firms", "150"], console: captured.console(terminal: false))
        #expect(code == .ok, "\(captured.err)")
        let lines = captured.out.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count <= 30, "\(lines.count) lines")
        for line in lines { #expect(line.count <= 100, "too wide (\(line.count)): \(line)") }
        #expect(!captured.out.contains(Self.escape))
        #expect(captured.out.contains("born global"))
        #expect(captured.out.contains("report.html"))
        #expect(captured.out.contains("Highest mode by year"))
    }

    @Test func colourOnlyOnATerminalWithoutNoColor() {
        let tty = Captured()
        #expect(FirmPathsCLI.main(["demo", "--firms", "60"], console: tty.console(terminal: true)) == .ok)
        #expect(tty.out.contains(Self.escape))
        let lines = tty.out.split(separator: "\n").map { DemoCommand.visibleCount(String($0)) }
        #expect(lines.allSatisfy { $0 <= 100 })
        let noColor = Captured()
        #expect(FirmPathsCLI.main(["demo", "--firms", "60"], console: noColor.console(terminal: true, environment: ["NO_COLOR": "1"])) == .ok)
        #expect(!noColor.out.contains(Self.escape))
    }

    @Test func usageErrors() {
        let captured = Captured()
        #expect(FirmPathsCLI.main(["demo", "--firms", "0"], console: captured.console(terminal: false)) == .usage)
        #expect(FirmPathsCLI.main(["demo", "a", "b"], console: captured.console(terminal: false)) == .usage)
        #expect(FirmPathsCLI.main(["demo", "no-such-scenario"], console: captured.console(terminal: false)) == .ioError)
    }

    @Test func fitCutsVisibleColumnsOnly() {
        let coloured = "\u{1B}[31m" + String(repeating: "x", count: 120) + "\u{1B}[0m"
        let cut = DemoCommand.fit(coloured, width: 100, ansi: true)
        #expect(DemoCommand.visibleCount(cut) == 100)
        #expect(DemoCommand.fit("short", width: 100) == "short")
        #expect(DemoCommand.join(["aaaa", "bbbb", "cccc"], width: 10) == "aaaa, bbbb")
    }
}
