import FirmPathsIO

/// A firm's story from a run directory: its founding traits, its events and quadrant
/// changes in time order, and the path it was given with the rule that decided it.
///
/// `firmpaths explain` prints it; tests compare `events` with the firm's rows of `events.csv`.
public struct FirmStory: Sendable {
    /// A Johanson-Mattsson quadrant change seen in `trajectories.csv`.
    public struct QuadrantChange: Sendable, Equatable {
        public var step: Int
        public var year: Int
        /// Empty for the firm's first observed quadrant.
        public var from: String
        public var to: String
    }

    /// A line of the story: an event or a quadrant change.
    public enum Entry: Sendable, Equatable {
        case event(EventRecord)
        case quadrant(QuadrantChange)

        public var step: Int {
            switch self {
            case let .event(e): e.step
            case let .quadrant(q): q.step
            }
        }

        public var year: Int {
            switch self {
            case let .event(e): e.year
            case let .quadrant(q): q.year
            }
        }
    }

    public var run: Int
    public var firm: Int
    /// The firm's row of `firms.csv`.
    public var record: FirmRecord
    /// Its rows of `events.csv`, in file order.
    public var events: [EventRecord]
    /// Quadrant changes, empty when the run wrote no trajectories.
    public var quadrantChanges: [QuadrantChange]
    public var stepsPerYear: Int
    public var hasTrajectories: Bool

    /// Events and quadrant changes merged in time order (an event before a quadrant change
    /// of the same step, since the quadrant is observed at the step's end).
    public var entries: [Entry] {
        var result: [Entry] = []
        var q = 0
        for e in events {
            while q < quadrantChanges.count && quadrantChanges[q].step < e.step {
                result.append(.quadrant(quadrantChanges[q]))
                q += 1
            }
            result.append(.event(e))
        }
        result += quadrantChanges[q...].map { .quadrant($0) }
        return result
    }

    /// Reads the firm's rows from `directory`; `run` selects the run in a merged directory.
    public static func load(directory: String, firm: Int, run: Int? = nil) throws(ReportError) -> FirmStory {
        let manifest = try RunManifest.load(directory: directory)
        let firms = try FirmRecord.loadAll(directory: directory)
        let runs = Set(firms.map(\.run))
        let chosenRun: Int
        if let run {
            guard runs.contains(run) else {
                throw ReportError("no run \(run) in \(directory)/firms.csv (runs: \(runs.sorted().map(String.init).joined(separator: ", ")))",
                                  isIOFailure: false)
            }
            chosenRun = run
        } else if runs.count > 1 {
            throw ReportError("\(directory) holds \(runs.count) runs; choose one with --run R", isIOFailure: false)
        } else {
            chosenRun = runs.first ?? 0
        }
        guard let record = firms.first(where: { $0.run == chosenRun && $0.firm == firm }) else {
            let ids = firms.filter { $0.run == chosenRun }.map(\.firm)
            throw ReportError("no firm \(firm) in run \(chosenRun) (firms \(ids.min() ?? 0) to \(ids.max() ?? 0))", isIOFailure: false)
        }
        var events: [EventRecord] = []
        try EventReader(directory: directory).forEach { e in
            if e.run == chosenRun && e.firm == firm { events.append(e) }
        }
        let hasTrajectories = RunFiles.exists(RunFiles.trajectories, in: directory)
        let changes = hasTrajectories ? try quadrantChanges(directory: directory, run: chosenRun, firm: firm) : []
        return FirmStory(run: chosenRun, firm: firm, record: record, events: events, quadrantChanges: changes,
                         stepsPerYear: manifest.stepsPerYear, hasTrajectories: hasTrajectories)
    }

    static func quadrantChanges(directory: String, run: Int, firm: Int) throws(ReportError) -> [QuadrantChange] {
        let reader: CSVReader
        do {
            reader = try CSVReader(path: RunFiles.path(RunFiles.trajectories, in: directory))
        } catch {
            throw ReportError(error)
        }
        return try quadrantChanges(reader: reader, run: run, firm: firm)
    }

    static func quadrantChanges(reader: CSVReader, run: Int, firm: Int) throws(ReportError) -> [QuadrantChange] {
        var changes: [QuadrantChange] = []
        do {
            let runColumn = reader.header.index(of: "run")
            let firmColumn = try reader.column("firm")
            let stepColumn = try reader.column("step")
            let yearColumn = try reader.column("year")
            let quadrantColumn = try reader.column("jm_quadrant")
            let firmText = String(firm)
            var last = ""
            try reader.forEachRow { row in
                // Compare text first: most rows belong to other firms.
                guard row[firmColumn] == firmText, (runColumn.flatMap { row.int($0) } ?? 0) == run else { return true }
                let quadrant = row[quadrantColumn]
                guard !quadrant.isEmpty, quadrant != last else { return true }
                changes.append(QuadrantChange(step: row.int(stepColumn) ?? 0, year: row.int(yearColumn) ?? 0, from: last,
                                              to: quadrant))
                last = quadrant
                return true
            }
        } catch {
            throw ReportError(error)
        }
        return changes
    }

