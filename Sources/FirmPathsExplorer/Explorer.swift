import FirmPathsEngine
import FirmPathsIO
import FirmPathsModel
import FirmPathsReport
import FirmPathsServer
import Foundation

/// A request's error: the status and the message the page shows.
struct ExplorerError: Error {
    var status: Int
    var message: String
    init(_ status: Int, _ message: String) {
        self.status = status
        self.message = message
    }
}

/// What a run request asks for: a scenario and lever values.
struct Settings {
    var scenario: String
    var levers: [(id: String, value: JSONValue)]
    var firm: Int?
}

/// A run's results and the figures the page shows.
struct ExplorerRun: Sendable {
    var loaded: LoadedScenario
    var results: RunResults
    var json: JSONValue
}

struct RunCancelled: Error {}

/// `firmpaths explore`: the routes of the explorer page. Runs the model in memory for lever
/// values sent as JSON and answers with the report's own charts; reads no file for any request
/// (scenarios are loaded before the server starts, the page and its assets are in the binary).
public final class Explorer: HTTPHandler, @unchecked Sendable {
    /// Scenarios by name, in the picker's order.
    let scenarios: [(name: String, loaded: LoadedScenario)]
    let defaultScenario: String
    /// The largest population a request may ask for (memory and latency of a shared server).
    public let maxFirms: Int
    let gate: RunGate
    let cache = RunCache<ExplorerRun>(capacity: 8)
    /// Seconds a run request waits for a free slot before 503.
    let queueTimeout: Double

