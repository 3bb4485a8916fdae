import FirmPathsEngine
import FirmPathsIO
import FirmPathsModel
import FirmPathsReport
import Foundation

/// `firmpaths demo [SCENARIO]`: a small population simulated in memory and drawn in the
/// terminal within seconds, for classrooms. Fits 100 columns x 30 rows.
struct DemoCommand: Command {
    static let name = "demo"
    static let summary = "Simulate a small population and draw the paths in the terminal (classroom)"
    static let help = """
    Usage: firmpaths demo [SCENARIO] [--firms N] [--seed N] [--set PATH=VALUE]...

    Runs SCENARIO (default: default) with a small population in memory, writes no files, and
    draws in the terminal (100 columns x 30 rows): the share of firms on each path, a
    year-by-year strip of how many living firms stand at each establishment mode, and one
    example firm per path in one line. Colour on a terminal; plain text when piped or with
    NO_COLOR set. `firmpaths run SCENARIO` writes the files and the HTML report.

    Options:
      --firms N           population size (default 300)
      --seed N            run seed (default: the scenario's seed)
      --set PATH=VALUE    override a parameter (repeatable), e.g. --set policy.exportPromotion=0.5

    Examples:
      firmpaths demo
      firmpaths demo born-global-niche --seed 7
      firmpaths demo --set policy.exportPromotion=0.5 | less

    """

    static let width = 100
    static let maxLines = 30

    static func run(_ arguments: [String], console: Console) throws(CLIError) {
        let parsed = try Arguments(arguments, options: ["--firms", "--seed", "--set"], flags: [], usage: help)
        guard parsed.positionals.count <= 1 else {
            throw CLIError(.usage, "expected at most one SCENARIO, found \(parsed.positionals.count)", usage: help)
        }
        let argument = parsed.positionals.first ?? "default"
        let firms = try parsed.int("--firms", usage: help, range: 1...20_000) ?? 300
        let loaded = try ScenarioResolution.load(argument, overrides: ["population.firms=\(firms)"] + parsed.all("--set"),
                                                 environment: console.environment)
        let seed = try parsed.seed("--seed", usage: help) ?? loaded.scenario.seed.value
        let start = Date()
        let result = simulate(loaded.scenario, seed: seed)
        let seconds = Date().timeIntervalSince(start)
        let reportPath = "Results/\(loaded.scenario.name)/report.html"
        let lines = render(result, seconds: seconds, colour: console.useColor,
                           reportExists: FileManager.default.fileExists(atPath: reportPath), argument: argument)
        console.out(lines.joined(separator: "\n") + "\n")
    }

    // MARK: - Simulation

    /// What the demo shows, gathered while the simulation runs.
    struct Result {
        var scenario: Scenario
        var seed: UInt64
        var outcomes: [FirmOutcome]
        /// Living firms at each highest mode 0...4 at the end of each year.
        var modeCounts: [[Int]]
        var eventsByFirm: [[FirmEvent]]
        var world: World
        var stepsPerYear: Int
        var employees: [Double]
        var diedStep: [Int]
    }

    static func simulate(_ scenario: Scenario, seed: UInt64) -> Result {
        let simulation = Simulation(scenario: scenario, seed: seed)
        var modeCounts: [[Int]] = []
        let perYear = scenario.stepsPerYear
        RunExecutor.run(simulation, threads: ThreadCount.available()) { simulation, _ in
            guard (simulation.currentStep + 1) % perYear == 0 else { return }
            var counts = [0, 0, 0, 0, 0]
            let store = simulation.store
            for firm in 0..<store.firmCount where store.alive[firm] {
                counts[min(4, max(0, Int(store.maxMode[firm])))] += 1
            }
            modeCounts.append(counts)
        }
        let store = simulation.store
        return Result(scenario: scenario, seed: seed, outcomes: simulation.firmOutcomes(), modeCounts: modeCounts,
                      eventsByFirm: simulation.eventsByFirm(), world: simulation.world, stepsPerYear: perYear,
                      employees: (0..<store.firmCount).map { store.initialEmployees[$0] },
                      diedStep: (0..<store.firmCount).map { Int(store.diedStep[$0]) })
    }

    // MARK: - Drawing

    static let pathColours = ["34", "33", "32", "31", "90", "35"]

