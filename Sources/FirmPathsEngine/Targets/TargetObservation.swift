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

    public init(foundedStep: Int = 0, aliveAtEnd: Bool = true, path: TrajectoryPath = .domestic, segment: String = "",
                firstExportYear: Int? = nil, firstSpellYears: Int = 0, yearsRecorded: Int = 30,
                exportingAtEnd: Bool = false, maxModeEver: Int = 0, everPartnered: Bool = false, backsourced: Bool = false,
                employeesInitial: Double = 20, employeesEnd: Double = 20, productivity: Double = 1, niche: Double = 0.2,
                foreignShareEnd: Double = 0, marketsEntered: Int = 0, regionsEntered: Int = 0,
                entryDistanceCorrelation: Double? = nil, firstEntryDistance: Double? = nil) {
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

    public init(firms: [TargetFirm], plantOpenings: [PlantOpening], totalSteps: Int, stepsPerYear: Int) {
        self.firms = firms
        self.plantOpenings = plantOpenings
        self.totalSteps = totalSteps
        self.stepsPerYear = stepsPerYear
    }

    /// Reads a finished simulation.
    public init(simulation: Simulation, outcomes: [FirmOutcome]) {
        let store = simulation.store
        let world = simulation.world
        let segments = simulation.scenario.population.segments
        let groups = simulation.eventsByFirm()
        var firms: [TargetFirm] = []
        firms.reserveCapacity(outcomes.count)
        var openings: [PlantOpening] = []
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
            for event in events {
                let market = Int(event.market)
                if event.partnered { partnered = true }
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
                firstEntryDistance: distances.first))
        }
        self.init(firms: firms, plantOpenings: openings, totalSteps: simulation.scenario.totalSteps,
                  stepsPerYear: simulation.scenario.stepsPerYear)
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
