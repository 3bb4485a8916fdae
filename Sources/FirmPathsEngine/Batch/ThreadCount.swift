import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How many worker threads the process can usefully run.
public enum ThreadCount {
    /// Number of CPUs this process may run on.
    ///
    /// On Linux this counts the bits of the `sched_getaffinity` mask by hand (`CPU_COUNT` is a
    /// macro Swift cannot import), so `taskset`, SLURM and container CPU sets are honoured; a CPU
    /// bandwidth limit of the process's cgroup (`docker --cpus`, Kubernetes CPU limits) lowers it
    /// further, rounded up. Elsewhere, or if the call fails, it falls back to
    /// `ProcessInfo.activeProcessorCount`.
    /// - Returns: at least 1.
    public static func available() -> Int {
        var count = max(1, ProcessInfo.processInfo.activeProcessorCount)
        #if os(Linux)
        if let affinity = affinityCPUCount(), affinity > 0 { count = affinity }
        if let quota = cgroupQuotaCPUs() { count = min(count, quota) }
        #endif
        return max(1, count)
    }

    /// CPUs granted by a CPU bandwidth limit of `quota` microseconds per `period`, rounded up
    /// (1.5 CPUs gives 2 threads); nil when there is no limit (quota not positive).
    static func quotaCPUs(quota: Int, period: Int) -> Int? {
        guard quota > 0, period > 0 else { return nil }
        return max(1, (quota + period - 1) / period)
    }

    /// Parses a cgroup v2 `cpu.max` file ("max 100000" or "150000 100000"); nil without a limit.
    static func quotaCPUs(cpuMax text: String) -> Int? {
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard fields.count == 2, let quota = Int(fields[0]), let period = Int(fields[1]) else { return nil }
        return quotaCPUs(quota: quota, period: period)
    }

    #if os(Linux)
    /// The CPU limit of this process's cgroup, v2 (`cpu.max`) or v1 (`cpu.cfs_quota_us` over
    /// `cpu.cfs_period_us`), or nil when there is none or it cannot be read. Each path of
    /// `/proc/self/cgroup` is tried under the mount point, then the mount point itself (inside a
    /// container the recorded path is often the host's).
    static func cgroupQuotaCPUs() -> Int? {
        func read(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }
        guard let membership = read("/proc/self/cgroup") else { return nil }
        for line in membership.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3 else { continue }
            let controllers = parts[1].split(separator: ",")
            let path = parts[2] == "/" ? "" : String(parts[2])
            if parts[0] == "0" && controllers.isEmpty {
                for directory in ["/sys/fs/cgroup" + path, "/sys/fs/cgroup"] {
                    if let text = read(directory + "/cpu.max") { return quotaCPUs(cpuMax: text) }
                }
            } else if controllers.contains("cpu") {
                for mount in ["/sys/fs/cgroup/cpu", "/sys/fs/cgroup/cpu,cpuacct"] {
                    for directory in [mount + path, mount] {
                        guard let quota = read(directory + "/cpu.cfs_quota_us"),
                              let period = read(directory + "/cpu.cfs_period_us") else { continue }
                        return quotaCPUs(cpuMax: quota + " " + period)  // same two numbers as cpu.max
                    }
                }
            }
        }
        return nil
    }
    #endif

    #if os(Linux)
    /// Bits set in this process's `sched_getaffinity` mask, or nil if the call is unavailable.
    ///
    /// Glibc only declares `sched_getaffinity` under `_GNU_SOURCE`, which Swift's Glibc module
    /// does not define, so the symbol is looked up at run time with `dlsym`.
    private static func affinityCPUCount() -> Int? {
        typealias GetAffinity = @convention(c) (pid_t, Int, UnsafeMutableRawPointer?) -> Int32
        guard let process = dlopen(nil, RTLD_NOW) else { return nil }
        defer { dlclose(process) }
        guard let symbol = dlsym(process, "sched_getaffinity") else { return nil }
        let getAffinity = unsafeBitCast(symbol, to: GetAffinity.self)
        var set = cpu_set_t()
        let status = withUnsafeMutableBytes(of: &set) { bytes in
            getAffinity(0, bytes.count, bytes.baseAddress)
        }
        guard status == 0 else { return nil }
        return withUnsafeBytes(of: set) { bytes in
            bytes.reduce(0) { $0 + $1.nonzeroBitCount }
        }
    }
    #endif

    /// The thread count to use for a request: `nil` or values below 1 mean "all available".
    public static func resolve(requested: Int?) -> Int {
        guard let requested, requested >= 1 else { return available() }
        return requested
    }
}
