import FirmPathsEngine
import FirmPathsIO
import FirmPathsModel
import Foundation

/// `firmpaths calibrate SCENARIO --design FILE`: scores every point of a sweep design by its
/// distance to the targets and prints the best points.
struct CalibrateCommand: Command {
    static let name = "calibrate"
    static let summary = "Score the points of a sweep design (e.g. a Latin hypercube) by distance to targets"
    static let help = """
    Usage: firmpaths calibrate SCENARIO --design FILE [--targets FILE]... [--threads N] [--top K]
                               [--set PATH=VALUE]...

    FILE holds a `sweep` block (docs/SWEEPS.md; usually latin_hypercube) over the free
    parameters. Every design point is run `replications` times in memory (run seeds as in
    `firmpaths sweep`), each target of the targets file is averaged over the replications and
    the point is scored by
      distance = sum over targets of (deviation outside range +- tolerance / (half range + tolerance))^2
    (0 when every target holds), ties broken by the same sum of deviations from the middle of
    the ranges. The scenario itself (without the design's values) is scored the same way as an
    extra point, with the seeds of point index = number of design points, so the best point can
    be compared with it.

    Options:
      --design FILE     file with the sweep block (required)
      --targets FILE    targets file (default: \(TargetsCommand.defaultTargets)); repeated, the
                        targets of all the files are scored together (their ids must differ)
      --threads N       worker threads (default: all available)
      --top K           points to print (default 10)

    Example:
      firmpaths calibrate Scenarios/baseline-eu.json --design Scenarios/targets/calibration-eu.json

    """

    /// The targets of every file, in the order given (the default file when none is given); an
    /// id met twice is refused, since the table would show two columns of that name.
    static func loadTargets(_ paths: [String]) throws(CLIError) -> [Target] {
        var targets: [Target] = []
        var seen: [String: String] = [:]
        for path in paths.isEmpty ? [TargetsCommand.defaultTargets] : paths {
            for target in try TargetsCommand.loadTargets(path).targets {
                if let first = seen[target.id] {
                    throw CLIError(.dataError, "\(path): targets[id=\(target.id)]: the id is already used in \(first); "
                        + "expected targets with distinct ids across the --targets files")
                }
                seen[target.id] = path
                targets.append(target)
            }
        }
        return targets
    }

    static func run(_ arguments: [String], console: Console) throws(CLIError) {
        let parsed = try Arguments(arguments, options: ["--design", "--targets", "--threads", "--top", "--set"], flags: [],
                                   usage: help)
        guard parsed.positionals.count == 1, let argument = parsed.positionals.first else {
            throw CLIError(.usage, "expected one SCENARIO", usage: help)
        }
        guard let designPath = parsed.value("--design") else { throw CLIError(.usage, "missing --design FILE", usage: help) }
        let threads = try parsed.int("--threads", usage: help, range: 1...4096) ?? ThreadCount.available()
        let top = try parsed.int("--top", usage: help, range: 1...100_000) ?? 10
        var loaded = try ScenarioResolution.load(argument, overrides: parsed.all("--set"), environment: console.environment)
        let targets = try Self.loadTargets(parsed.all("--targets"))
        loaded.sweep = try readSweepBlock(designPath)
        let sweep: PreparedSweep
        do {
            sweep = try PreparedSweep.prepare(loaded, file: designPath, threads: threads)
        } catch {
            throw CLIError(.dataError, error.description)
        }
        let start = Date()
        let values: [[Double]]
        do {
            values = try InMemorySweep.runRecorded(sweep, threads: threads) { simulation, spells in
                let run = TargetEvaluation.observe(simulation, spells: spells)
                return targets.map { $0.measure.evaluate(run) }
            }
        } catch {
            throw CLIError(.dataError, error.description)
        }
        let replications = sweep.plan.replications
        let pointCount = sweep.plan.points.count
        let baselineRuns = TargetEvaluation.replicate(scenario: loaded.scenario, replications: replications,
                                                      seed: sweep.plan.baseSeed, point: pointCount, threads: threads) {
            simulation, spells in
            let run = TargetEvaluation.observe(simulation, spells: spells)
            return targets.map { $0.measure.evaluate(run) }
        }
        let seconds = Date().timeIntervalSince(start)

        func results(_ runs: ArraySlice<[Double]>) -> [TargetResult] {
            targets.indices.map { t in
                TargetResult(target: targets[t], summary: ReplicationSummary(values: runs.map { $0[t] }))
            }
        }
        var scored: [(point: Int, results: [TargetResult], outside: Double, centre: Double)] = []
        for point in 0..<pointCount {
            let r = results(values[(point * replications)..<((point + 1) * replications)])
            let d = TargetEvaluation.distance(r)
            scored.append((point, r, d.outside, d.centre))
        }
        let baseline = results(baselineRuns[...])
        let baselineDistance = TargetEvaluation.distance(baseline)
        scored.sort { ($0.outside, $0.centre, $0.point) < ($1.outside, $1.centre, $1.point) }

        console.out("calibration of \(loaded.scenario.name): \(sweep.spec.designName), \(pointCount) points x "
            + "\(replications) replications, seed \(sweep.plan.baseSeed), \(targets.count) targets\n")
        console.out("columns: distance outside tolerance, distance from range middles, then the target means\n\n")
        let ids = targets.map(\.id)
        var header = "| rank | point | distance | centre | " + sweep.paths.joined(separator: " | ") + " | "
            + ids.joined(separator: " | ") + " |\n"
        header += "|" + String(repeating: " --- |", count: 4 + sweep.paths.count + ids.count) + "\n"
        var text = header
        for (rank, entry) in scored.prefix(top).enumerated() {
            let point = sweep.plan.points[entry.point]
            text += "| \(rank + 1) | \(entry.point) | \(TargetsCommand.format(entry.outside)) | "
                + "\(TargetsCommand.format(entry.centre)) | "
                + point.values.map { TargetsCommand.format($0.value) }.joined(separator: " | ") + " | "
                + entry.results.map { TargetsCommand.format($0.summary.mean) }.joined(separator: " | ") + " |\n"
        }
        text += "| - | scenario as is | \(TargetsCommand.format(baselineDistance.outside)) | "
            + "\(TargetsCommand.format(baselineDistance.centre)) | "
            + sweep.paths.map { _ in "-" }.joined(separator: " | ") + " | "
            + baseline.map { TargetsCommand.format($0.summary.mean) }.joined(separator: " | ") + " |\n"
        console.out(text)
        if let best = scored.first {
            let verdict = best.outside <= baselineDistance.outside
                ? "reaches the scenario's distance or better" : "does not reach the scenario's distance"
            console.out("\nbest design point \(best.point): distance \(TargetsCommand.format(best.outside)) "
                + "(scenario as is: \(TargetsCommand.format(baselineDistance.outside))); the search \(verdict)\n")
        }
        console.err("simulated \(sweep.plan.count + replications) runs in \(String(format: "%.1f", seconds)) s\n")
    }

    /// Reads the `sweep` block of a design file.
    static func readSweepBlock(_ path: String) throws(CLIError) -> JSONValue {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError(.ioError, "cannot read design file '\(path)'")
        }
        do {
            let document = try JSONParser.parse([UInt8](data), file: path)
            guard let block = document.value["sweep"] else {
                throw CLIError(.dataError, "\(path): expected an object with a 'sweep' block")
            }
            return block
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError(.dataError, "\(error)")
        }
    }
}
