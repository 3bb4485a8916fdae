#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a child process and reports its peak resident set size.
enum ChildProcess {
    struct Outcome {
        var status: Int32
        var seconds: Double
        /// Peak RSS of the child in MB (ru_maxrss of wait4, which Linux reports in KB).
        var peakRSSMegabytes: Double
    }

    /// Spawns `arguments[0]` with `arguments`, waits with `wait4` and returns its own rusage
    /// (not RUSAGE_CHILDREN, which would be the maximum over every child waited for so far).
    static func run(_ arguments: [String]) -> Outcome? {
        var pid: pid_t = 0
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let start = Measure.now()
        let spawned = argv.withUnsafeMutableBufferPointer { buffer in
            posix_spawn(&pid, arguments[0], nil, nil, buffer.baseAddress!, environ)
        }
        guard spawned == 0 else { return nil }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { return nil }
        }
        let seconds = Measure.now() - start
        #if os(Linux)
        let megabytes = Double(usage.ru_maxrss) / 1024
        #else
        let megabytes = Double(usage.ru_maxrss) / (1024 * 1024)
        #endif
        return Outcome(status: status, seconds: seconds, peakRSSMegabytes: megabytes)
    }
}
