/// Morris (1991) elementary-effects design: trajectories of one-factor-at-a-time steps.
///
/// Each of the `r` trajectories has `k + 1` points in the unit cube, built with the
/// Campolongo-Saltelli orientation matrix
/// `B* = (J x0 + (delta/2) ((2B - J) D* + J)) P*`, where `B` is the `(k+1) x k` strictly lower
/// triangular matrix of ones, `J` a matrix of ones, `x0` a random base point on the grid
/// `{0, 1/(p-1), ..., 1}` with every coordinate at most `1 - delta`, `D*` a random diagonal of
/// +-1 directions and `P*` a random permutation of the factors. Row `s + 1` differs from row `s`
/// in exactly factor `P*(s)` by `+-delta`, with `delta = p / (2 (p - 1))`.
///
/// Random draws per trajectory, in order: one base level per factor
/// (`nextInt(below: admissible levels)`), one direction per factor (`nextInt(below: 2)`), then a
/// Fisher-Yates permutation of the factor indices.
public struct MorrisDesign: Sendable, Equatable {
    /// Factor paths, in column order.
    public let paths: [String]
    /// Each factor's `[min, max]`, used to map unit coordinates to parameter values.
    public let lower: [Double]
    /// Upper bounds matching `lower`.
    public let upper: [Double]
    /// Number of trajectories `r`.
    public let trajectories: Int
    /// Number of grid levels `p`.
    public let levels: Int
    /// Step in unit space, `p / (2 (p - 1))`.
    public let delta: Double
    /// Unit-space coordinates, one row of `k` values per point; `r (k + 1)` rows, trajectory-major.
    public let unitPoints: [[Double]]
    /// `changedFactor[t][s]` is the factor that moves between points `s` and `s + 1` of trajectory `t`.
    public let changedFactor: [[Int]]
    /// The design points in parameter units, `r (k + 1)` of them.
    public let points: [SweepPoint]

    /// Number of factors `k`.
    public var factorCount: Int { paths.count }

    init(paths: [String], bounds: [(min: Double, max: Double)], trajectories: Int, levels: Int, seed: UInt64) throws {
        guard trajectories >= 1 else { throw SweepError.invalidTrajectoryCount(trajectories) }
        guard levels >= 2 else { throw SweepError.tooFewLevels(levels) }
        let k = paths.count
        let (total, overflow) = trajectories.multipliedReportingOverflow(by: k + 1)
        guard !overflow, total <= SweepDesign.maximumPointCount else {
            throw SweepError.tooManyPoints(limit: SweepDesign.maximumPointCount)
        }
        let p = Double(levels)
        let delta = p / (2 * (p - 1))
        // Base levels l/(p-1) with l/(p-1) + delta <= 1; the epsilon keeps l = p/2 - 1 for even p.
        let admissible = Int(((p - 1) * (1 - delta) + 1e-9).rounded(.down)) + 1

        var random = SweepRandom(seed: seed)
        var unitPoints: [[Double]] = []
        unitPoints.reserveCapacity(total)
        var changedFactor: [[Int]] = []
        changedFactor.reserveCapacity(trajectories)
        for _ in 0..<trajectories {
            let base = (0..<k).map { _ in Double(random.nextInt(below: admissible)) / (p - 1) }
            let up = (0..<k).map { _ in random.nextInt(below: 2) == 1 }
            var order = Array(0..<k)
            random.shuffle(&order)
            // Row s has moved the first s factors of `order`; a factor moving up starts at
            // base and ends at base + delta, moving down the reverse.
            for s in 0...k {
                var row = [Double](repeating: 0, count: k)
                for (position, factor) in order.enumerated() {
                    let high = Swift.min(base[factor] + delta, 1)
                    let moved = position < s
                    row[factor] = (moved == up[factor]) ? high : base[factor]
                }
                unitPoints.append(row)
            }
            changedFactor.append(order)
        }

        self.paths = paths
        self.lower = bounds.map(\.min)
        self.upper = bounds.map(\.max)
        self.trajectories = trajectories
        self.levels = levels
        self.delta = delta
        self.unitPoints = unitPoints
        self.changedFactor = changedFactor
        self.points = unitPoints.enumerated().map { index, row in
            SweepPoint(
                index: index,
                values: row.indices.map { f in
                    (paths[f], scaleUnit(row[f], min: bounds[f].min, max: bounds[f].max))
                })
        }
    }
}
