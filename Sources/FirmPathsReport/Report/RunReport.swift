import FirmPathsIO
import Foundation

/// `report.html` of a run or sweep directory: one self-contained page (inline SVG and CSS)
/// built from the files the run wrote. Large files are streamed and aggregated, never held.
public enum RunReport {
    /// Builds the page for `directory`.
    public static func build(directory: String) throws(ReportError) -> HTMLPage {
        let manifest = try RunManifest.load(directory: directory)
        var sections: [HTMLSection] = []
        let hasFirms = RunFiles.exists(RunFiles.firms, in: directory)
        // A sweep's run-level sections show its run 0 as an example (its outcomes over all runs
        // are in section 6): the files are read up to the end of run 0 only, so the page takes the
        // same time and memory for 10 runs or 100,000.
        let exampleRun: Int? = manifest.kind == "sweep" ? 0 : nil
        if hasFirms {
            let firms = try FirmRecord.loadAll(directory: directory, onlyRun: exampleRun)
            if exampleRun != nil {
                sections.append(HTMLSection(heading: "Run 0 of the sweep", blocks: [
                    .paragraph("Sections 1 to 5 show run 0 of this sweep (design point 0, replication 0) as an example; "
                        + "section 6 summarizes every run. `firmpaths rerun DIR --run K` writes any run alone with its report."),
                ]))
            }
            sections.append(pathSection(firms))
            if RunFiles.exists(RunFiles.trajectories, in: directory) {
                let summary = try TrajectorySummary.load(directory: directory, firms: firms, years: manifest.years,
                                                         onlyRun: exampleRun)
                sections += timeSections(summary)
            } else {
                sections.append(HTMLSection(heading: "Over time", blocks: [
                    .paragraph(exampleRun == nil
                        ? "This run wrote no trajectories.csv (run without --no-trajectories to see the charts over time)."
                        : "This sweep wrote no trajectories.csv (sweep with --record steps to see the charts over time)."),
                ]))
            }
            if RunFiles.exists(RunFiles.events, in: directory) {
                sections.append(try ladderSection(directory: directory, firms: firms, manifest: manifest, onlyRun: exampleRun))
            }
        }
        if RunFiles.exists(RunFiles.runs, in: directory) {
            let summary = try SweepSummary.load(directory: directory)
            if let note = incompleteNote(manifest, completeRuns: summary.runCount) {
                sections.insert(HTMLSection(heading: "Incomplete sweep", blocks: [.paragraph(note)]), at: 0)
            }
            sections.append(sweepSection(summary))
        }
        if !hasFirms && !RunFiles.exists(RunFiles.runs, in: directory) {
            throw ReportError("'\(directory)' holds neither firms.csv (a run) nor runs.csv (a sweep)", isIOFailure: false)
        }
        sections.append(parameterSection(manifest))
        sections.append(Glossary.section(heading: "8. Glossary"))
        let what = manifest.kind == "sweep" ? "sweep" : "run"
        var intro = manifest.scenarioDescription.isEmpty ? "" : manifest.scenarioDescription + ". "
        intro += "Scenario \(manifest.scenarioName): \(manifest.scenario["population"]?["firms"]?.intValue ?? 0) firms "
            + "over \(manifest.years) years (\(manifest.stepsPerYear) steps a year), seed \(manifest.seed)."
        return HTMLPage(title: "FirmPaths \(what) report: \(manifest.scenarioName)", intro: intro, sections: sections,
                        footer: "firmpaths \(manifest.version) · scenario \(manifest.scenarioName) · seed \(manifest.seed)"
                            + (manifest.command.isEmpty ? "" : " · command: " + manifest.command.joined(separator: " "))
                            // A sweep's page depends on its results only, so resumed, merged and uninterrupted
                            // sweeps write the same bytes.
                            + (manifest.kind == "sweep" ? "" : " · directory \(directory)"))
    }

