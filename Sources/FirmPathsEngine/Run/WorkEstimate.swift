import FirmPathsModel

/// How much work and disk a run or a sweep will take, estimated before anything runs, so that
/// a typo (`years: 10000` with monthly steps, 10^7 replications) is refused with figures
/// instead of running for days or filling the disk.
///
/// Disk figures per table are from the default scenario (1,000 firms, 24 markets, 30 years x 4
/// steps, seed 42, debug and release write the same bytes): trajectories.csv 9,374,321 bytes
/// for 120,000 firm-steps (78 per row), firms.csv 309,441 (309 per firm), events.csv 963,639
/// (32 per firm-year at 24 markets), exports.csv 1,742,028 (58 per firm-year, 2.4 per
/// firm-year and market). Time uses `firmStepsPerSecond` (an assumed rate, see there);
/// estimates are for refusing the absurd, not for scheduling.
public struct WorkEstimate: Sendable, Equatable {
    /// Runs (saturating at `Double` precision; a sweep of 10^13 runs is a number, not a trap).
    public var runs: Double
    /// Firm-steps of all runs: firms x years x steps per year x runs.
    public var firmSteps: Double
    /// Bytes written, all tables chosen.
    public var bytes: Double
    /// Threads the runs share.
    public var threads: Int

    /// Firm-steps per second of one thread assumed for the estimate. NOT a measurement of a
    /// release build yet (a debug build did 12,676 per s, default scenario, 1 thread, load ~7):
    /// an optimistic round figure, so that the estimate errs on the side of letting runs through.
    public static let firmStepsPerSecond = 1_000_000.0

    /// Estimated seconds of wall-clock time on `threads` threads.
    public var seconds: Double {
        // A sweep runs one run per thread; a single run's steps parallelise less, count it as one.
        firmSteps / Self.firmStepsPerSecond / max(1, min(Double(threads), runs))
    }

    /// Which tables are written, for the disk figure.
    public struct Tables: Sendable, Equatable {
        public var runs = false
        public var firms = true
        public var steps = true
        public var every = 1
        public var events = true
        public var exports = true
        public var years = false

        public init(runs: Bool = false, firms: Bool = true, steps: Bool = true, every: Int = 1, events: Bool = true,
                    exports: Bool = true, years: Bool = false) {
            self.runs = runs
            self.firms = firms
            self.steps = steps
            self.every = max(1, every)
            self.events = events
            self.exports = exports
            self.years = years
        }
    }

    /// The estimate of `runs` runs of `size` writing `tables` on `threads` threads.
    public init(size: RunSize, runs: Double, tables: Tables, threads: Int) {
        let firms = Double(max(0, size.firms)), years = Double(max(1, size.years))
        let steps = Double(max(1, size.stepsPerYear)), markets = Double(max(0, size.markets))
        let firmYears = firms * years
        var perRun = 0.0
        if tables.runs { perRun += 200 }
        if tables.firms { perRun += 309 * firms }
        if tables.steps { perRun += 78 * firmYears * steps / Double(tables.every) }
        if tables.events { perRun += 32 * firmYears * (0.25 + 0.01 * markets) / 0.49 }
        if tables.exports { perRun += 2.4 * firmYears * markets }
        if tables.years { perRun += 70 * firmYears }
        self.runs = runs
        self.firmSteps = firmYears * steps * runs
        self.bytes = perRun * runs
        self.threads = max(1, threads)
    }

    /// Limits beyond which a run or sweep is refused without `--allow-huge`.
    public struct Limits: Sendable, Equatable {
        /// Most runs.
        public var runs: Double
        /// Most wall-clock seconds.
        public var seconds: Double
        /// Most bytes written.
        public var bytes: Double

        public init(runs: Double, seconds: Double, bytes: Double) {
            self.runs = runs
            self.seconds = seconds
            self.bytes = bytes
        }

        /// A sweep: 10^8 runs, 30 days, 1 TiB.
        public static let sweep = Limits(runs: 1e8, seconds: 30 * 86_400, bytes: 1024 * 1024 * 1024 * 1024)
        /// A single run: 24 hours, 100 GiB.
        public static let run = Limits(runs: 1, seconds: 86_400, bytes: 100 * 1024 * 1024 * 1024)
    }

    /// `12,000 runs, about 3.2 hours on 8 threads and 4.5 GB of files`.
    public var summary: String {
        var text = runs == 1 ? "" : "\(MemoryGuard.grouped(runs)) runs, "
        text += "\(MemoryGuard.grouped(firmSteps)) firm-steps, about \(Self.duration(seconds))"
        if threads > 1 && runs > 1 { text += " on \(threads) threads" }
        text += " and \(MemoryGuard.format(bytes)) of files"
        return text
    }

    /// The first limit exceeded, in words, or nil.
    public func exceeded(_ limits: Limits) -> String? {
        if runs > limits.runs { return "more than \(MemoryGuard.grouped(limits.runs)) runs" }
        if seconds > limits.seconds { return "more than \(Self.duration(limits.seconds))" }
        if bytes > limits.bytes { return "more than \(MemoryGuard.format(limits.bytes)) of files" }
        return nil
    }

    /// Throws when a limit is exceeded (unless `allowHuge`), naming the estimate and the way out.
    public func check(_ limits: Limits, what: String, allowHuge: Bool) throws(EngineError) {
        guard !allowHuge, let reason = exceeded(limits) else { return }
        throw .invalidInput("\(what) would take \(summary): \(reason), beyond what is reasonable; reduce it, "
            + "or give --allow-huge if you mean it")
    }

    /// `45 s`, `3.2 hours`, `12 days`, `3,000 years`.
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "forever" }
        func one(_ value: Double) -> String { value >= 100 ? MemoryGuard.grouped(value.rounded()) : String((value * 10).rounded() / 10) }
        if seconds < 90 { return "\(one(seconds)) s" }
        if seconds < 90 * 60 { return "\(one(seconds / 60)) minutes" }
        if seconds < 48 * 3600 { return "\(one(seconds / 3600)) hours" }
        if seconds < 730 * 86_400 { return "\(one(seconds / 86_400)) days" }
        return "\(one(seconds / (365.25 * 86_400))) years"
    }
}
