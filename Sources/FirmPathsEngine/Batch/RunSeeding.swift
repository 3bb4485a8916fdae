/// Which runs of a plan share their random seeds (common random numbers).
///
/// Replication `r` of point `p` uses `RunSeed.derive(baseSeed, seedPoint(p), r)`. Sharing seeds
/// between points makes the differences between them free of run-to-run noise (each compared
/// point simulates the same draws of firms and events, as far as the parameters let them
/// coincide); the price is that the design's points are no longer independent samples.
public enum RunSeeding: Sendable, Equatable {
    /// Every point its own seeds (`seedPoint(p) = p`): `"seeds": "per_point"`, the default.
    case perPoint
    /// Consecutive blocks of `size` points share seeds (`seedPoint(p) = p / size`): a Morris
    /// trajectory (k + 1 points) or a Saltelli block of one base sample; `"seeds": "per_trajectory"`.
    case perGroup(size: Int)
    /// Every point shares the seeds of point 0 (`seedPoint(p) = 0`): replication r of every point
    /// uses the same seed; `"seeds": "per_replication"`.
    case perReplication

    /// The point whose seeds point `point` uses.
    public func seedPoint(of point: Int) -> Int {
        switch self {
        case .perPoint: return point
        case .perGroup(let size): return point / size
        case .perReplication: return 0
        }
    }

    /// The rule as recorded in a sweep's manifest.
    public var rule: String {
        switch self {
        case .perPoint:
            return "RunSeed.derive(base_seed, point, replication); run = point * replications + replication"
        case .perGroup(let size):
            return "RunSeed.derive(base_seed, point / \(size), replication); run = point * replications + replication"
        case .perReplication:
            return "RunSeed.derive(base_seed, 0, replication); run = point * replications + replication"
        }
    }
}
