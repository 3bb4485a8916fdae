/// The state of the environment in one step: demand and production cost by market.
///
/// Demand states are log deviations X_j following an AR(1) whose yearly persistence and
/// innovation sd come from the scenario; the step process keeps the same stationary sd.
/// Scheduled crises shift log demand down in the regions they name.
public struct Environment: Sendable {
    /// Log demand deviation of each foreign market, crises included.
    public private(set) var logDemand: [Double]
    /// Demand multiplier exp(X_j) of each foreign market.
    public private(set) var demandFactor: [Double]
    /// Log demand deviation of the home market, crises included.
    public private(set) var homeLogDemand: Double = 0
    /// Production cost level w_j of each market.
    public private(set) var costLevel: [Double]
    /// Whether a scheduled crisis hits the home market in this step.
    public private(set) var homeCrisisScheduled = false

    private var baseLogDemand: [Double]
    private var baseHomeLogDemand: Double = 0
    private var stream: RandomStream
    private let persistence: Double
    private let innovationSD: Double
    private let demandEnabled: Bool
    private let costDriftEnabled: Bool
    private let world: World
    private let crises: [CrisisSpec]
    private let clock: StepClock

    /// Stream id of the environment, far from any firm id.
    public static let streamID: UInt64 = 0xFFFF_FFFF_FFFF_FF00

    public init(world: World, parameters: EnvironmentParameters, clock: StepClock, runSeed: UInt64) {
        self.world = world
        self.clock = clock
        self.crises = parameters.crises
        self.stream = RandomStream(runSeed: runSeed, streamID: Environment.streamID)
        let yearly = min(max(parameters.demand.persistencePerYear, 0), 0.999)
        let rho = _pow(yearly, clock.stepLength)
        persistence = rho
        // Same stationary variance as the yearly process: sd^2 / (1 - rho_y^2).
        let stationaryVariance = parameters.demand.sdPerYear * parameters.demand.sdPerYear / (1 - yearly * yearly)
        innovationSD = (stationaryVariance * (1 - rho * rho)).squareRoot()
        demandEnabled = parameters.demand.enabled
        costDriftEnabled = parameters.costDrift
        let count = world.marketCount
        baseLogDemand = Array(repeating: 0, count: count)
        logDemand = baseLogDemand
        demandFactor = Array(repeating: 1, count: count)
        costLevel = world.markets.map(\.costLevel)
        applyCrises(step: 0)
    }

    /// Moves the environment to `step` (called once per step, in order, before the firms).
    public mutating func advance(to step: Int) {
        if demandEnabled {
            baseHomeLogDemand = persistence * baseHomeLogDemand + innovationSD * stream.nextNormal()
            for j in baseLogDemand.indices {
                baseLogDemand[j] = persistence * baseLogDemand[j] + innovationSD * stream.nextNormal()
            }
        }
        if costDriftEnabled {
            let years = Double(step) * clock.stepLength
            for j in costLevel.indices {
                let market = world.markets[j]
                // Costs converge: drift stops once a market reaches home costs (or its own
                // start, if that was above home).
                let ceiling = max(market.costLevel, 1.0)
                let drifted = market.costLevel + market.costDriftPerYear * years
                costLevel[j] = max(0.05, market.costDriftPerYear > 0 ? min(drifted, ceiling) : drifted)
            }
        }
        applyCrises(step: step)
    }

    private mutating func applyCrises(step: Int) {
        let year = Double(step) * clock.stepLength
        var homeShift = 0.0
        var regionShift = Array(repeating: 0.0, count: world.regionCount)
        for crisis in crises where year >= crisis.startYear && year < crisis.startYear + crisis.durationYears {
            for name in crisis.regions {
                if name == "home" {
                    homeShift -= crisis.depth
                } else if let r = world.regionNames.firstIndex(of: name) {
                    regionShift[r] -= crisis.depth
                } else if name == "all" {
                    homeShift -= crisis.depth
                    for r in regionShift.indices { regionShift[r] -= crisis.depth }
                }
            }
        }
        homeLogDemand = baseHomeLogDemand + homeShift
        homeCrisisScheduled = homeShift < 0
        for j in logDemand.indices {
            logDemand[j] = baseLogDemand[j] + regionShift[world.markets[j].region]
            demandFactor[j] = _exp(logDemand[j])
        }
    }

    /// Whether any crisis is under way in `step` (for observers).
    public func crisisActive(step: Int) -> Bool {
        let year = Double(step) * clock.stepLength
        return crises.contains { year >= $0.startYear && year < $0.startYear + $0.durationYears }
    }
}
