import Testing
import FirmPathsModel

/// Hand-made trajectories for the classifier (design brief section 4).
///
/// The classifier cannot read traits by construction: `Classifier.classify` takes only a
/// `FirmTrajectory` (firm-years of observables, the firm's events and the markets' psychic
/// distances) and the thresholds. Every trajectory below is built from those alone; no
/// simulation, store or segment is involved. `trajectoryHoldsOnlyObservables` pins the
/// stored fields so that adding a trait to the trajectory fails here first.
enum TrajectoryKit {
    /// Psychic distances of six markets: three home-region markets (0..2), three far ones.
    static let distances: [Double] = [0.1, 0.2, 0.3, 0.6, 0.8, 1.0]

    /// A firm-year with total sales 100: `share` of it foreign, `home` of that in the home region.
    static func year(share: Double, home: Double = 0, mode: Int = 0, markets: Int = 0, regions: Int = 0,
                     deep: Int = 0) -> FirmYear {
        let foreign = share * 100
        return FirmYear(foreignSales: foreign, totalSales: 100, homeRegionSales: home * foreign, maxMode: mode,
                        markets: markets, regions: regions, deepOperations: deep)
    }

    static let domesticYear = year(share: 0)

    /// `first` domestic years, then `years` identical exporting years.
    static func years(first: Int, _ exporting: FirmYear, count: Int = 10) -> [FirmYear] {
        Array(repeating: domesticYear, count: first) + Array(repeating: exporting, count: count)
    }

    static func event(_ kind: EventKind, market: Int, from: Int, to: Int, step: Int = 0, value: Double = 0,
                      partnered: Bool = false) -> FirmEvent {
        FirmEvent(firm: 0, step: step, market: market, kind: kind, cause: .none, fromMode: from, toMode: to,
                  value: value, partnered: partnered)
    }

    static func trajectory(_ years: [FirmYear], _ events: [FirmEvent] = []) -> FirmTrajectory {
        FirmTrajectory(years: years, events: events, marketDistance: distances)
    }

    static func classify(_ t: FirmTrajectory, _ p: ClassificationParameters = ClassificationParameters()) -> Classification {
        Classifier.classify(t, thresholds: p)
    }

    /// Enter market `market` at mode 1 and climb `steps` modes.
    static func climb(market: Int, steps: Int, startStep: Int = 0) -> [FirmEvent] {
        var events = [event(.enter, market: market, from: 0, to: 1, step: startStep)]
        for k in 0..<steps {
            events.append(event(.upgrade, market: market, from: 1 + k, to: 2 + k, step: startStep + 4 * (k + 1)))
        }
        return events
    }

    /// First entries into `markets` in this order, mode 1.
    static func entries(_ markets: [Int], startStep: Int = 100) -> [FirmEvent] {
        markets.enumerated().map { k, j in event(.enter, market: j, from: 0, to: 1, step: startStep + k) }
    }
}

// MARK: - One trajectory per path

@Suite struct ClassifierPathTests {
    typealias K = TrajectoryKit

    @Test func domesticNeverExported() {
        let c = K.classify(K.trajectory(Array(repeating: K.domesticYear, count: 20)))
        #expect(c.path == .domestic)
        #expect(c.rule == "never_exported")
        #expect(K.classify(K.trajectory([])).path == .domestic)
    }

    @Test func bornGlobalByHomeRegionShare() {
        // Exports from year 0 at 40%, 30% of them in the home region.
        let t = K.trajectory(K.years(first: 0, K.year(share: 0.4, home: 0.3, mode: 2, markets: 2, regions: 2)))
        let c = K.classify(t)
        #expect(c.path == .bornGlobal)
        #expect(c.rule == "early_wide_exports")
        #expect(c.figures.map(\.name) == ["first_export_age", "early_foreign_share", "home_region_share", "markets", "regions"])
    }

    @Test func bornGlobalByScope() {
        // Mostly in the home region, but 5 markets in 2 regions.
        let t = K.trajectory(K.years(first: 1, K.year(share: 0.3, home: 0.9, mode: 1, markets: 5, regions: 2)))
        #expect(K.classify(t).path == .bornGlobal)
    }

