import Dispatch
import FirmPathsExplorer
import FirmPathsIO
import FirmPathsServer
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `firmpaths explore [SCENARIO]`: the live classroom explorer, a local web page.
struct ExploreCommand: Command {
    static let name = "explore"
    static let summary = "Start the live explorer: a local web page where levers move and paths answer"
    static let help = """
    Usage: firmpaths explore [SCENARIO] [--port N] [--host ADDR] [--open] [--max-firms N]

    Starts a local web server and prints its address: a page with sliders and switches for
    policy, population and world levers; every change re-runs the model in memory and redraws
    the report's charts (paths, exporting over time, Johanson-Mattsson quadrants, stage models,
    example firms' ladders). Pin A and compare B, click a firm for its story (as `explain` tells
    it), switch to projector mode, print a handout, or download the scenario of the current
    settings: `firmpaths run` on it gives the same figures, byte for byte.
    The page works offline: its script and style are built into the binary; no request reads
    a file. Ctrl-C stops the server (exit 0).

    SCENARIO (a file or a bundled name) is selected first; the bundled scenarios are offered too.

    Options:
      --port N       first port to try (default 8700; the next free one is taken when it is busy)
      --host ADDR    IPv4 address to listen on (default 127.0.0.1, this machine only); any other
                     address lets everyone on that network use the explorer (a warning says so)
      --open         open the page in the system's browser (xdg-open) when there is one
      --max-firms N  the largest population a page may ask for (default 5000)

    Examples:
      firmpaths explore
      firmpaths explore born-global-niche --open
      firmpaths explore --host 0.0.0.0 --port 8800      # a classroom network

    """

    static func run(_ arguments: [String], console: Console) throws(CLIError) {
        let parsed = try Arguments(arguments, options: ["--port", "--host", "--max-firms"], flags: ["--open"], usage: help)
        guard parsed.positionals.count <= 1 else {
            throw CLIError(.usage, "expected at most one SCENARIO, found \(parsed.positionals.count)", usage: help)
        }
        let port = try parsed.int("--port", usage: help, range: 0...65535) ?? 8700
        let maxFirms = try parsed.int("--max-firms", usage: help, range: 1...1_000_000) ?? 5000
        let host = parsed.value("--host") ?? "127.0.0.1"
        var scenarios: [(name: String, loaded: LoadedScenario)] = []
        var first: String?
        if let argument = parsed.positionals.first {
            let loaded = try ScenarioResolution.load(argument, overrides: [], environment: console.environment)
            scenarios.append((loaded.scenario.name, loaded))
            first = loaded.scenario.name
        }
        for name in ScenarioResolution.bundledNames(environment: console.environment) where !scenarios.contains(where: { $0.name == name }) {
            // A bundled scenario that does not load is left out of the picker (`firmpaths check NAME` says why).
            if let loaded = try? ScenarioResolution.load(name, overrides: [], environment: console.environment) {
                scenarios.append((name, loaded))
            }
        }
        guard !scenarios.isEmpty else {
            throw CLIError(.ioError, "no scenarios to explore: give a SCENARIO file or run from a directory with Scenarios/")
        }
        if first == nil, scenarios.contains(where: { $0.name == "default" }) { first = "default" }
        let explorer = Explorer(scenarios: scenarios, defaultScenario: first, maxFirms: maxFirms)
        let configuration = HTTPServerConfiguration(host: host, port: port, portAttempts: port == 0 ? 1 : 100)
        let server = HTTPServer(configuration: configuration, handler: explorer)
        let bound: Int
        do {
            bound = try server.start()
        } catch {
            throw CLIError(.ioError, error.description)
        }
        if !configuration.isLoopback {
            console.err("warning: listening on \(host): anyone who can reach this machine on that network can use the explorer "
                + "(and make it run the model); use the default 127.0.0.1 to keep it to this machine\n")
        }
        let shownHost = host == "0.0.0.0" ? "127.0.0.1" : host
        let url = "http://\(shownHost):\(bound)/"
        console.out("FirmPaths explorer: \(url)  (\(scenarios.count) scenarios; Ctrl-C stops it)\n")
        if parsed.has("--open") { openBrowser(url, console: console) }

        let stop = DispatchSemaphore(value: 0)
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let sources = [SIGINT, SIGTERM].map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { stop.signal() }
            source.resume()
            return source
        }
        stop.wait()
        console.out("stopping the explorer ...\n")
        server.stop()
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
        console.out("stopped (\(server.statistics.requests) requests answered)\n")
    }

    /// Starts xdg-open (or `open` on macOS) when it is on the PATH; says so when there is none.
    static func openBrowser(_ url: String, console: Console) {
        let path = console.environment["PATH"] ?? "/usr/bin:/bin"
        let tools = ["xdg-open", "open"]
        for tool in tools {
            for directory in path.split(separator: ":") {
                let candidate = "\(directory)/\(tool)"
                guard FileManager.default.isExecutableFile(atPath: candidate) else { continue }
                let process = Process()
                process.executableURL = URL(fileURLWithPath: candidate)
                process.arguments = [url]
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                if (try? process.run()) != nil { return }
            }
        }
        console.err("--open: no xdg-open on the PATH; open \(url) in a browser\n")
    }
}
