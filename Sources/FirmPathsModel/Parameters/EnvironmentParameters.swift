/// Demand states, cost drift and scheduled crises.
public struct EnvironmentParameters: Codable, Sendable, Equatable {
    public var demand: DemandParameters = DemandParameters()
    /// Whether production cost levels drift as the regions specify.
    public var costDrift: Bool = true
    /// Scheduled demand shocks.
    public var crises: [CrisisSpec] = []
    public init() {}
}

/// Log demand X_j follows an AR(1) per market, home included.
/// Defaults from the Eaton et al. (2021) replication configuration: persistence 0.64 per
/// year, innovation sd 0.11 per year.
public struct DemandParameters: Codable, Sendable, Equatable {
    public var enabled: Bool = true
    public var persistencePerYear: Double = 0.64
    public var sdPerYear: Double = 0.11
    public init() {}
}

/// A scheduled demand shock: log demand falls by `depth` in the regions named for
/// `durationYears` from `startYear`. "home" names the domestic market.
public struct CrisisSpec: Codable, Sendable, Equatable {
    public var startYear: Double
    public var durationYears: Double
    public var depth: Double
    public var regions: [String]
    public init(startYear: Double, durationYears: Double, depth: Double, regions: [String]) {
        self.startYear = startYear
        self.durationYears = durationYears
        self.depth = depth
        self.regions = regions
    }
}