    @Test func bornRegional() {
        let t = K.trajectory(K.years(first: 1, K.year(share: 0.3, home: 0.9, mode: 2, markets: 2, regions: 1)))
        let c = K.classify(t)
        #expect(c.path == .bornRegional)
        #expect(c.rule == "early_regional_exports")
    }

    @Test func incremental() {
        // Late start (year 5), climbs 1 -> 2 -> 3 in market 0, later entries more distant.
        let events = K.climb(market: 0, steps: 2, startStep: 20) + K.entries([2, 4])
        let t = K.trajectory(K.years(first: 5, K.year(share: 0.3, home: 0.6, mode: 3, markets: 3, regions: 2, deep: 1)), events)
        let c = K.classify(t)
        #expect(c.path == .incremental)
        #expect(c.rule == "late_start_climbed_chain")
        #expect(c.figures.first { $0.name == "longest_climb" }?.value == 2)
        #expect(c.figures.first { $0.name == "entry_distance_correlation" }?.value == 1)
    }

    @Test func backsourcerByRelocation() {
        let events = K.climb(market: 3, steps: 3) + [K.event(.backsource, market: 3, from: 4, to: 2, step: 60, value: 0.5)]
        let years = K.years(first: 4, K.year(share: 0.3, home: 0.2, mode: 4, markets: 2, regions: 2, deep: 1))
        let c = K.classify(K.trajectory(years, events))
        #expect(c.path == .backsourcer)
        #expect(c.rule == "relocated_home")
        #expect(c.figures.first { $0.name == "capacity_share" }?.value == 0.5)
    }

    @Test func backsourcerByShareDropAfterDeepOperationsClosed() {
        // Peak 40% with a subsidiary, then the subsidiary closes and the share falls to 15%.
        let years = K.years(first: 4, K.year(share: 0.2, home: 0.5, mode: 2, markets: 2, regions: 2), count: 3)
            + Array(repeating: K.year(share: 0.4, home: 0.5, mode: 3, markets: 2, regions: 2, deep: 1), count: 3)
            + Array(repeating: K.year(share: 0.15, home: 0.5, mode: 2, markets: 2, regions: 2), count: 3)
        let c = K.classify(K.trajectory(years))
        #expect(c.path == .backsourcer)
        #expect(c.rule == "foreign_share_fell_deep_operations_closed")
    }

    @Test func sporadic() {
        // A late, small exporter that never climbs.
        let t = K.trajectory(K.years(first: 6, K.year(share: 0.05, home: 0.5, mode: 1, markets: 1, regions: 1)),
                             K.entries([0]))
        let c = K.classify(t)
        #expect(c.path == .sporadic)
        #expect(c.rule == "exported_no_pattern")
    }

    /// The classifier sees only what `FirmTrajectory` and `FirmYear` hold: observables.
    @Test func trajectoryHoldsOnlyObservables() {
        let t = K.trajectory([K.year(share: 0.1)], [])
        #expect(Mirror(reflecting: t).children.map(\.label) == ["years", "events", "marketDistance"])
        #expect(Mirror(reflecting: t.years[0]).children.map(\.label)
            == ["foreignSales", "totalSales", "homeRegionSales", "maxMode", "markets", "regions", "deepOperations"])
    }

    @Test func classificationIsAPureFunction() {
        let t = K.trajectory(K.years(first: 1, K.year(share: 0.3, home: 0.9, mode: 2, markets: 2, regions: 1)))
        #expect(K.classify(t) == K.classify(t))
    }
}

// MARK: - Each threshold, exactly at and just beside

@Suite struct ClassifierThresholdTests {
    typealias K = TrajectoryKit

    // Born global: first export year must be < bornGlobalYears (3): years 0, 1, 2 count.
    @Test(arguments: [(2, TrajectoryPath.bornGlobal), (3, TrajectoryPath.sporadic)])
    func bornGlobalYears(first: Int, path: TrajectoryPath) {
        let t = K.trajectory(K.years(first: first, K.year(share: 0.4, home: 0.3, mode: 1, markets: 2, regions: 2)))
        #expect(K.classify(t).path == path)
    }

