import FirmPathsModel

/// The tables a run writes, one type per file, each with its header and row encoder.
///
/// Columns are documented with their types and units in `Results/README.md`; the order
/// here is the order in the files.
public enum TrajectoryTable {
    public static let header = [
        "run", "firm", "step", "year", "alive", "revenue", "foreign_share", "home_region_share", "markets_active",
        "max_mode", "internationalization_knowledge", "mean_market_knowledge", "firm_internationalization",
        "network_internationalization", "jm_quadrant", "imodel_stage", "dollinger_stage", "cash",
    ]

    /// Appends one row per firm that exists in the simulation's current step: from the step
    /// it was founded to the step it died, inclusive.
    public static func appendRows(of simulation: Simulation, run: Int, into buffer: inout CSVBuffer) {
        appendRows(of: simulation, run: run, firms: 0..<simulation.store.firmCount, into: &buffer)
    }

    /// The rows of `firms` only (a contiguous part of the table: rows are in firm order), so
    /// that parts can be encoded in parallel and joined in order.
    public static func appendRows(of simulation: Simulation, run: Int, firms: Range<Int>, into buffer: inout CSVBuffer) {
        let store = simulation.store
        let step = simulation.currentStep
        let year = simulation.clock.year(ofStep: step)
        let quadrants = CSVFieldTable.jmQuadrants, imodelStages = CSVFieldTable.imodelStages
        let dollingerStages = CSVFieldTable.dollingerStages
        for firm in firms.clamped(to: 0..<store.firmCount) {
            guard Int(store.foundedStep[firm]) <= step else { continue }
            let died = Int(store.diedStep[firm])
            if died >= 0 && died < step { continue }
            let alive = store.alive[firm]
            buffer.appendRow { row in
                row.field(run)
                row.field(firm)
                row.field(step)
                row.field(year)
                row.field(alive ? 1 : 0)
                // Money to the euro (3 decimals of thousand EUR), shares and indices to 6 decimals:
                // the trajectory table is the bulk of a run's output.
                if alive {
                    row.field(store.revenue[firm], fractionDigits: 3)
                    row.field(store.foreignShare[firm], fractionDigits: 6)
                    row.field(store.homeRegionShare[firm], fractionDigits: 6)
                    row.field(Int(store.marketsActive[firm]))
                    row.field(Int(store.maxMode[firm]))
                    row.field(store.generalKnowledge[firm], fractionDigits: 6)
                    row.field(store.meanMarketKnowledge[firm], fractionDigits: 6)
                    row.field(store.firmInternationalization[firm], fractionDigits: 6)
                    row.field(store.networkInternationalization[firm], fractionDigits: 6)
                    row.field(quadrants, Int(store.jmQuadrant[firm]))
                    row.field(imodelStages, Int(store.imodelStage[firm]))
                    row.field(dollingerStages, Int(store.dollingerStage[firm]))
                } else {
                    for _ in 0..<9 { row.field(0) }
                    for _ in 0..<3 { row.empty() }
                }
                row.field(store.cash[firm], fractionDigits: 3)
            }
        }
    }
}

public enum FirmTable {
    public static let header = [
        "run", "firm", "segment", "founder_experience", "global_vision", "niche", "productivity", "risk_tolerance",
        "employees", "initial_cash_share", "learning_capacity", "networking_capability", "cluster", "protects_rnd",
        "founder_ties", "founded_step", "died_step", "path", "rule", "first_export_year", "peak_foreign_share",
        "max_mode", "markets_entered", "regions_entered", "backsourcing_events", "jm_quadrant", "first_export_age",
    ]

