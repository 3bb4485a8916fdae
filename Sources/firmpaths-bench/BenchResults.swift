import FirmPathsIO
import Foundation

/// The benchmark's figures in the order they were measured, for bench.json and the table.
struct BenchResults {
    private var keys: [String] = []
    private var values: [String: JSONValue] = [:]
    private var samples: [(String, [Double])] = []

    mutating func set(_ key: String, _ value: Double) { put(key, .number(value)) }
    mutating func set(_ key: String, _ value: Int) { put(key, .number(Double(value))) }
    mutating func set(_ key: String, _ value: String) { put(key, .string(value)) }
    mutating func sample(_ key: String, _ values: [Double]) { samples.append((key, values)) }

    private mutating func put(_ key: String, _ value: JSONValue) {
        if values[key] == nil { keys.append(key) }
        values[key] = value
    }

    func number(_ key: String) -> Double {
        if case .number(let value)? = values[key] { return value }
        return .nan
    }

    /// bench.json: the figures (rounded to 4 significant digits), the raw samples, and when and where.
    func json() throws -> String {
        var object = JSONObject()
        for key in keys {
            if case .number(let value) = values[key]! {
                object[key] = .number(Self.rounded(value))
            } else {
                object[key] = values[key]!
            }
        }
        object["samples"] = .object(JSONObject(samples.map { ($0.0, .array($0.1.map { .number(Self.rounded($0)) })) }))
        let formatter = ISO8601DateFormatter()
        object["date"] = .string(formatter.string(from: Date()))
        object["host"] = .string(ProcessInfo.processInfo.hostName)
        object["cpus_online"] = .number(Double(ProcessInfo.processInfo.activeProcessorCount))
        return try JSONValue.object(object).serialized(pretty: true) + "\n"
    }

    static func rounded(_ value: Double) -> Double {
        guard value.isFinite, value != 0 else { return value.isFinite ? value : 0 }
        let digits = 4 - Int((log10(abs(value))).rounded(.up))
        let scale = pow(10, Double(max(0, digits)))
        return (value * scale).rounded() / scale
    }

