extension Simulation {
    /// The recorded trajectory of a firm, as the classifier sees it.
    public func trajectory(of firm: Int, events firmEvents: [FirmEvent]) -> FirmTrajectory {
        let count = Int(store.yearsRecorded[firm])
        var years: [FirmYear] = []
        years.reserveCapacity(count)
        for k in 0..<count {
            let y = firm * store.years + k
            years.append(FirmYear(foreignSales: store.yearForeignSales[y], totalSales: store.yearTotalSales[y],
                                  homeRegionSales: store.yearHomeRegionSales[y], maxMode: Int(store.yearMaxMode[y]),
                                  markets: Int(store.yearMarkets[y]), regions: Int(store.yearRegions[y]),
                                  deepOperations: Int(store.yearDeepOperations[y])))
        }
        return FirmTrajectory(years: years, events: firmEvents, marketDistance: world.markets.map(\.psychicDistance))
    }

    /// Events of every firm, grouped by firm (each group in recorded order).
    public func eventsByFirm() -> [[FirmEvent]] {
        var groups = Array(repeating: [FirmEvent](), count: store.firmCount)
        for event in events { groups[Int(event.firm)].append(event) }
        return groups
    }

    /// Summary and label of every firm at the end of the run.
    public func firmOutcomes() -> [FirmOutcome] {
        let groups = eventsByFirm()
        return (0..<store.firmCount).map { firm in
            let trajectory = trajectory(of: firm, events: groups[firm])
            return FirmOutcome(firm: firm, trajectory: trajectory,
                               classification: Classifier.classify(trajectory, thresholds: scenario.classification),
                               world: world, store: store)
        }
    }
}

/// What `firms.csv` says of a firm.
public struct FirmOutcome: Sendable {
    public var firm: Int
    public var classification: Classification
    public var firstExportYear: Int?
    public var peakForeignShare: Double
    public var maxMode: Int
    public var marketsEntered: Int
    public var regionsEntered: Int
    public var backsourcingEvents: Int
    public var finalQuadrant: JMQuadrant
    public var exportingAtEnd: Bool

    init(firm: Int, trajectory: FirmTrajectory, classification: Classification, world: World, store: FirmStore) {
        self.firm = firm
        self.classification = classification
        firstExportYear = trajectory.firstExportYear
        peakForeignShare = trajectory.peakForeignShare
        maxMode = trajectory.maxMode
        let entered = Set(trajectory.events.filter { $0.kind == .enter }.map { Int($0.market) })
        marketsEntered = entered.count
        regionsEntered = Set(entered.map { world.markets[$0].region }).count
        backsourcingEvents = trajectory.events.filter { $0.kind == .backsource }.count
        finalQuadrant = JMQuadrant(rawValue: store.jmQuadrant[firm]) ?? .earlyStarter
        exportingAtEnd = store.alive[firm] && store.foreignShare[firm] > 0
    }
}
