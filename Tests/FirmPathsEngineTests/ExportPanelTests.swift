import FirmPathsEngine
import FirmPathsIO
import FirmPathsModel
import Foundation
import Testing

/// The identities of exports.csv and markets.csv that Results/README.md documents, checked on a
/// run of the default scenario.
@Suite struct ExportPanelTests {
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// A run of the default scenario (fewer firms, so that the debug build stays fast).
    static func defaultRun(firms: Int = 250, seed: UInt64 = 3, threads: Int = 2) throws -> String {
        var loaded = try ScenarioLoader.load(path: packageRoot + "/Scenarios/default.json")
        loaded = try ScenarioLoader.apply(overrides: ["population.firms=\(firms)"], to: loaded)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("exports-\(UUID().uuidString)").path
        _ = try SingleRun.execute(scenario: loaded.scenario, resolvedScenario: loaded.resolvedJSON, scenarioFile: loaded.file,
                                  seed: seed, options: SingleRunOptions(directory: directory, threads: threads))
        return directory
    }

    struct Key: Hashable { var firm: Int; var year: Int }
    struct SpellKey: Hashable { var firm: Int; var market: String; var spell: Int }

    @Test func panelSalesEventsAndMarketsAgreeWithTheOtherFiles() throws {
        let directory = try Self.defaultRun()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let stepsPerYear = 4.0

        // Yearly foreign sales from trajectories.csv, with the rounding each row allows.
        let trajectories = try CSVReader(path: directory + "/trajectories.csv")
        let (tFirm, tYear, tRevenue, tShare, tAlive) = (try trajectories.column("firm"), try trajectories.column("year"),
                                                        try trajectories.column("revenue"),
                                                        try trajectories.column("foreign_share"), try trajectories.column("alive"))
        var foreign: [Key: Double] = [:]
        var tolerance: [Key: Double] = [:]
        try trajectories.forEachRow { row in
            guard row.int(tAlive) == 1, let revenue = row.double(tRevenue), let share = row.double(tShare),
                  let firm = row.int(tFirm), let year = row.int(tYear) else { return true }
            let key = Key(firm: firm, year: year)
            foreign[key, default: 0] += revenue * share / stepsPerYear
            // revenue to 3 decimals, share to 6: |error| <= (0.0005 x share + 0.0000005 x revenue) / steps per year
            tolerance[key, default: 0] += (0.0005 + 0.0000005 * revenue) / stepsPerYear
            return true
        }

        let exports = try CSVReader(path: directory + "/exports.csv")
        #expect(exports.header.columns == ["run", "firm", "year", "market", "mode", "partnered", "sales", "entered", "exited", "spell"])
        let (xFirm, xYear, xMarket, xSales, xEntered, xExited, xSpell, xMode) = (
            try exports.column("firm"), try exports.column("year"), try exports.column("market"), try exports.column("sales"),
            try exports.column("entered"), try exports.column("exited"), try exports.column("spell"), try exports.column("mode"))
        var panelSales: [Key: Double] = [:]
        var rowsPerKey: [Key: Int] = [:]
        var starts: [SpellKey: Int] = [:]  // spell -> year it started
        var ends: [SpellKey: Int] = [:]
        var rows = 0
        var previous: (Int, Int, String, Int)?
        try exports.forEachRow { row in
            rows += 1
            let key = Key(firm: row.int(xFirm) ?? -1, year: row.int(xYear) ?? -1)
            panelSales[key, default: 0] += row.double(xSales) ?? .nan
            rowsPerKey[key, default: 0] += 1
            let spell = SpellKey(firm: key.firm, market: row[xMarket], spell: row.int(xSpell) ?? -1)
            if row.int(xEntered) == 1 { starts[spell] = key.year }
            if row.int(xExited) == 1 { ends[spell] = key.year }
            #expect((1...4).contains(row.int(xMode) ?? 0), "line \(row.line): mode \(row[xMode])")
            // File order: year, firm, then spells of a firm in one row each.
            if let previous { #expect((previous.0, previous.1) <= (key.year, key.firm), "line \(row.line) out of order") }
            previous = (key.year, key.firm, row[xMarket], spell.spell)
            return true
        }
        #expect(rows > 1000)

        // 1. A firm's market sales in a year sum to its foreign sales in trajectories.csv.
        var compared = 0
        for key in Set(foreign.keys).union(panelSales.keys) {
            let expected = foreign[key] ?? 0
            let got = panelSales[key] ?? 0
            let allowed = (tolerance[key] ?? 0) + 0.0005 * Double(rowsPerKey[key] ?? 0) + 1e-9
            #expect(abs(expected - got) <= allowed, "firm \(key.firm) year \(key.year): \(got) in exports.csv, \(expected) in trajectories.csv")
            if expected > 0 { compared += 1 }
        }
        #expect(compared > 500)

        // 2. Every enter event starts a spell and every exit event ends one, in the event's year;
        //    every other spell end is the firm's closing.
        let events = try CSVReader(path: directory + "/events.csv")
        let (eFirm, eYear, eMarket, eEvent) = (try events.column("firm"), try events.column("year"), try events.column("market"),
                                               try events.column("event"))
        var spellNumber: [String: Int] = [:]
        var enters = 0, exits = 0
        var diedYear: [Int: Int] = [:]
        var exitEnds = Set<SpellKey>()
        try events.forEachRow { row in
            let firm = row.int(eFirm) ?? -1, year = row.int(eYear) ?? -1
            switch row[eEvent] {
            case "enter":
                enters += 1
                let cell = "\(firm)/\(row[eMarket])"
                spellNumber[cell, default: 0] += 1
                let spell = SpellKey(firm: firm, market: row[eMarket], spell: spellNumber[cell] ?? 0)
                #expect(starts[spell] == year, "enter of firm \(firm) in \(row[eMarket]) (line \(row.line)) starts no spell in year \(year)")
            case "exit":
                exits += 1
                let cell = "\(firm)/\(row[eMarket])"
                let spell = SpellKey(firm: firm, market: row[eMarket], spell: spellNumber[cell] ?? 0)
                #expect(ends[spell] == year, "exit of firm \(firm) from \(row[eMarket]) (line \(row.line)) ends no spell in year \(year)")
                exitEnds.insert(spell)
            case "died":
                diedYear[firm] = year
            default:
                break
            }
            return true
        }
        #expect(starts.count == enters)
        #expect(enters > 100 && exits > 10)
        for (spell, year) in ends where !exitEnds.contains(spell) {
            #expect(diedYear[spell.firm] == year, "spell \(spell) ends in year \(year) without an exit event or the firm's closing")
        }

        // 3. markets.csv lists exactly the markets of events.csv, with the same region and distance.
        let markets = try CSVReader(path: directory + "/markets.csv")
        let (mName, mRegion, mDistance) = (try markets.column("market"), try markets.column("region"),
                                           try markets.column("psychic_distance"))
        var table: [String: (String, String)] = [:]
        for row in try markets.rows() { table[row[mName]] = (row[mRegion], row[mDistance]) }
        let (eRegion, eDistance) = (try events.column("region"), try events.column("psychic_distance"))
        var seen = Set<String>()
        try events.forEachRow { row in
            guard !row[eMarket].isEmpty else { return true }
            seen.insert(row[eMarket])
            let entry = table[row[eMarket]]
            #expect(entry?.0 == row[eRegion] && entry?.1 == row[eDistance], "line \(row.line): \(row[eMarket]) differs from markets.csv")
            return true
        }
        #expect(seen.isSubset(of: Set(table.keys)))
        // Every market of the scenario (the default lists baseline-eu's 29 countries), no more.
        let scenarioMarkets = try ScenarioLoader.load(path: Self.packageRoot + "/Scenarios/default.json").scenario.markets
        #expect(table.count == (scenarioMarkets.list.isEmpty ? scenarioMarkets.regions.reduce(0) { $0 + $1.markets } : scenarioMarkets.list.count))
        #expect(Set(starts.keys.map(\.market)).isSubset(of: Set(table.keys)))

        // The manifest's checksum is the file's.
        let manifest = try JSONParser.parse([UInt8](try Data(contentsOf: URL(fileURLWithPath: directory + "/manifest.json"))),
                                            file: "manifest.json", recordPositions: false).value
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: directory + "/markets.csv")))
        #expect(manifest["markets"]?["sha256"]?.stringValue == SHA256.hex(bytes))
        #expect(manifest["markets"]?["generation_seed"]?.intValue == 1)
    }

    @Test func panelIsIdenticalWhateverTheThreads() throws {
        let one = try Self.defaultRun(firms: 120, threads: 1)
        let seven = try Self.defaultRun(firms: 120, threads: 7)
        defer {
            try? FileManager.default.removeItem(atPath: one)
            try? FileManager.default.removeItem(atPath: seven)
        }
        for name in ["exports.csv", "markets.csv"] {
            let a = try Data(contentsOf: URL(fileURLWithPath: one + "/" + name))
            let b = try Data(contentsOf: URL(fileURLWithPath: seven + "/" + name))
            #expect(a == b, "\(name) differs")
        }
    }

    @Test func checksumIsSHA256() {
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = Array(repeating: UInt8(ascii: "a"), count: 1000)
        #expect(SHA256.hex(long) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }
}
