import FirmPathsModel

/// What the target measures may read of one firm after a run: observables (firm-years, modes,
/// events, end state) plus a few traits for descriptive stylized facts. Plain values, so tests
/// can build records by hand.
public struct TargetFirm: Sendable, Equatable {
    public var foundedStep: Int
    public var aliveAtEnd: Bool
    public var path: TrajectoryPath
    public var segment: String
    /// First firm-year (age) with foreign sales.
    public var firstExportYear: Int?
    /// Consecutive exporting firm-years from the first export year.
    public var firstSpellYears: Int
    /// Firm-years recorded (founding to death or end of run).
    public var yearsRecorded: Int
    public var exportingAtEnd: Bool
    public var maxModeEver: Int
    public var everPartnered: Bool
    public var backsourced: Bool
    public var employeesInitial: Double
    /// Employees at the end of the run (alive firms) or at death.
    public var employeesEnd: Double
    public var productivity: Double
    public var niche: Double
    public var foreignShareEnd: Double
    public var marketsEntered: Int
    public var regionsEntered: Int
    /// Spearman rank correlation between entry order and psychic distance of first entries
    /// (nil with fewer than 3 markets entered).
    public var entryDistanceCorrelation: Double?
    /// Psychic distance of the first market entered.
    public var firstEntryDistance: Double?
    /// Home-region share of foreign sales in the last recorded firm-year (nil without exports that year).
    public var homeRegionShareEnd: Double?

    public init(foundedStep: Int = 0, aliveAtEnd: Bool = true, path: TrajectoryPath = .domestic, segment: String = "",
                firstExportYear: Int? = nil, firstSpellYears: Int = 0, yearsRecorded: Int = 30,
                exportingAtEnd: Bool = false, maxModeEver: Int = 0, everPartnered: Bool = false, backsourced: Bool = false,
                employeesInitial: Double = 20, employeesEnd: Double = 20, productivity: Double = 1, niche: Double = 0.2,
                foreignShareEnd: Double = 0, marketsEntered: Int = 0, regionsEntered: Int = 0,
                entryDistanceCorrelation: Double? = nil, firstEntryDistance: Double? = nil,
                homeRegionShareEnd: Double? = nil) {
        self.foundedStep = foundedStep
        self.aliveAtEnd = aliveAtEnd
        self.path = path
        self.segment = segment
        self.firstExportYear = firstExportYear
        self.firstSpellYears = firstSpellYears
        self.yearsRecorded = yearsRecorded
        self.exportingAtEnd = exportingAtEnd
        self.maxModeEver = maxModeEver
        self.everPartnered = everPartnered
        self.backsourced = backsourced
        self.employeesInitial = employeesInitial
        self.employeesEnd = employeesEnd
        self.productivity = productivity
        self.niche = niche
        self.foreignShareEnd = foreignShareEnd
        self.marketsEntered = marketsEntered
        self.regionsEntered = regionsEntered
        self.entryDistanceCorrelation = entryDistanceCorrelation
        self.firstEntryDistance = firstEntryDistance
        self.homeRegionShareEnd = homeRegionShareEnd
    }
}

/// A production plant opened abroad (a move to mode 4) and whether it was relocated home.
public struct PlantOpening: Sendable, Equatable {
    public var firm: Int
    public var market: Int
    public var step: Int
    /// Steps from opening to the relocation home (`backsource` event from that market), if any.
    public var stepsToRelocation: Int?

    public init(firm: Int, market: Int, step: Int, stepsToRelocation: Int?) {
        self.firm = firm
        self.market = market
        self.step = step
        self.stepsToRelocation = stepsToRelocation
    }
}

/// One replication as the target measures see it.
public struct TargetRun: Sendable, Equatable {
    public var firms: [TargetFirm]
    public var plantOpenings: [PlantOpening]
    public var totalSteps: Int
    public var stepsPerYear: Int
    /// The firm-market export spells of the run (see `SpellRecorder`).
    public var spells: [ExportSpell]
    /// The foreign markets, by index.
    public var markets: [TargetMarket]
    /// Every firm's first move to mode >= 3 in each market, in event order.
    public var deepEntries: [DeepEntry]

    public init(firms: [TargetFirm], plantOpenings: [PlantOpening], totalSteps: Int, stepsPerYear: Int,
                spells: [ExportSpell] = [], markets: [TargetMarket] = [], deepEntries: [DeepEntry] = []) {
        self.firms = firms
        self.plantOpenings = plantOpenings
        self.totalSteps = totalSteps
        self.stepsPerYear = stepsPerYear
        self.spells = spells
        self.markets = markets
        self.deepEntries = deepEntries
    }

    /// Calendar years of the run (the last one possibly incomplete).
    public var years: Int { (totalSteps + stepsPerYear - 1) / max(1, stepsPerYear) }

