import Foundation
import Testing
@testable import FirmPathsEngine

/// Manually advanced clock and output sink for deterministic progress tests.
private final class FakeTerminal: @unchecked Sendable {
    private let lock = NSLock()
    private var now = 100.0
    private var written: [String] = []

    func advance(_ seconds: Double) {
        lock.lock()
        now += seconds
        lock.unlock()
    }

    func time() -> Double {
        lock.lock()
        defer { lock.unlock() }
        return now
    }

    func write(_ text: String) {
        lock.lock()
        written.append(text)
        lock.unlock()
    }

    var output: [String] {
        lock.lock()
        defer { lock.unlock() }
        return written
    }
}

@Suite struct ProgressReporterTests {
    @Test func liveLineFormat() {
        let line = ProgressReporter.liveLine(done: 1234, total: 10000, elapsed: 161)
        #expect(line == "runs 1234/10000 (12.3%)  7.7 runs/s  elapsed 0:02:41  ETA 0:19:03")
    }

    @Test func summaryFormat() {
        #expect(ProgressReporter.summaryLine(done: 10000, elapsed: 1313, threads: 2)
            == "10000 runs in 0:21:53 (7.6 runs/s), 2 threads")
        #expect(ProgressReporter.summaryLine(done: 1, elapsed: 0, threads: 1) == "1 run in 0:00:00 (0.0 runs/s), 1 thread")
    }

    @Test(arguments: [(0.0, "0:00:00"), (59.9, "0:00:59"), (3600, "1:00:00"), (36_061, "10:01:01"), (-Double.infinity, "0:00:00")] as [(Double, String)])
    func durations(seconds: Double, expected: String) {
        #expect(ProgressReporter.formatDuration(seconds) == expected)
    }

    @Test(arguments: [(12.345, "12.3"), (0.05, "0.1"), (99.96, "100.0"), (-1.25, "-1.3"), (7, "7.0")] as [(Double, String)])
    func fixedPoint(value: Double, expected: String) {
        #expect(ProgressReporter.fixed(value, 1) == expected)
    }

    @Test func throttlesLiveUpdatesAndAlwaysSummarizes() {
        let terminal = FakeTerminal()
        let reporter = ProgressReporter(
            total: 10, threads: 2, live: true, clock: { terminal.time() }, write: { terminal.write($0) })
        terminal.advance(1)
        reporter.advance()  // first update is printed
        terminal.advance(0.1)
        reporter.advance()  // within 0.25 s: suppressed
        terminal.advance(0.2)
        reporter.advance()  // 0.3 s since last print
        #expect(terminal.output.count == 2)
        #expect(terminal.output.allSatisfy { $0.hasPrefix("\r") })
        #expect(terminal.output[1].contains("runs 3/10 (30.0%)"))
        terminal.advance(0.7)
        let summary = reporter.finish()
        #expect(summary == "3 runs in 0:00:02 (1.5 runs/s), 2 threads")
        #expect(terminal.output.last?.hasSuffix(summary + "\n") == true)
    }

    @Test func notLiveWritesOnlySummary() {
        let terminal = FakeTerminal()
        let reporter = ProgressReporter(
            total: 5, threads: 1, live: false, clock: { terminal.time() }, write: { terminal.write($0) })
        for _ in 0..<5 {
            terminal.advance(1)
            reporter.advance()
        }
        reporter.finish()
        #expect(terminal.output == ["5 runs in 0:00:05 (1.0 runs/s), 1 thread\n"])
    }

    /// Without a terminal: whole lines every 5 % of the runs and every 30 s, then the summary.
    @Test func logLinesWithoutATerminal() {
        let terminal = FakeTerminal()
        let reporter = ProgressReporter(total: 100, threads: 2, live: false, logInterval: 30, clock: { terminal.time() },
                                        write: { terminal.write($0) })
        for _ in 0..<12 {
            terminal.advance(1)
            reporter.advance()
        }
        // 5 % and 10 % reached at runs 5 and 10.
        #expect(terminal.output.count == 2)
        #expect(terminal.output.allSatisfy { $0.hasPrefix("runs ") && $0.hasSuffix("\n") && !$0.contains("\r") })
        #expect(terminal.output.first?.hasPrefix("runs 5/100 (5.0%)") == true)
        terminal.advance(40)
        reporter.advance()
        #expect(terminal.output.count == 3 && terminal.output.last?.hasPrefix("runs 13/100") == true)
        reporter.finish()
        #expect(terminal.output.last == "13 runs in 0:00:52 (0.3 runs/s), 2 threads\n")
    }
}
