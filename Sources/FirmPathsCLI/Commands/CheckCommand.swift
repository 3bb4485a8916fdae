import FirmPathsEngine
import FirmPathsIO

/// `firmpaths check SCENARIO`: validates a scenario file without running it.
struct CheckCommand: Command {
    static let name = "check"
    static let summary = "Validate a scenario file without running it"
    static let help = """
    Usage: firmpaths check SCENARIO [--set PATH=VALUE]... [--allow-huge]

    Reads SCENARIO, fills in defaults and reports every problem at once: syntax errors with
    line and column, unknown keys with the closest valid key, wrong types and values out of
    range with the allowed range, and inconsistent settings, including those of the `sweep`
    block (every design point is checked against the scenario rules, its size is estimated and
    refused beyond reason as `sweep` would, unless --allow-huge, and its largest point must fit
    in memory on all threads). Exit status 0 when the scenario is valid, 65 when it is not.

    Examples:
      firmpaths check Scenarios/default.json
      firmpaths check my-scenario.json --set population.firms=50

    """

    static func run(_ arguments: [String], console: Console) throws(CLIError) {
        let parsed = try Arguments(arguments, options: ["--set"], flags: ["--allow-huge"], usage: help)
        guard parsed.positionals.count == 1, let argument = parsed.positionals.first else {
            throw CLIError(.usage, "expected one SCENARIO", usage: help)
        }
        let loaded = try ScenarioResolution.load(argument, overrides: parsed.all("--set"), environment: console.environment)
        let scenario = loaded.scenario
        let limit = try MemoryLimit.from(environment: console.environment)
        var sweepText = ""
        if loaded.sweep != nil {
            // As `firmpaths sweep` with its defaults would: size, every point, then memory on all threads.
            let threads = ThreadCount.available()
            let sweep: PreparedSweep
            let sizeCheck = PreparedSweep.SizeCheck(tables: SweepCommand.tables(.sweepDefault, every: 1), threads: threads,
                                                    allowHuge: parsed.has("--allow-huge"))
            do {
                sweep = try PreparedSweep.prepare(loaded, threads: threads, sizeCheck: sizeCheck)
            } catch {
                throw CLIError(.dataError, error.description)
            }
            do throws(EngineError) {
                try SweepRunner.checkMemory(sweep, options: SweepOptions(directory: "", threads: threads, memoryLimit: limit),
                                            runs: sweep.plan.count)
            } catch {
                throw CLIError(.dataError, "\(loaded.file): \(error.description) (with `firmpaths sweep` on \(threads) threads)")
            }
            let estimate = PreparedSweep.estimate(sweep.spec, base: scenario, tables: sizeCheck.tables, threads: threads)
            sweepText = ", with a sweep of \(sweep.plan.count) runs (\(estimate.summary))"
        }
        let size = RunSize(scenario)
        do throws(EngineError) {
            try MemoryGuard.check(size, limit: limit, what: "one run")
        } catch {
            throw CLIError(.dataError, "\(loaded.file): \(error.description)")
        }
        console.out("\(loaded.file): valid scenario '\(scenario.name)': \(scenario.population.firms) firms, "
            + "\(scenario.years) years x \(scenario.stepsPerYear) steps, \(scenario.population.segments.count) segments"
            + sweepText
            + "; a run needs about \(MemoryGuard.describe(MemoryGuard.estimate(size))) of memory\n")
    }
}