    @Test func bornGlobalYearsIsAThreshold() {
        var p = ClassificationParameters()
        p.bornGlobalYears = 4
        let t = K.trajectory(K.years(first: 3, K.year(share: 0.4, home: 0.3, mode: 1, markets: 2, regions: 2)))
        #expect(K.classify(t, p).path == .bornGlobal)
        p.bornGlobalYears = 3
        #expect(K.classify(t, p).path != .bornGlobal)
    }

    // Early foreign share >= 0.25 in the window.
    @Test(arguments: [(0.25, TrajectoryPath.bornGlobal), (0.24, TrajectoryPath.sporadic)])
    func bornGlobalMinForeignShare(share: Double, path: TrajectoryPath) {
        let t = K.trajectory(K.years(first: 0, K.year(share: share, home: 0.4, mode: 1, markets: 2, regions: 2)))
        #expect(K.classify(t).path == path)
    }

    @Test func bornGlobalShareCountsOnlyInsideTheWindow() {
        // 10% in years 0-2, 60% from year 3: not born global.
        let years = Array(repeating: K.year(share: 0.1, home: 0.4, mode: 1, markets: 2, regions: 2), count: 3)
            + Array(repeating: K.year(share: 0.6, home: 0.4, mode: 1, markets: 2, regions: 2), count: 5)
        #expect(K.classify(K.trajectory(years)).path != .bornGlobal)
    }

    // Home-region share <= 0.5 (with fewer than 5 markets).
    @Test(arguments: [(0.5, TrajectoryPath.bornGlobal), (0.51, TrajectoryPath.sporadic)])
    func bornGlobalMaxHomeRegionShare(home: Double, path: TrajectoryPath) {
        let t = K.trajectory(K.years(first: 0, K.year(share: 0.4, home: home, mode: 1, markets: 4, regions: 2)))
        #expect(K.classify(t).path == path)
    }

    // Or scope: >= 5 markets and >= 2 regions (home-region share 0.9).
    @Test(arguments: [(5, 2, TrajectoryPath.bornGlobal), (4, 2, TrajectoryPath.bornRegional),
                      (5, 1, TrajectoryPath.bornRegional), (6, 3, TrajectoryPath.bornGlobal)])
    func bornGlobalMinMarketsAndRegions(markets: Int, regions: Int, path: TrajectoryPath) {
        let t = K.trajectory(K.years(first: 0, K.year(share: 0.4, home: 0.9, mode: 1, markets: markets, regions: regions)))
        #expect(K.classify(t).path == path)
    }

    // Born regional: first export year < bornRegionalYears (5).
    @Test(arguments: [(4, TrajectoryPath.bornRegional), (5, TrajectoryPath.sporadic)])
    func bornRegionalYears(first: Int, path: TrajectoryPath) {
        let t = K.trajectory(K.years(first: first, K.year(share: 0.1, home: 0.9, mode: 2, markets: 2, regions: 1)))
        #expect(K.classify(t).path == path)
    }

    // Home-region share >= 0.8 in every exporting year.
    @Test(arguments: [(0.8, TrajectoryPath.bornRegional), (0.79, TrajectoryPath.sporadic)])
    func bornRegionalMinHomeRegionShare(home: Double, path: TrajectoryPath) {
        let t = K.trajectory(K.years(first: 1, K.year(share: 0.1, home: home, mode: 2, markets: 2, regions: 1)))
        #expect(K.classify(t).path == path)
    }

    @Test func bornRegionalNeedsEveryExportingYearInTheRegion() {
        let years = K.years(first: 1, K.year(share: 0.1, home: 0.9, mode: 2, markets: 2, regions: 1))
            + [K.year(share: 0.1, home: 0.7, mode: 2, markets: 3, regions: 2)]
            + [K.domesticYear]  // a year without exports does not count
        #expect(K.classify(K.trajectory(years)).path == .sporadic)
        let fine = K.years(first: 1, K.year(share: 0.1, home: 0.9, mode: 2, markets: 2, regions: 1)) + [K.domesticYear]
        #expect(K.classify(K.trajectory(fine)).path == .bornRegional)
    }

