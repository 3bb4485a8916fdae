/// A sweep: factors plus the method that turns them into design points.
public struct SweepDesign: Sendable, Equatable {
    /// How points are generated from the factors.
    public enum Method: Sendable, Equatable {
        /// Full factorial over `.values`/`.range` factors; the first factor varies slowest.
        case grid
        /// An explicit list of points; see `SweepDesign.points(seed:)` for the column order.
        case combinations([[String: Double]])
        /// Latin hypercube with `samples` points over `.interval` factors.
        case latinHypercube(samples: Int)
        /// Morris (1991) elementary-effects trajectories over `.interval` factors.
        case morris(trajectories: Int, levels: Int = 4)
        /// Saltelli's design for Sobol' indices with `samples` base samples over `.interval` factors.
        case saltelli(samples: Int, secondOrder: Bool, scramble: Bool)
        /// Points read from a CSV file, one per row, columns named by parameter paths.
        case file(ExternalDesign)
    }

    /// Upper bound on the number of points a design may produce, so a typo in a range step
    /// fails with a message instead of exhausting memory.
    public static let maximumPointCount = 10_000_000

    /// The swept parameters, in output column order.
    public var factors: [SweepFactor]
    /// The generation method.
    public var method: Method

    /// Creates a design; nothing is validated until `points(seed:)`.
    public init(factors: [SweepFactor], method: Method) {
        self.factors = factors
        self.method = method
    }

    /// Whether the seed influences the points (true for Latin hypercube and Morris).
    public var isRandomized: Bool {
        switch method {
        case .grid, .combinations, .file: return false
        case .latinHypercube, .morris: return true
        case .saltelli(_, _, let scramble): return scramble
        }
    }

    /// The number of points `points(seed:)` generates, computed without generating them, as a
    /// Double so that absurd designs give a large number instead of overflowing.
    public func pointCount() -> Double {
        let k = Double(factors.count)
        switch method {
        case .grid: return factors.reduce(1.0) { $0 * ($1.discreteCount ?? 1) }
        case .combinations(let rows): return Double(rows.count)
        case .latinHypercube(let samples): return Double(samples)
        case .morris(let trajectories, _): return Double(trajectories) * (k + 1)
        case .saltelli(let samples, let secondOrder, _):
            return Double(samples) * Double(SaltelliDesign.blockSize(factors: factors.count, secondOrder: secondOrder))
        case .file(let design): return Double(design.rows.count)
        }
    }

    /// Generates the design points.
    ///
    /// - Grid: the full factorial in row-major order, so the first factor changes slowest and
    ///   the last fastest (like nested loops written in factor order).
    /// - Combinations: one point per dictionary, in list order. Columns follow `factors` when
    ///   factors are given (their kinds are ignored; every dictionary must have exactly those
    ///   paths); with no factors, columns are the dictionaries' paths sorted alphabetically and
    ///   every dictionary must have the same paths.
    /// - Latin hypercube and Morris: see `latinHypercubeUnitSamples` and `morrisDesign(seed:)`.
    /// - Parameter seed: drives randomized methods; same seed, same points. Ignored otherwise.
    /// - Returns: points indexed 0..<count.
    /// - Throws: `SweepError` describing the first invalid part of the specification.
    public func points(seed: UInt64) throws -> [SweepPoint] {
        switch method {
        case .grid:
            return try gridPoints()
        case .combinations(let rows):
            return try combinationPoints(rows)
        case .latinHypercube(let samples):
            return try latinHypercubePoints(samples: samples, seed: seed)
        case .morris:
            return try morrisDesign(seed: seed).points
        case .saltelli:
            return try saltelliDesign(seed: seed).points
        case .file(let design):
            guard design.rows.count <= Self.maximumPointCount else { throw SweepError.tooManyPoints(limit: Self.maximumPointCount) }
            return design.points
        }
    }

    /// Generates Saltelli's design with its block structure, for later analysis.
    /// - Parameter seed: drives the scramble (ignored when the design is not scrambled).
    /// - Throws: `SweepError.notASaltelliDesign` if `method` is not `.saltelli`, or a validation error.
    public func saltelliDesign(seed: UInt64) throws -> SaltelliDesign {
        guard case let .saltelli(samples, secondOrder, scramble) = method else { throw SweepError.notASaltelliDesign }
        try validatePaths()
        let bounds = try factors.map { try $0.intervalBounds(design: "Sobol'") }
        return try SaltelliDesign(paths: factors.map(\.path), bounds: bounds, samples: samples, secondOrder: secondOrder,
                                  scrambleSeed: scramble ? seed : nil)
    }

