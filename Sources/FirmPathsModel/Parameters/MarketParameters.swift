/// The foreign markets: generated region by region, or listed one by one.
public struct MarketParameters: Codable, Sendable, Equatable {
    /// Regions of the world. The first one is the home region (markets near home).
    public var regions: [RegionSpec] = RegionSpec.defaults
    /// Explicit markets; when non-empty they replace the generated ones.
    public var list: [MarketSpec] = []
    /// Seed of the generated market sizes. The map belongs to the scenario: runs and
    /// replications with different seeds vary the firms and their luck, not the world.
    public var generationSeed: Int = 1

    public init() {}
}

/// A region and how its markets are generated.
public struct RegionSpec: Codable, Sendable, Equatable {
    public var name: String
    /// Number of markets generated in this region (ignored when markets are listed).
    public var markets: Int
    /// Psychic distance of the region's markets: spread evenly over [min, max].
    public var psychicDistanceMin: Double
    public var psychicDistanceMax: Double
    /// Median market size relative to the home market's per-firm potential.
    public var sizeMedian: Double
    /// Log-normal spread of market sizes (sd of log size).
    public var sizeLogSd: Double
    /// Unit cost level of production in the region relative to home (1 = home cost).
    public var costLevel: Double
    /// Drift of the cost level per year (positive: costs converge upwards).
    public var costDriftPerYear: Double

    public init(name: String, markets: Int, psychicDistanceMin: Double, psychicDistanceMax: Double,
                sizeMedian: Double, sizeLogSd: Double, costLevel: Double, costDriftPerYear: Double) {
        self.name = name
        self.markets = markets
        self.psychicDistanceMin = psychicDistanceMin
        self.psychicDistanceMax = psychicDistanceMax
        self.sizeMedian = sizeMedian
        self.sizeLogSd = sizeLogSd
        self.costLevel = costLevel
        self.costDriftPerYear = costDriftPerYear
    }

    /// The design brief's world: home region 6 markets at 0.1-0.3, near region 6 at 0.3-0.5,
    /// two far regions of 6 at 0.5-1.0. The near region and one far region have low
    /// production costs that converge upwards (as Central-Eastern Europe and Asia did for
    /// German SMEs): the setting of offshoring and backsourcing.
    public static let defaults: [RegionSpec] = [
        RegionSpec(name: "home_region", markets: 6, psychicDistanceMin: 0.1, psychicDistanceMax: 0.3,
                   sizeMedian: 0.85, sizeLogSd: 0.5, costLevel: 1.0, costDriftPerYear: 0.0),
        RegionSpec(name: "near_lowcost", markets: 6, psychicDistanceMin: 0.3, psychicDistanceMax: 0.5,
                   sizeMedian: 0.6, sizeLogSd: 0.5, costLevel: 0.55, costDriftPerYear: 0.02),
        RegionSpec(name: "far_lowcost", markets: 6, psychicDistanceMin: 0.5, psychicDistanceMax: 1.0,
                   sizeMedian: 1.0, sizeLogSd: 0.6, costLevel: 0.45, costDriftPerYear: 0.02),
        RegionSpec(name: "far_rich", markets: 6, psychicDistanceMin: 0.5, psychicDistanceMax: 1.0,
                   sizeMedian: 1.2, sizeLogSd: 0.6, costLevel: 1.05, costDriftPerYear: 0.0),
    ]
}

/// One explicitly listed market.
public struct MarketSpec: Codable, Sendable, Equatable {
    public var name: String
    /// Name of one of `regions`.
    public var region: String
    public var psychicDistance: Double
    public var size: Double
    public var costLevel: Double
    public var costDriftPerYear: Double

    public init(name: String, region: String, psychicDistance: Double, size: Double, costLevel: Double, costDriftPerYear: Double) {
        self.name = name
        self.region = region
        self.psychicDistance = psychicDistance
        self.size = size
        self.costLevel = costLevel
        self.costDriftPerYear = costDriftPerYear
    }
}
