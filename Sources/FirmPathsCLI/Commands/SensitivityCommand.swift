import FirmPathsEngine
import FirmPathsIO
import FirmPathsModel
import FirmPathsReport
import Foundation

/// `firmpaths sensitivity SCENARIO`: Morris screening of the headline outcomes.
struct SensitivityCommand: Command {
    static let name = "sensitivity"
    static let summary = "Morris screening (mu*, sigma) of the headline outcomes over the main parameters"
    static let defaultDesign = "Scenarios/targets/sensitivity-eu.json"
    static let help = """
    Usage: firmpaths sensitivity SCENARIO [--design FILE] [--trajectories R] [--replications N] [--seed S]
                                 [--threads N] [--out DIR] [--compare RANKING.csv] [--set PATH=VALUE]...

    Runs the Morris design of FILE (a `sweep` block with design "morris" and an interval per
    parameter, see docs/SWEEPS.md) on SCENARIO in memory: R trajectories x (k + 1) points, N
    replications per point (averaged). Replication r of every point of trajectory t uses the run
    seed RunSeed.derive(S, t, r): common random numbers along a trajectory, so its elementary
    effects are not run-to-run noise, and fresh populations for every trajectory, so no one set
    of simulated firms decides the ranking. For each headline outcome (the path shares,
    share_exporting_end, mean_foreign_share_end, share_mode3plus_end, backsourcing_per_100_firms)
    prints mu* (mean absolute elementary effect, in outcome units per move across the
    parameter's whole range) with its 95% bootstrap interval (1000 resamples of the
    trajectories, drawn from seed RunSeed.derive(S, -1, o) for the o-th outcome), mu and sigma
    per parameter, ranked by mu*.

    With --out, writes DIR/ranking.csv, DIR/ranking.md and DIR/morris.svg (mu* against sigma, one
    panel per outcome). With --compare, compares the top 3 parameters of every outcome with an
    earlier ranking.csv: "agree" when the sets are the same; "tie" when they differ only by
    parameters whose mu* are indistinguishable in both runs (the difference of the two mu* is
    within its 95% interval, sqrt(c1^2 + c2^2) for half-widths c1 and c2); "DIFFER" otherwise,
    and then the exit status is 1.

    Options:
      --design FILE        design file (default: \(defaultDesign))
      --trajectories R     override the design's trajectories
      --replications N     override the design's replications per point
      --seed S             override the design's seed (design and run seeds)
      --threads N          worker threads (default: all available)
      --out DIR            write the table and chart
      --compare FILE       ranking.csv of another seed to compare the top 3 with

    Example:
      firmpaths sensitivity Scenarios/baseline-eu.json --seed 1 --out Results/sensitivity

    """

    /// Bootstrap resamples of the trajectories behind each mu* interval.
    static let bootstrapResamples = 1000

