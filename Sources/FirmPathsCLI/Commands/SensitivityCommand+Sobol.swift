import FirmPathsEngine
import FirmPathsIO
import FirmPathsReport
import Foundation

/// Sobol' indices: analysis of a Saltelli sweep's runs.csv, the Ishigami check and the ranking files.
extension SensitivityCommand {
    /// Computes and prints S1 and ST (and S2) per outcome and writes the files of --out.
    static func analyseSobol(_ study: Study, console: Console) throws(CLIError) {
        let sweep = study.sweep
        let design: SaltelliDesign
        do {
            guard let spec = sweep.spec.design else { throw SweepError.notASaltelliDesign }
            design = try spec.saltelliDesign(seed: sweep.spec.baseSeed)
        } catch {
            throw CLIError(.dataError, "\(sweep.file): \(error)")
        }
        let replications = sweep.plan.replications
        var results: [(outcome: String, result: SobolResult)] = []
        for (o, outcome) in outcomeNames(sweep).enumerated() {
            do {
                let means = try study.table.pointMeans(outcome, points: design.points.count, replications: replications)
                let seed = RunSeed.derive(baseSeed: sweep.spec.baseSeed, point: -1, replication: o)
                results.append((outcome, try SobolAnalysis.indices(design: design, outputs: means,
                                                                   bootstrap: (Self.bootstrapResamples, seed))))
            } catch let error as EngineError {
                throw CLIError(.dataError, error.description)
            } catch {
                throw CLIError(.software, "\(error)")
            }
        }
        let summary = "\(design.factorCount) parameters, \(design.samples) base samples"
            + "\(design.secondOrder ? " with second order" : "")\(design.scrambled ? ", scrambled" : "") "
            + "(\(design.blockSize) points each), \(replications) replications per point, seed \(sweep.spec.baseSeed)"
        console.out("Sobol' indices of \(study.name): \(summary) (\(sweep.plan.count) runs)\n\n")
        let markdown = sobolMarkdown(results, paths: design.paths, lower: design.lower, upper: design.upper)
        console.out(markdown)
        if let seconds = study.seconds {
            console.err("simulated \(sweep.plan.count) runs in \(String(format: "%.1f", seconds)) s\n")
        }
        if let directory = study.directory {
            try write(String(decoding: DesignTable.saltelli(design, plan: sweep.plan), as: UTF8.self), "design.csv",
                      in: directory)
            try writeSobolFiles(results, name: study.name, summary: summary, paths: design.paths, lower: design.lower,
                                upper: design.upper, markdown: markdown, arguments: study.arguments, seed: sweep.spec.baseSeed,
                                directory: directory)
            console.err("wrote \(study.display ?? directory)/runs.csv, design.csv, ranking.csv, ranking.md, sobol.svg"
                + (design.secondOrder ? ", second_order.csv" : "") + "\n")
        }
    }

    /// `--model ishigami`: Saltelli's design on the Ishigami function, no scenario.
    static func runTestModel(_ model: String, parsed: Arguments, arguments: [String], console: Console) throws(CLIError) {
        guard model == "ishigami" else {
            throw CLIError(.usage, "option --model expects ishigami, found '\(model)'", usage: help)
        }
        for option in ["--design", "--trajectories", "--replications", "--set", "--compare"] where parsed.value(option) != nil {
            throw CLIError(.usage, "\(option) does not apply to --model ishigami", usage: help)
        }
        if let method = parsed.value("--method"), method != "sobol" {
            throw CLIError(.usage, "--model ishigami is a Sobol' check: --method must be sobol", usage: help)
        }
        let samples = try parsed.int("--samples", usage: help, range: 1...10_000_000) ?? 1024
        let seed = try parsed.seed("--seed", usage: help) ?? 1
        let function = IshigamiFunction()
        let factors = IshigamiFunction.paths.map {
            SweepFactor(path: $0, kind: .interval(min: IshigamiFunction.bounds.min, max: IshigamiFunction.bounds.max))
        }
        let design: SaltelliDesign
        let result: SobolResult
        var tables = (design: "", runs: "")
        do {
            design = try SweepDesign(factors: factors, method: .saltelli(samples: samples, secondOrder: parsed.has("--second-order"),
                                                                         scramble: parsed.has("--scramble")))
                .saltelliDesign(seed: seed)
            let outputs = design.points.map { point in function(point.values.map(\.value)) }
            result = try SobolAnalysis.indices(design: design, outputs: outputs,
                                               bootstrap: (Self.bootstrapResamples, RunSeed.derive(baseSeed: seed, point: -1, replication: 0)))
            if parsed.value("--out") != nil {
                var designCSV = CSVBuffer()
                var runs = CSVBuffer()
                designCSV.appendRow(["sample", "matrix", "point"] + IshigamiFunction.paths)
                runs.appendRow(["run", "point"] + IshigamiFunction.paths + ["ishigami"])
                for (point, output) in zip(design.points, outputs) {
                    designCSV.appendField(point.index / design.blockSize)
                    designCSV.appendField(design.matrix(ofPoint: point.index))
                    designCSV.appendField(point.index)
                    runs.appendField(point.index)  // run
                    runs.appendField(point.index)  // point: one run per point
                    for (_, value) in point.values { designCSV.appendField(value); runs.appendField(value) }
                    runs.appendField(output)
                    designCSV.endRow()
                    runs.endRow()
                }
                tables = (String(decoding: designCSV.bytes, as: UTF8.self), String(decoding: runs.bytes, as: UTF8.self))
            }
        } catch let error as CLIError {
            throw error
        } catch let error as EngineError {
            throw CLIError(error.isIOFailure ? .ioError : .dataError, error.description)
        } catch {
            throw CLIError(.dataError, "\(error)")
        }
        let analytic = function.analytic
        var text = "Sobol' indices of the Ishigami function (a = 7, b = 0.1): \(samples) base samples"
            + "\(design.scrambled ? ", scrambled" : ""), \(design.points.count) evaluations\n\n"
            + "| parameter | S1 | +- (95%) | analytic S1 | ST | +- (95%) | analytic ST |\n| --- | --- | --- | --- | --- | --- | --- |\n"
        var inside = 0
        for (j, index) in result.indices.enumerated() {
            text += "| \(index.path) | \(number(index.first)) | \(number(index.firstConfidence)) | \(number(analytic.first[j])) | "
                + "\(number(index.total)) | \(number(index.totalConfidence)) | \(number(analytic.total[j])) |\n"
            if abs(index.first - analytic.first[j]) <= index.firstConfidence { inside += 1 }
            if abs(index.total - analytic.total[j]) <= index.totalConfidence { inside += 1 }
        }
        text += "\n\(inside) of 6 analytic indices lie within the 95% intervals of their estimates\n"
        console.out(text)
        if let directory = parsed.value("--out") {
            let markdown = sobolMarkdown([("ishigami", result)], paths: design.paths, lower: design.lower, upper: design.upper)
            // All the files at once, replacing the previous set (`OutputHold.staged`).
            try OutputHold.staged(directory, overwrite: parsed.has("--overwrite"),
                                  command: ["sensitivity"] + arguments) { (staging: String) throws(CLIError) in
                try write(tables.design, "design.csv", in: staging)
                try write(tables.runs, "runs.csv", in: staging)
                try writeSobolFiles([("ishigami", result)], name: "the Ishigami function", summary: "\(samples) base samples",
                                    paths: design.paths, lower: design.lower, upper: design.upper, markdown: markdown,
                                    arguments: arguments, seed: seed, directory: staging)
            }
            console.err("wrote \(directory)/runs.csv, design.csv, ranking.csv, ranking.md, sobol.svg\n")
        }
    }