    /// Reads a finished simulation and the spells recorded while it ran.
    public init(simulation: Simulation, outcomes: [FirmOutcome], spells: [ExportSpell]) {
        let store = simulation.store
        let world = simulation.world
        let segments = simulation.scenario.population.segments
        let groups = simulation.eventsByFirm()
        var firms: [TargetFirm] = []
        firms.reserveCapacity(outcomes.count)
        var openings: [PlantOpening] = []
        var deepEntries: [DeepEntry] = []
        for outcome in outcomes {
            let firm = outcome.firm
            let events = groups[firm]
            let recorded = Int(store.yearsRecorded[firm])
            var spell = 0
            if let first = outcome.firstExportYear {
                var year = first
                while year < recorded && store.yearForeignSales[firm * store.years + year] > 0 {
                    spell += 1
                    year += 1
                }
            }
            var entryOrder: [Int] = []
            var seen = Set<Int>()
            var open: [Int: Int] = [:]
            var partnered = false
            var firstExport: [Int: Int] = [:]
            var deepSeen = Set<Int>()
            for event in events {
                let market = Int(event.market)
                if event.partnered { partnered = true }
                if market >= 0 && (event.kind == .enter || event.kind == .upgrade || event.kind == .downgrade) {
                    let step = Int(event.step)
                    if event.toMode >= 1 && event.toMode <= 2 && firstExport[market] == nil { firstExport[market] = step }
                    if event.toMode >= 3 && deepSeen.insert(market).inserted {
                        deepEntries.append(DeepEntry(firm: firm, market: market, step: step,
                                                     firstExportStep: firstExport[market]))
                    }
                }
                switch event.kind {
                case .enter:
                    if seen.insert(market).inserted { entryOrder.append(market) }
                case .backsource:
                    if let index = open[market] {
                        openings[index].stepsToRelocation = Int(event.step) - openings[index].step
                        open[market] = nil
                    }
                case .exit, .downgrade:
                    open[market] = nil
                default:
                    break
                }
                if (event.kind == .enter || event.kind == .upgrade) && event.toMode == 4 && event.fromMode < 4 {
                    open[market] = openings.count
                    openings.append(PlantOpening(firm: firm, market: market, step: Int(event.step), stepsToRelocation: nil))
                }
            }
            let distances = entryOrder.map { world.markets[$0].psychicDistance }
            let segment = Int(store.segment[firm])
            var homeRegionShareEnd: Double?
            if recorded > 0 {
                let last = firm * store.years + recorded - 1
                let foreign = store.yearForeignSales[last]
                if foreign > 0 { homeRegionShareEnd = store.yearHomeRegionSales[last] / foreign }
            }
            firms.append(TargetFirm(
                foundedStep: Int(store.foundedStep[firm]), aliveAtEnd: store.alive[firm],
                path: outcome.classification.path,
                segment: segment >= 0 && segment < segments.count ? segments[segment].name : String(segment),
                firstExportYear: outcome.firstExportYear, firstSpellYears: spell, yearsRecorded: recorded,
                exportingAtEnd: outcome.exportingAtEnd, maxModeEver: outcome.maxMode, everPartnered: partnered,
                backsourced: outcome.backsourcingEvents > 0, employeesInitial: store.initialEmployees[firm],
                employeesEnd: store.employees[firm], productivity: store.productivity[firm], niche: store.niche[firm],
                foreignShareEnd: store.alive[firm] ? store.foreignShare[firm] : 0,
                marketsEntered: outcome.marketsEntered, regionsEntered: outcome.regionsEntered,
                entryDistanceCorrelation: distances.count >= 3 ? Self.spearman(order: distances) : nil,
                firstEntryDistance: distances.first, homeRegionShareEnd: homeRegionShareEnd))
        }
        self.init(firms: firms, plantOpenings: openings, totalSteps: simulation.scenario.totalSteps,
                  stepsPerYear: simulation.scenario.stepsPerYear, spells: spells,
                  markets: world.markets.map { TargetMarket(size: $0.size, psychicDistance: $0.psychicDistance,
                                                            region: $0.region) },
                  deepEntries: deepEntries)
    }

    /// Spearman correlation between position (0, 1, 2 ...) and `values` (average ranks for ties).
    public static func spearman(order values: [Double]) -> Double? {
        let n = values.count
        guard n >= 2 else { return nil }
        let ranks = averageRanks(values)
        let positions = (0..<n).map(Double.init)
        let mean = Double(n - 1) / 2
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in 0..<n {
            let dx = positions[i] - mean
            let dy = ranks[i] - mean
            sxy += dx * dy
            sxx += dx * dx
            syy += dy * dy
        }
        guard sxx > 0, syy > 0 else { return nil }
        return sxy / (sxx * syy).squareRoot()
    }

    static func averageRanks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && values[order[j + 1]] == values[order[i]] { j += 1 }
            let rank = Double(i + j) / 2
            for k in i...j { ranks[order[k]] = rank }
            i = j + 1
        }
        return ranks
    }
}