    /// Generates the Morris trajectories with their unit-space structure, for later analysis.
    /// - Throws: `SweepError.notAMorrisDesign` if `method` is not `.morris`, or a validation error.
    public func morrisDesign(seed: UInt64) throws -> MorrisDesign {
        guard case let .morris(trajectories, levels) = method else { throw SweepError.notAMorrisDesign }
        try validatePaths()
        let bounds = try factors.map { try $0.intervalBounds(design: "Morris") }
        return try MorrisDesign(
            paths: factors.map(\.path), bounds: bounds, trajectories: trajectories, levels: levels, seed: seed)
    }

    // MARK: - Validation

    private func validatePaths() throws {
        guard !factors.isEmpty else { throw SweepError.noFactors }
        var seen = Set<String>()
        for factor in factors {
            guard !factor.path.isEmpty else { throw SweepError.emptyFactorPath }
            guard seen.insert(factor.path).inserted else { throw SweepError.duplicateFactorPath(factor.path) }
        }
    }

    // MARK: - Grid

    private func gridPoints() throws -> [SweepPoint] {
        try validatePaths()
        let columns = try factors.map { try $0.discreteValues() }
        var total = 1
        for column in columns {
            let (product, overflow) = total.multipliedReportingOverflow(by: column.count)
            guard !overflow, product <= Self.maximumPointCount else {
                throw SweepError.tooManyPoints(limit: Self.maximumPointCount)
            }
            total = product
        }
        let paths = factors.map(\.path)
        return (0..<total).map { index in
            // Mixed-radix decomposition with the last factor as the least significant digit.
            var remainder = index
            var values = [(path: String, value: Double)](repeating: ("", 0), count: columns.count)
            for f in stride(from: columns.count - 1, through: 0, by: -1) {
                let count = columns[f].count
                values[f] = (paths[f], columns[f][remainder % count])
                remainder /= count
            }
            return SweepPoint(index: index, values: values)
        }
    }

    // MARK: - Combinations

    private func combinationPoints(_ rows: [[String: Double]]) throws -> [SweepPoint] {
        guard !rows.isEmpty else { throw SweepError.emptyCombinations }
        guard rows.count <= Self.maximumPointCount else {
            throw SweepError.tooManyPoints(limit: Self.maximumPointCount)
        }
        let paths: [String]
        if factors.isEmpty {
            paths = rows[0].keys.sorted()
            guard !paths.isEmpty else { throw SweepError.noFactors }
        } else {
            try validatePaths()
            paths = factors.map(\.path)
        }
        let expected = Set(paths)
        return try rows.enumerated().map { index, row in
            let keys = Set(row.keys)
            if keys != expected {
                throw SweepError.combinationKeysMismatch(
                    index: index,
                    missing: expected.subtracting(keys).sorted(),
                    unexpected: keys.subtracting(expected).sorted())
            }
            let values = try paths.map { path -> (path: String, value: Double) in
                let value = row[path] ?? .nan
                guard value.isFinite else { throw SweepError.nonFiniteValue(path: path) }
                return (path, value)
            }
            return SweepPoint(index: index, values: values)
        }
    }

    // MARK: - Latin hypercube

    private func latinHypercubePoints(samples: Int, seed: UInt64) throws -> [SweepPoint] {
        guard samples >= 1 else { throw SweepError.invalidSampleCount(samples) }
        guard samples <= Self.maximumPointCount else { throw SweepError.tooManyPoints(limit: Self.maximumPointCount) }
        try validatePaths()
        let bounds = try factors.map { try $0.intervalBounds(design: "Latin hypercube") }
        let unit = Self.latinHypercubeUnitSamples(samples: samples, factors: factors.count, seed: seed)
        return (0..<samples).map { i in
            SweepPoint(
                index: i,
                values: factors.indices.map { f in
                    (factors[f].path, scaleUnit(unit[f][i], min: bounds[f].min, max: bounds[f].max))
                })
        }
    }

    /// Latin hypercube in the unit cube, indexed `[factor][sample]`.
    ///
    /// For each factor in order, the generator first shuffles the strata `0..<samples` with
    /// Fisher-Yates, then draws one uniform jitter per sample; sample `i` gets
    /// `(stratum[i] + jitter) / samples`. Each factor therefore has exactly one sample in each of
    /// the `samples` equal strata of [0, 1), and strata are paired across factors at random.
    /// - Complexity: O(samples x factors).
    static func latinHypercubeUnitSamples(samples: Int, factors: Int, seed: UInt64) -> [[Double]] {
        var random = SweepRandom(seed: seed)
        let n = Double(samples)
        return (0..<factors).map { _ in
            var strata = Array(0..<samples)
            random.shuffle(&strata)
            return strata.map { stratum in
                // Clamp because (n - 1 + jitter) can round up to n for large n.
                Swift.min((Double(stratum) + random.nextDouble()) / n, 1)
            }
        }
    }
}
