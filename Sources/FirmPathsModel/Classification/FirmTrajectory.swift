/// One firm-year of observables: what the classifier may read (never traits or segment).
public struct FirmYear: Sendable, Equatable {
    /// Foreign and total sales in the year, thousand EUR.
    public var foreignSales: Double
    public var totalSales: Double
    /// Foreign sales in the home region, thousand EUR.
    public var homeRegionSales: Double
    public var maxMode: Int
    public var markets: Int
    public var regions: Int
    /// Operations of mode >= 3 (at their most in the year).
    public var deepOperations: Int

    public init(foreignSales: Double, totalSales: Double, homeRegionSales: Double, maxMode: Int,
                markets: Int, regions: Int, deepOperations: Int) {
        self.foreignSales = foreignSales
        self.totalSales = totalSales
        self.homeRegionSales = homeRegionSales
        self.maxMode = maxMode
        self.markets = markets
        self.regions = regions
        self.deepOperations = deepOperations
    }

    public var exported: Bool { foreignSales > 0 }
    public var foreignShare: Double { totalSales > 0 ? foreignSales / totalSales : 0 }
    /// Home-region share of foreign sales; 0 in a year without exports.
    public var homeRegionShare: Double { foreignSales > 0 ? homeRegionSales / foreignSales : 0 }
}

/// A firm's recorded trajectory: its firm-years from founding and its own events.
public struct FirmTrajectory: Sendable, Equatable {
    public var years: [FirmYear]
    /// The firm's events in order (entries, upgrades, downgrades, exits, relocations ...).
    public var events: [FirmEvent]
    /// Psychic distance of each market, for the order of entries.
    public var marketDistance: [Double]

    public init(years: [FirmYear], events: [FirmEvent], marketDistance: [Double]) {
        self.years = years
        self.events = events
        self.marketDistance = marketDistance
    }

    /// First firm-year with foreign sales, if any.
    public var firstExportYear: Int? { years.firstIndex(where: \.exported) }
    /// Highest yearly foreign share.
    public var peakForeignShare: Double { years.map(\.foreignShare).max() ?? 0 }
    /// Highest mode ever held.
    public var maxMode: Int { years.map(\.maxMode).max() ?? 0 }
}
