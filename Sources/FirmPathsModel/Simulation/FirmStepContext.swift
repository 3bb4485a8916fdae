/// Working memory of one pass over a range of firms in one step.
///
/// The mechanisms (one file each, as extensions of this type) read and write the firm's
/// columns in the store; per-firm intermediate values live in `FirmStepScratch`.
struct FirmStepContext {
    let store: FirmStore
    /// Everything every firm reads and nobody writes, behind one reference so that the context
    /// stays small: Swift copies a value `self` for some calls, and a context that held the
    /// parameters by value made every firm-step copy kilobytes.
    unowned(unsafe) let tables: RunTables
    let step: Int
    let homeLogDemand: Double
    /// exp(homeLogDemand): the home demand factor of the step, the same for every firm.
    let homeDemand: Double
    /// A scheduled crisis hits home in this step.
    let homeCrisisScheduled: Bool

    /// Per-market scratch of the firm being stepped. The three presence arrays are one block
    /// (presence, customers', suppliers'), cleared with one call.
    let presence: UnsafeMutablePointer<Double>
    let customerPresence: UnsafeMutablePointer<Double>
    let supplierPresence: UnsafeMutablePointer<Double>
    let weights: UnsafeMutablePointer<Double>
    let regionKnowledge: UnsafeMutablePointer<Double>
    let regionActive: UnsafeMutablePointer<Double>
    let regionTransfer: UnsafeMutablePointer<Double>

    var scratch = FirmStepScratch()
    /// Whether the presence arrays hold marks of the previous firm's partners.
    var presenceWritten = true

    // Read-only views of the step's tables (borrowed, never copied).
    var scenario: Scenario { _read { yield tables.scenario } }
    var model: ModelParameters { _read { yield tables.model } }
    var rates: StepRates { _read { yield tables.rates } }
    var marketRegion: UnsafeMutablePointer<Int> { tables.marketRegion }
    var psychicDistance: UnsafeMutablePointer<Double> { tables.psychicDistance }
    var marketSize: UnsafeMutablePointer<Double> { tables.marketSize }
    var demand: UnsafeMutablePointer<Double> { tables.demand }
    var costLevel: UnsafeMutablePointer<Double> { tables.costLevel }
    var sizeAttraction: UnsafeMutablePointer<Double> { tables.sizeAttraction }
    var logCloseness: UnsafeMutablePointer<Double> { tables.logCloseness }
    var initialCostLevel: UnsafeMutablePointer<Double> { tables.initialCostLevel }
    var closenessPowers: UnsafeMutablePointer<Double> { tables.closenessPowers }
    var aversionLevels: Int { tables.aversionLevels }
    var clusters: [[Int32]] { _read { yield tables.clusters } }
    var tieRates: ForeignTieRates { _read { yield tables.tieRates } }
    var tieFormationProbability: UnsafeMutablePointer<Double> { tables.tieFormationProbability }
    var coordinationDemand: UnsafeMutablePointer<Double> { tables.coordinationDemand }
    var knowledgeGain: ModeVector { tables.knowledgeGain }
    var marketCount: Int { tables.marketCount }
    var regionCount: Int { tables.regionCount }

    init(simulation: Simulation, tables: RunTables) {
        self.tables = tables
        step = simulation.currentStep
        homeLogDemand = simulation.environment.homeLogDemand
        homeDemand = _exp(homeLogDemand)
        homeCrisisScheduled = simulation.environment.homeCrisisScheduled
        store = simulation.store
        let J = max(1, tables.marketCount)
        presence = .allocate(capacity: 3 * J)
        customerPresence = presence + J
        supplierPresence = presence + 2 * J
        weights = .allocate(capacity: J)
        regionKnowledge = .allocate(capacity: tables.regionCount)
        regionActive = .allocate(capacity: tables.regionCount)
        regionTransfer = .allocate(capacity: tables.regionCount)
    }

    func release() {
        presence.deallocate()  // with customerPresence and supplierPresence
        weights.deallocate()
        regionKnowledge.deallocate()
        regionActive.deallocate()
        regionTransfer.deallocate()
    }

    /// One step of one firm: the process overview of `docs/MODEL.md`, in its order.
    mutating func step(firm i: Int, events: inout [FirmEvent]) {
        let founded = Int(store.foundedStep[i])
        if step < founded { return }
        if step == founded {
            store.alive[i] = true
            events.append(FirmEvent(firm: i, step: step, market: -1, kind: .founded, cause: .startUp,
                                    fromMode: 0, toMode: 0, value: store.cash[i]))
        }
        guard store.alive[i] else { return }
        var rng = store.streams[i]
        scratch = FirmStepScratch()

        readNetwork(firm: i)
        learn(firm: i)
        evolveTies(firm: i, rng: &rng)
        operate(firm: i, rng: &rng)
        faceSurprises(firm: i, rng: &rng, events: &events)
        faceOpportunism(firm: i, rng: &rng, events: &events)
        decommit(firm: i, rng: &rng, events: &events)
        decide(firm: i, rng: &rng, events: &events)
        innovate(firm: i, events: &events)
        bookCash(firm: i)
        survive(firm: i, rng: &rng, events: &events)
        observe(firm: i)
        store.streams[i] = rng
    }
}

