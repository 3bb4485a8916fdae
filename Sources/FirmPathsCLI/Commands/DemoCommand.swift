import FirmPathsEngine
import FirmPathsIO
import FirmPathsModel
import FirmPathsReport
import Foundation

/// `firmpaths demo [SCENARIO]`: a small population simulated and drawn in the terminal within
/// seconds, for classrooms. Fits 80 columns x 30 rows. The run is saved (Results/demo) so that
/// `firmpaths explain` tells the very firms the demo described.
struct DemoCommand: Command {
    static let name = "demo"
    static let summary = "Simulate a small population and draw the paths in the terminal (classroom)"
    static let help = """
    Usage: firmpaths demo [SCENARIO] [--firms N] [--seed N] [--set PATH=VALUE]... [--out DIR] [--no-save]

    Runs SCENARIO (default: default) with a small population and draws in the terminal
    (80 columns x 30 rows): the share of firms on each path, a year-by-year strip of the
    share of living firms at each establishment mode, and one example firm per path, told in
    the firm's own age. The run is saved in DIR (default Results/demo: files, report.html),
    replacing an earlier demo's run there but nothing else, so `firmpaths explain DIR --firm N`
    tells the firms shown. Colour on a terminal; plain text when piped or with NO_COLOR set.

    Options:
      --firms N           population size (default 300)
      --seed N            run seed (default: the scenario's seed)
      --set PATH=VALUE    override a parameter (repeatable), e.g. --set policy.exportPromotion=0.5
      --out DIR           where to save the run (default Results/demo)
      --no-save           simulate in memory and write nothing

    At most 2400000 firm-steps (firms x years x steps per year; e.g. 20,000 x 30 x 4);
    larger runs are refused (exit 65): use `firmpaths run`.

    Examples:
      firmpaths demo
      firmpaths demo born-global-niche --seed 7
      firmpaths demo --set policy.exportPromotion=0.5 | less

    """

    static let width = 80
    static let maxLines = 30
    static let defaultDirectory = "Results/demo"
    /// The demo's cap: 20,000 firms (the --firms maximum) x 30 years x 4 steps, seconds on a laptop.
    static let maximumFirmSteps = 2_400_000

    static func run(_ arguments: [String], console: Console) throws(CLIError) {
        let parsed = try Arguments(arguments, options: ["--firms", "--seed", "--set", "--out"], flags: ["--no-save"], usage: help)
        guard parsed.positionals.count <= 1 else {
            throw CLIError(.usage, "expected at most one SCENARIO, found \(parsed.positionals.count)", usage: help)
        }
        if parsed.has("--no-save") && parsed.value("--out") != nil {
            throw CLIError(.usage, "--out and --no-save contradict each other", usage: help)
        }
        let argument = parsed.positionals.first ?? "default"
        let firms = try parsed.int("--firms", usage: help, range: 1...20_000) ?? 300
        let loaded = try ScenarioResolution.load(argument, overrides: ["population.firms=\(firms)"] + parsed.all("--set"),
                                                 environment: console.environment)
        let scenario = loaded.scenario
        let firmSteps = Double(scenario.population.firms) * Double(scenario.years) * Double(scenario.stepsPerYear)
        guard firmSteps <= Double(maximumFirmSteps) else {
            throw CLIError(.dataError, "the demo is for a classroom and simulates at most \(maximumFirmSteps) firm-steps (firms x years "
                + "x steps per year), found \(scenario.population.firms) x \(scenario.years) x \(scenario.stepsPerYear); "
                + "use `firmpaths run` for larger runs")
        }
        let seed = try parsed.seed("--seed", usage: help) ?? loaded.scenario.seed.value
        let directory: String? = parsed.has("--no-save") ? nil : parsed.value("--out") ?? defaultDirectory
        let start = Date()
        let results: RunResults
        if let directory {
            // Locked while the demo replaces its run and report (StagedOutput: all files or none).
            results = try OutputHold.holding(directory, command: ["demo"] + arguments) { () throws(CLIError) -> RunResults in
                try prepare(directory)
                do throws(EngineError) {
                    let options = SingleRunOptions(directory: directory, overwrite: true, threads: ThreadCount.available(),
                                                   commandLine: ["firmpaths", "demo"] + arguments)
                    _ = try SingleRun.execute(scenario: loaded.scenario, resolvedScenario: loaded.resolvedJSON,
                                              scenarioFile: loaded.file, seed: seed, options: options)
                } catch {
                    throw CLIError(error)
                }
                _ = try ReportCommand.write(directory: directory)
                do throws(ReportError) {
                    return try RunResults.load(directory: directory)
                } catch {
                    throw CLIError(error.isIOFailure ? .ioError : .dataError, error.description)
                }
            }
        } else {
            results = simulate(loaded.scenario, seed: seed)
        }
        let seconds = Date().timeIntervalSince(start)
        let lines = render(results, scenario: loaded.scenario, seed: seed, seconds: seconds, colour: console.useColor,
                           directory: directory)
        console.out(lines.joined(separator: "\n") + "\n")
    }

