import FirmPathsIO
import FirmPathsModel

/// What the charts and stories of one run need, held in memory: the rows of `firms.csv`, each
/// firm's rows of `events.csv`, and the year-by-path summary of `trajectories.csv`. Built
/// either from a run directory or from a simulation as it runs (`Recorder`), so report.html,
/// the demo and the explorer draw with the same code.
public struct RunResults: Sendable {
    public var firms: [FirmRecord]
    /// Events of each firm, by firm id, in time order.
    public var eventsByFirm: [Int: [EventRecord]]
    public var summary: TrajectorySummary
    public var stepsPerYear: Int
    public var years: Int
    /// Each firm's Johanson-Mattsson quadrant changes, when recorded (`Recorder`); nil when read
    /// from a directory (`FirmStory.load` reads them from trajectories.csv for one firm).
    public var quadrantChanges: [Int: [FirmStory.QuadrantChange]]?

    public init(firms: [FirmRecord], eventsByFirm: [Int: [EventRecord]], summary: TrajectorySummary,
                stepsPerYear: Int, years: Int, quadrantChanges: [Int: [FirmStory.QuadrantChange]]? = nil) {
        self.firms = firms
        self.eventsByFirm = eventsByFirm
        self.summary = summary
        self.stepsPerYear = stepsPerYear
        self.years = years
        self.quadrantChanges = quadrantChanges
    }

    /// The story of `firm` as `explain` tells it, from these results; nil for an unknown firm.
    public func story(of firm: Int) -> FirmStory? {
        guard let record = firms.first(where: { $0.firm == firm }) else { return nil }
        return FirmStory(run: record.run, firm: firm, record: record, events: eventsByFirm[firm] ?? [],
                         quadrantChanges: quadrantChanges?[firm] ?? [], stepsPerYear: stepsPerYear,
                         hasTrajectories: quadrantChanges != nil)
    }

    /// Reads a run directory: firms.csv, events.csv and trajectories.csv (all three required).
    public static func load(directory: String) throws(ReportError) -> RunResults {
        let manifest = try RunManifest.load(directory: directory)
        let firms = try FirmRecord.loadAll(directory: directory)
        var events: [Int: [EventRecord]] = [:]
        let run = firms.first?.run ?? 0
        try EventReader(directory: directory).forEach { e in
            if e.run == run { events[e.firm, default: []].append(e) }
        }
        let summary = try TrajectorySummary.load(directory: directory, firms: firms, years: manifest.years)
        return RunResults(firms: firms, eventsByFirm: events, summary: summary, stepsPerYear: manifest.stepsPerYear,
                          years: manifest.years)
    }

    /// The example firm of each path (see `ExampleFirms`), keyed by path name.
    public var examples: [String: Int] {
        var counts: [FirmKey: Int] = [:]
        for (firm, events) in eventsByFirm { counts[FirmKey(run: 0, firm: firm)] = events.count }
        return ExampleFirms.choose(firms: firms, eventCounts: counts, run: firms.first?.run ?? 0)
    }

    /// Collects a run's results step by step: call `observe` after every step, then `finish`.
    ///
    /// Path shares over time need each firm's path, known only at the end, so the recorder keeps
    /// per-firm yearly counters (firms x years) and groups them by path in `finish`.
    public struct Recorder: Sendable {
        let years: Int
        let stepsPerYear: Int
        var aliveSteps: [[Int32]]
        var exportingSteps: [[Int32]]
        var foreignShareSum: [[Double]]
        var categories: TrajectorySummary
        var lastQuadrant: [Int]
        var quadrantChanges: [Int: [FirmStory.QuadrantChange]] = [:]

        public init(_ simulation: Simulation) {
            years = simulation.scenario.years
            stepsPerYear = simulation.scenario.stepsPerYear
            let firms = simulation.store.firmCount
            aliveSteps = Array(repeating: Array(repeating: 0, count: years), count: firms)
            exportingSteps = aliveSteps
            foreignShareSum = Array(repeating: Array(repeating: 0, count: years), count: firms)
            categories = TrajectorySummary(years: years)
            lastQuadrant = Array(repeating: -1, count: firms)
        }