    /// Founding traits worth telling, from `firms.csv`, as "name value" pairs.
    public var traits: [(name: String, value: String)] {
        let shown: [(String, String)] = [
            ("segment", "segment"), ("founder_experience", "founder experience"), ("global_vision", "global vision"),
            ("niche", "niche focus"), ("productivity", "productivity"), ("risk_tolerance", "risk tolerance"),
            ("employees", "employees"), ("initial_cash_share", "initial cash (share of expected yearly home sales)"),
            ("learning_capacity", "learning capacity"), ("networking_capability", "networking capability"),
            ("cluster", "cluster"), ("protects_rnd", "protects R&D in a crisis"), ("founder_ties", "founder's foreign ties"),
        ]
        return shown.compactMap { column, label in
            guard let value = record.value(column) else { return nil }
            if column == "cluster" { return (label, value.isEmpty ? "none" : value) }
            if column == "protects_rnd" { return (label, value == "1" ? "yes" : "no") }
            if let number = Double(value), value.contains(".") { return (label, EventWording.fixed(number, 2)) }
            return (label, value)
        }
    }

    /// The step the firm was founded in (`firms.csv` founded_step).
    public var foundedStep: Int { Int(record.value("founded_step") ?? "") ?? events.first(where: { $0.event == "founded" })?.step ?? 0 }
    /// The run's year the firm was founded in.
    public var foundedYear: Int { foundedStep / max(1, stepsPerYear) }

    /// The firm's age in whole years at `step`: 0 in the four quarters from its founding.
    public func age(atStep step: Int) -> Int { max(0, step - foundedStep) / max(1, stepsPerYear) }

    /// The story as text lines. Event lines start with "  [event] ", quadrant lines with
    /// "  [quadrant] ", so scripts can pick them out.
    public func lines() -> [String] {
        var out: [String] = []
        let path = record.path
        out.append("Firm \(firm)\(run != 0 ? " of run \(run)" : ""): \(PathNames.display(path))")
        out.append("Founded in step \(foundedStep) (year \(foundedYear) of the run; ages below count from here) with:")
        for trait in traits { out.append("    \(trait.name): \(trait.value)") }
        var currentYear: Int?
        for entry in entries {
            if entry.year != currentYear {
                currentYear = entry.year
                out.append("Year \(entry.year):")
            }
            let quarter = entry.step - entry.year * max(1, stepsPerYear) + 1
            let age = "age \(age(atStep: entry.step))"
            let when = stepsPerYear > 1 ? "step \(entry.step) (q\(quarter), \(age))" : "step \(entry.step) (\(age))"
            switch entry {
            case let .event(e):
                out.append("  [event] \(when) \(e.event)\(e.market.isEmpty ? "" : " " + e.market): " + EventWording.sentence(e))
            case let .quadrant(q):
                let text = q.from.isEmpty
                    ? "Johanson-Mattsson quadrant: \(PathNames.display(q.to))"
                    : "Johanson-Mattsson quadrant: \(PathNames.display(q.from)) -> \(PathNames.display(q.to))"
                out.append("  [quadrant] \(when) " + text)
            }
        }
        if !hasTrajectories { out.append("(no trajectories.csv: quadrant changes not shown)") }
        out.append("Path: \(PathNames.display(path)), by rule \(record.rule)")
        for (column, label) in [("first_export_age", "first export at age (years after founding)"), ("peak_foreign_share", "peak foreign share"),
                                ("max_mode", "deepest mode"), ("markets_entered", "markets entered"),
                                ("regions_entered", "regions entered"), ("backsourcing_events", "backsourcing events"),
                                ("jm_quadrant", "final quadrant")] {
            guard let value = record.value(column) else { continue }
            var shown = value.isEmpty ? "none" : value
            if column == "peak_foreign_share", let share = Double(value) { shown = EventWording.fixed(share * 100, 1) + " %" }
            if column == "max_mode", let mode = Int(value) { shown = "\(mode) (\(EventWording.modeName(mode)))" }
            if column == "jm_quadrant" { shown = PathNames.display(value) }
            out.append("    \(label): \(shown)")
        }
        return out
    }
}