    /// Refuses to write into a directory that holds anything but an earlier demo's run.
    static func prepare(_ directory: String) throws(CLIError) {
        let manager = FileManager.default
        let contents = ((try? manager.contentsOfDirectory(atPath: directory)) ?? []).filter { !$0.hasPrefix(".") }
        guard !contents.isEmpty else { return }
        let manifest = try? RunManifest.load(directory: directory)
        let known: Set<String> = [RunFiles.manifest, RunFiles.firms, RunFiles.events, RunFiles.trajectories, RunFiles.report,
                                  "markets.csv", "exports.csv", "years.csv"]
        guard manifest?.command.dropFirst().first == "demo", Set(contents).isSubset(of: known) else {
            throw CLIError(.dataError, "'\(directory)' holds files that an earlier `firmpaths demo` did not write; "
                + "the demo replaces only its own runs: give --out DIR (a new or demo directory) or --no-save")
        }
    }

    /// The same results without files: the run in memory, recorded step by step.
    static func simulate(_ scenario: Scenario, seed: UInt64) -> RunResults {
        let simulation = Simulation(scenario: scenario, seed: seed)
        var recorder = RunResults.Recorder(simulation)
        RunExecutor.run(simulation, threads: ThreadCount.available()) { simulation, _ in recorder.observe(simulation) }
        return recorder.finish(simulation)
    }

    // MARK: - Drawing

    static let modeColours = ["90", "36", "32", "33", "31"]
    static let modeLabels = ["0 no operation", "1 irregular export", "2 agent/distributor", "3 subsidiary/partner",
                             "4 production abroad"]