    // Max mode <= 2.
    @Test(arguments: [(2, TrajectoryPath.bornRegional), (3, TrajectoryPath.sporadic)])
    func bornRegionalMaxMode(mode: Int, path: TrajectoryPath) {
        let t = K.trajectory(K.years(first: 1, K.year(share: 0.1, home: 0.9, mode: mode, markets: 2, regions: 1,
                                                     deep: mode >= 3 ? 1 : 0)))
        #expect(K.classify(t).path == path)
    }

    // Incremental: a late start at year >= incrementalLateYears (3) ...
    @Test(arguments: [(3, TrajectoryPath.incremental), (2, TrajectoryPath.sporadic)])
    func incrementalLateYears(first: Int, path: TrajectoryPath) {
        // 30% foreign share, home-region share 0.6, mode 3: neither born global nor born regional.
        let t = K.trajectory(K.years(first: first, K.year(share: 0.3, home: 0.6, mode: 3, markets: 1, regions: 1, deep: 1)),
                             K.climb(market: 0, steps: 2))
        #expect(K.classify(t).path == path)
    }

    // ... or an early start with a foreign share below the born-global share by then.
    @Test(arguments: [(0.24, TrajectoryPath.incremental), (0.25, TrajectoryPath.sporadic)])
    func incrementalEarlyButSmall(share: Double, path: TrajectoryPath) {
        let t = K.trajectory(K.years(first: 1, K.year(share: share, home: 0.6, mode: 3, markets: 1, regions: 1, deep: 1)),
                             K.climb(market: 0, steps: 2))
        #expect(K.classify(t).path == path)
    }

    // At least incrementalMinClimb (2) successive upgrades in one market.
    @Test(arguments: [(2, TrajectoryPath.incremental), (1, TrajectoryPath.sporadic), (3, TrajectoryPath.incremental)])
    func incrementalMinClimb(steps: Int, path: TrajectoryPath) {
        let t = K.trajectory(K.years(first: 4, K.year(share: 0.2, home: 0.6, mode: 1 + steps, markets: 1, regions: 1)),
                             K.climb(market: 0, steps: steps))
        #expect(K.classify(t).path == path)
    }

    @Test func incrementalMinClimbIsAThreshold() {
        var p = ClassificationParameters()
        p.incrementalMinClimb = 3
        let t = K.trajectory(K.years(first: 4, K.year(share: 0.2, home: 0.6, mode: 3, markets: 1, regions: 1, deep: 1)),
                             K.climb(market: 0, steps: 2))
        #expect(K.classify(t, p).path == .sporadic)
        p.incrementalMinClimb = 2
        #expect(K.classify(t, p).path == .incremental)
    }

    // Rank correlation of entry order and distance >= incrementalMinDistanceCorrelation (0).
    @Test(arguments: [([0, 1, 2], TrajectoryPath.incremental),   // rho = 1
                      ([1, 0, 1], TrajectoryPath.incremental),   // two distinct markets: no tendency to read
                      ([2, 1, 0], TrajectoryPath.sporadic)])      // rho = -1
    func incrementalDistanceCorrelationDefault(order: [Int], path: TrajectoryPath) {
        // Entries in `order`, then a climb 1 -> 2 -> 3 in the first market entered.
        let events = K.entries(order, startStep: 0)
            + [K.event(.upgrade, market: order[0], from: 1, to: 2, step: 20),
               K.event(.upgrade, market: order[0], from: 2, to: 3, step: 40)]
        let t = K.trajectory(K.years(first: 4, K.year(share: 0.2, home: 0.6, mode: 3, markets: 3, regions: 1, deep: 1)), events)
        #expect(K.classify(t).path == path)
    }

    @Test func incrementalDistanceCorrelationExactlyAtTheDefaultZero() {
        // Entries at distances 0.2, 0.1, 0.2: ranks 2.5, 1, 2.5 against 1, 2, 3 give rho = 0 exactly.
        let distances = [0.1, 0.2, 0.2]
        let events = [K.event(.enter, market: 1, from: 0, to: 1, step: 0),
                      K.event(.upgrade, market: 1, from: 1, to: 2, step: 4),
                      K.event(.upgrade, market: 1, from: 2, to: 3, step: 8),
                      K.event(.enter, market: 0, from: 0, to: 1, step: 12),
                      K.event(.enter, market: 2, from: 0, to: 1, step: 16)]
        let years = K.years(first: 4, K.year(share: 0.2, home: 0.6, mode: 3, markets: 3, regions: 1, deep: 1))
        let t = FirmTrajectory(years: years, events: events, marketDistance: distances)
        #expect(Classifier.entryDistanceCorrelation(t) == 0)
        #expect(K.classify(t).path == .incremental)
        var p = ClassificationParameters()
        p.incrementalMinDistanceCorrelation = 0.01
        #expect(K.classify(t, p).path == .sporadic)
    }

