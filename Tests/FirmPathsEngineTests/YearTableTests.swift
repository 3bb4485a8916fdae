import FirmPathsEngine
import FirmPathsIO
import FirmPathsModel
import Foundation
import Testing

/// years.csv: one row per firm and year, consistent with trajectories.csv and firms.csv.
@Suite struct YearTableTests {
    @Test func yearsAgreeWithTrajectoriesAndFirms() throws {
        var loaded = try ScenarioLoader.load(path: ExportPanelTests.packageRoot + "/Scenarios/default.json")
        loaded = try ScenarioLoader.apply(overrides: ["population.firms=150", "years=12"], to: loaded)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("years-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var options = SingleRunOptions(directory: directory, threads: 2)
        options.writeYears = true
        _ = try SingleRun.execute(scenario: loaded.scenario, resolvedScenario: loaded.resolvedJSON, scenarioFile: loaded.file,
                                  seed: 5, options: options)

        struct Key: Hashable { var firm: Int; var year: Int }
        var revenue: [Key: Double] = [:]
        var existed = Set<Key>()
        let trajectories = try CSVReader(path: directory + "/trajectories.csv")
        let (tf, ty, ta, tr) = (try trajectories.column("firm"), try trajectories.column("year"), try trajectories.column("alive"),
                                try trajectories.column("revenue"))
        try trajectories.forEachRow { row in
            let key = Key(firm: row.int(tf) ?? -1, year: row.int(ty) ?? -1)
            existed.insert(key)
            if row.int(ta) == 1 { revenue[key, default: 0] += (row.double(tr) ?? .nan) / 4 }
            return true
        }
        let firms = try CSVReader(path: directory + "/firms.csv")
        let (ff, fp, fs) = (try firms.column("firm"), try firms.column("path"), try firms.column("founded_step"))
        var path: [Int: String] = [:]
        var foundedYear: [Int: Int] = [:]
        for row in try firms.rows() {
            path[row.int(ff) ?? -1] = row[fp]
            foundedYear[row.int(ff) ?? -1] = (row.int(fs) ?? 0) / 4
        }
        let years = try CSVReader(path: directory + "/years.csv")
        #expect(years.header.columns.prefix(5) == ["run", "firm", "year", "age", "path"])
        let (yf, yy, ya, yp, yr) = (try years.column("firm"), try years.column("year"), try years.column("age"),
                                    try years.column("path"), try years.column("revenue"))
        var rows = Set<Key>()
        for row in try years.rows() {
            let key = Key(firm: row.int(yf) ?? -1, year: row.int(yy) ?? -1)
            rows.insert(key)
            #expect(row[yp] == path[key.firm])
            #expect(row.int(ya) == key.year - (foundedYear[key.firm] ?? 0))
            // Revenue to 3 decimals in both files: 4 steps of at most 0.0005 / 4, plus this row's 0.0005.
            #expect(abs((row.double(yr) ?? .nan) - (revenue[key] ?? 0)) <= 0.001 + 1e-9, "firm \(key.firm) year \(key.year)")
        }
        // One row for every firm-year trajectories.csv has.
        #expect(rows == existed)
        #expect(rows.count > 1000)
    }
}
