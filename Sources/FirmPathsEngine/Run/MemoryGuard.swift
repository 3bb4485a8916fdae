import FirmPathsModel
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        let store = FirmStore.bytesPerFirm(markets: markets, partnerSlots: Double(size.partnerSlots),
                                           years: years, stepsPerYear: Double(size.stepsPerYear))
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

    /// The machine's memory: the smallest of physical memory, a cgroup limit and `ulimit -v`.
    public static func machineBytes() -> Double {
        ceilings().map(\.bytes).min() ?? Double(ProcessInfo.processInfo.physicalMemory)
    }

    /// Every limit on this process's memory that can be read: physical memory, cgroup limits
    /// (v2 and v1, the process's own cgroup and its parents) and the address-space limit.
    public static func ceilings(root: String = "/") -> [MemoryCeiling] {
        var found = [MemoryCeiling(bytes: Double(ProcessInfo.processInfo.physicalMemory), source: .physical)]
        if let cgroup = cgroupLimit(root: root) { found.append(cgroup) }
        if let space = addressSpaceLimit() { found.append(MemoryCeiling(bytes: space, source: .addressSpace)) }
        return found
    }

    /// `ulimit -v` (RLIMIT_AS) in bytes, or nil when unlimited.
    public static func addressSpaceLimit() -> Double? {
        var limit = rlimit()
        guard getrlimit(rlimitAddressSpace, &limit) == 0, limit.rlim_cur != rlim_t.max else { return nil }
        return Double(limit.rlim_cur)
    }

    #if canImport(Glibc)
    private static let rlimitAddressSpace = __rlimit_resource_t(RLIMIT_AS.rawValue)
    #else
    private static let rlimitAddressSpace = RLIMIT_AS
    #endif

    /// Values at or above this (v1 writes about 2^63 rounded to pages) mean no limit.
    static let unlimitedCgroup = Double(1 << 62)

    /// The smallest cgroup memory limit on the process's cgroup or its parents, under `root`
    /// (a directory holding `proc/self/cgroup` and `sys/fs/cgroup`; `/` for the real ones).
    public static func cgroupLimit(root: String = "/") -> MemoryCeiling? {
        let base = root.hasSuffix("/") ? root : root + "/"
        guard let membership = try? String(contentsOfFile: base + "proc/self/cgroup", encoding: .utf8) else {
            return nil
        }
        var best: MemoryCeiling?
        func consider(_ file: String) {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8),
                  let bytes = parseCgroupValue(text) else { return }
            if best == nil || bytes < best!.bytes {
                best = MemoryCeiling(bytes: bytes, source: .cgroup(file: String(file.dropFirst(base.count - 1))))
            }
        }
        for line in membership.split(separator: "\n") {
            let fields = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3 else { continue }
            let path = String(fields[2])
            if fields[0] == "0" && fields[1].isEmpty {
                for directory in ancestors(of: path) { consider(base + "sys/fs/cgroup" + directory + "memory.max") }
            } else if fields[1].split(separator: ",").contains("memory") {
                for directory in ancestors(of: path) {
                    consider(base + "sys/fs/cgroup/memory" + directory + "memory.limit_in_bytes")
                }
            }
        }
        return best
    }

    /// A cgroup file's limit: nil for `max`, unreadable text or values near 2^63.
    public static func parseCgroupValue(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed != "max", let value = Double(trimmed), value > 0, value < unlimitedCgroup else { return nil }
        return value
    }

    /// `/a/b` -> `/a/b/`, `/a/`, `/`: the cgroup and each parent up to the root.
    static func ancestors(of path: String) -> [String] {
        var parts = path.split(separator: "/").filter { $0 != ".." && $0 != "." }.map(String.init)
        var result: [String] = []
        while true {
            result.append(parts.isEmpty ? "/" : "/" + parts.joined(separator: "/") + "/")
            if parts.isEmpty { break }
            parts.removeLast()
        }
        return result
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

    /// Throws `EngineError.invalidInput` when `concurrent` runs of `size` would not fit in the
    /// tightest of the process's memory limits (`ceilings`; `limit`, FIRMPATHS_MEMORY_LIMIT,
    /// replaces physical memory when given), with the estimate, the limit that applies and the largest population that fits.
    public static func check(_ size: RunSize, concurrent: Int = 1, extraPerFirm: Double = 0, limit: Double? = nil,
                             what: String = "this run", ceilings given: [MemoryCeiling]? = nil) throws(EngineError) {
        var all = given ?? ceilings()
        // FIRMPATHS_MEMORY_LIMIT stands for the machine's memory (it may be set above it, e.g.
        // with swap); cgroup limits and `ulimit -v` still apply, since the kernel enforces them.
        if let limit {
            all.removeAll { $0.source == .physical }
            all.append(MemoryCeiling(bytes: limit, source: .environment))
        }
        let threads = max(1, concurrent)
        guard let tightest = all.min(by: { $0.usable(threads: threads) < $1.usable(threads: threads) }) else { return }
        let usable = tightest.usable(threads: threads)
        let needed = estimate(size, concurrent: concurrent, extraPerFirm: extraPerFirm)
        guard needed > usable else { return }
        let perFirm = bytesPerFirm(size) + extraPerFirm
        let runs = Double(threads)
        let fitting = max(0, ((usable - fixedBytes) / (runs * perFirm)).rounded(.down))
        let (neededText, usableText) = formatDistinct(needed, usable)
        var message = "\(what) needs about \(neededText) of memory (\(grouped(Double(size.firms))) firms x "
            + "\(format(perFirm)) per firm"
        if concurrent > 1 { message += " x \(concurrent) runs at once" }
        message += ", \(size.markets) markets, \(size.years) years), but \(Int(usableShare * 100)) % of "
            + tightest.describe(threads: threads) + " is \(usableText); "
        if fitting >= 1 {
            message += "the largest population that fits is population.firms = \(grouped(fitting))"
            if concurrent > 1 { message += " (or use fewer --threads)" }
        } else {
            message += "not even one firm fits: reduce markets, years or partners per firm"
        }
        throw .invalidInput(message)
    }

    /// `a` and `b` formatted so that different values never read the same: `format` first, then
    /// MiB with more decimals, then bytes.
    static func formatDistinct(_ a: Double, _ b: Double) -> (String, String) {
        let short = (format(a), format(b))
        guard short.0 == short.1, a != b, a.isFinite, b.isFinite else { return short }
        let mib = 1024.0 * 1024.0
        for decimals in 1...3 {
            let x = String(format: "%.\(decimals)f MiB", a / mib), y = String(format: "%.\(decimals)f MiB", b / mib)
            if x != y { return (x, y) }
        }
        return (grouped(a.rounded(.up)) + " bytes", grouped(b.rounded(.down)) + " bytes")
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

/// One limit on the memory a run may plan for, and where it comes from.
public struct MemoryCeiling: Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        /// The machine's physical memory.
        case physical
        /// A cgroup memory limit, read from `file`.
        case cgroup(file: String)
        /// `ulimit -v` (RLIMIT_AS): counts address space, not only data.
        case addressSpace
        /// FIRMPATHS_MEMORY_LIMIT.
        case environment
    }

    public var bytes: Double
    public var source: Source

    public init(bytes: Double, source: Source) {
        self.bytes = bytes
        self.source = source
    }

    /// Address space a firmpaths process reserves beyond its data, counted by `ulimit -v` only.
    /// Measured (debug build, Linux, 2026-12-02): a run of 200 firms needs `ulimit -v` of at least
    /// 96 MiB (64 MiB fails loading the Foundation libraries); a run of 20,000 firms x 5 years
    /// peaks at VmPeak 136 MB with 86 MB resident, one thread. Planned: 256 MiB for the binary,
    /// its libraries and the main arena, plus 72 MiB per worker thread (an 8 MiB stack and a
    /// 64 MiB glibc malloc arena each).
    public static let addressSpaceBase: Double = 256 * 1024 * 1024
    public static let addressSpacePerThread: Double = 72 * 1024 * 1024

    /// The bytes of this limit that data may use: for `ulimit -v` the address-space overhead of
    /// `threads` threads is taken off first; then `MemoryGuard.usableShare` of the rest.
    public func usable(threads: Int) -> Double {
        MemoryGuard.usableShare * max(0, bytes - overhead(threads: threads))
    }

    func overhead(threads: Int) -> Double {
        guard source == .addressSpace else { return 0 }
        return Self.addressSpaceBase + Double(max(1, threads)) * Self.addressSpacePerThread
    }

    /// `the virtual-memory limit (ulimit -v) of 1.0 GB less 328 MB for the process itself`.
    public func describe(threads: Int) -> String {
        let amount = MemoryGuard.format(bytes)
        switch source {
        case .physical: return "this machine's physical memory of \(amount)"
        case .cgroup(let file): return "the cgroup memory limit of \(amount) (\(file))"
        case .environment: return "FIRMPATHS_MEMORY_LIMIT=\(amount)"
        case .addressSpace:
            return "the virtual-memory limit (ulimit -v) of \(amount), less \(MemoryGuard.format(overhead(threads: threads))) "
                + "of address space for the process itself,"
        }
    }
}
