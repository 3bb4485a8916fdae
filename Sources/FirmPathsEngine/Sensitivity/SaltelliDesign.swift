/// Saltelli's (2002, 2010) design for Sobol' indices: N base samples, each a block of points
/// built from two independent points `A` and `B` of the unit cube.
///
/// The base samples are the first N points of the 2k-dimensional `SobolSequence` (the first k
/// coordinates are `A`, the last k are `B`). Block i holds, in this order (SALib's
/// `sobol.sample` order, so SALib's `sobol.analyze` reads the outputs as they are):
/// `A`; `AB_j` for j = 1 ... k (`A` with coordinate j taken from `B`); with second order,
/// `BA_j` for j = 1 ... k (`B` with coordinate j taken from `A`); `B`. That is k + 2 points per
/// block, or 2k + 2 with second order. Points are block-major.
public struct SaltelliDesign: Sendable, Equatable {
    /// Base samples when the design does not say.
    public static let defaultSamples = 64

    /// Factor paths, in column order.
    public let paths: [String]
    /// Each factor's minimum.
    public let lower: [Double]
    /// Each factor's maximum.
    public let upper: [Double]
    /// Base samples N.
    public let samples: Int
    /// Whether the blocks include the `BA_j` points for second-order indices.
    public let secondOrder: Bool
    /// Whether the Sobol' sequence is scrambled (from the design's seed).
    public let scrambled: Bool
    /// Unit-cube coordinates, one row of k values per point, block-major.
    public let unitPoints: [[Double]]
    /// The design points in parameter units.
    public let points: [SweepPoint]

    /// Number of factors k.
    public var factorCount: Int { paths.count }
    /// Points per base sample: k + 2, or 2k + 2 with second order.
    public var blockSize: Int { Self.blockSize(factors: paths.count, secondOrder: secondOrder) }

    /// Points per base sample for `factors` factors.
    public static func blockSize(factors: Int, secondOrder: Bool) -> Int {
        secondOrder ? 2 * factors + 2 : factors + 2
    }

    init(paths: [String], bounds: [(min: Double, max: Double)], samples: Int, secondOrder: Bool,
         scrambleSeed: UInt64?) throws {
        guard samples >= 1 else { throw SweepError.invalidSampleCount(samples) }
        let k = paths.count
        let block = Self.blockSize(factors: k, secondOrder: secondOrder)
        let (total, overflow) = samples.multipliedReportingOverflow(by: block)
        guard !overflow, total <= SweepDesign.maximumPointCount else {
            throw SweepError.tooManyPoints(limit: SweepDesign.maximumPointCount)
        }
        let sequence = try SobolSequence(dimension: 2 * k, scrambleSeed: scrambleSeed)
        var unitPoints: [[Double]] = []
        unitPoints.reserveCapacity(total)
        for i in 0..<samples {
            let base = sequence.point(i)
            let a = Array(base[0..<k])
            let b = Array(base[k...])
            unitPoints.append(a)
            for j in 0..<k {
                var row = a
                row[j] = b[j]
                unitPoints.append(row)
            }
            if secondOrder {
                for j in 0..<k {
                    var row = b
                    row[j] = a[j]
                    unitPoints.append(row)
                }
            }
            unitPoints.append(b)
        }
        self.paths = paths
        self.lower = bounds.map(\.min)
        self.upper = bounds.map(\.max)
        self.samples = samples
        self.secondOrder = secondOrder
        self.scrambled = scrambleSeed != nil
        self.unitPoints = unitPoints
        self.points = unitPoints.enumerated().map { index, row in
            SweepPoint(index: index, values: row.indices.map { f in
                (paths[f], scaleUnit(row[f], min: bounds[f].min, max: bounds[f].max))
            })
        }
    }

    /// Which matrix row `point` is: `A`, `AB_j`, `BA_j` or `B` (j counted from 1, in factor order).
    public func matrix(ofPoint point: Int) -> String {
        let position = point % blockSize
        let k = factorCount
        if position == 0 { return "A" }
        if position == blockSize - 1 { return "B" }
        if position <= k { return "AB_\(position)" }
        return "BA_\(position - k)"
    }
}
