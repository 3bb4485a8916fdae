import FirmPathsEngine
import FirmPathsIO
import FirmPathsReport
import Foundation

/// Morris screening: analysis of a sweep's runs.csv and the ranking files.
extension SensitivityCommand {
    /// Computes and prints mu*, mu and sigma per outcome, writes the files of --out and runs --compare.
    static func analyseMorris(_ study: Study, compare comparison: (path: String, ranking: [String: [RankedParameter]])?,
                              console: Console) throws(CLIError) {
        let sweep = study.sweep
        guard let design = sweep.spec.design, case .morris = design.method else {
            throw CLIError(.dataError, "\(sweep.file): the sweep design must be \"morris\"")
        }
        let morris: MorrisDesign
        do {
            morris = try design.morrisDesign(seed: sweep.spec.baseSeed)
        } catch {
            throw CLIError(.dataError, "\(error)")
        }
        let replications = sweep.plan.replications
        var results: [(outcome: String, result: MorrisResult)] = []
        for (o, outcome) in outcomeNames(sweep).enumerated() {
            do {
                let means = try study.table.pointMeans(outcome, points: morris.points.count, replications: replications)
                let bootstrapSeed = RunSeed.derive(baseSeed: sweep.spec.baseSeed, point: -1, replication: o)
                results.append((outcome, try MorrisAnalysis.elementaryEffects(
                    design: morris, outputs: means, bootstrap: (Self.bootstrapResamples, bootstrapSeed))))
            } catch let error as EngineError {
                throw CLIError(.dataError, error.description)
            } catch {
                throw CLIError(.software, "\(error)")
            }
        }

        console.out("Morris screening of \(study.name): \(morris.factorCount) parameters, \(morris.trajectories) "
            + "trajectories, \(morris.levels) levels, \(replications) replications per point, seed \(sweep.spec.baseSeed) "
            + "(\(sweep.plan.count) runs)\n\n")
        let markdown = markdownTable(results, design: morris)
        console.out(markdown)
        if let seconds = study.seconds {
            console.err("simulated \(sweep.plan.count) runs in \(String(format: "%.1f", seconds)) s\n")
        }

        if let directory = study.directory {
            let header = "# Morris screening of \(study.name)\n\n"
                + "Command: `firmpaths sensitivity \(study.arguments.joined(separator: " "))`\n\n"
                + "\(morris.factorCount) parameters, \(morris.trajectories) trajectories, \(morris.levels) levels, "
                + "\(replications) replications per point, seed \(sweep.spec.baseSeed). mu* and sigma are in outcome "
                + "units per move across the parameter's whole range; +- is the 95% bootstrap interval of mu* "
                + "(\(Self.bootstrapResamples) resamples of the trajectories).\n\n"
            let chart = MorrisChart(
                title: "Morris screening of \(study.name) (seed \(sweep.spec.baseSeed)): mu* (with 95% interval) against sigma",
                panels: results.map { entry in
                    MorrisPanel(outcome: entry.outcome, points: entry.result.effects.enumerated().map {
                        (String($0.offset + 1), $0.element.muStar, $0.element.sigma)
                    }, muStarIntervals: entry.result.effects.map(\.muStarConfidence))
                },
                legend: morris.paths.enumerated().map { "\($0.element) [\(TargetsCommand.format(morris.lower[$0.offset]))-"
                    + "\(TargetsCommand.format(morris.upper[$0.offset]))]" })
            try write(String(decoding: DesignTable.morris(morris, plan: sweep.plan), as: UTF8.self), "design.csv", in: directory)
            try write(csv(results), "ranking.csv", in: directory)
            try write(header + markdown, "ranking.md", in: directory)
            try write(chart.svg(), "morris.svg", in: directory)
            console.err("wrote \(study.display ?? directory)/runs.csv, design.csv, ranking.csv, ranking.md, morris.svg\n")
        }
        if let comparison {
            try compare(results, with: comparison.ranking, path: comparison.path, console: console)
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
}
