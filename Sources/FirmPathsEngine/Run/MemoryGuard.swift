import FirmPathsModel
import Foundation

/// The size of a run, as far as memory goes.
public struct RunSize: Sendable, Equatable {
    public var firms: Int
    public var markets: Int
    public var partnerSlots: Int
    public var years: Int
    public var stepsPerYear: Int

    public init(firms: Int, markets: Int, partnerSlots: Int, years: Int, stepsPerYear: Int) {
        self.firms = firms
        self.markets = markets
        self.partnerSlots = partnerSlots
        self.years = years
        self.stepsPerYear = stepsPerYear
    }

    /// The size of `scenario`, without building its world.
    public init(_ scenario: Scenario) {
        let markets = scenario.markets.list.isEmpty
            ? scenario.markets.regions.reduce(0) { $0 &+ max(0, $1.markets) }
            : scenario.markets.list.count
        self.init(firms: scenario.population.firms, markets: markets,
                  partnerSlots: max(0, scenario.model.network.partnersPerFirm),
                  years: max(1, scenario.years), stepsPerYear: max(1, scenario.stepsPerYear))
    }
}

/// Refuses runs that would not fit in memory, before anything is allocated.
///
/// The estimate per firm is the firm store (`FirmStore.bytesPerFirm`), the events kept in
/// memory until the end of the run (about 0.25 + 0.01 x markets per firm and year, each
/// `FirmEvent` held twice over while its array grows) and the firm's outcome, times 1.25 for
/// the allocator and the arrays built at the end, plus `fixedBytes`. Measured peak RSS of
/// `firmpaths run` (release build, `/usr/bin/time -f %M`, default scenario, 4 steps a year, 2
/// threads) against the estimate: 100,000 firms x 24 markets x 10 years 390 MB (estimate 496 MB);
/// x 30 years 523 MB (645 MB); 50,000 firms x 48 markets x 30 years 410 MB (523 MB). The store
/// formula alone is close (3.7 KB of the measured 5.1 KB per firm for the default world); the
/// events and the factor make the estimate about 25 % high, which is the side to err on.
public enum MemoryGuard {
    /// Bytes of a process that simulates nothing (runtime, code, CSV buffers, the report).
    public static let fixedBytes: Double = 64 * 1024 * 1024
    /// Share of the machine's memory a run may plan to use; the rest is left to the system.
    public static let usableShare = 0.8
    /// Safety factor over the sum of the parts.
    static let overheadFactor = 1.25

    /// Estimated bytes per firm of one run of `size`; Double, because absurd sizes must not trap.
    public static func bytesPerFirm(_ size: RunSize) -> Double {
        let markets = Double(size.markets), years = Double(size.years)
        // The store's own formula in Double: FirmStore.bytesPerFirm overflows Int for absurd sizes.
        let store: Double
        if size.markets < 1 << 20 && size.years < 1 << 20 && size.partnerSlots < 1 << 20 && size.stepsPerYear <= 12 {
            store = Double(FirmStore.bytesPerFirm(markets: size.markets, partnerSlots: size.partnerSlots,
                                                  years: size.years, stepsPerYear: size.stepsPerYear))
        } else {
            store = 400 + markets * 99 + Double(size.partnerSlots) * 13 + years * 31 + markets / 4
        }
        let eventsPerFirm = (0.25 + 0.01 * markets) * years
        let events = eventsPerFirm * Double(MemoryLayout<FirmEvent>.stride) * 2
        let outcome = Double(MemoryLayout<FirmOutcome>.stride) * 2
        return (store + events + outcome) * overheadFactor
    }

    /// Estimated bytes of `concurrent` runs of `size` running at once, plus `extraPerFirm` bytes
    /// per firm of each (output waiting to be written).
    public static func estimate(_ size: RunSize, concurrent: Int = 1, extraPerFirm: Double = 0) -> Double {
        fixedBytes + Double(max(1, concurrent)) * Double(max(0, size.firms)) * (bytesPerFirm(size) + extraPerFirm)
    }

    /// The machine's memory: physical memory, lowered by a cgroup limit (containers, batch jobs).
    public static func machineBytes() -> Double {
        var bytes = Double(ProcessInfo.processInfo.physicalMemory)
        for file in ["/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"] {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8),
                  let limit = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)), limit > 0 else { continue }
            bytes = min(bytes, limit)
        }
        return bytes
    }

    /// Parses a memory limit such as `2000000`, `512M` or `4G` (powers of 1024), for
    /// `FIRMPATHS_MEMORY_LIMIT`.
    public static func parseBytes(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).uppercased()
        let units: [Character: Double] = ["K": 1024, "M": 1024 * 1024, "G": 1024 * 1024 * 1024, "T": 1024 * 1024 * 1024 * 1024]
        var number = Substring(trimmed)
        var factor = 1.0
        if number.hasSuffix("B") { number = number.dropLast() }
        if let last = number.last, let unit = units[last] {
            factor = unit
            number = number.dropLast()
        }
        guard let value = Double(number), value.isFinite, value > 0 else { return nil }
        return value * factor
    }

    /// Throws `EngineError.invalidInput` when `concurrent` runs of `size` would not fit in
    /// `usableShare` of `limit` bytes (default: the machine's memory), with the estimate and the
    /// largest population that fits.
    public static func check(_ size: RunSize, concurrent: Int = 1, extraPerFirm: Double = 0, limit: Double? = nil,
                             what: String = "this run") throws(EngineError) {
        let machine = limit ?? machineBytes()
        let usable = machine * usableShare
        let needed = estimate(size, concurrent: concurrent, extraPerFirm: extraPerFirm)
        guard needed > usable else { return }
        let perFirm = bytesPerFirm(size) + extraPerFirm
        let runs = Double(max(1, concurrent))
        let fitting = max(0, ((usable - fixedBytes) / (runs * perFirm)).rounded(.down))
        var message = "\(what) needs about \(format(needed)) of memory (\(grouped(Double(size.firms))) firms x "
            + "\(format(perFirm)) per firm"
        if concurrent > 1 { message += " x \(concurrent) runs at once" }
        message += ", \(size.markets) markets, \(size.years) years), but \(Int(usableShare * 100)) % of this machine's "
            + "\(format(machine)) is \(format(usable)); "
        if fitting >= 1 {
            message += "the largest population that fits is population.firms = \(grouped(fitting))"
            if concurrent > 1 { message += " (or use fewer --threads)" }
        } else {
            message += "not even one firm fits: reduce markets, years or partners per firm"
        }
        throw .invalidInput(message)
    }

    /// `12.3 GB`, `512 MB`: powers of 1024, three significant digits.
    static func format(_ bytes: Double) -> String {
        let units = ["B", "KB", "MB", "GB", "TB", "PB", "EB"]
        var value = bytes
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        if !value.isFinite || value >= 1024 { return "more than 1024 EB" }
        let rounded = value >= 100 ? String(Int(value.rounded())) : String((value * 10).rounded() / 10)
        return rounded + " " + units[unit]
    }

    /// `50,000,000`.
    static func grouped(_ value: Double) -> String {
        guard value.isFinite, value < 1e18 else { return String(value) }
        let digits = Array(String(Int(value)))
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { text += "," }
            text.append(digit)
        }
        return text
    }
}

extension MemoryGuard {
    /// `1.2 GB`, for messages outside the engine.
    public static func describe(_ bytes: Double) -> String { format(bytes) }
}
