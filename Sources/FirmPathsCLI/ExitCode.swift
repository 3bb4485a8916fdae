/// Exit statuses of `firmpaths`, after BSD sysexits (documented in the README).
public enum ExitCode: Int32, Sendable {
    case ok = 0
    /// Some requirement did not hold (e.g. `targets` with a target outside its tolerance).
    case failure = 1
    /// The command line was wrong: unknown command or option, missing argument.
    case usage = 64
    /// The input data was wrong: a scenario file that does not parse or validate.
    case dataError = 65
    /// An internal error.
    case software = 70
    /// Reading or writing a file failed.
    case ioError = 74
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