    func printTable(threads: Int, markets: Int, livingShare: Double, sweepRuns: Int, options: BenchOptions,
                    smallRuns: Int, largeRuns: Int) {
        func format(_ value: Double, _ decimals: Int) -> String {
            if abs(value) >= 1e6 { return String(format: "%.2fM", value / 1e6) }
            return String(format: "%.\(decimals)f", value)
        }
        var rows: [(String, String, String)] = []
        func row(_ label: String, _ key: String, _ decimals: Int, _ unit: String) {
            rows.append((label, format(number(key), decimals), unit))
        }
        rows.append(("sweep workload", "\(sweepRuns) runs", "of \(options.scenarioPath), \(number("firms").formatted0) firms x \(number("steps").formatted0) steps, \(markets) markets"))
        row("firm-steps/s, 1 thread", "firm_steps_per_sec_1thread", 0, "living firms only (\(String(format: "%.0f", livingShare * 100))% of firms x steps)")
        row("firm-steps/s, 1 thread, nominal", "firm_steps_per_sec_1thread_nominal", 0, "firms x steps / time (for comparison only)")
        row("firm-steps/s, \(threads) threads", "firm_steps_per_sec_all_threads", 0, "same runs, one run per thread")
        row("sweep speed-up", "sweep_speedup", 2, "x, 1 -> \(threads) threads")
        row("parallel efficiency", "parallel_efficiency", 3, "all-thread rate / (\(threads) x 1-thread rate)")
        rows.append(("CPU utilization, 1 / \(threads) threads",
                     format(number("cpu_utilization_1thread"), 3) + " / " + format(number("cpu_utilization_all_threads"), 3),
                     "CPU time / (wall x threads); below 1: cores taken by other processes or idle waits"))
        row("time per run, 1 thread", "ms_per_run_1thread", 1, "ms, setup + every step")
        row("setup share", "setup_share_1thread", 3, "of a run's time (population set-up)")
        row("ns per firm-step", "ns_per_firm_step_1thread", 0, "ns, 1 thread, whole run / living firm-steps")
        row("ns per firm-market-step", "ns_per_firm_market_step_1thread", 1, "ns, steps only / (living firm-steps x \(markets) markets)")
        rows.append(("large run", "\(options.largeFirms) firms", "x \(options.largeYears) years, one run, firms in parallel chunks"))
        row("  steps, 1 thread", "large_run_steps_seconds_1thread", 3, "s")
        row("  steps, \(threads) threads", "large_run_steps_seconds_all_threads", 3, "s")
        row("  within-run speed-up", "large_run_speedup", 2, "x (efficiency \(format(number("large_run_parallel_efficiency"), 3)),"
            + " CPU utilization \(format(number("large_run_cpu_utilization_1thread"), 3)) / \(format(number("large_run_cpu_utilization_all_threads"), 3)))")
        row("csv writing", "csv_mb_per_sec", 0, "MB/s, trajectories.csv of one run (\(format(number("csv_bytes") / 1e6, 1)) MB): encode + write + fsync")
        row("csv.gz writing (--compress)", "csv_gz_mb_per_sec", 0, "MB/s of the uncompressed bytes: encode + gzip (zlib level 6) + write + fsync")
        row("csv.gz size ratio", "csv_gz_size_ratio", 3, "compressed / plain (\(format(number("csv_gz_bytes") / 1e6, 1)) MB on disk)")
        row("writing / simulation", "writing_to_simulation_ratio", 3, "\(format(number("writing_run_firms"), 0)) firms, all tables: "
            + "(run with tables - run without output) / run without output, wall, medians (goal: at most 0.5)")
        rows.append(("  writing, CPU", format(number("writing_cpu_seconds"), 2) + " s",
                     "CPU time of all threads, with tables - without (simulation: \(format(number("writing_simulation_cpu_seconds"), 2)) s)"))
        row("peak RSS, \(smallRuns)-run sweep", "peak_rss_mb_small_sweep", 1,
            "MB, child `firmpaths sweep`, runs + firms (bench itself: \(format(number("parent_peak_rss_mb_at_spawn"), 1)) MB)")
        row("peak RSS, \(largeRuns)-run sweep", "peak_rss_mb_large_sweep", 1, "MB (ratio \(format(number("peak_rss_ratio_large_to_small"), 3)))")
        row("CLI sweep throughput", "cli_sweep_runs_per_sec", 1, "runs/s, \(largeRuns)-run sweep with output, \(threads) threads")
        row("explorer run request, 300 firms", "explorer_run_ms_300_firms", 1, "ms, median, over a socket (goal: under 100)")
        row("explorer run request, 1000 firms", "explorer_run_ms_1000_firms", 1, "ms, median (goal: under 300)")
        row("explorer, 8 concurrent pages", "explorer_requests_per_sec_8_clients", 1, "run requests/s, 300 firms, at most 2 runs at once")
        rows.append(("checksum", { if case .string(let text)? = values["checksum"] { return text }; return "" }(), "firms.csv of the default run"))
        rows.append(("load average", format(number("load_average_at_start"), 2) + " -> " + format(number("load_average_at_end"), 2),
                     "1 min, at start and end (above 0 before we start: the machine is shared, figures are noisy)"))
        let width0 = rows.map(\.0.count).max() ?? 0
        let width1 = rows.map(\.1.count).max() ?? 0
        print("FirmPaths benchmark: medians of \(options.repetitions) repetitions after a warm-up (memory: \(max(1, min(3, options.repetitions))))")
        for (label, value, unit) in rows {
            print(label.padding(toLength: width0, withPad: " ", startingAt: 0) + "  "
                + String(repeating: " ", count: width1 - value.count) + value + "  " + unit)
        }
    }
}

private extension Double {
    var formatted0: String { String(format: "%.0f", self) }
}