    @Test(arguments: [(0.5, TrajectoryPath.incremental), (0.51, TrajectoryPath.sporadic), (0.49, TrajectoryPath.incremental)])
    func incrementalMinDistanceCorrelation(threshold: Double, path: TrajectoryPath) {
        // Entries at distances 0.1, 0.6, 0.3: rho = 0.5 exactly.
        let events = K.climb(market: 0, steps: 2) + K.entries([3, 2])
        let t = K.trajectory(K.years(first: 4, K.year(share: 0.2, home: 0.6, mode: 3, markets: 3, regions: 2, deep: 1)), events)
        #expect(Classifier.entryDistanceCorrelation(t) == 0.5)
        var p = ClassificationParameters()
        p.incrementalMinDistanceCorrelation = threshold
        #expect(K.classify(t, p).path == path)
    }

    // Backsourcer by relocation: fromMode >= backsourcerMinMode (3).
    @Test(arguments: [(3, TrajectoryPath.backsourcer), (2, TrajectoryPath.sporadic), (4, TrajectoryPath.backsourcer)])
    func backsourcerMinMode(from: Int, path: TrajectoryPath) {
        let events = [K.event(.backsource, market: 3, from: from, to: 1, step: 30, value: 1)]
        // Keep the yearly max mode at 2 so the share-drop rule cannot fire.
        let t = K.trajectory(K.years(first: 5, K.year(share: 0.2, home: 0.5, mode: 2, markets: 1, regions: 1)), events)
        #expect(K.classify(t).path == path)
    }

    // Relocated capacity share >= backsourcerMinCapacityShare (0.25).
    @Test(arguments: [(0.25, TrajectoryPath.backsourcer), (0.24, TrajectoryPath.sporadic), (1.0, TrajectoryPath.backsourcer)])
    func backsourcerMinCapacityShare(share: Double, path: TrajectoryPath) {
        let events = [K.event(.backsource, market: 3, from: 4, to: 2, step: 30, value: share)]
        let t = K.trajectory(K.years(first: 5, K.year(share: 0.2, home: 0.5, mode: 2, markets: 1, regions: 1)), events)
        #expect(K.classify(t).path == path)
    }

    // Share drop: the share must fall to <= (1 - 0.5) x peak with deep operations closed.
    @Test(arguments: [(0.2, TrajectoryPath.backsourcer), (0.21, TrajectoryPath.sporadic)])
    func backsourcerShareDrop(later: Double, path: TrajectoryPath) {
        let years = K.years(first: 5, K.year(share: 0.4, home: 0.5, mode: 3, markets: 1, regions: 1, deep: 1), count: 3)
            + Array(repeating: K.year(share: later, home: 0.5, mode: 2, markets: 1, regions: 1), count: 3)
        #expect(K.classify(K.trajectory(years)).path == path)
    }

    @Test func backsourcerShareDropNeedsDeepOperationsClosed() {
        // The share halves but the subsidiary stays open: not a backsourcer.
        let open = K.years(first: 5, K.year(share: 0.4, home: 0.5, mode: 3, markets: 1, regions: 1, deep: 1), count: 3)
            + Array(repeating: K.year(share: 0.1, home: 0.5, mode: 3, markets: 1, regions: 1, deep: 1), count: 3)
        #expect(K.classify(K.trajectory(open)).path != .backsourcer)
        // The share halves without ever having a deep operation: not a backsourcer.
        let shallow = K.years(first: 5, K.year(share: 0.4, home: 0.5, mode: 2, markets: 1, regions: 1), count: 3)
            + Array(repeating: K.year(share: 0.1, home: 0.5, mode: 2, markets: 1, regions: 1), count: 3)
        #expect(K.classify(K.trajectory(shallow)).path != .backsourcer)
        // The size of the drop is the threshold: 40% -> 20% is a fall by half, not by three quarters.
        var p = ClassificationParameters()
        p.backsourcerShareDrop = 0.75
        let years = K.years(first: 5, K.year(share: 0.4, home: 0.5, mode: 3, markets: 1, regions: 1, deep: 1), count: 3)
            + Array(repeating: K.year(share: 0.2, home: 0.5, mode: 2, markets: 1, regions: 1), count: 3)
        #expect(K.classify(K.trajectory(years), p).path != .backsourcer)
        p.backsourcerShareDrop = 0.5
        #expect(K.classify(K.trajectory(years), p).path == .backsourcer)
    }
}

