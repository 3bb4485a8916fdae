import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How many worker threads the process can usefully run.
public enum ThreadCount {
    /// Number of CPUs this process may run on.
    ///
    /// On Linux this counts the bits of the `sched_getaffinity` mask by hand (`CPU_COUNT` is a
    /// macro Swift cannot import), so `taskset` and container CPU sets are honoured; elsewhere,
    /// or if the call fails, it falls back to `ProcessInfo.activeProcessorCount`.
    /// - Returns: at least 1.
    public static func available() -> Int {
        #if os(Linux)
        if let count = affinityCPUCount(), count > 0 { return count }
        #endif
        return max(1, ProcessInfo.processInfo.activeProcessorCount)
    }

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