    public init(scenarios: [(name: String, loaded: LoadedScenario)], defaultScenario: String? = nil, maxFirms: Int = 5000,
                maxSimultaneousRuns: Int = 2, queueTimeout: Double = 20) {
        self.scenarios = scenarios
        self.defaultScenario = defaultScenario ?? scenarios.first?.name ?? "default"
        self.maxFirms = maxFirms
        gate = RunGate(capacity: maxSimultaneousRuns)
        self.queueTimeout = queueTimeout
    }

    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        do {
            return try route(request)
        } catch {
            // A superseded request is no failure of the page: 204, nothing to show (a browser logs
            // every 4xx answer as a console error, even for a request the page has just aborted).
            if error.status == 204 { return HTTPResponse(status: 204, headers: [HTTPHeader("x-firmpaths-superseded", error.message)]) }
            return HTTPResponse.json(error.status, Self.text(.object(JSONObject([("error", .string(error.message))]))))
        }
    }

    func route(_ request: HTTPRequest) throws(ExplorerError) -> HTTPResponse {
        let method = request.method == "HEAD" ? "GET" : request.method
        switch request.path {
        case "/", "/index.html":
            try allow(method, ["GET"])
            var response = HTTPResponse(status: 200, contentType: "text/html; charset=utf-8", body: ExplorerAssets.page)
            response.headers += Self.pageHeaders
            return response
        case "/api/scenarios":
            try allow(method, ["GET"])
            return .json(200, Self.text(scenarioList()))
        case "/api/run":
            try allow(method, ["POST"])
            let settings = try Self.settings(from: try Self.body(request))
            return .json(200, Self.text(try run(settings, client: request.header("x-client-id")).json))
        case "/api/story":
            try allow(method, ["GET", "POST"])
            let settings = try Self.settings(from: method == "GET" ? try Self.query(request) : try Self.body(request))
            return .json(200, Self.text(try story(settings, client: request.header("x-client-id"))))
        case "/api/scenario":
            try allow(method, ["GET", "POST"])
            let settings = try Self.settings(from: method == "GET" ? try Self.query(request) : try Self.body(request))
            let loaded = try scenario(settings)
            let text: String
            do {
                text = try ScenarioWriter.text(of: loaded)
            } catch {
                throw ExplorerError(500, error.description)
            }
            let file = Self.fileName(loaded.scenario.name) + "-explore.json"
            return HTTPResponse(status: 200, headers: [HTTPHeader("content-type", "application/json; charset=utf-8"),
                                                       HTTPHeader("content-disposition", "attachment; filename=\"\(file)\"")],
                                body: Array(text.utf8))
        default:
            if request.path.hasPrefix("/assets/"), let asset = ExplorerAssets.files[String(request.path.dropFirst(8))] {
                try allow(method, ["GET"])
                return HTTPResponse(status: 200, headers: [HTTPHeader("content-type", asset.type),
                                                           HTTPHeader("cache-control", "no-cache")], body: Array(asset.text.utf8))
            }
            throw ExplorerError(404, "no such page or API: \(request.path) (the explorer serves /, /assets/explorer.js, "
                + "/assets/explorer.css, /api/scenarios, /api/run, /api/story and /api/scenario)")
        }
    }

    static let pageHeaders = [
        HTTPHeader("content-security-policy",
                   "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'"),
        HTTPHeader("x-content-type-options", "nosniff"),
        HTTPHeader("cache-control", "no-cache"),
    ]

    func allow(_ method: String, _ methods: [String]) throws(ExplorerError) {
        guard methods.contains(method) else {
            throw ExplorerError(405, "method \(method) is not allowed here; use \(methods.joined(separator: " or "))")
        }
    }

    // MARK: - Requests

    static func body(_ request: HTTPRequest) throws(ExplorerError) -> JSONValue {
        guard !request.body.isEmpty else { throw ExplorerError(400, "the request has no body; send the settings as JSON") }
        do {
            return try JSONParser.parse(request.body, file: "request body", recordPositions: true).value
        } catch {
            throw ExplorerError(400, "the request body is not valid JSON: \(error.description)")
        }
    }

    /// `?scenario=NAME&levers=JSON&firm=N` as the same object a POST body holds.
    static func query(_ request: HTTPRequest) throws(ExplorerError) -> JSONValue {
        let items = request.queryItems
        var members: [(String, JSONValue)] = []
        if let scenario = items["scenario"] { members.append(("scenario", .string(scenario))) }
        if let levers = items["levers"], !levers.isEmpty {
            do {
                members.append(("levers", try JSONParser.parse(levers, file: "levers", recordPositions: false).value))
            } catch {
                throw ExplorerError(400, "query parameter levers is not valid JSON: \(error.description)")
            }
        }
        if let firm = items["firm"] {
            guard let number = Int(firm) else { throw ExplorerError(400, "query parameter firm expects a whole number, found '\(firm)'") }
            members.append(("firm", .number(Double(number))))
        }
        return .object(JSONObject(members))
    }

    static func settings(from json: JSONValue) throws(ExplorerError) -> Settings {
        guard let object = json.objectValue else { throw ExplorerError(400, "the settings must be a JSON object, found \(json.kindName)") }
        for key in object.keys where !["scenario", "levers", "firm"].contains(key) {
            throw ExplorerError(400, "unknown setting '\(key)' (expected scenario, levers and, for a story, firm)")
        }
        var scenario = "default"
        if let value = object["scenario"] {
            guard let name = value.stringValue else { throw ExplorerError(400, "scenario must be a name, found \(value.kindName)") }
            scenario = name
        }
        var levers: [(String, JSONValue)] = []
        if let value = object["levers"] {
            guard let members = value.objectValue?.members else {
                throw ExplorerError(400, "levers must be an object of lever values, found \(value.kindName)")
            }
            for (id, leverValue) in members {
                guard let lever = LeverCatalog.lever(id) else {
                    var message = "unknown lever '\(id)'"
                    if let suggestion = closestMatch(to: id, in: LeverCatalog.all.map(\.id)) { message += "; did you mean '\(suggestion)'?" }
                    throw ExplorerError(400, message)
                }
                switch lever.kind {
                case .toggle:
                    guard leverValue.boolValue != nil else {
                        throw ExplorerError(400, "lever \(id) expects true or false, found \(leverValue.kindName)")
                    }
                case .range, .whole:
                    guard let number = leverValue.doubleValue, number.isFinite else {
                        throw ExplorerError(400, "lever \(id) expects a number, found \(leverValue.kindName)")
                    }
                }
                levers.append((id, leverValue))
            }
        }
        var firm: Int?
        if let value = object["firm"] {
            guard let number = value.intValue else { throw ExplorerError(400, "firm expects a whole number, found \(value.kindName)") }
            firm = number
        }
        return Settings(scenario: scenario, levers: levers, firm: firm)
    }

    /// The scenario with the levers applied as `--set` overrides and validated like a file.
    func scenario(_ settings: Settings) throws(ExplorerError) -> LoadedScenario {
        guard let base = scenarios.first(where: { $0.name == settings.scenario })?.loaded else {
            throw ExplorerError(400, "unknown scenario '\(settings.scenario)' (scenarios: \(scenarios.map(\.name).joined(separator: ", ")))")
        }
        let overrides = Self.overrides(settings, base: base)
        var loaded = base
        if !overrides.isEmpty {
            do {
                loaded = try ScenarioLoader.apply(overrides: overrides, to: base)
            } catch {
                throw ExplorerError(400, error.description)
            }
        }
        loaded.sweep = nil
        guard loaded.scenario.population.firms <= maxFirms else {
            throw ExplorerError(400, "population.firms: the explorer runs at most \(maxFirms) firms, found "
                + "\(loaded.scenario.population.firms) (use `firmpaths run` for larger populations)")
        }
        return loaded
    }

    static func overrides(_ settings: Settings, base: LoadedScenario) -> [String] {
        settings.levers.flatMap { id, value -> [String] in
            guard let lever = LeverCatalog.lever(id) else { return [] }
            return lever.overrides(value, base.resolvedJSON)
        }
    }

    // MARK: - Runs

    func run(_ settings: Settings, client: String?) throws(ExplorerError) -> ExplorerRun {
        let loaded = try scenario(settings)
        let key = (try? loaded.resolvedJSON.serialized(pretty: false)) ?? UUID().uuidString
        let ticket = gate.ticket(for: client)
        if let cached = cache.value(key) { return cached }
        switch gate.enter(client: client, ticket: ticket, timeout: queueTimeout) {
        case .admitted: break
        case .stale: throw ExplorerError(204, "superseded by a newer request from the same page")
        case .busy: throw ExplorerError(503, "the explorer is busy with other runs; try again")
        }
        defer { gate.leave() }
        let start = Date()
        // The run `firmpaths run` does (same simulation, executor and seed), observed step by step
        // instead of written to files.
        let simulation = Simulation(scenario: loaded.scenario, seed: loaded.scenario.seed.value)
        var recorder = RunResults.Recorder(simulation)
        do {
            try RunExecutor.run(simulation, threads: 1) { simulation, _ in
                recorder.observe(simulation)
                if gate.isStale(client: client, ticket: ticket) { throw RunCancelled() }
            }
        } catch {
            throw ExplorerError(204, "superseded by a newer request from the same page")
        }
        let results = recorder.finish(simulation)
        let json = figures(loaded: loaded, settings: settings, results: results, seconds: Date().timeIntervalSince(start))
        let run = ExplorerRun(loaded: loaded, results: results, json: json)
        cache.store(key, run)
        return run
    }

    func figures(loaded: LoadedScenario, settings: Settings, results: RunResults, seconds: Double) -> JSONValue {
        let firms = results.firms
        let summary = results.summary
        let examples = results.examples
        let total = max(1, firms.count)
        let paths: [JSONValue] = PathNames.all.map { name in
            let count = firms.filter { $0.path == name }.count
            return .object(JSONObject([("name", .string(name)), ("label", .string(PathNames.display(name))),
                                       ("color", .string(PathStyle.of(name).color)),
                                       ("count", .number(Double(count))), ("share", .number(Double(count) / Double(total))),
                                       ("example", examples[name].map { .number(Double($0)) } ?? .null)]))
        }
        let lastYear = summary.years - 1
        let alive = summary.alive.reduce(0) { $0 + $1[lastYear] }
        let exporting = summary.exporting.reduce(0) { $0 + $1[lastYear] }
        let everExported = firms.filter { !($0.value("first_export_year") ?? "").isEmpty }.count
        let exportingByYear: [JSONValue] = (0..<summary.years).map { y in
            let a = summary.alive.reduce(0) { $0 + $1[y] }
            return .number(a > 0 ? Double(summary.exporting.reduce(0) { $0 + $1[y] }) / Double(a) : 0)
        }
        let sections = RunReport.runSections(results, explainDirectory: "Results/" + loaded.scenario.name,
                                              symbolHint: Self.ladderSymbolHint)
        let sectionJSON: [JSONValue] = sections.map { section in
            var figures: [JSONValue] = []
            var notes: [JSONValue] = []
            for block in section.blocks {
                switch block {
                case let .figure(figure): figures.append(Self.figureJSON(figure))
                case let .figureRow(row): figures += row.map(Self.figureJSON)
                case let .paragraph(text): notes.append(.string(text))
                case let .subheading(text): notes.append(.string(text))
                default: break
                }
            }
            return .object(JSONObject([("heading", .string(section.heading)), ("figures", .array(figures)), ("notes", .array(notes))]))
        }
        let s = loaded.scenario
        return .object(JSONObject([
            ("scenario", .string(settings.scenario)), ("firms", .number(Double(s.population.firms))), ("years", .number(Double(s.years))),
            ("seed", .string(String(s.seed.value))), ("total", .number(Double(firms.count))), ("paths", .array(paths)),
            ("exportingShare", .number(alive > 0 ? Double(exporting) / Double(alive) : 0)),
            ("everExportedShare", .number(Double(everExported) / Double(total))),
            ("exportingByYear", .array(exportingByYear)),
            ("overrides", .array(Self.overrides(settings, base: scenarios.first { $0.name == settings.scenario }!.loaded).map { .string($0) })),
            ("sections", .array(sectionJSON)),
            ("seconds", .number((seconds * 1000).rounded() / 1000)),
        ]))
    }

    /// The ladder caption's sentence on the symbols, as the page shows them: a hover title, and
    /// the same causes in a list under the chart (for touch screens); the handout prints the
    /// stories instead.
    static let ladderSymbolHint = "Hover a symbol for its cause, or open the list of events under the chart; "
        + "click the chart for the firm's story."

    static func figureJSON(_ figure: HTMLFigure) -> JSONValue {
        .object(JSONObject([("svg", .string(figure.svg)), ("caption", .string(figure.caption)),
                            ("notes", .array(figure.notes.map { .string($0) }))]))
    }

    func story(_ settings: Settings, client: String?) throws(ExplorerError) -> JSONValue {
        guard let firm = settings.firm else { throw ExplorerError(400, "a story needs a firm (\"firm\": ID)") }
        let run = try run(settings, client: client)
        guard let record = run.results.firms.first(where: { $0.firm == firm }), let story = run.results.story(of: firm) else {
            let ids = run.results.firms.map(\.firm)
            throw ExplorerError(400, "no firm \(firm) in this run (firms \(ids.min() ?? 0) to \(ids.max() ?? 0))")
        }
        let events = run.results.eventsByFirm[firm] ?? []
        let ladder: JSONValue = events.contains { !$0.market.isEmpty }
            ? .string(RunCharts.ladder(firm: firm, path: record.path, events: events, stepsPerYear: run.results.stepsPerYear,
                                       years: run.results.years))
            : .null
        return .object(JSONObject([
            ("firm", .number(Double(firm))), ("path", .string(record.path)), ("label", .string(PathNames.display(record.path))),
            ("rule", .string(record.rule)), ("lines", .array(story.lines().map { .string($0) })),
            ("brief", .array(story.brief().map { .string($0) })), ("ladder", ladder),
        ]))
    }

    // MARK: - Scenarios

    func scenarioList() -> JSONValue {
        let list: [JSONValue] = scenarios.map { name, loaded in
            let values = LeverCatalog.all.compactMap { lever -> (String, JSONValue)? in
                lever.current(loaded.resolvedJSON).map { (lever.id, $0) }
            }
            return .object(JSONObject([
                ("name", .string(name)), ("description", .string(loaded.scenario.description)),
                ("firms", .number(Double(loaded.scenario.population.firms))), ("years", .number(Double(loaded.scenario.years))),
                ("values", .object(JSONObject(values))),
            ]))
        }
        return .object(JSONObject([
            ("default", .string(defaultScenario)), ("maxFirms", .number(Double(maxFirms))),
            ("levers", .array(LeverCatalog.all.map(\.json))), ("scenarios", .array(list)),
        ]))
    }

    static func text(_ value: JSONValue) -> String {
        (try? value.serialized(pretty: false)) ?? #"{"error": "a figure could not be written as JSON"}"#
    }

    static func fileName(_ name: String) -> String {
        String(name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" }.prefix(60))
    }
}