// MARK: - Rule order

@Suite struct ClassifierRuleOrderTests {
    typealias K = TrajectoryKit

    @Test func backsourcerBeatsBornGlobal() {
        let events = [K.event(.enter, market: 3, from: 0, to: 4, step: 0),
                      K.event(.backsource, market: 3, from: 4, to: 2, step: 20, value: 1)]
        let t = K.trajectory(K.years(first: 0, K.year(share: 0.5, home: 0.2, mode: 4, markets: 3, regions: 2, deep: 1)), events)
        var noBacksourcing = t
        noBacksourcing.events.removeLast()
        #expect(K.classify(noBacksourcing).path == .bornGlobal)
        #expect(K.classify(t).path == .backsourcer)
    }

    @Test func backsourcerBeatsIncremental() {
        let events = K.climb(market: 3, steps: 3, startStep: 20)
            + [K.event(.backsource, market: 3, from: 4, to: 2, step: 60, value: 0.6)]
        let t = K.trajectory(K.years(first: 5, K.year(share: 0.3, home: 0.2, mode: 4, markets: 1, regions: 1, deep: 1)), events)
        var noBacksourcing = t
        noBacksourcing.events.removeLast()
        #expect(K.classify(noBacksourcing).path == .incremental)
        #expect(K.classify(t).path == .backsourcer)
    }

    @Test func bornGlobalBeatsBornRegional() {
        // Home-region share 0.9 in every year, modes <= 2, early start: born regional fits.
        // 5 markets in 2 regions: born global's scope fits too, and it comes first.
        let t = K.trajectory(K.years(first: 0, K.year(share: 0.4, home: 0.9, mode: 2, markets: 5, regions: 2)))
        #expect(K.classify(t).path == .bornGlobal)
        var p = ClassificationParameters()
        p.bornGlobalMinMarkets = 6
        #expect(K.classify(t, p).path == .bornRegional)
    }

    @Test func bornRegionalBeatsIncremental() {
        // Allow mode 3 for born regionals so that a late (year 3), regional firm that
        // climbed twice fits both rules.
        var p = ClassificationParameters()
        p.bornRegionalMaxMode = 3
        let t = K.trajectory(K.years(first: 3, K.year(share: 0.2, home: 0.9, mode: 3, markets: 1, regions: 1, deep: 1)),
                             K.climb(market: 0, steps: 2))
        #expect(K.classify(t, p).path == .bornRegional)
        p.bornRegionalMaxMode = 2
        #expect(K.classify(t, p).path == .incremental)
    }

    @Test func domesticComesBeforeEverything() {
        // Events without a single exporting year (e.g. entered and left within no sales).
        let events = [K.event(.enter, market: 0, from: 0, to: 4, step: 0),
                      K.event(.backsource, market: 0, from: 4, to: 2, step: 4, value: 1)]
        let t = K.trajectory(Array(repeating: K.domesticYear, count: 5), events)
        #expect(K.classify(t).path == .domestic)
    }
}

// MARK: - Helpers

@Suite struct ClassifierHelperTests {
    typealias K = TrajectoryKit

    @Test func longestClimbCountsSuccessiveUpgradesPerMarket() {
        #expect(Classifier.longestClimb([]) == 0)
        #expect(Classifier.longestClimb(K.climb(market: 0, steps: 3)) == 3)
        // Interleaved markets keep their own runs.
        let interleaved = [K.event(.enter, market: 0, from: 0, to: 1), K.event(.enter, market: 1, from: 0, to: 1),
                           K.event(.upgrade, market: 0, from: 1, to: 2), K.event(.upgrade, market: 1, from: 1, to: 2),
                           K.event(.upgrade, market: 0, from: 2, to: 3)]
        #expect(Classifier.longestClimb(interleaved) == 2)
    }