    static func render(_ r: RunResults, scenario: Scenario, seed: UInt64, seconds: Double, colour: Bool,
                       directory: String?) -> [String] {
        func paint(_ text: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
        func pad(_ text: String, _ n: Int) -> String { text.count >= n ? text : text + String(repeating: " ", count: n - text.count) }
        func left(_ text: String, _ n: Int) -> String { text.count >= n ? text : String(repeating: " ", count: n - text.count) + text }
        var out: [String] = []
        let total = max(1, r.firms.count)
        let title = wrap("FirmPaths demo: \(scenario.name), \(r.firms.count) firms, \(scenario.years) years, seed \(seed) "
            + "(\(EventWording.fixed(seconds, 2)) s)", width: width)
        out += title.enumerated().map { $0 == 0 ? paint($1, "1") : $1 }
        out.append(paint("Paths", "1") + " (share of all firms, classified from each firm's whole trajectory)")
        let paths = PathNames.all
        let counts = paths.map { name in r.firms.filter { $0.path == name }.count }
        let labelWidth = max(13, paths.map { PathNames.display($0).count }.max() ?? 13) + 1
        let barWidth = width - 2 - labelWidth - 6 - 7
        let largest = max(1, counts.max() ?? 1)
        for (i, path) in paths.enumerated() {
            let cells = Double(counts[i]) / Double(largest) * Double(barWidth)
            let share = EventWording.fixed(Double(counts[i]) / Double(total) * 100, 1) + "%"
            out.append("  " + pad(PathNames.display(path), labelWidth)
                + paint(pad(bar(cells), barWidth), PathStyle.of(path).terminalColor) + left(String(counts[i]), 6) + left(share, 7))
        }
        out.append("")
        // Share of living firm-steps at each highest mode, one column per shown year.
        let years = r.summary.years
        let stripRoom = width - 24 - 5
        let cell = years * 2 <= stripRoom ? 2 : 1
        let stride = max(1, (years * cell + stripRoom - 1) / stripRoom)
        let shownYears = Array(Swift.stride(from: 0, to: years, by: stride))
        var axis = [Character](repeating: " ", count: shownYears.count * cell)
        for (k, y) in shownYears.enumerated() where y % 5 == 0 {
            for (j, ch) in String(y).enumerated() where k * cell + j < axis.count { axis[k * cell + j] = ch }
        }
        out.append(paint(pad("Highest mode by year", 24), "1") + String(axis) + left("last", 5))
        let modeCounts = r.summary.maxMode
        func alive(_ y: Int) -> Int { (0...4).reduce(0) { $0 + modeCounts[$1][y] } }
        for mode in 0...4 {
            var strip = ""
            for y in shownYears {
                let living = alive(y)
                strip += String(repeating: level(living > 0 ? Double(modeCounts[mode][y]) / Double(living) : 0), count: cell)
            }
            let lastYear = max(0, years - 1)
            let lastShare = alive(lastYear) > 0 ? Double(modeCounts[mode][lastYear]) / Double(alive(lastYear)) : 0
            out.append("  " + pad(modeLabels[mode], 22) + paint(pad(strip, shownYears.count * cell), modeColours[mode])
                + left(EventWording.fixed(lastShare * 100, 0) + "%", 5))
        }
        out.append("")
        out.append(paint("One firm per path", "1") + ", in the firm's age (years since its founding)")
        var closing: [String]
        let examples = r.examples
        let firstExample = paths.compactMap { examples[$0] }.first ?? 0
        if let directory {
            closing = wrap("Saved in \(directory)/ (report.html there). A firm's whole story:", width: width)
                + ["  firmpaths explain \(directory) --firm \(firstExample)"]
        } else {
            closing = wrap("Not saved (--no-save); without it the run is saved in \(defaultDirectory)/ for explain.",
                           width: width)
        }
        // Each firm gets one line, and more while the screen has room; parts that do not fit are
        // left out whole (`explain` tells everything), never cut.
        let candidates = paths.compactMap { path in examples[path].map { (path: path, firm: $0) } }
        let candidateHeads = candidates.map {
            "  firm \($0.firm) (" + paint(PathNames.display($0.path), PathStyle.of($0.path).terminalColor) + "): "
        }
        let candidateLaid = candidates.indices.map { k in
            layout(summary(of: candidates[k].firm, in: r), firstWidth: width - visibleCount(candidateHeads[k]), width: width - 6)
        }
        // The fewest lines that tell a firm's first part whole.
        let candidateLeast = candidateLaid.map { lines in (lines.firstIndex(where: \.endsPart) ?? (lines.count - 1)) + 1 }
        var budget = maxLines - out.count - closing.count
        // Which firms are shown: in the order of the paths (the mission's paths first), as long as
        // their fewest lines fit; when the screen is short the last paths are left out, not the first.
        var shown: [Int] = []
        var reserved = 0
        for k in candidates.indices where reserved + candidateLeast[k] <= budget {
            shown.append(k)
            reserved += candidateLeast[k]
        }
        let present = shown.map { candidates[$0] }
        let heads = shown.map { candidateHeads[$0] }
        let laid = shown.map { candidateLaid[$0] }
        let least = shown.map { candidateLeast[$0] }
        for k in present.indices {
            // Later firms keep their fewest lines; a story is shortened by whole parts only.
            let room = budget - least[(k + 1)...].reduce(0, +)
            guard room >= least[k] else { continue }
            var count = laid[k].count
            if count > room { count = (laid[k].prefix(room).lastIndex(where: \.endsPart) ?? 0) + 1 }
            var lines = laid[k].prefix(count).map(\.text)
            if count < laid[k].count, let last = lines.last, last.hasSuffix(",") { lines[lines.count - 1] = String(last.dropLast()) }
            out += lines.enumerated().map { ($0 == 0 ? heads[k] : "      ") + $1 }
            budget -= lines.count
        }
        out += closing
        return out
    }

    /// Lays the parts out joined by ", " on lines of `firstWidth`, then `width`, columns, each
    /// part whole on one line; only a part longer than a line is wrapped at its words. A line
    /// says whether a part ends on it, so a story can be shortened without cutting a part.
    static func layout(_ parts: [String], firstWidth: Int, width: Int) -> [(text: String, endsPart: Bool)] {
        var lines: [(text: String, endsPart: Bool)] = []
        var line = ""
        for (k, part) in parts.enumerated() {
            let piece = part + (k + 1 < parts.count ? "," : "")
            let room = lines.isEmpty ? firstWidth : width
            if !line.isEmpty && line.count + 1 + piece.count <= room {
                line += " " + piece
                continue
            }
            if !line.isEmpty { lines.append((line, true)) }
            let pieces = wrap(piece, width: lines.isEmpty ? firstWidth : width)
            if pieces.count > 1 {
                // The first piece may use the first line's width, the rest the others'.
                let rest = wrap(pieces.dropFirst().joined(separator: " "), width: width)
                lines.append((pieces[0], false))
                lines += rest.dropLast().map { ($0, false) }
                line = rest.last ?? ""
            } else {
                line = piece
            }
        }
        if !line.isEmpty { lines.append((line, true)) }
        return lines
    }

    /// Breaks `text` at spaces into lines of at most `width` columns (a word longer than the
    /// line gets a line of its own).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if line.isEmpty {
                line = String(word)
            } else if line.count + 1 + word.count <= width {
                line += " " + word
            } else {
                lines.append(line)
                line = String(word)
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// A horizontal bar of `cells` character cells with eighth-cell resolution.
    static func bar(_ cells: Double) -> String {
        let eighths = Int((max(0, cells) * 8).rounded())
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        var text = String(repeating: "█", count: eighths / 8) + partial[eighths % 8]
        if text.isEmpty && cells > 0 { text = "▏" }
        return text
    }

    /// A block whose height shows a share: blank for none, full block for all.
    static func level(_ share: Double) -> Character {
        let blocks: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        guard share > 0 else { return " " }
        return blocks[max(1, min(8, Int((share * 8).rounded(.up))))]
    }

    static func visibleCount(_ text: String) -> Int {
        var count = 0
        var inEscape = false
        for ch in text {
            if ch == "\u{1B}" { inEscape = true }
            if inEscape {
                if ch == "m" { inEscape = false }
                continue
            }
            count += 1
        }
        return count
    }

    /// "first export at age 0 to far_rich-2 via own search, 6 markets in 3 regions by age 5, ...".
    static func summary(of firm: Int, in r: RunResults) -> [String] {
        let events = r.eventsByFirm[firm] ?? []
        let record = r.firms.first { $0.firm == firm }
        let perYear = max(1, r.stepsPerYear)
        let foundedStep = record.flatMap { Int($0.value("founded_step") ?? "") }
            ?? events.first(where: { $0.event == "founded" })?.step ?? 0
        func age(_ e: EventRecord) -> Int { max(0, e.step - foundedStep) / perYear }
        var parts: [String] = []
        if let first = events.first(where: { $0.event == "enter" }) {
            let via = EventWording.cause(first.cause).replacingOccurrences(of: "its ", with: "")
                .replacingOccurrences(of: "an ", with: "").replacingOccurrences(of: "a ", with: "")
            // Entering at mode 1 is not yet selling: the first foreign sale may come a year later.
            let firstSale = record.flatMap { Int($0.value("first_export_age") ?? "") }
            if let firstSale, firstSale != age(first) {
                parts.append("entered \(first.market) at age \(age(first)) via \(via)")
                parts.append("first sale abroad at age \(firstSale)")
            } else if firstSale == nil {
                parts.append("entered \(first.market) at age \(age(first)) via \(via)")
                parts.append("never sold abroad")
            } else {
                parts.append("first export at age \(age(first)) to \(first.market) via \(via)")
            }
            let entries = events.filter { $0.event == "enter" }
            let markets = Set(entries.map(\.market)).count
            let regions = Set(entries.map(\.region)).count
            parts.append("\(markets) market\(markets == 1 ? "" : "s") in \(regions) region\(regions == 1 ? "" : "s")"
                + (markets > 1 ? " by age \(entries.last.map(age) ?? 0)" : ""))
            if let deepest = events.filter({ ["enter", "upgrade"].contains($0.event) }).max(by: { $0.toMode < $1.toMode }),
               deepest.toMode >= 2 {
                parts.append(EventWording.modeName(deepest.toMode, partnered: deepest.partnered) + " in \(deepest.market)")
            }
            if let back = events.first(where: { $0.event == "backsource" }) {
                parts.append("moved production home from \(back.market) at age \(age(back))")
            }
            let exits = events.filter { $0.event == "exit" }.count
            if exits > 0 { parts.append("left \(exits) market\(exits == 1 ? "" : "s")") }
        } else {
            let employees = record.flatMap { Double($0.value("employees") ?? "") } ?? 0
            parts.append("never exported, \(Int(employees.rounded())) employees at founding")
        }
        if let died = events.first(where: { $0.event == "died" }) {
            parts.append("closed at age \(age(died)) (\(died.cause == "bankruptcy" ? "bankrupt" : "base death rate"))")
        }
        return parts
    }
}
