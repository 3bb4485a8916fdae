import Dispatch
import FirmPathsModel
import Foundation

/// Timing helpers and statistics for the benchmark.
enum Measure {
    /// Monotonic seconds.
    static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    /// Seconds taken by `body`.
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = now()
        try body()
        return now() - start
    }

    /// User + system CPU seconds of this process so far (all threads).
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// This process's peak resident set size so far (VmHWM of /proc/self/status), in MB; -1 when unknown.
    static func ownPeakRSSMegabytes() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
        for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let fields = line.split(separator: " ")
            if fields.count >= 2, let kilobytes = Double(fields[1]) { return kilobytes / 1024 }
        }
        return -1
    }

    /// One-minute load average (Linux /proc/loadavg), or -1 when unknown.
    static func loadAverage() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8),
              let first = text.split(separator: " ").first, let value = Double(first) else { return -1 }
        return value
    }

    static func median(_ values: [Double]) -> Double {
        precondition(!values.isEmpty)
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// Relative spread (max - min) / median, to show how noisy a figure was.
    static func spread(_ values: [Double]) -> Double {
        guard let low = values.min(), let high = values.max() else { return 0 }
        let middle = median(values)
        return middle > 0 ? (high - low) / middle : 0
    }

    /// FNV-1a, 64 bit.
    static func fnv1a64(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}

/// Firm-steps the model actually updated in a finished run.
enum FirmSteps {
    /// Sum over firms of the steps in which the firm was alive and stepped: from its founding step
    /// to its death step (a firm that dies is updated in full in that step) or the last step.
    /// Firms founded after the last simulated step count zero.
    static func living(_ simulation: Simulation) -> Int {
        let store = simulation.store
        let last = simulation.currentStep
        var total = 0
        for firm in 0..<store.firmCount {
            let founded = Int(store.foundedStep[firm])
            guard founded <= last else { continue }
            let died = Int(store.diedStep[firm])
            let end = died >= 0 ? min(died, last) : last
            total += max(0, end - founded + 1)
        }
        return total
    }

    /// Firms x steps: what a run would cost if every firm were alive from the first step to the last.
    static func nominal(_ scenario: Scenario) -> Int { scenario.population.firms * scenario.totalSteps }
}