    /// Builds the page and writes `directory/report.html`; returns its path.
    @discardableResult
    public static func write(directory: String) throws(ReportError) -> String {
        let html = try build(directory: directory).render()
        let path = RunFiles.path(RunFiles.report, in: directory)
        let partial = path + ".partial"
        do {
            try Data(html.utf8).write(to: URL(fileURLWithPath: partial))
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            try FileManager.default.moveItem(atPath: partial, toPath: path)
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw ReportError("cannot write '\(path)': \(FileErrorText.describe(error))", isIOFailure: true)
        }
        return path
    }

    /// For a sweep whose manifest says it is not complete: "This sweep is incomplete: 12 of 40
    /// runs ..." (the runs counted are the complete rows of runs.csv); nil for a complete one.
    public static func incompleteNote(_ manifest: RunManifest, completeRuns: Int) -> String? {
        guard manifest.kind == "sweep", manifest.raw["complete"]?.boolValue == false else { return nil }
        let total = manifest.raw["shard_runs"]?.intValue ?? manifest.raw["runs"]?.intValue
        return "This sweep is incomplete: \(completeRuns) of \(total.map(String.init) ?? "?") runs were complete when this "
            + "report was written, and every figure below is of those runs only. Continue it with `firmpaths sweep ... --resume` "
            + "and the report is rewritten when it completes."
    }

    static func percent(_ share: Double) -> String { RunCharts.percent(share) }

    // MARK: - Sections

    static func pathSection(_ firms: [FirmRecord]) -> HTMLSection {
        HTMLSection(heading: "1. Paths", blocks: [
            .figure(HTMLFigure(svg: RunCharts.pathShares(firms), caption: "Share of the \(firms.count) firms on each path, "
                + "with counts in brackets. Each path is explained in the glossary at the end; the rule that put a firm on "
                + "its path is in firms.csv `rule` (Results/README.md).")),
        ])
    }

    static func timeSections(_ summary: TrajectorySummary) -> [HTMLSection] {
        let average = "Each year averages over the steps of that year in which a firm was alive."
        return [
            HTMLSection(heading: "2. Exporting over time, by path", blocks: [
                .figure(HTMLFigure(svg: RunCharts.exportingOverTime(summary),
                                   caption: "Share of living firms with foreign sales. " + average)),
                .figure(HTMLFigure(svg: RunCharts.foreignShareOverTime(summary),
                                   caption: "Foreign sales as a share of total sales (0 for firms that do not export). " + average)),
            ]),
            HTMLSection(heading: "3. Johanson-Mattsson quadrants over time", blocks: [
                .figure(HTMLFigure(svg: RunCharts.quadrants(summary),
                                   caption: "The firm's own degree of internationalization against its network's "
                                    + "(Johanson & Mattsson 1988), as shares of the living firms. " + average)),
            ]),
            HTMLSection(heading: "4. Stage models over time", blocks: [
                .figure(HTMLFigure(svg: RunCharts.dollingerStages(summary),
                                   caption: "Dollinger's stages of export development, as shares of the living firms. " + average)),
                .figure(HTMLFigure(svg: RunCharts.imodelStages(summary),
                                   caption: "Innovation-related internationalization (I-model) stages, as shares of the living firms. "
                                    + average)),
            ]),
        ]
    }

    static func ladderSection(directory: String, firms: [FirmRecord], manifest: RunManifest,
                              onlyRun: Int? = nil) throws(ReportError) -> HTMLSection {
        try ladderSection(events: try EventReader(directory: directory),
                          explainDirectory: manifest.kind == "sweep" ? "DIR" : directory, firms: firms,
                          stepsPerYear: manifest.stepsPerYear, years: manifest.years, onlyRun: onlyRun)
    }

