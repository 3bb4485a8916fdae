/// Errors in batch planning inputs and output bookkeeping.
public enum BatchError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidReplications(Int)
    case tooManyRuns
    case invalidShard(String)
    case incompleteOutput(emitted: Int, expected: Int)
    case invalidSeedGroup(Int)

    public var description: String {
        switch self {
        case .invalidReplications(let count):
            return "replications must be at least 1, got \(count)"
        case .tooManyRuns:
            return "points x replications is more than 2^53 runs, beyond what run numbers can count exactly"
        case .invalidShard(let text):
            return "invalid shard '\(text)': expected I/N with 0 <= I < N, for example 0/4"
        case let .incompleteOutput(emitted, expected):
            return "only \(emitted) of \(expected) results were written; some runs never completed"
        case .invalidSeedGroup(let size):
            return "a seed group must hold at least 1 point, got \(size)"
        }
    }
}
