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
        let store = simulation.store
        let step = simulation.currentStep
        let year = simulation.clock.year(ofStep: step)
        for firm in 0..<store.firmCount {
            guard Int(store.foundedStep[firm]) <= step else { continue }
            let died = Int(store.diedStep[firm])
            if died >= 0 && died < step { continue }
            let alive = store.alive[firm]
            buffer.appendField(run)
            buffer.appendField(firm)
            buffer.appendField(step)
            buffer.appendField(year)
            buffer.appendField(alive ? 1 : 0)
            // Money to the euro (3 decimals of thousand EUR), shares and indices to 6 decimals:
            // the trajectory table is the bulk of a run's output.
            if alive {
                buffer.appendField(store.revenue[firm], fractionDigits: 3)
                buffer.appendField(store.foreignShare[firm], fractionDigits: 6)
                buffer.appendField(store.homeRegionShare[firm], fractionDigits: 6)
                buffer.appendField(Int(store.marketsActive[firm]))
                buffer.appendField(Int(store.maxMode[firm]))
                buffer.appendField(store.generalKnowledge[firm], fractionDigits: 6)
                buffer.appendField(store.meanMarketKnowledge[firm], fractionDigits: 6)
                buffer.appendField(store.firmInternationalization[firm], fractionDigits: 6)
                buffer.appendField(store.networkInternationalization[firm], fractionDigits: 6)
                buffer.appendField((JMQuadrant(rawValue: store.jmQuadrant[firm]) ?? .earlyStarter).description)
                buffer.appendField((IModelStage(rawValue: store.imodelStage[firm]) ?? .preExport).description)
                buffer.appendField((DollingerStage(rawValue: store.dollingerStage[firm]) ?? .domestic).description)
            } else {
                for _ in 0..<3 { buffer.appendField(0) }
                buffer.appendField(0)
                buffer.appendField(0)
                for _ in 0..<4 { buffer.appendField(0) }
                for _ in 0..<3 { buffer.appendEmpty() }
            }
            buffer.appendField(store.cash[firm], fractionDigits: 3)
            buffer.endRow()
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

    public static func appendRows(of simulation: Simulation, outcomes: [FirmOutcome], run: Int, into buffer: inout CSVBuffer) {
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
        for event in events {
            buffer.appendField(run)
            buffer.appendField(Int(event.firm))
            buffer.appendField(Int(event.step))
            buffer.appendField(simulation.clock.year(ofStep: Int(event.step)))
            let market = Int(event.market)
            if market >= 0 && market < world.marketCount {
                let m = world.markets[market]
                buffer.appendField(m.name)
                buffer.appendField(world.regionNames[m.region])
                buffer.appendField(m.psychicDistance)
            } else {
                buffer.appendEmpty()
                buffer.appendEmpty()
                buffer.appendEmpty()
            }
            buffer.appendField(event.kind.description)
            buffer.appendField(Int(event.fromMode))
            buffer.appendField(Int(event.toMode))
            buffer.appendField(event.cause.description)
            buffer.appendField(event.value)
            buffer.appendField(event.partnered ? 1 : 0)
            buffer.endRow()
        }
    }
}

extension CSVBuffer {
    /// Appends a header row.
    public mutating func appendHeader(_ columns: [String]) {
        for column in columns { appendField(column) }
        endRow()
    }
}
