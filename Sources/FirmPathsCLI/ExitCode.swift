import FirmPathsEngine
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Exit statuses of `firmpaths`, after BSD sysexits (documented in the README).
public enum ExitCode: Int32, Sendable {
    case ok = 0
    /// Some requirement did not hold (e.g. `targets` with a target outside its tolerance).
    case failure = 1
    /// The command line was wrong: unknown command or option, missing argument.
    case usage = 64
    /// The input data was wrong: a scenario file that does not parse or validate.
    case dataError = 65
    /// EX_NOINPUT: an input file named on the command line does not exist or cannot be read
    /// (`sensitivity --compare FILE`).
    case noInput = 66
    /// An internal error.
    case software = 70
    /// Reading or writing a file failed.
    case ioError = 74
    /// EX_TEMPFAIL: the output directory is locked by another firmpaths process writing it
    /// (`.firmpaths.lock`, see `OutputLock`); the message names that process. Try again once it ended.
    case locked = 75
    /// 128 + SIGHUP: a run or sweep stopped by a hangup (a sweep keeps its completed runs).
    case hangup = 129
    /// 128 + SIGINT: a run or sweep stopped by Ctrl-C.
    case interrupted = 130
    /// 128 + SIGTERM: a run or sweep stopped by `kill` or a job scheduler.
    case terminated = 143

    /// The shell's status of a process ended by `signal` (128 + its number).
    static func stopped(by signal: Int32) -> ExitCode {
        switch signal {
        case SIGHUP: .hangup
        case SIGTERM: .terminated
        default: .interrupted
        }
    }
}

extension CLIError {
    /// The message of an engine failure with its exit status: 75 locked, 74 I/O, 65 data.
    init(_ error: EngineError) {
        self.init(error.isLocked ? .locked : error.isIOFailure ? .ioError : .dataError, error.description)
    }
}

/// A failure reported to the user on stderr, with the exit status it maps to.
public struct CLIError: Error, CustomStringConvertible {
    public var code: ExitCode
    public var message: String
    /// Usage text printed after the message for command-line errors.
    public var usage: String?

    public init(_ code: ExitCode, _ message: String, usage: String? = nil) {
        self.code = code
        self.message = message
        self.usage = usage
    }

    public var description: String { message }
}
