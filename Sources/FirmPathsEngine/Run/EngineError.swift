/// Failures of a run or batch that a user can act on.
public enum EngineError: Error, CustomStringConvertible, Equatable {
    /// The output directory holds files and neither resuming nor overwriting was asked for.
    case outputNotEmpty(path: String)
    /// Reading or writing a file failed (disk full, no permission, missing directory ...).
    case io(String)
    /// The input is well-formed but cannot be run as asked.
    case invalidInput(String)

    public var description: String {
        switch self {
        case .outputNotEmpty(let path):
            "output directory '\(path)' is not empty; use --overwrite to replace its files, or --out DIR to write elsewhere"
        case .io(let message): message
        case .invalidInput(let message): message
        }
    }

    /// Whether the failure came from the file system (exit 74) rather than from the input (65).
    public var isIOFailure: Bool {
        switch self {
        case .outputNotEmpty: false
        case .io: true
        case .invalidInput: false
        }
    }
}
