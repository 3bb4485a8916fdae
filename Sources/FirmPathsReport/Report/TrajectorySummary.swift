import FirmPathsIO

/// Year-by-path figures of `trajectories.csv`, aggregated while streaming: the file is read
/// once, row by row, and only counters per year (and path) are kept.
///
/// A year's figure averages over the firm-steps of that year in which the firm was alive
/// (with quarterly steps: four observations per firm and year).
public struct TrajectorySummary: Sendable, Equatable {
    /// The category names of the stage columns, in the model's order.
    public static let quadrants = ["early_starter", "late_starter", "lonely_international", "international_among_others"]
    public static let imodelStages = ["pre_export", "export_trial", "advanced_export"]
    public static let dollingerStages = [
        "domestic", "passive_exporting", "export_management", "export_department", "sales_branches", "production_abroad",
        "transnational",
    ]

    /// Year indices 0..<years.
    public var years: Int
    /// Living firm-steps per path (index into `PathNames.all`) and year.
    public var alive: [[Int]]
    /// Living firm-steps with foreign sales, per path and year.
    public var exporting: [[Int]]
    /// Sum of the foreign share over living firm-steps, per path and year.
    public var foreignShareSum: [[Double]]
    /// Living firm-steps per category and year.
    public var quadrant: [[Int]]
    public var imodel: [[Int]]
    public var dollinger: [[Int]]
    /// Living firm-steps per highest establishment mode 0...4 and year.
    public var maxMode: [[Int]]
    /// Rows read.
    public var rows: Int

    public init(years: Int) {
        let paths = PathNames.all.count
        self.years = years
        alive = Array(repeating: Array(repeating: 0, count: years), count: paths)
        exporting = alive
        foreignShareSum = Array(repeating: Array(repeating: 0, count: years), count: paths)
        quadrant = Array(repeating: Array(repeating: 0, count: years), count: Self.quadrants.count)
        imodel = Array(repeating: Array(repeating: 0, count: years), count: Self.imodelStages.count)
        dollinger = Array(repeating: Array(repeating: 0, count: years), count: Self.dollingerStages.count)
        maxMode = Array(repeating: Array(repeating: 0, count: years), count: 5)
        rows = 0
    }

    /// Share of living firm-steps of path `p` in year `y` that sold abroad; nil without living firms.
    public func shareExporting(path p: Int, year y: Int) -> Double? {
        alive[p][y] > 0 ? Double(exporting[p][y]) / Double(alive[p][y]) : nil
    }

    public func meanForeignShare(path p: Int, year y: Int) -> Double? {
        alive[p][y] > 0 ? foreignShareSum[p][y] / Double(alive[p][y]) : nil
    }

    /// Reads `directory/trajectories.csv`, labelling each firm with its path from `firms`.
    /// With `onlyRun`, reads that run's rows only and stops after them (files are in run order).
    public static func load(directory: String, firms: [FirmRecord], years: Int,
                            onlyRun: Int? = nil) throws(ReportError) -> TrajectorySummary {
        let reader: CSVReader
        do {
            reader = try CSVReader(path: RunFiles.path(RunFiles.trajectories, in: directory))
        } catch {
            throw ReportError(error)
        }
        return try load(reader: reader, firms: firms, years: years, onlyRun: onlyRun)
    }

    /// Reads a `trajectories.csv` reader (a file or a table in memory), labelling each firm with its path from `firms`.
    public static func load(reader: CSVReader, firms: [FirmRecord], years: Int,
                            onlyRun: Int? = nil) throws(ReportError) -> TrajectorySummary {
        var pathOf: [FirmKey: Int] = [:]
        for record in firms { pathOf[FirmKey(run: record.run, firm: record.firm)] = PathNames.all.firstIndex(of: record.path) }
        let quadrantIndex = Dictionary(uniqueKeysWithValues: quadrants.enumerated().map { ($1, $0) })
        let imodelIndex = Dictionary(uniqueKeysWithValues: imodelStages.enumerated().map { ($1, $0) })
        let dollingerIndex = Dictionary(uniqueKeysWithValues: dollingerStages.enumerated().map { ($1, $0) })
        var summary = TrajectorySummary(years: years)
        do {
            let runColumn = reader.header.index(of: "run")
            let firmColumn = try reader.column("firm")
            let yearColumn = try reader.column("year")
            let aliveColumn = try reader.column("alive")
            let foreignColumn = try reader.column("foreign_share")
            let modeColumn = try reader.column("max_mode")
            let quadrantColumn = try reader.column("jm_quadrant")
            let imodelColumn = try reader.column("imodel_stage")
            let dollingerColumn = try reader.column("dollinger_stage")
            try reader.forEachRow { row throws(CSVReadError) in
                if let onlyRun, let run = runColumn.flatMap({ row.int($0) }), run != onlyRun { return run < onlyRun }
                summary.rows += 1
                guard row[aliveColumn] == "1", let year = row.int(yearColumn), year >= 0, year < years else { return true }
                if let q = quadrantIndex[row[quadrantColumn]] { summary.quadrant[q][year] += 1 }
                if let s = imodelIndex[row[imodelColumn]] { summary.imodel[s][year] += 1 }
                if let s = dollingerIndex[row[dollingerColumn]] { summary.dollinger[s][year] += 1 }
                if let mode = row.int(modeColumn) { summary.maxMode[min(4, max(0, mode))][year] += 1 }
                guard let firm = row.int(firmColumn),
                      let p = pathOf[FirmKey(run: runColumn.flatMap { row.int($0) } ?? 0, firm: firm)] else { return true }
                let share = row.double(foreignColumn) ?? 0
                summary.alive[p][year] += 1
                if share > 0 { summary.exporting[p][year] += 1 }
                summary.foreignShareSum[p][year] += share
                return true
            }
        } catch {
            throw ReportError(error)
        }
        return summary
    }
}

/// A firm of a run: `firms.csv` numbers firms per run.
public struct FirmKey: Hashable, Sendable {
    public var run: Int
    public var firm: Int

    public init(run: Int, firm: Int) {
        self.run = run
        self.firm = firm
    }
}