    @Test(arguments: [EventKind.enter, .downgrade, .exit, .backsource])
    func longestClimbRestartsAfter(kind: EventKind) {
        let events = [K.event(.upgrade, market: 0, from: 1, to: 2), K.event(kind, market: 0, from: 2, to: 1),
                      K.event(.upgrade, market: 0, from: 1, to: 2)]
        #expect(Classifier.longestClimb(events) == 1)
    }

    @Test(arguments: [EventKind.surprise, .opportunism, .founded, .rdCut, .died])
    func longestClimbIgnores(kind: EventKind) {
        let events = [K.event(.upgrade, market: 0, from: 1, to: 2), K.event(kind, market: 0, from: 2, to: 2),
                      K.event(.upgrade, market: 0, from: 2, to: 3)]
        #expect(Classifier.longestClimb(events) == 2)
        // Firm-level events (market -1) never count as a climb.
        let firmLevel = [K.event(.upgrade, market: -1, from: 1, to: 2), K.event(.upgrade, market: -1, from: 2, to: 3)]
        #expect(Classifier.longestClimb(firmLevel) == 0)
    }

    @Test func entryDistanceCorrelationNeedsThreeMarkets() {
        #expect(Classifier.entryDistanceCorrelation(K.trajectory([], [])) == nil)
        #expect(Classifier.entryDistanceCorrelation(K.trajectory([], K.entries([0, 5]))) == nil)
        // Re-entering a market does not add a market.
        #expect(Classifier.entryDistanceCorrelation(K.trajectory([], K.entries([0, 5, 0, 5]))) == nil)
        // Upgrades are not entries.
        let t = K.trajectory([], K.entries([0, 5]) + [K.event(.upgrade, market: 3, from: 1, to: 2)])
        #expect(Classifier.entryDistanceCorrelation(t) == nil)
    }

    @Test func entryDistanceCorrelationValues() {
        #expect(Classifier.entryDistanceCorrelation(K.trajectory([], K.entries([0, 1, 2, 3, 4, 5]))) == 1)
        #expect(Classifier.entryDistanceCorrelation(K.trajectory([], K.entries([5, 4, 3, 2, 1, 0]))) == -1)
        // distances 0.1, 0.6, 0.3 -> ranks 1, 3, 2 against 1, 2, 3: rho = 0.5.
        #expect(Classifier.entryDistanceCorrelation(K.trajectory([], K.entries([0, 3, 2]))) == 0.5)
        // First entries only: 0, 3, (0 again), 2 is the same order.
        #expect(Classifier.entryDistanceCorrelation(K.trajectory([], K.entries([0, 3, 0, 2]))) == 0.5)
        // Spearman is rank-based: 0.1, 0.2, 1.0, 0.6 gives 1, 2, 4, 3 -> rho = 0.8.
        let rho = Classifier.entryDistanceCorrelation(K.trajectory([], K.entries([0, 1, 5, 3]))) ?? .nan
        #expect(abs(rho - 0.8) < 1e-12)
    }

    @Test func entryDistanceCorrelationWithTiesAndFlatDistances() {
        // All at one distance: no variation, reported as 0.
        let flat = FirmTrajectory(years: [], events: K.entries([0, 1, 2, 3]), marketDistance: [0.5, 0.5, 0.5, 0.5])
        #expect(Classifier.entryDistanceCorrelation(flat) == 0)
        // Ties share their mean rank: 0.1, 0.5, 0.5 -> 1, 2.5, 2.5 against 1, 2, 3: rho = sqrt(3)/2.
        let tied = FirmTrajectory(years: [], events: K.entries([0, 1, 2]), marketDistance: [0.1, 0.5, 0.5])
        let rho = Classifier.entryDistanceCorrelation(tied) ?? .nan
        #expect(abs(rho - 3.0.squareRoot() / 2) < 1e-12)
    }
}
