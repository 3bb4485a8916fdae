/// One run of the model: a world, a population and their history, step by step.
///
/// A step has three phases. `beginStep()` moves the environment and takes the snapshot of
/// what partners can see (active markets, internationalization, alive). `advance(firms:)`
/// updates a range of firms, each reading only its own state and the snapshot, so disjoint
/// ranges may be advanced in any order or at the same time with identical results
/// (synchronous update). `endStep(events:)` appends the step's events in firm order.
/// The model never starts threads itself: whoever drives it decides.
public final class Simulation: @unchecked Sendable {
    public let scenario: Scenario
    public let runSeed: UInt64
    public let world: World
    public let clock: StepClock
    public let store: FirmStore
    public private(set) var environment: Environment
    /// The step being (or last) simulated; -1 before the first.
    public private(set) var currentStep: Int = -1
    /// What every firm reads during a step (built by the first `beginStep`, updated by the others).
    private var tables: RunTables?
    /// Every event so far, ordered by step, then firm, then occurrence.
    public private(set) var events: [FirmEvent] = []
    let rates: StepRates
    let clusters: [[Int32]]
    /// Psychic distance as perceived by the firms (all equal when the lever is off).
    let perceivedDistance: [Double]
    /// Per market, for where opportunities land: size^sizeWeight and ln(max(1 - PD, 0.01)).
    let sizeAttraction: [Double]
    let logCloseness: [Double]
    /// closeness^a for a = level / `Simulation.aversionResolution`, row by row (level x J):
    /// where opportunities land, without an exponential per market and arrival.
    let closenessPowers: [Double]
    let aversionLevels: Int
    /// Distance aversion is resolved to 1/64: a closeness weight then differs from the exact
    /// power by at most |ln(closeness)| / 128, under 1% for PD <= 0.72 and under 4% at the
    /// closeness floor (PD = 1), far below what the aversion is known to.
    static let aversionResolution = 64.0

    /// Sets up world and population for `scenario` with run seed `seed`.
    public init(scenario: Scenario, seed: UInt64) {
        self.scenario = scenario
        self.runSeed = seed
        let world = World.generated(from: scenario.markets)
        self.world = world
        self.clock = StepClock(stepsPerYear: scenario.stepsPerYear)
        self.rates = StepRates(scenario: scenario)
        let store = FirmStore(firms: scenario.population.firms, markets: world.marketCount,
                              partnerSlots: max(0, scenario.model.network.partnersPerFirm),
                              years: max(1, scenario.years), stepsPerYear: clock.stepsPerYear)
        self.store = store
        self.environment = Environment(world: world, parameters: scenario.environment, clock: clock, runSeed: seed)
        self.clusters = Population.setUp(store: store, scenario: scenario, world: world, runSeed: seed)
        if scenario.model.psychicDistance.enabled || world.marketCount == 0 {
            perceivedDistance = world.markets.map(\.psychicDistance)
        } else {
            let mean = world.markets.map(\.psychicDistance).reduce(0, +) / Double(world.marketCount)
            perceivedDistance = Array(repeating: mean, count: world.marketCount)
        }
        let sizeWeight = scenario.model.opportunities.sizeWeight
        sizeAttraction = world.markets.map { _pow($0.size, sizeWeight) }
        logCloseness = perceivedDistance.map { _log(max(1 - $0, 0.01)) }
        let maximumAversion = max(0, scenario.model.psychicDistance.distanceAversion)
        let levels = Int(min(maximumAversion * Simulation.aversionResolution, 1e6).rounded(.up)) + 1
        aversionLevels = levels
        var powers = [Double](repeating: 1, count: levels * world.marketCount)
        for level in 0..<levels {
            let aversion = Double(level) / Simulation.aversionResolution
            for j in 0..<world.marketCount { powers[level * world.marketCount + j] = _exp(aversion * logCloseness[j]) }
        }
        closenessPowers = powers
    }

    /// Whether every step of the horizon has been simulated.
    public var isFinished: Bool { currentStep + 1 >= scenario.totalSteps }

    /// Starts the next step: moves the environment and snapshots what partners can see.
    public func beginStep() {
        currentStep += 1
        environment.advance(to: currentStep)
        store.snapshotMask.assign(from: store.currentMask)
        store.snapshotDf.assign(from: store.firmInternationalization)
        store.snapshotAlive.assign(from: store.alive)
        if let tables {
            tables.update(from: environment)
        } else {
            tables = RunTables(simulation: self)
        }
    }

    /// Advances the firms of `range` through the current step, appending their events.
    ///
    /// Safe to call concurrently for disjoint ranges between `beginStep()` and `endStep`.
    /// - Complexity: O(|range| x (J + partners)).
    public func advance(firms range: Range<Int>, events: inout [FirmEvent]) {
        guard let tables else { preconditionFailure("advance(firms:events:) called before beginStep()") }
        var context = FirmStepContext(simulation: self, tables: tables)
        defer { context.release() }
        for firm in range {
            context.step(firm: firm, events: &events)
        }
    }

    /// Ends the step, appending the events of each range in the order of the ranges.
    public func endStep(events chunks: [[FirmEvent]]) {
        for chunk in chunks { events.append(contentsOf: chunk) }
    }

    /// Runs the whole horizon on the calling thread.
    public func runToEnd() {
        while !isFinished {
            beginStep()
            var stepEvents: [FirmEvent] = []
            advance(firms: 0..<store.firmCount, events: &stepEvents)
            endStep(events: [stepEvents])
        }
    }
}
