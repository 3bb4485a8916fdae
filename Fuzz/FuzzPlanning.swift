// Shared by the `--set` and sweep-block fuzz targets (scripts/fuzz.sh): what `firmpaths check`
// and `firmpaths sweep` do with a scenario before anything runs (sweep parsing, the size
// estimate, every design point's validation, the market maps, the memory check, a run's
// estimate), without running a simulation. Any trap, crash or sanitizer report is a bug; an
// error thrown is the expected answer to bad input.
import FirmPathsEngine
import FirmPathsIO
import FirmPathsModel

/// A fixed memory limit (8 GB): the guard's arithmetic without reading /proc for every input.
let fuzzMemoryLimit = 8e9

func planLikeCheckAndSweep(_ loaded: LoadedScenario) {
    // Every message a user could see must be printable.
    _ = loaded.scenario.name.utf8.count
    // What the resolved scenario says must load again as a file: the validator accepts what it produced.
    if let text = try? loaded.resolvedJSON.serialized() {
        do {
            _ = try ScenarioLoader.load(bytes: Array(text.utf8), file: "resolved.json")
        } catch {
            preconditionFailure("a resolved scenario does not load again: \(error.description)")
        }
    }
    let size = RunSize(loaded.scenario)
    _ = try? MemoryGuard.check(size, limit: fuzzMemoryLimit, what: "one run")
    let run = WorkEstimate(size: size, runs: 1, tables: WorkEstimate.Tables(), threads: 1)
    _ = try? run.check(.run, what: "this run", allowHuge: false)
    _ = run.summary
    guard loaded.sweep != nil else { return }
    let tables = WorkEstimate.Tables(runs: true, firms: true, steps: false, every: 1, events: false, exports: false, years: false)
    do {
        let sweep = try PreparedSweep.prepare(loaded, threads: 1,
                                              sizeCheck: PreparedSweep.SizeCheck(tables: tables, threads: 2, allowHuge: false))
        for run in sweep.plan {
            for (path, value) in run.values {
                precondition(value.isFinite, "design point \(run.point): \(path) = \(value) passed validation")
            }
        }
        _ = try? SweepRunner.checkMemory(sweep, options: SweepOptions(directory: "", threads: 2, memoryLimit: fuzzMemoryLimit),
                                         runs: sweep.plan.count)
        let estimate = PreparedSweep.estimate(sweep.spec, base: loaded.scenario, tables: tables, threads: 2)
        _ = estimate.summary
        _ = sweep.marketMaps.file.count
    } catch {
        _ = error.description.utf8.count
    }
}
