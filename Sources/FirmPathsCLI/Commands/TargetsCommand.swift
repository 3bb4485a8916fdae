import FirmPathsEngine
import FirmPathsIO
import FirmPathsModel
import Foundation

/// `firmpaths targets SCENARIO`: replications of a scenario compared with empirical targets.
struct TargetsCommand: Command {
    static let name = "targets"
    static let summary = "Compare a scenario's outcomes over replications with empirical targets"
    static let defaultTargets = "Scenarios/targets/eu-sme.json"
    static let help = """
    Usage: firmpaths targets SCENARIO [--targets FILE] [--replications R] [--threads N] [--seed S]
                             [--set PATH=VALUE]...

    Runs R replications of SCENARIO (run seeds RunSeed.derive(S, 0, r), one thread per run, in
    memory), computes each target of FILE per replication and prints one row per target: the
    simulated mean with its 95% interval over replications (Student t), the empirical range,
    the tolerance and whether the mean lies within range +- tolerance.
    Exit status 0 when every target holds, 1 otherwise (every target is a check).

    Options:
      --targets FILE    targets file (default: \(defaultTargets))
      --replications R  replications (default 20)
      --threads N       worker threads (default: all available)
      --seed S          base seed (default: the scenario's seed)
      --set PATH=VALUE  override a scenario parameter (repeatable)

    Examples:
      firmpaths targets Scenarios/baseline-eu.json
      firmpaths targets baseline-eu --targets Scenarios/targets/stylized-facts.json --seed 7

    """

    static func run(_ arguments: [String], console: Console) throws(CLIError) {
        let parsed = try Arguments(arguments, options: ["--targets", "--replications", "--threads", "--seed", "--set"],
                                   flags: [], usage: help)
        guard parsed.positionals.count == 1, let argument = parsed.positionals.first else {
            throw CLIError(.usage, "expected one SCENARIO", usage: help)
        }
        let replications = try parsed.int("--replications", usage: help, range: 1...100_000) ?? 20
        let threads = try parsed.int("--threads", usage: help, range: 1...4096) ?? ThreadCount.available()
        let loaded = try ScenarioResolution.load(argument, overrides: parsed.all("--set"), environment: console.environment)
        let seed = try parsed.seed("--seed", usage: help) ?? loaded.scenario.seed.value
        let file = try loadTargets(parsed.value("--targets") ?? defaultTargets)
        let start = Date()
        let results = TargetEvaluation.evaluate(file.targets, scenario: loaded.scenario, replications: replications,
                                                seed: seed, threads: threads)
        let seconds = Date().timeIntervalSince(start)
        console.out("\(loaded.scenario.name) vs \(file.name): \(replications) replications, seed \(seed), "
            + "\(loaded.scenario.population.firms) firms, \(loaded.scenario.years) years\n")
        console.out(table(results))
        let distance = TargetEvaluation.distance(results)
        let failing = results.filter { !$0.holds }
        let holding = results.count - failing.count
        console.out("distance to targets: \(format(distance.outside)) outside tolerance, \(format(distance.centre)) from the "
            + "middle of the ranges; \(holding) of \(results.count) hold\n")
        console.err("simulated in \(String(format: "%.1f", seconds)) s\n")
        if !failing.isEmpty {
            throw CLIError(.failure, "\(failing.count) target(s) outside tolerance: "
                + failing.map(\.target.id).joined(separator: ", "))
        }
    }

    static func loadTargets(_ path: String) throws(CLIError) -> TargetFile {
        try requireDefault(path, isDefault: path == defaultTargets, option: "--targets")
        do {
            return try TargetFile.load(path: path)
        } catch {
            throw CLIError(FileManager.default.fileExists(atPath: path) ? .dataError : .ioError, error.description)
        }
    }

    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "n/a" }
        let magnitude = abs(value)
        if magnitude >= 100 { return String(format: "%.1f", value) }
        if magnitude >= 10 { return String(format: "%.2f", value) }
        return String(format: "%.3f", value)
    }

    static func rangeText(_ target: Target) -> String {
        target.lower == target.upper ? format(target.lower) : "\(format(target.lower))-\(format(target.upper))"
    }

    /// The results as a Markdown table.
    static func table(_ results: [TargetResult]) -> String {
        var text = "| target | source | simulated mean [95% CI] | target | tolerance | holds |\n"
        text += "| --- | --- | --- | --- | --- | --- |\n"
        for result in results {
            let s = result.summary
            let holds = result.holds ? "yes" : "no"
            text += "| \(result.target.id) | \(result.target.source) | \(format(s.mean)) [\(format(s.lower)), \(format(s.upper))] | "
                + "\(rangeText(result.target)) | \(format(result.target.tolerance)) | "
                + holds + " |\n"
        }
        return text
    }
}

/// A default file of the repository (Scenarios/targets/...), read relative to the working
/// directory: when it is missing, say so and how to name a file, instead of "cannot read".
func requireDefault(_ path: String, isDefault: Bool, option: String) throws(CLIError) {
    guard isDefault, !FileManager.default.fileExists(atPath: path) else { return }
    let here = FileManager.default.currentDirectoryPath
    throw CLIError(.ioError, "'\(path)' (the default of \(option), a file of the FirmPaths repository, "
                   + "read relative to the working directory) does not exist in '\(here)': run from the "
                   + "repository's top directory or give \(option) FILE")
}