    static func render(_ r: Result, seconds: Double, colour: Bool, reportExists: Bool, argument: String) -> [String] {
        func paint(_ text: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
        func pad(_ text: String, _ n: Int) -> String { text.count >= n ? text : text + String(repeating: " ", count: n - text.count) }
        func left(_ text: String, _ n: Int) -> String { text.count >= n ? text : String(repeating: " ", count: n - text.count) + text }
        var out: [String] = []
        let total = max(1, r.outcomes.count)
        out.append(paint("FirmPaths demo: \(r.scenario.name)", "1") + ", \(r.outcomes.count) firms, \(r.scenario.years) years, "
            + "seed \(r.seed) (simulated in \(EventWording.fixed(seconds, 2)) s)")
        out.append(paint("Paths", "1") + " (share of all firms, classified from each firm's whole trajectory)")
        let counts = TrajectoryPath.allCases.map { path in r.outcomes.filter { $0.classification.path == path }.count }
        let barWidth = 60
        let largest = max(1, counts.max() ?? 1)
        for (i, path) in TrajectoryPath.allCases.enumerated() {
            let cells = Double(counts[i]) / Double(largest) * Double(barWidth)
            let share = EventWording.fixed(Double(counts[i]) / Double(total) * 100, 1) + "%"
            out.append("  " + pad(PathNames.display(path.description), 14) + paint(pad(bar(cells), barWidth), pathColours[i])
                + left(String(counts[i]), 6) + left(share, 7))
        }
        out.append("")
        let years = r.modeCounts.count
        let shownYears = Array(stride(from: 0, to: years, by: max(1, (years + 59) / 60)))
        let cell = shownYears.count * 2 <= 60 ? 2 : 1
        var axis = [Character](repeating: " ", count: shownYears.count * cell)
        for (k, y) in shownYears.enumerated() where y % 5 == 0 {
            for (j, ch) in String(y).enumerated() where k * cell + j < axis.count { axis[k * cell + j] = ch }
        }
        out.append(paint(pad("Highest mode by year", 24), "1") + String(axis) + left("end", 6) + left("%", 5))
        let modeLabels = ["0 no operation", "1 irregular export", "2 agent/distributor", "3 subsidiary/partner", "4 production abroad"]
        let modeColours = ["90", "36", "34", "35", "31"]
        let last = r.modeCounts.last ?? [0, 0, 0, 0, 0]
        for mode in 0...4 {
            var strip = ""
            for y in shownYears {
                let alive = r.modeCounts[y].reduce(0, +)
                let share = alive > 0 ? Double(r.modeCounts[y][mode]) / Double(alive) : 0
                strip += String(repeating: level(share), count: cell)
            }
            let endShare = EventWording.fixed(Double(last[mode]) / Double(max(1, last.reduce(0, +))) * 100, 0) + "%"
            out.append("  " + pad(modeLabels[mode], 22) + paint(strip, modeColours[mode]) + left(String(last[mode]), 6)
                + left(endShare, 5))
        }
        out.append("")
        out.append(paint("One firm per path", "1") + " (block heights above: share of living firms at each mode)")
        let name = r.scenario.name
        let command = argument == "default" ? "firmpaths run default" : "firmpaths run \(argument)"
        let closing = reportExists
            ? "Charts: open Results/\(name)/report.html; a firm's story: firmpaths explain Results/\(name) --firm N"
            : "Charts: `\(command)` writes Results/\(name)/report.html; stories: `firmpaths explain`"
        // Each firm gets a second line while the screen has room.
        var budget = maxLines - out.count - 1
        let examples = exampleFirms(r)
        let present = TrajectoryPath.allCases.enumerated().filter { examples[$0.element] != nil }
        for (k, (i, path)) in present.enumerated() {
            guard let firm = examples[path] else { continue }
            let head = "  firm \(firm) (" + paint(PathNames.display(path.description), pathColours[i]) + "): "
            let headWidth = visibleCount(head)
            var parts = summary(of: firm, in: r)
            let remainingFirms = present.count - k - 1
            let firstCount = fitting(parts, width: width - headWidth)
            out.append(head + join(Array(parts.prefix(max(1, firstCount))), width: width - headWidth))
            budget -= 1
            parts.removeFirst(min(parts.count, max(1, firstCount)))
            if !parts.isEmpty && budget - 1 >= remainingFirms {
                out.append("      " + join(parts, width: width - 6))
                budget -= 1
            }
        }
        out.append(closing)
        return out.map { fit($0, width: width, ansi: colour) }
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

    /// Cuts a line to `width` visible columns (ANSI codes take none), ending with "…".
    static func fit(_ line: String, width: Int, ansi: Bool = false) -> String {
        guard visibleCount(line) > width else { return line }
        var visible = 0
        var result = ""
        var inEscape = false
        for ch in line {
            if ch == "\u{1B}" { inEscape = true }
            if inEscape {
                result.append(ch)
                if ch == "m" { inEscape = false }
                continue
            }
            guard visible < width - 1 else { break }
            result.append(ch)
            visible += 1
        }
        return result + "…" + (ansi ? "\u{1B}[0m" : "")
    }

    /// How many of the parts fit on one line of `width` joined with ", ".
    static func fitting(_ parts: [String], width: Int) -> Int {
        var length = -2
        for (k, part) in parts.enumerated() {
            length += 2 + part.count
            if length > width { return k }
        }
        return parts.count
    }

    /// Joins the parts with ", " as far as they fit in `width` (the first always).
    static func join(_ parts: [String], width: Int) -> String {
        var text = ""
        for part in parts {
            let candidate = text.isEmpty ? part : text + ", " + part
            if !text.isEmpty && candidate.count > width { break }
            text = candidate
        }
        return fit(text, width: width)
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

    static func exampleFirms(_ r: Result) -> [TrajectoryPath: Int] {
        var result: [TrajectoryPath: Int] = [:]
        for path in TrajectoryPath.allCases {
            let candidates = r.outcomes.filter { $0.classification.path == path }.map { ($0.firm, r.eventsByFirm[$0.firm].count) }
            result[path] = ExampleFirms.choose(candidates)
        }
        return result
    }

    static func record(_ e: FirmEvent, _ r: Result) -> EventRecord {
        let market = Int(e.market)
        let m = market >= 0 && market < r.world.marketCount ? r.world.markets[market] : nil
        return EventRecord(run: 0, firm: Int(e.firm), step: Int(e.step), year: Int(e.step) / max(1, r.stepsPerYear),
                           market: m?.name ?? "", region: m.map { r.world.regionNames[$0.region] } ?? "",
                           psychicDistance: m?.psychicDistance, event: e.kind.description, fromMode: Int(e.fromMode),
                           toMode: Int(e.toMode), cause: e.cause.description, value: e.value, partnered: e.partnered)
    }

    /// "firm 412: first export in year 1 to far_rich-2 via own search, 6 markets in 3 regions by year 5, ...".
    static func summary(of firm: Int, in r: Result) -> [String] {
        let events = r.eventsByFirm[firm].map { record($0, r) }
        var parts: [String] = []
        if let first = events.first(where: { $0.event == "enter" }) {
            let via = EventWording.cause(first.cause).replacingOccurrences(of: "its ", with: "")
                .replacingOccurrences(of: "an ", with: "").replacingOccurrences(of: "a ", with: "")
            parts.append("first export in year \(first.year) to \(first.market) via \(via)")
            let entries = events.filter { $0.event == "enter" }
            let markets = Set(entries.map(\.market)).count
            let regions = Set(entries.map(\.region)).count
            let lastYear = entries.last?.year ?? first.year
            parts.append("\(markets) market\(markets == 1 ? "" : "s") in \(regions) region\(regions == 1 ? "" : "s")"
                + (markets > 1 ? " by year \(lastYear)" : ""))
            if let deepest = events.filter({ ["enter", "upgrade"].contains($0.event) }).max(by: { $0.toMode < $1.toMode }),
               deepest.toMode >= 2 {
                parts.append(EventWording.modeName(deepest.toMode, partnered: deepest.partnered) + " in \(deepest.market)")
            }
            if let back = events.first(where: { $0.event == "backsource" }) {
                parts.append("moved production home from \(back.market) in year \(back.year)")
            }
            let exits = events.filter { $0.event == "exit" }.count
            if exits > 0 { parts.append("left \(exits) market\(exits == 1 ? "" : "s")") }
        } else {
            parts.append("never exported, \(Int(r.employees[firm].rounded())) employees at founding")
        }
        if let died = events.first(where: { $0.event == "died" }) {
            parts.append("closed in year \(died.year) (\(died.cause == "bankruptcy" ? "bankrupt" : "base death rate"))")
        }
        return parts
    }
}