/// Per-firm intermediate values of one step, all as yearly rates unless named otherwise.
struct FirmStepScratch {
    /// Mean internationalization D_f of the firm's living partners.
    var partnerInternationalization = 0.0
    var livingPartners = 0
    /// Partners whose own internationalization makes them interfaces abroad.
    var internationalPartners = 0
    var customerShareAbroad = 0.0
    var supplierShareAbroad = 0.0
    var homeSales = 0.0
    var foreignSales = 0.0
    var homeRegionSales = 0.0
    var operatingProfit = 0.0
    var coordinationCost = 0.0
    /// Coordination demand over management capacity, above 1 when overloaded.
    var overload = 0.0
    var deepOperations = 0
    /// Sales of production abroad (mode 4), for capacity shares of relocations.
    var productionAbroadSales = 0.0
    var productionAbroadCount = 0
    // Cash movements in this step (thousand EUR, not yearly rates).
    var investment = 0.0
    var incidents = 0.0
    var rnd = 0.0
    var expanded = false
    /// The market entered in this step (-1: none).
    var enteredMarket = -1
    /// Yearly foreign potential common to all markets, and ln(1 + employees / 10): each is
    /// computed on first use (NaN until then, see `foreignPotential` and `logWorkforce`).
    var potentialFactor = Double.nan
    var logWorkforce = Double.nan
    /// Share of home production each plant abroad took over in this step.
    var plantShare = 0.0
    /// Markets active at the start of the step, and the sums of K_j and T_j after learning.
    var activeMarkets = 0
    var knowledgeSum = 0.0
    var tieSum = 0.0
}

/// What every firm reads and nobody writes during a step: parameters, per-step rates and the
/// markets, built once per run; and the environment's demand and cost levels, which
/// `Simulation.beginStep()` copies in before the firms of a step are advanced.
final class RunTables: @unchecked Sendable {
    let scenario: Scenario
    let model: ModelParameters
    let rates: StepRates
    let marketCount: Int
    let regionCount: Int
    let marketRegion: UnsafeMutablePointer<Int>
    let psychicDistance: UnsafeMutablePointer<Double>
    let marketSize: UnsafeMutablePointer<Double>
    let demand: UnsafeMutablePointer<Double>
    let costLevel: UnsafeMutablePointer<Double>
    /// Per market: size^sizeWeight, ln(closeness) and the cost level at the start of the run.
    let sizeAttraction: UnsafeMutablePointer<Double>
    let logCloseness: UnsafeMutablePointer<Double>
    let initialCostLevel: UnsafeMutablePointer<Double>
    let closenessPowers: UnsafeMutablePointer<Double>
    let aversionLevels: Int
    let clusters: [[Int32]]
    let tieRates: ForeignTieRates
    /// Per-mode yearly knowledge gain per step (learning submodel).
    let knowledgeGain: ModeVector
    /// Per firm: the step probability that a free partner slot is filled. It depends on traits
    /// and parameters only, so it is computed once per run instead of with an exp per firm-step.
    let tieFormationProbability: UnsafeMutablePointer<Double>
    /// n^coordinationExponent for n = 0...J operations of mode >= 3 (one pow per run, not per step).
    let coordinationDemand: UnsafeMutablePointer<Double>

    init(simulation: Simulation) {
        scenario = simulation.scenario
        model = simulation.scenario.model
        rates = simulation.rates
        marketCount = simulation.world.marketCount
        regionCount = max(1, simulation.world.regionCount)
        marketRegion = RunTables.copy(simulation.world.markets.map(\.region))
        psychicDistance = RunTables.copy(simulation.perceivedDistance)
        marketSize = RunTables.copy(simulation.world.markets.map(\.size))
        demand = RunTables.copy(simulation.environment.demandFactor)
        costLevel = RunTables.copy(simulation.environment.costLevel)
        sizeAttraction = RunTables.copy(simulation.sizeAttraction)
        logCloseness = RunTables.copy(simulation.logCloseness)
        initialCostLevel = RunTables.copy(simulation.world.markets.map(\.costLevel))
        closenessPowers = RunTables.copy(simulation.closenessPowers)
        aversionLevels = simulation.aversionLevels
        clusters = simulation.clusters
        tieRates = ForeignTieRates(rates: simulation.rates,
                                   followPartners: simulation.scenario.model.opportunities.followTheCustomer)
        knowledgeGain = ModeVector(simulation.rates.knowledgeGain)
        let store = simulation.store
        tieFormationProbability = RunTables.copy((0..<store.firmCount).map { firm in
            Network.formationProbability(firm: firm, store: store, scenario: simulation.scenario, clock: simulation.rates.clock)
        })
        let exponent = simulation.scenario.model.operations.coordinationExponent
        coordinationDemand = RunTables.copy((0...simulation.world.marketCount).map { _pow(Double($0), exponent) })
    }

    /// Copies the environment's state of the step just begun (no firm is advancing then).
    func update(from environment: Environment) {
        demand.update(from: environment.demandFactor, count: marketCount)
        costLevel.update(from: environment.costLevel, count: marketCount)
    }

    deinit {
        for pointer in [psychicDistance, marketSize, demand, costLevel, sizeAttraction, logCloseness, initialCostLevel,
                        closenessPowers, tieFormationProbability, coordinationDemand] {
            pointer.deallocate()
        }
        marketRegion.deallocate()
    }

    /// A per-market table as raw storage: read in the hot loop without reference counting.
    static func copy<T>(_ values: [T]) -> UnsafeMutablePointer<T> {
        let pointer = UnsafeMutablePointer<T>.allocate(capacity: max(values.count, 1))
        pointer.initialize(from: values, count: values.count)
        return pointer
    }
}
