/// One thing wrong with a scenario, located as precisely as the source allows so users can jump to it.
public struct ScenarioProblem: Sendable, Equatable, CustomStringConvertible {
    /// File name (or a label such as `override`) the problem belongs to.
    public var file: String
    /// Where in the file, when known: the offending key, or the nearest enclosing key for defaulted values.
    public var position: SourcePosition?
    /// Canonical parameter path, or nil when the message names its own location (unknown keys, syntax errors).
    public var path: String?
    /// What is wrong, without location.
    public var message: String

    public init(file: String, position: SourcePosition?, path: String?, message: String) {
        self.file = file
        self.position = position
        self.path = path
        self.message = message
    }

    /// `FILE:LINE:COL: PATH: message`, the compiler form editors and terminals can follow.
    public var description: String {
        var text = file
        if let position { text += ":\(position.line):\(position.column)" }
        text += ": "
        if let path, !path.isEmpty { text += path + ": " }
        return text + message
    }
}

/// Why a scenario could not be loaded: every problem found, so users fix a file in one pass rather than one error per run.
public struct ScenarioError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The two failures a command line reports differently (sysexits: 74 for I/O, 65 for bad data).
    public enum Kind: Sendable, Equatable {
        /// The file could not be read at all.
        case unreadable
        /// The file was read but is not a valid scenario (syntax, unknown keys, types, ranges, consistency).
        case invalid
    }

    public var kind: Kind
    /// Problems in source order; never empty.
    public var problems: [ScenarioProblem]

    public init(kind: Kind, problems: [ScenarioProblem]) {
        self.kind = kind
        self.problems = problems
    }

    /// One problem per line.
    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}
