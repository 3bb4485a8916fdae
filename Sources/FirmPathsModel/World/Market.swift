/// A foreign market as the firms see it.
public struct Market: Sendable, Equatable {
    public var name: String
    /// Index into `World.regionNames`; region 0 is the home region.
    public var region: Int
    /// Psychic distance PD_j in [0, 1] from the home country.
    public var psychicDistance: Double
    /// Size L_j relative to an average firm's home potential.
    public var size: Double
    /// Production cost level w_j at the start, relative to home.
    public var costLevel: Double
    /// Drift of w_j per year.
    public var costDriftPerYear: Double
}

/// The world of a run: the home country and its foreign markets in regions.
public struct World: Sendable, Equatable {
    public var markets: [Market]
    public var regionNames: [String]

    /// Number of foreign markets J.
    public var marketCount: Int { markets.count }
    /// Number of regions (the home region included: its markets are foreign too).
    public var regionCount: Int { regionNames.count }

    public init(markets: [Market], regionNames: [String]) {
        self.markets = markets
        self.regionNames = regionNames
    }

    /// The market map of a scenario, drawn from its own stream seeded by
    /// `generationSeed`: the same for every run seed, so that runs vary the firms, not the world.
    public static func generated(from parameters: MarketParameters) -> World {
        var stream = RandomStream(runSeed: UInt64(truncatingIfNeeded: parameters.generationSeed),
                                  streamID: Environment.streamID &+ 1)
        return make(from: parameters, stream: &stream)
    }

    /// Builds the markets of a scenario: the listed ones, or generated region by region.
    ///
    /// Generated markets spread their psychic distances evenly over the region's range
    /// (so that the ranking of markets by distance is not left to chance) and draw their
    /// sizes from a log-normal with the region's median and spread.
    public static func make(from parameters: MarketParameters, stream: inout RandomStream) -> World {
        let regionNames = parameters.regions.map(\.name)
        if !parameters.list.isEmpty {
            let markets = parameters.list.map { spec -> Market in
                let region = regionNames.firstIndex(of: spec.region) ?? 0
                return Market(name: spec.name, region: region, psychicDistance: spec.psychicDistance,
                              size: spec.size, costLevel: spec.costLevel, costDriftPerYear: spec.costDriftPerYear)
            }
            return World(markets: markets, regionNames: regionNames)
        }
        var markets: [Market] = []
        for (regionIndex, region) in parameters.regions.enumerated() where region.markets > 0 {
            for k in 0..<region.markets {
                let position = region.markets == 1 ? 0.5 : Double(k) / Double(region.markets - 1)
                let distance = region.psychicDistanceMin + position * (region.psychicDistanceMax - region.psychicDistanceMin)
                let size = region.sizeMedian * _exp(region.sizeLogSd * stream.nextNormal())
                markets.append(Market(name: "\(region.name)-\(k + 1)", region: regionIndex, psychicDistance: distance,
                                      size: size, costLevel: region.costLevel, costDriftPerYear: region.costDriftPerYear))
            }
        }
        return World(markets: markets, regionNames: regionNames)
    }
}