    static func ladderSection(events: EventReader, explainDirectory directory: String, firms: [FirmRecord], stepsPerYear: Int,
                              years: Int, onlyRun: Int? = nil) throws(ReportError) -> HTMLSection {
        let run = firms.first?.run ?? 0
        var counts: [FirmKey: Int] = [:]
        try events.forEach(onlyRun: onlyRun) { counts[FirmKey(run: $0.run, firm: $0.firm), default: 0] += 1 }
        let examples = ExampleFirms.choose(firms: firms, eventCounts: counts, run: run)
        let chosen = Set(examples.values)
        var byFirm: [Int: [EventRecord]] = [:]
        try events.forEach(onlyRun: onlyRun) { e in
            if e.run == run && chosen.contains(e.firm) { byFirm[e.firm, default: []].append(e) }
        }
        return ladderSection(examples: examples, eventsByFirm: byFirm, explainDirectory: directory, firms: firms,
                             stepsPerYear: stepsPerYear, years: years)
    }

    /// The ladder section from the example firms and their events (in memory).
    static func ladderSection(examples: [String: Int], eventsByFirm byFirm: [Int: [EventRecord]], explainDirectory directory: String,
                              firms: [FirmRecord], stepsPerYear: Int, years: Int,
                              symbolHint: String = RunReport.printedSymbolHint) -> HTMLSection {
        let run = firms.first?.run ?? 0
        var blocks: [HTMLBlock] = [.paragraph(
            "One example firm per path: of the firms on that path, the one with the most events among those at or below "
                + "the path's 75th percentile of events (ties: lowest id). Bars show the establishment mode in each market the "
                + "firm touched, closest market (lowest psychic distance, PD) on top, against the firm's age (years since its "
                + "founding); symbols mark events. "
                + "`firmpaths explain \(directory) --firm ID` tells each firm's story in words.")]
        for name in PathNames.all {
            guard let firm = examples[name] else { continue }
            let record = firms.first { $0.firm == firm && $0.run == run }
            let firmEvents = byFirm[firm] ?? []
            let title = "Firm \(firm) (\(PathNames.display(name))): establishment mode by market"
            let rule = record?.rule ?? ""
            let marketEvents = firmEvents.filter { !$0.market.isEmpty }
            if marketEvents.isEmpty {
                blocks.append(.subheading("Firm \(firm) (\(PathNames.display(name)))"))
                blocks.append(.paragraph("This firm never entered a foreign market, so it has no ladder. "
                    + "Events: " + firmEvents.map { "year \($0.year) of the run: " + EventWording.sentence($0) }.joined(separator: "; ")
                    + ". Rule: \(rule)."))
                continue
            }
            let chart = FirmLadder.chart(title: title, events: firmEvents, stepsPerYear: stepsPerYear, years: years,
                                         clock: .firmAge)
            blocks.append(.figure(HTMLFigure(svg: chart.svg(),
                                             caption: "Firm \(firm), classified \(PathNames.display(name)) by rule \(rule); "
                                                + "\(firmEvents.count) events. Time is the firm's age; dashed lines mark its founding "
                                                + "and closing. " + symbolHint,
                                             notes: FirmLadder.notes(chart))))
        }
        return HTMLSection(heading: "5. Example firms: the establishment ladder", blocks: blocks)
    }

    /// How report.html's ladder captions point at the events behind the symbols: its notes are
    /// printed under each chart.
    public static let printedSymbolHint = "Hover a symbol for its cause (listed below in print)."

    static func sweepSection(_ sweep: SweepSummary) -> HTMLSection {
        var blocks: [HTMLBlock] = [.paragraph(
            "\(sweep.runCount) runs. Each chart shows an outcome against one swept parameter: the mean over the runs at each "
                + "value with its 95% interval (t-based, over replications; for shares clipped to [0, 1]"
                + (sweep.parameters.count > 1 ? ", separately for each setting of the other parameters when there are at most six"
                    + " such settings, else pooled over them" : "") + "), from points.csv"
                + (sweep.isGrid ? "." : "; the design's points are scattered, so means are drawn as points, not joined."))]
        let style = ChartStyle(width: 460, height: 300)
        for parameter in sweep.parameters {
            blocks.append(.subheading("Outcomes against \(parameter)"))
            let panels = sweep.panels.filter { $0.parameter == parameter }
            let figures = panels.map { panel in
                let chart = IntervalChart(title: panel.outcome.label, series: panel.series,
                                          xLabel: SweepSummary.shortName(parameter), yLabel: panel.outcome.label,
                                          yUnit: panel.outcome.unit ?? (panel.outcome.isShare ? "%" : nil),
                                          yIsPercent: panel.outcome.isShare, style: style, joinsPoints: sweep.isGrid)
                let runs = panel.minRuns == panel.maxRuns ? "\(panel.minRuns)" : "\(panel.minRuns)–\(panel.maxRuns)"
                return HTMLFigure(svg: chart.svg(), caption: "\(panel.outcome.column) against \(parameter); \(runs) runs per point.")
            }
            blocks.append(.figureRow(figures))
        }
        return HTMLSection(heading: "6. Sweep: outcomes against the swept parameters", blocks: blocks)
    }

