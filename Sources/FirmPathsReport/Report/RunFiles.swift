import FirmPathsIO
import FirmPathsModel
import Foundation

/// A failure to read a run or sweep directory, with whether it is the file system's fault
/// (exit 74) or the data's (exit 65).
public struct ReportError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var isIOFailure: Bool

    public init(_ message: String, isIOFailure: Bool) {
        self.message = message
        self.isIOFailure = isIOFailure
    }

    public var description: String { message }

    init(_ error: CSVReadError) {
        self.init(error.description, isIOFailure: error.message.hasPrefix("cannot open") || error.message.hasPrefix("read failed"))
    }
}

/// The path names written by a run and their order, so every reader agrees.
public enum RunFiles {
    public static let manifest = "manifest.json"
    public static let firms = "firms.csv"
    public static let trajectories = "trajectories.csv"
    public static let events = "events.csv"
    public static let runs = "runs.csv"
    public static let points = "points.csv"
    public static let report = "report.html"

    /// The path of `name` in `directory`; for a table (`.csv`) its compressed form `name.gz`
    /// when only that exists (`--compress`), so every reader reads both forms.
    public static func path(_ name: String, in directory: String) -> String {
        name.hasSuffix(".csv") ? DataFilePath.resolve(name, in: directory)
            : (directory.hasSuffix("/") ? directory + name : directory + "/" + name)
    }

    /// Whether `name` (or, for a table, `name.gz`) exists in `directory`.
    public static func exists(_ name: String, in directory: String) -> Bool {
        FileManager.default.fileExists(atPath: path(name, in: directory))
    }
}

/// The parts of `manifest.json` a report shows.
public struct RunManifest: Sendable {
    public var raw: JSONValue
    /// "single_run" or "sweep".
    public var kind: String
    public var version: String
    /// The seed as written (a number, or a string for seeds beyond 2^53).
    public var seed: String
    public var command: [String]
    public var scenario: JSONValue
    public var scenarioName: String
    public var scenarioDescription: String
    public var stepsPerYear: Int
    public var years: Int

    public init(raw: JSONValue) {
        self.raw = raw
        kind = raw["kind"]?.stringValue ?? "single_run"
        version = raw["version"]?.stringValue ?? "?"
        // A single run records its `seed`; a sweep its `base_seed` (each run's seed is in runs.csv).
        let seedValue = raw["seed"] ?? raw["base_seed"]
        if let number = seedValue?.doubleValue {
            seed = String(UInt64(max(0, number)))
        } else {
            seed = seedValue?.stringValue ?? "?"
        }
        command = raw["command"]?.arrayValue?.compactMap(\.stringValue) ?? []
        scenario = raw["scenario"] ?? .null
        scenarioName = scenario["name"]?.stringValue ?? "unnamed"
        scenarioDescription = scenario["description"]?.stringValue ?? ""
        stepsPerYear = max(1, scenario["stepsPerYear"]?.intValue ?? 4)
        years = max(1, scenario["years"]?.intValue ?? 30)
    }

    /// Reads `directory/manifest.json`.
    public static func load(directory: String) throws(ReportError) -> RunManifest {
        let path = RunFiles.path(RunFiles.manifest, in: directory)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReportError("cannot read '\(path)': no such file (is '\(directory)' a run directory?)", isIOFailure: true)
        }
        do {
            return RunManifest(raw: try JSONParser.parse([UInt8](data), file: path, recordPositions: false).value)
        } catch {
            throw ReportError(error.description, isIOFailure: false)
        }
    }

    /// Names of the population's segments.
    public var segmentNames: [String] {
        scenario["population"]?["segments"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
    }
}

/// The classifier's paths in report order, as written in `firms.csv`.
public enum PathNames {
    public static let all = TrajectoryPath.allCases.map(\.description)

    /// "born_global" -> "born global"; hyphenated terms keep their hyphen ("born-again global").
    public static func display(_ name: String) -> String {
        hyphenated[name] ?? name.replacingOccurrences(of: "_", with: " ")
    }

    static let hyphenated = ["born_again_global": "born-again global", "de_internationalizer": "de-internationalizer"]
}

/// One row of `firms.csv`, with the fields the report and the stories use.
public struct FirmRecord: Sendable, Equatable {
    public var run: Int
    public var firm: Int
    public var path: String
    public var rule: String
    /// Column name and text of every field, in file order, for a firm's founding traits.
    public var fields: [(name: String, value: String)]

    public static func == (a: FirmRecord, b: FirmRecord) -> Bool {
        a.run == b.run && a.firm == b.firm && a.path == b.path && a.rule == b.rule
            && a.fields.map(\.name) == b.fields.map(\.name) && a.fields.map(\.value) == b.fields.map(\.value)
    }

    public func value(_ name: String) -> String? { fields.first { $0.name == name }?.value }

