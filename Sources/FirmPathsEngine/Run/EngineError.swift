/// Failures of a run or batch that a user can act on.
public enum EngineError: Error, CustomStringConvertible, Equatable {
    /// The output directory holds files and neither resuming nor overwriting was asked for.
    case outputNotEmpty(path: String)
    /// Reading or writing a file failed (disk full, no permission, missing directory ...).
    case io(String)
    /// The input is well-formed but cannot be run as asked.
    case invalidInput(String)
    /// Another process holds the output directory's lock (see `OutputLock`); `holder` names it.
    case locked(directory: String, holder: String)
    /// The work was stopped (Ctrl-C, SIGTERM, SIGHUP) before it completed; nothing was kept.
    case interrupted(String)

    public var description: String {
        switch self {
        case .outputNotEmpty(let path):
            "output directory '\(path)' is not empty; use --overwrite to replace its files, or --out DIR to write elsewhere"
        case .io(let message): message
        case .invalidInput(let message): message
        case .interrupted(let message): message
        case let .locked(directory, holder):
            "'\(directory)' is being written by \(holder); wait until it has finished, or write elsewhere with --out DIR"
        }
    }

    /// Whether the failure came from the file system (exit 74) rather than from the input (65).
    public var isIOFailure: Bool {
        switch self {
        case .outputNotEmpty: false
        case .io: true
        case .invalidInput: false
        case .locked: false
        case .interrupted: false
        }
    }

    /// Whether another process holds the directory (exit 75, try again later).
    public var isLocked: Bool {
        if case .locked = self { return true }
        return false
    }
}