    static func parameterSection(_ manifest: RunManifest) -> HTMLSection {
        let s = manifest.scenario
        func text(_ value: JSONValue?) -> String {
            guard let value else { return "" }
            if let number = value.doubleValue {
                return number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
            }
            if let string = value.stringValue { return string }
            if let bool = value.boolValue { return bool ? "true" : "false" }
            return (try? value.serialized(pretty: false)) ?? ""
        }
        var key: [[String]] = [
            ["name", manifest.scenarioName],
            ["description", manifest.scenarioDescription],
            ["firms", text(s["population"]?["firms"])],
            ["years", String(manifest.years)],
            ["steps per year", String(manifest.stepsPerYear)],
            ["seed", manifest.seed],
            ["firmpaths version", manifest.version],
            ["kind", manifest.kind],
        ]
        if !manifest.command.isEmpty { key.append(["command", manifest.command.joined(separator: " ")]) }
        if let file = manifest.raw["scenario_file"]?.stringValue { key.append(["scenario file", file]) }
        var blocks: [HTMLBlock] = [.table(HTMLTable(headers: ["Setting", "Value"], rows: key, caption: "Scenario"))]
        if let policy = s["policy"]?.objectValue {
            blocks.append(.table(HTMLTable(headers: ["Policy lever", "Value"], rows: policy.members.map { [$0.key, text($0.value)] },
                                           caption: "Policy levers")))
        }
        if let segments = s["population"]?["segments"]?.arrayValue, !segments.isEmpty {
            let traits = [("founderExperience", "founder experience"), ("globalVision", "global vision"), ("niche", "niche"),
                          ("productivity", "productivity"), ("riskTolerance", "risk tolerance"), ("employees", "employees"),
                          ("networkingCapability", "networking"), ("clusterMembership", "in a cluster")]
            let rows = segments.map { segment in
                [text(segment["name"]), percent(segment["share"]?.doubleValue ?? 0)]
                    + traits.map { trait in
                        if let mean = segment[trait.0]?["mean"]?.doubleValue { return EventWording.fixed(mean, 2) }
                        if let share = segment[trait.0]?.doubleValue { return percent(share) }
                        return ""
                    }
            }
            blocks.append(.table(HTMLTable(headers: ["Segment", "Share"] + traits.map(\.1), rows: rows,
                                           caption: "Population segments (trait means; standard deviations in manifest.json)")))
        }
        if let regions = s["markets"]?["regions"]?.arrayValue, !regions.isEmpty {
            let columns = ["markets", "psychicDistanceMin", "psychicDistanceMax", "sizeMedian", "costLevel", "costDriftPerYear"]
            let rows = regions.map { region in [text(region["name"])] + columns.map { text(region[$0]) } }
            blocks.append(.table(HTMLTable(headers: ["Region"] + columns, rows: rows, caption: "Foreign market regions")))
        }
        blocks.append(.paragraph("The full resolved scenario is in manifest.json (\"scenario\"); rerun with the command above "
            + "and the same version to reproduce this page."))
        return HTMLSection(heading: "7. Scenario and reproducibility", blocks: blocks)
    }
}