        /// Counts the firms alive after the simulation's current step.
        public mutating func observe(_ simulation: Simulation) {
            let store = simulation.store
            let year = simulation.clock.year(ofStep: simulation.currentStep)
            guard year >= 0 && year < years else { return }
            for firm in 0..<store.firmCount where store.alive[firm] {
                let quadrant = Int(store.jmQuadrant[firm])
                let imodel = Int(store.imodelStage[firm])
                let dollinger = Int(store.dollingerStage[firm])
                if quadrant < categories.quadrant.count { categories.quadrant[quadrant][year] += 1 }
                if quadrant != lastQuadrant[firm] {
                    let names = TrajectorySummary.quadrants
                    let from = lastQuadrant[firm] >= 0 && lastQuadrant[firm] < names.count ? names[lastQuadrant[firm]] : ""
                    quadrantChanges[firm, default: []].append(FirmStory.QuadrantChange(
                        step: simulation.currentStep, year: year, from: from, to: quadrant < names.count ? names[quadrant] : ""))
                    lastQuadrant[firm] = quadrant
                }
                if imodel < categories.imodel.count { categories.imodel[imodel][year] += 1 }
                if dollinger < categories.dollinger.count { categories.dollinger[dollinger][year] += 1 }
                categories.maxMode[min(4, max(0, Int(store.maxMode[firm])))][year] += 1
                let share = store.foreignShare[firm]
                aliveSteps[firm][year] += 1
                if share > 0 { exportingSteps[firm][year] += 1 }
                foreignShareSum[firm][year] += share
            }
            categories.rows += store.firmCount
        }

        /// The results once the simulation has run to its end.
        public func finish(_ simulation: Simulation) -> RunResults {
            let outcomes = simulation.firmOutcomes()
            var buffer = CSVBuffer()
            buffer.appendRow(FirmTable.header)
            FirmTable.appendRows(of: simulation, outcomes: outcomes, run: 0, into: &buffer)
            let records = CSVRecordParser.records(in: String(decoding: buffer.bytes, as: UTF8.self))
            let firms = FirmRecord.records(header: records.first ?? [], rows: records.dropFirst())

            var summary = categories
            for record in firms {
                guard let p = PathNames.all.firstIndex(of: record.path), record.firm < aliveSteps.count else { continue }
                for year in 0..<years {
                    summary.alive[p][year] += Int(aliveSteps[record.firm][year])
                    summary.exporting[p][year] += Int(exportingSteps[record.firm][year])
                    summary.foreignShareSum[p][year] += foreignShareSum[record.firm][year]
                }
            }
            var events: [Int: [EventRecord]] = [:]
            for event in simulation.events {
                events[Int(event.firm), default: []].append(EventRecord(event, in: simulation))
            }
            return RunResults(firms: firms, eventsByFirm: events, summary: summary, stepsPerYear: stepsPerYear, years: years,
                              quadrantChanges: quadrantChanges)
        }
    }
}

extension FirmRecord {
    /// Records from a parsed `firms.csv`: its header row and data rows.
    public static func records(header: [String], rows: some Sequence<[String]>) -> [FirmRecord] {
        let index = CSVHeader(header)
        return rows.compactMap { row in
            func field(_ name: String) -> String? { index.index(of: name).flatMap { $0 < row.count ? row[$0] : nil } }
            guard let firm = field("firm").flatMap({ Int($0) }) else { return nil }
            return FirmRecord(run: field("run").flatMap { Int($0) } ?? 0, firm: firm, path: field("path") ?? "",
                              rule: field("rule") ?? "",
                              fields: header.enumerated().map { ($1, $0 < row.count ? row[$0] : "") })
        }
    }
}

extension EventRecord {
    /// The `events.csv` row of a simulation's event.
    public init(_ event: FirmEvent, in simulation: Simulation) {
        let world = simulation.world
        let marketIndex = Int(event.market)
        let market = marketIndex >= 0 && marketIndex < world.marketCount ? world.markets[marketIndex] : nil
        self.init(run: 0, firm: Int(event.firm), step: Int(event.step), year: simulation.clock.year(ofStep: Int(event.step)),
                  market: market?.name ?? "", region: market.map { world.regionNames[$0.region] } ?? "",
                  psychicDistance: market?.psychicDistance, event: event.kind.description, fromMode: Int(event.fromMode),
                  toMode: Int(event.toMode), cause: event.cause.description, value: event.value, partnered: event.partnered)
    }
}