    /// Reads every row of `firms.csv` (one per firm: small next to the trajectories), or with
    /// `onlyRun` the rows of that run only, stopping after them (files are in run order).
    public static func loadAll(directory: String, onlyRun: Int? = nil) throws(ReportError) -> [FirmRecord] {
        let reader: CSVReader
        do {
            reader = try CSVReader(path: RunFiles.path(RunFiles.firms, in: directory))
        } catch {
            throw ReportError(error)
        }
        return try loadAll(reader: reader, onlyRun: onlyRun)
    }

    /// Reads every row of a `firms.csv` reader (a file or a table in memory), or with `onlyRun`
    /// that run's rows only.
    public static func loadAll(reader: CSVReader, onlyRun: Int? = nil) throws(ReportError) -> [FirmRecord] {
        do {
            let runColumn = reader.header.index(of: "run")
            let firmColumn = try reader.column("firm")
            let pathColumn = try reader.column("path")
            let ruleColumn = reader.header.index(of: "rule")
            var result: [FirmRecord] = []
            let names = reader.header.columns
            try reader.forEachRow { row throws(CSVReadError) in
                guard let firm = row.int(firmColumn) else {
                    throw CSVReadError(path: reader.path, message: "line \(row.line): firm '\(row[firmColumn])' is not a number")
                }
                let run = runColumn.flatMap { row.int($0) } ?? 0
                if let onlyRun, run != onlyRun { return run < onlyRun }
                result.append(FirmRecord(run: run, firm: firm, path: row[pathColumn],
                                         rule: ruleColumn.map { row[$0] } ?? "",
                                         fields: names.enumerated().map { ($1, row[$0]) }))
                return true
            }
            return result
        } catch {
            throw ReportError(error)
        }
    }
}

/// One row of `events.csv`.
public struct EventRecord: Sendable, Equatable {
    public var run: Int
    public var firm: Int
    public var step: Int
    public var year: Int
    /// Market name, empty for firm-level events (founded, died, rd_cut).
    public var market: String
    public var region: String
    public var psychicDistance: Double?
    public var event: String
    public var fromMode: Int
    public var toMode: Int
    public var cause: String
    public var value: Double
    public var partnered: Bool

    public init(run: Int, firm: Int, step: Int, year: Int, market: String, region: String, psychicDistance: Double?,
                event: String, fromMode: Int, toMode: Int, cause: String, value: Double, partnered: Bool) {
        self.run = run
        self.firm = firm
        self.step = step
        self.year = year
        self.market = market
        self.region = region
        self.psychicDistance = psychicDistance
        self.event = event
        self.fromMode = fromMode
        self.toMode = toMode
        self.cause = cause
        self.value = value
        self.partnered = partnered
    }
}

/// Streams `events.csv`.
public struct EventReader: Sendable {
    let reader: CSVReader
    let columns: [Int?]

    public init(directory: String) throws(ReportError) {
        let reader: CSVReader
        do {
            reader = try CSVReader(path: RunFiles.path(RunFiles.events, in: directory))
        } catch {
            throw ReportError(error)
        }
        try self.init(reader: reader)
    }

    /// Streams an `events.csv` reader (a file or a table in memory).
    public init(reader: CSVReader) throws(ReportError) {
        self.reader = reader
        let names = ["run", "firm", "step", "year", "market", "region", "psychic_distance", "event", "from_mode", "to_mode",
                     "cause", "value", "partnered"]
        let header = reader.header
        let found = names.map { header.index(of: $0) }
        for required in [1, 2, 7] where found[required] == nil {
            throw ReportError("\(reader.path): no column '\(names[required])'", isIOFailure: false)
        }
        columns = found
    }

    /// Calls `body` with every event in file order (which is step order, then firm order), or
    /// with `onlyRun` with that run's events only, stopping after them.
    public func forEach(onlyRun: Int? = nil, _ body: (EventRecord) -> Void) throws(ReportError) {
        let c = columns
        func text(_ row: CSVRow, _ k: Int) -> String { c[k].map { row[$0] } ?? "" }
        func int(_ row: CSVRow, _ k: Int) -> Int { c[k].flatMap { row.int($0) } ?? 0 }
        do {
            try reader.forEachRow { row in
                if let onlyRun, int(row, 0) != onlyRun { return int(row, 0) < onlyRun }
                body(EventRecord(run: int(row, 0), firm: int(row, 1), step: int(row, 2), year: int(row, 3),
                                 market: text(row, 4), region: text(row, 5), psychicDistance: c[6].flatMap { row.double($0) },
                                 event: text(row, 7), fromMode: int(row, 8), toMode: int(row, 9), cause: text(row, 10),
                                 value: c[11].flatMap { row.double($0) } ?? 0, partnered: int(row, 12) != 0))
                return true
            }
        } catch {
            throw ReportError(error)
        }
    }
}