    public static func appendRows(of simulation: Simulation, outcomes: some Sequence<FirmOutcome>, run: Int,
                                  into buffer: inout CSVBuffer) {
        let store = simulation.store
        let segments = simulation.scenario.population.segments
        for outcome in outcomes {
            let firm = outcome.firm
            let segment = Int(store.segment[firm])
            buffer.appendField(run)
            buffer.appendField(firm)
            buffer.appendField(segment < segments.count ? segments[segment].name : String(segment))
            buffer.appendField(store.founderExperience[firm])
            buffer.appendField(store.globalVision[firm])
            buffer.appendField(store.niche[firm])
            buffer.appendField(store.productivity[firm])
            buffer.appendField(store.riskTolerance[firm])
            buffer.appendField(store.initialEmployees[firm])
            buffer.appendField(store.initialCashShare[firm])
            buffer.appendField(store.learningCapacity[firm])
            buffer.appendField(store.networkingCapability[firm])
            if store.cluster[firm] >= 0 { buffer.appendField(Int(store.cluster[firm])) } else { buffer.appendEmpty() }
            buffer.appendField(store.protectsRnD[firm] ? 1 : 0)
            buffer.appendField(Int(store.founderTies[firm]))
            buffer.appendField(Int(store.foundedStep[firm]))
            if store.diedStep[firm] >= 0 { buffer.appendField(Int(store.diedStep[firm])) } else { buffer.appendEmpty() }
            buffer.appendField(outcome.classification.path.description)
            buffer.appendField(outcome.classification.ruleDescription)
            if let year = outcome.firstExportYear { buffer.appendField(year) } else { buffer.appendEmpty() }
            buffer.appendField(outcome.peakForeignShare)
            buffer.appendField(outcome.maxMode)
            buffer.appendField(outcome.marketsEntered)
            buffer.appendField(outcome.regionsEntered)
            buffer.appendField(outcome.backsourcingEvents)
            buffer.appendField(outcome.finalQuadrant.description)
            // The firm's age at its first export; `first_export_year` above holds the same number
            // under its older, misleading name (kept so existing scripts read on).
            if let year = outcome.firstExportYear { buffer.appendField(year) } else { buffer.appendEmpty() }
            buffer.endRow()
        }
    }
}

public enum EventTable {
    public static let header = [
        "run", "firm", "step", "year", "market", "region", "psychic_distance", "event", "from_mode", "to_mode",
        "cause", "value", "partnered",
    ]

    public static func appendRows(_ events: some Sequence<FirmEvent>, of simulation: Simulation, run: Int,
                                  into buffer: inout CSVBuffer) {
        let world = simulation.world
        // `market,region,psychic_distance` of each market (and three empty fields after them).
        let places = CSVFieldTable(0...world.marketCount) { market, buffer in
            guard market < world.marketCount else {
                for _ in 0..<3 { buffer.appendEmpty() }
                return
            }
            let m = world.markets[market]
            buffer.appendField(m.name)
            buffer.appendField(world.regionNames[m.region])
            buffer.appendField(m.psychicDistance)
        }
        let kinds = CSVFieldTable.eventKinds, causes = CSVFieldTable.eventCauses
        let clock = simulation.clock
        for event in events {
            buffer.appendRow { row in
                row.field(run)
                row.field(Int(event.firm))
                row.field(Int(event.step))
                row.field(clock.year(ofStep: Int(event.step)))
                let market = Int(event.market)
                row.field(places, market >= 0 && market < world.marketCount ? market : world.marketCount)
                row.field(kinds, Int(event.kind.rawValue))
                row.field(Int(event.fromMode))
                row.field(Int(event.toMode))
                row.field(causes, Int(event.cause.rawValue))
                row.field(event.value)
                row.field(event.partnered ? 1 : 0)
            }
        }
    }
}

extension CSVFieldTable {
    /// The text of each raw value of a stage or event enum (an invalid raw value: the text the
    /// tables write for it, the first case's or an empty field), for the row encoders above.
    static let jmQuadrants = CSVFieldTable(texts: (0..<256).map { (JMQuadrant(rawValue: UInt8($0)) ?? .earlyStarter).description })
    static let imodelStages = CSVFieldTable(texts: (0..<256).map { (IModelStage(rawValue: UInt8($0)) ?? .preExport).description })
    static let dollingerStages = CSVFieldTable(texts: (0..<256).map {
        (DollingerStage(rawValue: UInt8($0)) ?? .domestic).description
    })
    static let eventKinds = CSVFieldTable(texts: (0..<256).map { EventKind(rawValue: UInt8($0))?.description ?? "" })
    static let eventCauses = CSVFieldTable(texts: (0..<256).map { EventCause(rawValue: UInt8($0))?.description ?? "" })
}

extension CSVBuffer {
    /// Appends a header row.
    public mutating func appendHeader(_ columns: [String]) {
        for column in columns { appendField(column) }
        endRow()
    }
}
