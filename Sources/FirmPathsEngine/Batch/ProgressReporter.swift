import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Progress line for long batches: a self-overwriting status line plus a final summary.
///
/// Thread-safe; workers (or the ordered consumer) call `advance(by:)`. The live line is written
/// with a leading `\r` and padded to overwrite the previous one, at most every `interval`
/// seconds and only when `live` is true (normally: stderr is a terminal), because carriage
/// returns make logs unreadable. `finish()` always writes the one-line summary.
public final class ProgressReporter: Sendable {
    private struct State {
        var done = 0
        var lastPrint: Double?
        var lastLineLength = 0
        var finished = false
        /// Log mode: when the last line was written and which twentieth of the runs it reached.
        var lastLog: Double
        var lastTwentieth = 0
    }

    private let total: Int
    private let threads: Int
    private let live: Bool
    private let interval: Double
    private let clock: @Sendable () -> Double
    private let write: @Sendable (String) -> Void
    private let start: Double
    private let state: Locked<State>
    /// Seconds between log lines when not live (nil: no log lines).
    private let logInterval: Double?

    /// Creates a reporter; the elapsed time starts now.
    /// - Parameters:
    ///   - total: number of runs expected.
    ///   - threads: thread count shown in the summary.
    ///   - live: whether to draw the updating line.
    ///   - interval: minimum seconds between live updates.
    ///   - logInterval: when not live (stderr is a file or a pipe: SLURM, nohup, `| tee`), write a
    ///     whole line every `logInterval` seconds and every 5 % of the runs, so job logs show
    ///     where a sweep is; nil writes only the summary.
    ///   - clock: monotonic seconds; injectable so tests control time.
    ///   - write: receives text exactly as it should appear (no newline added).
    public init(
        total: Int,
        threads: Int,
        live: Bool,
        interval: Double = 0.25,
        logInterval: Double? = nil,
        clock: @escaping @Sendable () -> Double = ProgressReporter.monotonicSeconds,
        write: @escaping @Sendable (String) -> Void
    ) {
        self.logInterval = live ? nil : logInterval
        self.total = max(0, total)
        self.threads = threads
        self.live = live
        self.interval = interval
        self.clock = clock
        self.write = write
        self.start = clock()
        self.state = Locked(State(lastLog: start))
    }

    /// A reporter writing to standard error, live only when stderr is a terminal.
    public static func standardError(total: Int, threads: Int) -> ProgressReporter {
        ProgressReporter(total: total, threads: threads, live: isatty(2) != 0) { text in
            FileHandle.standardError.write(Data(text.utf8))
        }
    }

    /// Seconds from an arbitrary origin on a clock that never goes backwards.
    @Sendable public static func monotonicSeconds() -> Double {
        Double(DispatchTime.now().uptimeNanoseconds) / 1e9
    }

    /// Records `count` more completed runs and redraws the line if it is due.
    public func advance(by count: Int = 1) {
        let now = clock()
        state.withLock { state in
            state.done += count
            guard !state.finished else { return }
            if let logInterval {
                let twentieth = total > 0 ? min(20, state.done * 20 / total) : 20
                guard twentieth > state.lastTwentieth || now - state.lastLog >= logInterval else { return }
                state.lastTwentieth = twentieth
                state.lastLog = now
                write(Self.liveLine(done: state.done, total: total, elapsed: now - start) + "\n")
                return
            }
            guard live else { return }
            if let last = state.lastPrint, now - last < interval, state.done < total { return }
            state.lastPrint = now
            let line = Self.liveLine(done: state.done, total: total, elapsed: now - start)
            let padding = String(repeating: " ", count: max(0, state.lastLineLength - line.count))
            state.lastLineLength = line.count
            // Written under the lock so concurrent updates cannot interleave or go backwards.
            write("\r" + line + padding)
        }
    }

    /// Writes the summary (after clearing the live line) and stops further updates.
    /// - Returns: the summary line without its newline, for logs.
    @discardableResult
    public func finish() -> String {
        let now = clock()
        return state.withLock { state in
            state.finished = true
            let clear = state.lastLineLength > 0
                ? "\r" + String(repeating: " ", count: state.lastLineLength) + "\r"
                : ""
            state.lastLineLength = 0
            let summary = Self.summaryLine(done: state.done, elapsed: now - start, threads: threads)
            write(clear + summary + "\n")
            return summary
        }
    }

    /// `runs 1234/10000 (12.3%)  456.7 runs/s  elapsed 0:02:41  ETA 0:19:12`
    static func liveLine(done: Int, total: Int, elapsed: Double) -> String {
        let percent = total > 0 ? 100 * Double(done) / Double(total) : 100
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let eta = rate > 0 ? formatDuration(Double(max(0, total - done)) / rate) : "-:--:--"
        return "runs \(done)/\(total) (\(fixed(percent, 1))%)  \(fixed(rate, 1)) runs/s  "
            + "elapsed \(formatDuration(elapsed))  ETA \(eta)"
    }

    /// `10000 runs in 0:21:53 (7.6 runs/s), 2 threads`
    static func summaryLine(done: Int, elapsed: Double, threads: Int) -> String {
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let noun = done == 1 ? "run" : "runs"
        let threadNoun = threads == 1 ? "thread" : "threads"
        return "\(done) \(noun) in \(formatDuration(elapsed)) (\(fixed(rate, 1)) runs/s), \(threads) \(threadNoun)"
    }

    /// `H:MM:SS`, hours unbounded; negative or non-finite inputs show as 0:00:00.
    static func formatDuration(_ seconds: Double) -> String {
        let total = seconds.isFinite && seconds > 0 ? Int(seconds.rounded(.down)) : 0
        let h = total / 3600
        let m = (total / 60) % 60
        let s = total % 60
        return "\(h):\(m < 10 ? "0" : "")\(m):\(s < 10 ? "0" : "")\(s)"
    }

    /// Fixed-point formatting without `String(format:)`, which is locale- and platform-sensitive.
    static func fixed(_ value: Double, _ decimals: Int) -> String {
        guard value.isFinite else { return "-" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let whole = Int(scaled / scale)
        let fraction = Int(scaled) - whole * Int(scale)
        let sign = value < 0 && scaled > 0 ? "-" : ""
        guard decimals > 0 else { return sign + String(whole) }
        let digits = String(fraction)
        return sign + String(whole) + "." + String(repeating: "0", count: decimals - digits.count) + digits
    }
}
