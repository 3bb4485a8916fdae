import FirmPathsEngine
import FirmPathsIO
import FirmPathsModel
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
    replications per point (averaged); replication r of every point uses the run seed
    RunSeed.derive(S, 0, r) (common random numbers, so elementary effects are not noise). For each headline
    outcome (the path shares, share_exporting_end, mean_foreign_share_end, share_mode3plus_end,
    backsourcing_per_100_firms) prints mu* (mean absolute elementary effect, in outcome units per
    move across the parameter's whole range) and sigma per parameter, ranked by mu*.

    With --out, writes DIR/ranking.csv, DIR/ranking.md and DIR/morris.svg (mu* against sigma, one
    panel per outcome). With --compare, checks that the top 3 parameters of every outcome are the
    same (as a set) as in an earlier ranking.csv and exits 1 when one differs.

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
            runs = try InMemorySweep.run(sweep, threads: threads, commonRandomNumbers: true) { HeadlineOutcomes.values($0) }
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
                results.append((outcome, try MorrisAnalysis.elementaryEffects(design: morris, outputs: means)))
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
                    + "units per move across the parameter's whole range.\n\n"
                try (header + markdown).write(toFile: directory + "/ranking.md", atomically: true, encoding: .utf8)
                let chart = MorrisChart(
                    title: "Morris screening of \(loaded.scenario.name) (seed \(sweep.spec.baseSeed)): mu* against sigma",
                    panels: results.map { entry in
                        MorrisPanel(outcome: entry.outcome, points: entry.result.effects.enumerated().map {
                            (String($0.offset + 1), $0.element.muStar, $0.element.sigma)
                        })
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
            text += "### \(entry.outcome)\n\n| rank | parameter | range | mu* | mu | sigma |\n| --- | --- | --- | --- | --- | --- |\n"
            for (rank, effect) in entry.result.ranking.enumerated() {
                let index = design.paths.firstIndex(of: effect.path) ?? 0
                text += "| \(rank + 1) | \(effect.path) | \(TargetsCommand.format(design.lower[index]))-"
                    + "\(TargetsCommand.format(design.upper[index])) | \(number(effect.muStar)) | \(number(effect.mu)) | "
                    + "\(number(effect.sigma)) |\n"
            }
            text += "\n"
        }
        return text
    }

    static func number(_ value: Double) -> String { String(format: "%.4g", value) }

    static func csv(_ results: [(outcome: String, result: MorrisResult)]) -> String {
        var text = "outcome,rank,parameter,mu_star,mu,sigma\n"
        for entry in results {
            for (rank, effect) in entry.result.ranking.enumerated() {
                text += "\(entry.outcome),\(rank + 1),\(effect.path),\(effect.muStar),\(effect.mu),\(effect.sigma)\n"
            }
        }
        return text
    }

    /// Compares the top 3 of every outcome with a ranking.csv written by an earlier run.
    static func compare(_ results: [(outcome: String, result: MorrisResult)], with path: String,
                        console: Console) throws(CLIError) {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw CLIError(.ioError, "cannot read '\(path)'")
        }
        var other: [String: [(rank: Int, path: String)]] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",").map(String.init)
            guard fields.count >= 3, let rank = Int(fields[1]) else { continue }
            other[fields[0], default: []].append((rank, fields[2]))
        }
        var disagreements: [String] = []
        var report = "top-3 agreement with \(path):\n"
        for entry in results {
            let mine = entry.result.ranking.prefix(3).map(\.path)
            let theirs = (other[entry.outcome] ?? []).sorted { $0.rank < $1.rank }.prefix(3).map(\.path)
            let same = Set(mine) == Set(theirs) && mine.count == 3
            let order = mine == theirs ? "same order" : "different order"
            report += "  \(entry.outcome): " + (same ? "agree (\(order))" : "DIFFER") + ": "
                + mine.joined(separator: ", ") + (same ? "" : " vs " + theirs.joined(separator: ", ")) + "\n"
            if !same { disagreements.append(entry.outcome) }
        }
        console.out(report)
        if !disagreements.isEmpty {
            throw CLIError(.failure, "top 3 differ for \(disagreements.joined(separator: ", "))")
        }
    }
}