    static func run(_ arguments: [String], console: Console) throws(CLIError) {
        let parsed = try Arguments(arguments, options: ["--design", "--trajectories", "--replications", "--seed", "--threads",
                                                        "--out", "--compare", "--set"], flags: [], usage: help)
        guard parsed.positionals.count == 1, let argument = parsed.positionals.first else {
            throw CLIError(.usage, "expected one SCENARIO", usage: help)
        }
        let threads = try parsed.int("--threads", usage: help, range: 1...4096) ?? ThreadCount.available()
        var loaded = try ScenarioResolution.load(argument, overrides: parsed.all("--set"), environment: console.environment)
        let designPath = parsed.value("--design") ?? defaultDesign
        guard case .object(var block) = try CalibrateCommand.readSweepBlock(designPath) else {
            throw CLIError(.dataError, "\(designPath): 'sweep' must be an object")
        }
        if let r = try parsed.int("--trajectories", usage: help, range: 1...100_000) { block["trajectories"] = .number(Double(r)) }
        if let n = try parsed.int("--replications", usage: help, range: 1...100_000) { block["replications"] = .number(Double(n)) }
        if let seed = try parsed.seed("--seed", usage: help) { block["seed"] = .number(Double(seed)) }
        loaded.sweep = .object(block)
        let sweep: PreparedSweep
        do {
            sweep = try PreparedSweep.prepare(loaded, file: designPath, threads: threads)
        } catch {
            throw CLIError(.dataError, error.description)
        }
        guard let design = sweep.spec.design, case .morris = design.method else {
            throw CLIError(.dataError, "\(designPath): the sweep design must be \"morris\"")
        }
        let morris: MorrisDesign
        do {
            morris = try design.morrisDesign(seed: sweep.spec.baseSeed)
        } catch {
            throw CLIError(.dataError, "\(error)")
        }
        let start = Date()
        let runs: [[Double]]
        do {
            // Common random numbers within a trajectory (its elementary effects compare its own
            // points), independent populations between trajectories.
            let pointsPerTrajectory = morris.factorCount + 1  // points are trajectory-major
            runs = try InMemorySweep.run(sweep, threads: threads, commonRandomNumbers: { $0 / pointsPerTrajectory }) {
                HeadlineOutcomes.values($0)
            }
        } catch {
            throw CLIError(.dataError, error.description)
        }
        let seconds = Date().timeIntervalSince(start)
        let replications = sweep.plan.replications
        let outcomes = HeadlineOutcomes.names
        var results: [(outcome: String, result: MorrisResult)] = []
        for (o, outcome) in outcomes.enumerated() {
            let means = (0..<morris.points.count).map { point in
                (0..<replications).reduce(0.0) { $0 + runs[point * replications + $1][o] } / Double(replications)
            }
            do {
                let bootstrapSeed = RunSeed.derive(baseSeed: sweep.spec.baseSeed, point: -1, replication: o)
                results.append((outcome, try MorrisAnalysis.elementaryEffects(
                    design: morris, outputs: means, bootstrap: (Self.bootstrapResamples, bootstrapSeed))))
            } catch {
                throw CLIError(.software, "\(error)")
            }
        }

        console.out("Morris screening of \(loaded.scenario.name): \(morris.factorCount) parameters, \(morris.trajectories) "
            + "trajectories, \(morris.levels) levels, \(replications) replications per point, seed \(sweep.spec.baseSeed) "
            + "(\(sweep.plan.count) runs)\n\n")
        let markdown = markdownTable(results, design: morris)
        console.out(markdown)
        console.err("simulated \(sweep.plan.count) runs in \(String(format: "%.1f", seconds)) s\n")

        if let directory = parsed.value("--out") {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                try csv(results).write(toFile: directory + "/ranking.csv", atomically: true, encoding: .utf8)
                let header = "# Morris screening of \(loaded.scenario.name)\n\n"
                    + "Command: `firmpaths sensitivity \(arguments.joined(separator: " "))`\n\n"
                    + "\(morris.factorCount) parameters, \(morris.trajectories) trajectories, \(morris.levels) levels, "
                    + "\(replications) replications per point, seed \(sweep.spec.baseSeed). mu* and sigma are in outcome "
                    + "units per move across the parameter's whole range; +- is the 95% bootstrap interval of mu* "
                    + "(\(Self.bootstrapResamples) resamples of the trajectories).\n\n"
                try (header + markdown).write(toFile: directory + "/ranking.md", atomically: true, encoding: .utf8)
                let chart = MorrisChart(
                    title: "Morris screening of \(loaded.scenario.name) (seed \(sweep.spec.baseSeed)): mu* (with 95% interval) against sigma",
                    panels: results.map { entry in
                        MorrisPanel(outcome: entry.outcome, points: entry.result.effects.enumerated().map {
                            (String($0.offset + 1), $0.element.muStar, $0.element.sigma)
                        }, muStarIntervals: entry.result.effects.map(\.muStarConfidence))
                    },
                    legend: morris.paths.enumerated().map { "\($0.element) [\(TargetsCommand.format(morris.lower[$0.offset]))-"
                        + "\(TargetsCommand.format(morris.upper[$0.offset]))]" })
                try chart.svg().write(toFile: directory + "/morris.svg", atomically: true, encoding: .utf8)
            } catch {
                throw CLIError(.ioError, "cannot write to '\(directory)': \(error.localizedDescription)")
            }
            console.err("wrote \(directory)/ranking.csv, ranking.md, morris.svg\n")
        }
        if let comparePath = parsed.value("--compare") {
            try compare(results, with: comparePath, console: console)
        }
    }

    static func markdownTable(_ results: [(outcome: String, result: MorrisResult)], design: MorrisDesign) -> String {
        var text = ""
        for entry in results {
            text += "### \(entry.outcome)\n\n| rank | parameter | range | mu* | +- (95%) | mu | sigma |\n"
                + "| --- | --- | --- | --- | --- | --- | --- |\n"
            for (rank, effect) in entry.result.ranking.enumerated() {
                let index = design.paths.firstIndex(of: effect.path) ?? 0
                text += "| \(rank + 1) | \(effect.path) | \(TargetsCommand.format(design.lower[index]))-"
                    + "\(TargetsCommand.format(design.upper[index])) | \(number(effect.muStar)) | "
                    + "\(number(effect.muStarConfidence)) | \(number(effect.mu)) | \(number(effect.sigma)) |\n"
            }
            text += "\n"
        }
        return text
    }

    static func number(_ value: Double) -> String { String(format: "%.4g", value) }

    static func csv(_ results: [(outcome: String, result: MorrisResult)]) -> String {
        var text = "outcome,rank,parameter,mu_star,mu_star_conf,mu,sigma\n"
        for entry in results {
            for (rank, effect) in entry.result.ranking.enumerated() {
                text += "\(entry.outcome),\(rank + 1),\(effect.path),\(effect.muStar),\(effect.muStarConfidence),"
                    + "\(effect.mu),\(effect.sigma)\n"
            }
        }
        return text
    }

    /// One parameter's ranking statistic as read back from a ranking.csv.
    struct RankedParameter: Equatable {
        var path: String
        var muStar: Double
        var confidence: Double
    }

    /// The verdict on one outcome's top 3 in two rankings.
    enum TopThreeVerdict: Equatable {
        case agree(sameOrder: Bool)
        /// The sets differ only by pairs whose mu* are within the 95% interval of their difference in both rankings.
        case tie(pairs: [(String, String)])
        case differ

        static func == (a: TopThreeVerdict, b: TopThreeVerdict) -> Bool {
            switch (a, b) {
            case let (.agree(x), .agree(y)): return x == y
            case let (.tie(x), .tie(y)): return x.map { [$0.0, $0.1] } == y.map { [$0.0, $0.1] }
            case (.differ, .differ): return true
            default: return false
            }
        }
    }

    /// Compares the top 3 of two rankings of one outcome (each ranked by mu*, largest first).
    ///
    /// Parameters in one top 3 and not the other are paired in rank order; a pair (x, y) is a
    /// tie when, in both rankings, |mu*(x) - mu*(y)| <= sqrt(c(x)^2 + c(y)^2), with c the
    /// half-widths of the 95% intervals: the two runs order them differently, but neither run
    /// can tell them apart.
    static func compareTopThree(_ mine: [RankedParameter], _ theirs: [RankedParameter]) -> TopThreeVerdict {
        let a = mine.prefix(3).map(\.path)
        let b = theirs.prefix(3).map(\.path)
        guard a.count == 3, b.count == 3 else { return .differ }
        if Set(a) == Set(b) { return .agree(sameOrder: a == b) }
        let onlyMine = a.filter { !b.contains($0) }
        let onlyTheirs = b.filter { !a.contains($0) }
        func indistinguishable(_ x: String, _ y: String, in ranking: [RankedParameter]) -> Bool {
            guard let p = ranking.first(where: { $0.path == x }), let q = ranking.first(where: { $0.path == y }) else {
                return false
            }
            let width = (p.confidence * p.confidence + q.confidence * q.confidence).squareRoot()
            return abs(p.muStar - q.muStar) <= width
        }
        let pairs = Array(zip(onlyMine, onlyTheirs))
        let tied = pairs.allSatisfy { indistinguishable($0.0, $0.1, in: mine) && indistinguishable($0.0, $0.1, in: theirs) }
        return tied ? .tie(pairs: pairs) : .differ
    }

    /// Reads a ranking.csv written by `--out` (with the project's CSV parser, columns by name):
    /// parameters per outcome in rank order. A file without `mu_star_conf` (written before the
    /// intervals) reads with zero intervals.
    static func readRanking(_ text: String) -> [String: [RankedParameter]] {
        let records = CSVRecordParser.records(in: text)
        guard let header = records.first.map(CSVHeader.init) else { return [:] }
        guard let outcome = header.index(of: "outcome"), let rankColumn = header.index(of: "rank"),
              let parameter = header.index(of: "parameter"), let muStarColumn = header.index(of: "mu_star") else { return [:] }
        let confidenceColumn = header.index(of: "mu_star_conf")
        var rows: [String: [(rank: Int, parameter: RankedParameter)]] = [:]
        for (index, fields) in records.dropFirst().enumerated() {
            let row = CSVRow(fields: fields, line: index + 2)
            guard let rank = row.int(rankColumn), let muStar = row.double(muStarColumn) else { continue }
            let confidence = confidenceColumn.flatMap(row.double) ?? 0
            rows[row[outcome], default: []].append((rank, RankedParameter(path: row[parameter], muStar: muStar,
                                                                           confidence: confidence)))
        }
        return rows.mapValues { $0.sorted { $0.rank < $1.rank }.map(\.parameter) }
    }

    /// Compares the top 3 of every outcome with a ranking.csv written by an earlier run.
    static func compare(_ results: [(outcome: String, result: MorrisResult)], with path: String,
                        console: Console) throws(CLIError) {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw CLIError(.ioError, "cannot read '\(path)'")
        }
        let other = readRanking(text)
        var disagreements: [String] = []
        var agreeing = 0, tied = 0
        var report = "top-3 agreement with \(path):\n"
        for entry in results {
            let mine = entry.result.ranking.map { RankedParameter(path: $0.path, muStar: $0.muStar, confidence: $0.muStarConfidence) }
            let theirs = other[entry.outcome] ?? []
            let names = mine.prefix(3).map(\.path).joined(separator: ", ")
            let otherNames = theirs.prefix(3).map(\.path).joined(separator: ", ")
            switch compareTopThree(mine, theirs) {
            case .agree(let sameOrder):
                agreeing += 1
                report += "  \(entry.outcome): agree (\(sameOrder ? "same order" : "different order")): \(names)\n"
            case .tie(let pairs):
                tied += 1
                report += "  \(entry.outcome): tie at rank 3: \(names) vs \(otherNames); "
                    + pairs.map { pair in
                        "\(pair.0) and \(pair.1) are indistinguishable in both (" + [mine, theirs].map { ranking in
                            ranking.filter { $0.path == pair.0 || $0.path == pair.1 }
                                .map { "\(number($0.muStar)) +- \(number($0.confidence))" }.joined(separator: " vs ")
                        }.joined(separator: "; ") + ")"
                    }.joined(separator: "; ") + "\n"
            case .differ:
                disagreements.append(entry.outcome)
                report += "  \(entry.outcome): DIFFER: \(names) vs \(otherNames)\n"
            }
        }
        report += "same top 3 for \(agreeing) of \(results.count) outcomes, a tie at rank 3 for \(tied), "
            + "a significant difference for \(disagreements.count)\n"
        console.out(report)
        if !disagreements.isEmpty {
            throw CLIError(.failure, "top 3 differ for \(disagreements.joined(separator: ", "))")
        }
    }
}
