import FirmPathsEngine
@testable import FirmPathsExplorer
import FirmPathsIO
import FirmPathsModel
import FirmPathsReport
import FirmPathsServer
import Foundation
import HTTPTestClient
import Testing

/// The explorer's routes over a real socket, on a small scenario (debug builds are slow).
@Suite(.serialized) struct ExplorerTests {
    static let small = #"{"name": "small", "description": "test", "years": 8, "population": {"firms": 60}}"#

    static func explorer() throws -> Explorer {
        let loaded = try ScenarioLoader.load(bytes: Array(small.utf8), file: "small.json")
        return Explorer(scenarios: [("small", loaded)], defaultScenario: "small", maxFirms: 400)
    }

    func withExplorer(_ body: (RawClient) throws -> Void) throws {
        let server = HTTPServer(configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0), handler: try Self.explorer())
        let port = try server.start()
        defer { server.stop() }
        let client = try #require(RawClient(port: port))
        try body(client)
    }

    static func json(_ text: String) throws -> JSONValue {
        try JSONParser.parse(text, file: "response", recordPositions: false).value
    }

    @Test func servesThePageAndItsEmbeddedAssetsOnly() throws {
        try withExplorer { client in
            let page = try #require(client.request("GET", "/"))
            #expect(page.status == 200)
            #expect(page.headers["content-type"]?.hasPrefix("text/html") == true)
            #expect(page.headers["content-security-policy"]?.contains("default-src 'self'") == true)
            #expect(page.body.contains("/assets/explorer.js"))
            #expect(!page.body.contains("http://") && !page.body.contains("https://"))
            let script = try #require(client.request("GET", "/assets/explorer.js"))
            #expect(script.status == 200 && script.body.contains("/api/run"))
            #expect(client.request("GET", "/assets/explorer.css")?.status == 200)
            #expect(client.request("GET", "/assets/Package.swift")?.status == 404)
            #expect(client.request("GET", "/etc/passwd")?.status == 404)
            #expect(client.request("GET", "/api/nothing")?.status == 404)
            #expect(client.request("DELETE", "/api/run")?.status == 405)
            #expect(client.request("GET", "/api/run")?.status == 405)
        }
    }

    @Test(arguments: ["/assets/../Package.swift", "/assets/%2e%2e/%2e%2e/etc/passwd", "/../../../../etc/passwd",
                      "/assets/..%2f..%2fSources/FirmPathsExplorer/Explorer.swift"])
    func refusesPathTraversal(target: String) throws {
        try withExplorer { client in
            let response = try #require(client.request("GET", target))
            #expect(response.status == 400)
            #expect(response.body.contains("climbs out"))
        }
    }

    @Test func listsScenariosAndLevers() throws {
        try withExplorer { client in
            let response = try #require(client.request("GET", "/api/scenarios"))
            #expect(response.status == 200)
            let json = try Self.json(response.body)
            #expect(json["scenarios"]?.arrayValue?.first?["name"]?.stringValue == "small")
            let ids = json["levers"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
            #expect(ids.contains("policy.exportPromotion") && ids.contains("population.globalVision") && ids.contains("seed"))
            #expect(json["scenarios"]?[0]?["values"]?["policy.exportPromotion"]?.doubleValue == 0)
            #expect(json["scenarios"]?[0]?["values"]?["model.psychicDistance.enabled"]?.boolValue == true)
        }
    }

    @Test(arguments: [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "must be a JSON object"),
        (#"{"scenario": "nowhere"}"#, "unknown scenario 'nowhere'"),
        (#"{"scenario": "small", "levers": {"policy.exportPromotio": 0.5}}"#, "did you mean 'policy.exportPromotion'"),
        (#"{"scenario": "small", "levers": {"model.surprises.enabled": 3}}"#, "expects true or false"),
        (#"{"scenario": "small", "levers": {"seed": "x"}}"#, "expects a number"),
        (#"{"scenario": "small", "levers": {"population.firms": 5000}}"#, "at most 400 firms"),
        (#"{"scenario": "small", "colour": 1}"#, "unknown setting 'colour'"),
    ])
    func refusesBadRequestsWithAReason(body: String, message: String) throws {
        try withExplorer { client in
            let response = try #require(client.request("POST", "/api/run", body: body))
            #expect(response.status == 400)
            let error = try Self.json(response.body)["error"]?.stringValue ?? ""
            #expect(error.contains(message), "\(error)")
        }
    }

    @Test func refusesAnEmptyBody() throws {
        try withExplorer { client in
            #expect(client.request("POST", "/api/run", body: "")?.status == 400)
        }
    }

    /// Out-of-range lever values get the scenario validator's own message, as `run --set` prints it.
    @Test(arguments: [("policy.exportPromotion", "1.5"), ("population.firms", "0"), ("population.globalVision", "-0.2"),
                      ("model.psychicDistance.distanceAversion", "-1"), ("policy.innovationSupport", "1")])
    func outOfRangeLeversGetTheValidatorsMessage(lever: String, value: String) throws {
        let loaded = try ScenarioLoader.load(bytes: Array(Self.small.utf8), file: "small.json")
        let overrides = LeverCatalog.lever(lever)!.overrides(try Self.json(value), loaded.resolvedJSON)
        var expected = ""
        do {
            _ = try ScenarioLoader.apply(overrides: overrides, to: loaded)
            Issue.record("\(lever)=\(value) was accepted by the validator")
        } catch {
            expected = error.description
        }
        try withExplorer { client in
            let response = try #require(client.request("POST", "/api/run",
                                                       body: #"{"scenario": "small", "levers": {"\#(lever)": \#(value)}}"#))
            #expect(response.status == 400)
            #expect(try Self.json(response.body)["error"]?.stringValue == expected)
            #expect(!expected.isEmpty)
        }
    }

    /// The downloaded scenario, run as `firmpaths run` runs it, gives the page's path counts and
    /// the very bytes of the tables the page's charts were drawn from; its stories are `explain`'s.
    @Test func downloadedScenarioReproducesThePageExactly() throws {
        let explorer = try Self.explorer()
        let levers = #"{"policy.exportPromotion": 0.6, "population.globalVision": 0.7, "seed": 9, "environment.crisisYear": 3,"#
            + #" "population.knowledgeIntensiveShare": 0.5, "model.surprises.enabled": false}"#
        let settings = #"{"scenario": "small", "levers": \#(levers)}"#
        let server = HTTPServer(configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0), handler: explorer)
        let port = try server.start()
        defer { server.stop() }
        let client = try #require(RawClient(port: port))
        let run = try #require(client.request("POST", "/api/run", body: settings))
        #expect(run.status == 200)
        let page = try Self.json(run.body)
        let query = "scenario=small&levers=" + levers.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let download = try #require(client.request("GET", "/api/scenario?" + query))
        #expect(download.status == 200)
        #expect(download.headers["content-disposition"]?.contains("small-explore.json") == true)
        let posted = try #require(client.request("POST", "/api/scenario", body: settings))
        #expect(posted.body == download.body)

        // `firmpaths run FILE`: the file's own seed, one run directory.
        let loaded = try ScenarioLoader.load(bytes: Array(download.body.utf8), file: "small-explore.json")
        #expect(loaded.scenario.seed.value == 9)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("explore-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try SingleRun.execute(scenario: loaded.scenario, resolvedScenario: loaded.resolvedJSON, scenarioFile: loaded.file,
                                           seed: loaded.scenario.seed.value, options: SingleRunOptions(directory: directory, threads: 2))
        for entry in page["paths"]?.arrayValue ?? [] {
            let name = try #require(entry["name"]?.stringValue)
            let path = try #require(TrajectoryPath.allCases.first { $0.description == name })
            #expect(entry["count"]?.intValue == result.pathCounts[path] ?? 0, "\(name)")
        }
        #expect(page["total"]?.intValue == 60)
        let cached = try #require(explorer.cache.value(try loaded.resolvedJSON.serialized(pretty: false)))
        #expect(cached.results.firms == (try FirmRecord.loadAll(directory: directory)))
        let fileSummary = try TrajectorySummary.load(directory: directory, firms: cached.results.firms, years: 8)
        #expect(cached.results.summary.alive == fileSummary.alive)
        #expect(cached.results.summary.exporting == fileSummary.exporting)
        #expect(cached.results.summary.quadrant == fileSummary.quadrant)
        #expect(cached.results.summary.dollinger == fileSummary.dollinger)
        var fileEvents = 0
        try EventReader(directory: directory).forEach { _ in fileEvents += 1 }
        #expect(cached.results.eventsByFirm.values.reduce(0) { $0 + $1.count } == fileEvents)

        // The report's path chart from the directory is the page's path chart.
        let report = try RunReport.build(directory: directory)
        guard case let .figure(figure) = report.sections[0].blocks[0] else { Issue.record("no path chart"); return }
        #expect(page["sections"]?[0]?["figures"]?[0]?["svg"]?.stringValue == figure.svg)

        // The ladders: the report's hover notes travel with each figure, and the caption says where
        // the page shows them (not "listed below in print", which only report.html does).
        let reportLadders = report.sections.flatMap(\.blocks).compactMap { block -> HTMLFigure? in
            if case let .figure(f) = block, f.caption.hasPrefix("Firm ") { return f } else { return nil }
        }
        let pageLadders = (page["sections"]?.arrayValue ?? []).flatMap { $0["figures"]?.arrayValue ?? [] }
            .filter { $0["caption"]?.stringValue?.hasPrefix("Firm ") == true }
        #expect(!reportLadders.isEmpty && pageLadders.count == reportLadders.count)
        for (onPage, inReport) in zip(pageLadders, reportLadders) {
            #expect(onPage["notes"]?.arrayValue?.compactMap(\.stringValue) == inReport.notes)
            #expect(!inReport.notes.isEmpty)
            let caption = onPage["caption"]?.stringValue ?? ""
            #expect(caption.contains(Explorer.ladderSymbolHint) && !caption.contains("in print"), "\(caption)")
            #expect(inReport.caption.contains(RunReport.printedSymbolHint))
        }

        // Every firm's story is explain's story.
        for firm in 0..<60 {
            let story = try #require(client.request("POST", "/api/story",
                                                    body: #"{"scenario": "small", "levers": \#(levers), "firm": \#(firm)}"#))
            #expect(story.status == 200)
            let told = try FirmStory.load(directory: directory, firm: firm)
            let lines = try Self.json(story.body)["lines"]?.arrayValue?.compactMap(\.stringValue)
            #expect(lines == told.lines(), "firm \(firm)")
            // The print handout tells the brief, as `explain --brief` does.
            let brief = try Self.json(story.body)["brief"]?.arrayValue?.compactMap(\.stringValue)
            #expect(brief == told.brief(), "firm \(firm)")
        }
        let missing = try #require(client.request("GET", "/api/story?scenario=small&firm=999"))
        #expect(missing.status == 400)
        #expect(missing.body.contains("no firm 999"))
    }

    /// A page that asks again stops its own older run (answered 204: superseded, nothing to show).
    @Test func aNewerRequestStopsTheOlderRunOfThePage() throws {
        let loaded = try ScenarioLoader.load(bytes: Array(#"{"name": "long", "years": 60, "population": {"firms": 400}}"#.utf8),
                                             file: "long.json")
        let explorer = Explorer(scenarios: [("long", loaded)], maxFirms: 400)
        let server = HTTPServer(configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0), handler: explorer)
        let port = try server.start()
        defer { server.stop() }
        let old = try #require(RawClient(port: port))
        let new = try #require(RawClient(port: port))
        let status = ResultBox()
        let thread = Thread {
            status.value = old.request("POST", "/api/run", body: #"{"scenario": "long"}"#, headers: ["X-Client-Id: page-7"])?.status ?? 0
        }
        thread.start()
        // Once the long run is under way, the same page asks for a small one.
        while explorer.gate.runningCount == 0 { usleep(5_000) }
        let answer = try #require(new.request("POST", "/api/run", body: #"{"scenario": "long", "levers": {"population.firms": 20}}"#,
                                              headers: ["X-Client-Id: page-7"]))
        #expect(answer.status == 200)
        while status.value == nil { usleep(10_000) }
        #expect(status.value == 204)
    }

    @Test func aNewerRequestOfThePageMakesTheOlderStale() {
        let gate = RunGate(capacity: 1)
        let first = gate.ticket(for: "page-1")
        #expect(!gate.isStale(client: "page-1", ticket: first))
        #expect(gate.enter(client: "page-1", ticket: first, timeout: 1) == .admitted)
        let other = gate.ticket(for: "page-2")
        let second = gate.ticket(for: "page-1")
        #expect(gate.isStale(client: "page-1", ticket: first))
        #expect(!gate.isStale(client: "page-1", ticket: second))
        // The slot is taken: page-2 waits, then is told the explorer is busy.
        #expect(gate.enter(client: "page-2", ticket: other, timeout: 0.05) == .busy)
        // A request already superseded is not admitted at all.
        #expect(gate.enter(client: "page-1", ticket: first, timeout: 0.05) == .stale)
        gate.leave()
        #expect(gate.enter(client: "page-1", ticket: second, timeout: 1) == .admitted)
        gate.leave()
    }

    @Test func leversBecomeOverridesOfEverySegment() throws {
        let loaded = try ScenarioLoader.load(bytes: Array(Self.small.utf8), file: "small.json")
        let segments = loaded.resolvedJSON["population"]?["segments"]?.arrayValue?.count ?? 0
        let vision = LeverCatalog.lever("population.globalVision")!.overrides(.number(0.7), loaded.resolvedJSON)
        #expect(vision.count == segments)
        #expect(vision.first == "population.segments[0].globalVision.mean=0.7")
        let share = LeverCatalog.lever("population.knowledgeIntensiveShare")!.overrides(.number(0.5), loaded.resolvedJSON)
        let applied = try ScenarioLoader.apply(overrides: share, to: loaded)
        let shares = applied.resolvedJSON["population"]?["segments"]?.arrayValue?.compactMap { $0["share"]?.doubleValue } ?? []
        #expect(abs(shares.reduce(0, +) - 1) < 1e-9)
        let crisis = LeverCatalog.lever("environment.crisisYear")!.overrides(.number(-1), loaded.resolvedJSON)
        #expect(crisis == ["environment.crises=[]"])
    }
}

/// A value set by another thread.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Int?
    var value: Int? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