    static func writeSobolFiles(_ results: [(outcome: String, result: SobolResult)], name: String, summary: String,
                                paths: [String], lower: [Double], upper: [Double], markdown: String, arguments: [String],
                                seed: UInt64, directory: String) throws(CLIError) {
        var csv = "outcome,rank,parameter,S1,S1_conf,ST,ST_conf\n"
        var second = "outcome,parameter_1,parameter_2,S2,S2_conf\n"
        var hasSecond = false
        for entry in results {
            for (rank, index) in entry.result.ranking.enumerated() {
                csv += "\(entry.outcome),\(rank + 1),\(index.path),\(index.first),\(index.firstConfidence),"
                    + "\(index.total),\(index.totalConfidence)\n"
            }
            if let s2 = entry.result.secondOrder {
                hasSecond = true
                let confidence = entry.result.secondOrderConfidence
                for j in paths.indices {
                    for k in paths.indices where k > j {
                        let c = confidence.map { String($0[j][k]) } ?? ""
                        second += "\(entry.outcome),\(paths[j]),\(paths[k]),\(s2[j][k]),\(c)\n"
                    }
                }
            }
        }
        let header = "# Sobol' indices of \(name)\n\nCommand: `firmpaths sensitivity \(arguments.joined(separator: " "))`\n\n"
            + "\(summary). S1 is the first-order index, ST the total index (Saltelli et al. 2010 and Jansen "
            + "estimators, as SALib's sobol.analyze); +- are 95% bootstrap half-widths (\(Self.bootstrapResamples) "
            + "resamples of the base samples). Ranked by ST.\n\n"
        let chart = SobolChart(
            title: "Sobol' indices of \(name) (seed \(seed)): S1 and ST with 95% intervals",
            panels: results.map { entry in
                SobolPanel(outcome: entry.outcome, bars: entry.result.indices.enumerated().map {
                    SobolBar(label: String($0.offset + 1), first: $0.element.first, firstInterval: $0.element.firstConfidence,
                             total: $0.element.total, totalInterval: $0.element.totalConfidence)
                })
            },
            legend: paths.enumerated().map { "\($0.element) [\(TargetsCommand.format(lower[$0.offset]))-"
                + "\(TargetsCommand.format(upper[$0.offset]))]" })
        try write(csv, "ranking.csv", in: directory)
        try write(header + markdown, "ranking.md", in: directory)
        try write(chart.svg(), "sobol.svg", in: directory)
        if hasSecond { try write(second, "second_order.csv", in: directory) }
    }

    static func sobolMarkdown(_ results: [(outcome: String, result: SobolResult)], paths: [String], lower: [Double],
                              upper: [Double]) -> String {
        var text = ""
        for entry in results {
            text += "### \(entry.outcome)\n\n| rank | parameter | range | S1 | +- (95%) | ST | +- (95%) |\n"
                + "| --- | --- | --- | --- | --- | --- | --- |\n"
            for (rank, index) in entry.result.ranking.enumerated() {
                let f = paths.firstIndex(of: index.path) ?? 0
                text += "| \(rank + 1) | \(index.path) | \(TargetsCommand.format(lower[f]))-\(TargetsCommand.format(upper[f])) | "
                    + "\(number(index.first)) | \(number(index.firstConfidence)) | \(number(index.total)) | "
                    + "\(number(index.totalConfidence)) |\n"
            }
            let sum = entry.result.indices.reduce(0) { $0 + $1.first }
            text += "\nSum of S1: \(number(sum)) (1 minus it is the share of the variance due to interactions)\n\n"
        }
        return text
    }
}
