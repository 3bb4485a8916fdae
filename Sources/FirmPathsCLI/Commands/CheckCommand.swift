import FirmPathsEngine
import FirmPathsIO

/// `firmpaths check SCENARIO`: validates a scenario file without running it.
struct CheckCommand: Command {
    static let name = "check"
    static let summary = "Validate a scenario file without running it"
    static let help = """
    Usage: firmpaths check SCENARIO [--set PATH=VALUE]...

    Reads SCENARIO, fills in defaults and reports every problem at once: syntax errors with
    line and column, unknown keys with the closest valid key, wrong types and values out of
    range with the allowed range, and inconsistent settings, including those of the `sweep`
    block (every design point is checked against the scenario rules). Exit status 0 when the scenario
    is valid, 65 when it is not.

    Examples:
      firmpaths check Scenarios/default.json
      firmpaths check my-scenario.json --set population.firms=50

    """

    static func run(_ arguments: [String], console: Console) throws(CLIError) {
        let parsed = try Arguments(arguments, options: ["--set"], flags: [], usage: help)
        guard parsed.positionals.count == 1, let argument = parsed.positionals.first else {
            throw CLIError(.usage, "expected one SCENARIO", usage: help)
        }
        let loaded = try ScenarioResolution.load(argument, overrides: parsed.all("--set"), environment: console.environment)
        let scenario = loaded.scenario
        var sweepRuns: Int?
        if loaded.sweep != nil {
            do {
                sweepRuns = try PreparedSweep.prepare(loaded).plan.count
            } catch {
                throw CLIError(.dataError, error.description)
            }
        }
        let size = RunSize(scenario)
        let limit = try MemoryLimit.from(environment: console.environment)
        do throws(EngineError) {
            try MemoryGuard.check(size, limit: limit, what: "one run")
        } catch {
            throw CLIError(.dataError, "\(loaded.file): \(error.description)")
        }
        console.out("\(loaded.file): valid scenario '\(scenario.name)': \(scenario.population.firms) firms, "
            + "\(scenario.years) years x \(scenario.stepsPerYear) steps, \(scenario.population.segments.count) segments"
            + (sweepRuns.map { ", with a sweep of \($0) runs" } ?? "")
            + "; a run needs about \(MemoryGuard.describe(MemoryGuard.estimate(size))) of memory\n")
    }
}
