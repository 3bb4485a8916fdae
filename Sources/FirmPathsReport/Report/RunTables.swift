import FirmPathsIO

/// A run's tables held in memory (the explorer's runs): the bytes of firms.csv,
/// trajectories.csv and events.csv, read by the same readers as a run directory, so the
/// charts and stories drawn from them are those `firmpaths report` draws from the files.
public struct RunTables: Sendable {
    public var firms: [UInt8]
    public var trajectories: [UInt8]
    public var events: [UInt8]
    public var stepsPerYear: Int
    public var years: Int

    public init(firms: [UInt8], trajectories: [UInt8], events: [UInt8], stepsPerYear: Int, years: Int) {
        self.firms = firms
        self.trajectories = trajectories
        self.events = events
        self.stepsPerYear = max(1, stepsPerYear)
        self.years = max(1, years)
    }

    func reader(_ bytes: [UInt8], _ name: String) throws(ReportError) -> CSVReader {
        do {
            return try CSVReader(name: name, bytes: bytes)
        } catch {
            throw ReportError(error)
        }
    }

    public func firmRecords() throws(ReportError) -> [FirmRecord] {
        try FirmRecord.loadAll(reader: try reader(firms, RunFiles.firms))
    }

    public func eventReader() throws(ReportError) -> EventReader {
        try EventReader(reader: try reader(events, RunFiles.events))
    }

    public var hasTrajectories: Bool { !trajectories.isEmpty }

    public func trajectorySummary(firms records: [FirmRecord]) throws(ReportError) -> TrajectorySummary {
        try TrajectorySummary.load(reader: try reader(trajectories, RunFiles.trajectories), firms: records, years: years)
    }

    /// Events per firm, for choosing example firms.
    public func eventCounts() throws(ReportError) -> [FirmKey: Int] {
        var counts: [FirmKey: Int] = [:]
        try eventReader().forEach { counts[FirmKey(run: $0.run, firm: $0.firm), default: 0] += 1 }
        return counts
    }
}

extension RunReport {
    /// The report's run sections (paths, exporting over time, quadrants, stages, example firms'
    /// ladders) for tables in memory: the same section builders as `build(directory:)`.
    /// `explainDirectory` names the directory the ladder caption's `firmpaths explain` hint shows;
    /// `firms` and `summary`, when the caller has read them already, are not read again.
    public static func runSections(_ tables: RunTables, explainDirectory: String, firms given: [FirmRecord]? = nil,
                                   summary givenSummary: TrajectorySummary? = nil) throws(ReportError) -> [HTMLSection] {
        let firms: [FirmRecord]
        if let given { firms = given } else { firms = try tables.firmRecords() }
        var sections = [pathSection(firms)]
        if tables.hasTrajectories {
            let summary: TrajectorySummary
            if let givenSummary { summary = givenSummary } else { summary = try tables.trajectorySummary(firms: firms) }
            sections += timeSections(summary)
        }
        sections.append(try ladderSection(events: try tables.eventReader(), explainDirectory: explainDirectory, firms: firms,
                                          stepsPerYear: tables.stepsPerYear, years: tables.years))
        return sections
    }
}

extension FirmStory {
    /// One firm's story from tables in memory (single run, run 0).
    public static func load(tables: RunTables, firm: Int) throws(ReportError) -> FirmStory {
        let firms = try tables.firmRecords()
        guard let record = firms.first(where: { $0.firm == firm }) else {
            let ids = firms.map(\.firm)
            throw ReportError("no firm \(firm) in this run (firms \(ids.min() ?? 0) to \(ids.max() ?? 0))", isIOFailure: false)
        }
        var events: [EventRecord] = []
        try tables.eventReader().forEach { e in
            if e.firm == firm { events.append(e) }
        }
        let changes = tables.hasTrajectories
            ? try quadrantChanges(reader: try tables.reader(tables.trajectories, RunFiles.trajectories), run: record.run, firm: firm)
            : []
        return FirmStory(run: record.run, firm: firm, record: record, events: events, quadrantChanges: changes,
                         stepsPerYear: tables.stepsPerYear, hasTrajectories: tables.hasTrajectories)
    }
}
