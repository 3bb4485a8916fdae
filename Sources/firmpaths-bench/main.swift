// firmpaths-bench: fixed-seed benchmarks of the model and the batch runner (`make bench`).
//
// Prints a table and writes Results/bench/bench.json. Every timed figure is the median of
// --repetitions runs (default 5) after one warm-up. See README.md, "Benchmark".
import FirmPathsEngine
import FirmPathsIO
import FirmPathsModel
import Foundation

struct BenchOptions {
    var scenarioPath = "Scenarios/default.json"
    var outDirectory = "Results/bench"
    var repetitions = 5
    var threads = ThreadCount.available()
    var largeFirms = 50_000
    var largeYears = 10
    var firmpaths: String?
    /// Only the explorer's figures (section 6), for a quick look.
    var explorerOnly = false
    /// Firms of the writing benchmark's run (section 7); `--writing-only` runs just that section.
    var writingFirms = 100_000
    var writingOnly = false

    static let usage = """
    Usage: firmpaths-bench [--scenario FILE] [--out DIR] [--repetitions N] [--threads N]
                           [--large-firms N] [--large-years N] [--firmpaths PATH] [--explorer-only]
                           [--writing-firms N] [--writing-only]

    Fixed-seed benchmarks on FILE (default Scenarios/default.json): throughput of a sweep on one
    thread and on all threads, within-run speed-up of one large run, peak memory of a small and a
    10x sweep (child `firmpaths sweep` processes), CSV writing speed, a checksum of the results, and
    the explorer over a socket: median latency of a run request (300 and 1000 firms) and requests
    per second with 8 concurrent pages (--explorer-only: just these), and writing time / simulation
    time of one run of N firms (--writing-firms, default 100000) with every table (--writing-only:
    just this).
    Writes DIR/bench.json (default Results/bench). Timings are medians of N repetitions (default 5,
    at least 1) after one warm-up.

    """

    init(_ arguments: [String]) {
        var index = 0
        func value() -> String {
            index += 1
            guard index < arguments.count else { fail("option \(arguments[index - 1]) needs a value") }
            return arguments[index]
        }
        func number(_ text: String, _ name: String) -> Int {
            guard let number = Int(text), number >= 1 else { fail("\(name) expects a positive integer, found '\(text)'") }
            return number
        }
        while index < arguments.count {
            switch arguments[index] {
            case "--scenario": scenarioPath = value()
            case "--out": outDirectory = value()
            case "--repetitions": repetitions = number(value(), "--repetitions")
            case "--threads": threads = number(value(), "--threads")
            case "--large-firms": largeFirms = number(value(), "--large-firms")
            case "--large-years": largeYears = number(value(), "--large-years")
            case "--firmpaths": firmpaths = value()
            case "--explorer-only": explorerOnly = true
            case "--writing-firms": writingFirms = number(value(), "--writing-firms")
            case "--writing-only": writingOnly = true
            case "-h", "--help": print(Self.usage, terminator: ""); exit(0)
            default: fail("unknown argument '\(arguments[index])'\n" + Self.usage)
            }
            index += 1
        }
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data(("firmpaths-bench: " + message + "\n").utf8))
    exit(1)
}

func note(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

let options = BenchOptions(Array(CommandLine.arguments.dropFirst()))
let loaded: LoadedScenario
do {
    loaded = try ScenarioLoader.load(path: options.scenarioPath)
} catch {
    fail(error.description)
}
let scenario = loaded.scenario
let baseSeed = scenario.seed.value
let threads = options.threads
let repetitions = options.repetitions
let markets = Simulation(scenario: scenario, seed: baseSeed).world.marketCount
var results = BenchResults()
// The machine may be shared: record its load, so noisy figures can be recognised as such.
let loadAtStart = Measure.loadAverage()
let scenarioName = URL(fileURLWithPath: options.scenarioPath).deletingPathExtension().lastPathComponent

@MainActor func recordExplorer(_ figures: ExplorerBench.Figures) {
    results.set("explorer_run_ms_300_firms", figures.medianMilliseconds300)
    results.set("explorer_run_ms_1000_firms", figures.medianMilliseconds1000)
    results.set("explorer_requests_per_sec_8_clients", figures.requestsPerSecond)
    results.sample("explorer_run_seconds_300_firms", figures.samples300)
    results.sample("explorer_run_seconds_1000_firms", figures.samples1000)
}

// MARK: - 7. Writing vs simulation of one large single run (issue 12, acceptance 5)
//
// simulation time: wall time of setup + step loop of the run with no output at all.
// writing time: wall time of SingleRun.execute with every table (trajectories, events,
// exports, years, firms, markets, manifest; background file queues drained, fsync'ed, renamed)
// minus the simulation time of the same scenario and seed. Medians of the repetitions, interleaved.
func writingBench() -> (ratio: Double, write: Double, simulate: Double, writeCPU: Double, simulateCPU: Double) {
    let big: LoadedScenario
    do {
        big = try ScenarioLoader.apply(overrides: ["population.firms=\(options.writingFirms)"], to: loaded)
    } catch {
        fail(error.description)
    }
    let directory = options.outDirectory + "/writing-run"
    note("writing: \(options.writingFirms) firms x \(big.scenario.years) years, all tables vs no output, \(threads) threads")
    var withTables: [Double] = []
    var without: [Double] = []
    // CPU seconds of the process (all threads) in each, for a loaded machine where wall times mislead.
    var withTablesCPU: [Double] = []
    var withoutCPU: [Double] = []
    for _ in 0..<max(1, min(3, repetitions)) {
        var cpu = Measure.processCPUSeconds()
        without.append(Measure.seconds {
            let simulation = Simulation(scenario: big.scenario, seed: baseSeed)
            RunExecutor.run(simulation, threads: threads) { _, _ in }
            _ = simulation.firmOutcomes()
        })
        withoutCPU.append(Measure.processCPUSeconds() - cpu)
        var runOptions = SingleRunOptions(directory: directory, overwrite: true, threads: threads)
        runOptions.writeYears = true
        cpu = Measure.processCPUSeconds()
        withTables.append(Measure.seconds {
            do {
                _ = try SingleRun.execute(scenario: big.scenario, resolvedScenario: .null, scenarioFile: options.scenarioPath,
                                          seed: baseSeed, options: runOptions)
            } catch {
                fail("writing run: \(error)")
            }
        })
        withTablesCPU.append(Measure.processCPUSeconds() - cpu)
        note(String(format: "  repetition: simulation %.2f s (CPU %.2f s), with all tables %.2f s (CPU %.2f s)",
                    without.last!, withoutCPU.last!, withTables.last!, withTablesCPU.last!))
    }
    try? FileManager.default.removeItem(atPath: directory)
    let simulate = Measure.median(without)
    let write = Measure.median(withTables) - simulate
    let simulateCPU = Measure.median(withoutCPU)
    return (write / simulate, write, simulate, Measure.median(withTablesCPU) - simulateCPU, simulateCPU)
}

if options.writingOnly {
    let figures = writingBench()
    print(String(format: "writing / simulation, %d firms: %.3f (writing %.2f s, simulation %.2f s; medians of %d, %d threads)",
                 options.writingFirms, figures.ratio, figures.write, figures.simulate, max(1, min(3, repetitions)), threads))
    print(String(format: "CPU time (all threads): writing %.2f s, simulation %.2f s", figures.writeCPU, figures.simulateCPU))
    print(String(format: "load average %.2f -> %.2f (1 min)", loadAtStart, Measure.loadAverage()))
    exit(0)
}

if options.explorerOnly {
    let figures = ExplorerBench.run(loaded: loaded, name: scenarioName, repetitions: repetitions)
    recordExplorer(figures)
    let loadAtEnd = Measure.loadAverage()
    print("FirmPaths explorer benchmark (\(options.scenarioPath), \(scenario.years) years; every request another seed)")
    print(String(format: "run request, 300 firms    %8.1f ms  median of %d", figures.medianMilliseconds300, figures.samples300.count))
    print(String(format: "run request, 1000 firms   %8.1f ms  median of %d", figures.medianMilliseconds1000, figures.samples1000.count))
    print(String(format: "8 concurrent pages        %8.1f requests/s (%d requests each, 300 firms)", figures.requestsPerSecond,
                 figures.requestsPerClient))
    print(String(format: "load average              %.2f -> %.2f (1 min; the machine is shared, figures are noisy)", loadAtStart, loadAtEnd))
    exit(0)
}
results.set("threads", threads)
results.set("repetitions", repetitions)
results.set("scenario", options.scenarioPath)
results.set("firms", scenario.population.firms)
results.set("steps", scenario.totalSteps)
results.set("markets", markets)

let scratch = options.outDirectory + "/scratch"
try? FileManager.default.removeItem(atPath: scratch)
do {
    try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
} catch {
    fail("cannot create \(scratch): \(error.localizedDescription)")
}

// MARK: - 1. Peak memory of a sweep and of the same sweep with 10x the runs
//
// First, while this process is still small: glibc's posix_spawn shares this process's memory
// until the child's exec, and Linux then starts the child's ru_maxrss at this process's peak.
// parent_peak_rss_mb_at_spawn records it; the child's figure is only its own when it is larger.

let firmpaths = options.firmpaths
    ?? (URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path + "/firmpaths")
guard FileManager.default.isExecutableFile(atPath: firmpaths) else {
    fail("no firmpaths executable at \(firmpaths) (build it, or pass --firmpaths PATH)")
}
let smallRuns = 2 * threads * 4
let largeRuns = 10 * smallRuns
func sweepScenario(replications: Int) -> String {
    var top = JSONObject()
    if case .object(let object) = (try? JSONParser.parse(FileManager.default.contents(atPath: options.scenarioPath).map { [UInt8]($0) } ?? [],
                                                          file: options.scenarioPath).value) ?? .null {
        top = object
    }
    // A sweep needs a factor: one level of exportPromotion, equal to the scenario's own value, so
    // every run is the scenario itself with seed RunSeed.derive(seed, 0, replication).
    let level = JSONValue.array([.number(scenario.policy.exportPromotion)])
    top["sweep"] = .object(JSONObject([("design", .string("grid")),
                                       ("parameters", .object(JSONObject([("policy.exportPromotion", level)]))),
                                       ("replications", .number(Double(replications))), ("seed", .number(Double(baseSeed)))]))
    let path = scratch + "/sweep-\(replications).json"
    do {
        try JSONValue.object(top).serialized(pretty: true).write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
        fail("cannot write \(path): \(error)")
    }
    return path
}
note("memory: `firmpaths sweep` of \(smallRuns) and \(largeRuns) runs (runs + firms), \(threads) threads, peak RSS of the child")
let parentPeak = Measure.ownPeakRSSMegabytes()
results.set("parent_peak_rss_mb_at_spawn", parentPeak)
func sweepMemory(runs: Int) -> (megabytes: Double, seconds: Double) {
    let file = sweepScenario(replications: runs)
    let out = scratch + "/sweep-\(runs)"
    guard let outcome = ChildProcess.run([firmpaths, "sweep", file, "--out", out, "--overwrite", "--quiet",
                                          "--threads", String(threads), "--record", "runs,firms"]) else {
        fail("cannot start \(firmpaths)")
    }
    guard outcome.status == 0 else { fail("firmpaths sweep \(file) failed (wait status \(outcome.status))") }
    return (outcome.peakRSSMegabytes, outcome.seconds)
}
_ = sweepMemory(runs: smallRuns)
var smallRSS: [Double] = []
var largeRSS: [Double] = []
var largeSweepSeconds: [Double] = []
let memoryRepetitions = max(1, min(3, repetitions))
for _ in 0..<memoryRepetitions {
    smallRSS.append(sweepMemory(runs: smallRuns).megabytes)
    let big = sweepMemory(runs: largeRuns)
    largeRSS.append(big.megabytes)
    largeSweepSeconds.append(big.seconds)
}
let rssSmall = Measure.median(smallRSS)
let rssLarge = Measure.median(largeRSS)
if rssSmall <= parentPeak * 1.05 {
    note("warning: the small sweep's peak RSS (\(rssSmall) MB) is not above this process's own (\(parentPeak) MB) at spawn")
}
results.set("small_sweep_runs", smallRuns)
results.set("large_sweep_runs", largeRuns)
results.set("peak_rss_mb_small_sweep", rssSmall)
results.set("peak_rss_mb_large_sweep", rssLarge)
results.set("peak_rss_ratio_large_to_small", rssLarge / rssSmall)
results.set("cli_sweep_runs_per_sec", Double(largeRuns) / Measure.median(largeSweepSeconds))
results.sample("peak_rss_mb_small_sweep", smallRSS)
results.sample("peak_rss_mb_large_sweep", largeRSS)

// MARK: - 2. Checksum of a fixed run (also: thread count must not change it)

note("checksum: \(options.scenarioPath), seed \(baseSeed)")
func firmsCSV(threads: Int) -> [UInt8] {
    let simulation = Simulation(scenario: scenario, seed: baseSeed)
    RunExecutor.run(simulation, threads: threads) { _, _ in }
    var buffer = CSVBuffer()
    buffer.appendHeader(FirmTable.header)
    FirmTable.appendRows(of: simulation, outcomes: simulation.firmOutcomes(), run: 0, into: &buffer)
    return buffer.bytes
}
let checksumBytes = firmsCSV(threads: 1)
let checksum = Measure.fnv1a64(checksumBytes)
let checksumAllThreads = Measure.fnv1a64(firmsCSV(threads: threads))
guard checksum == checksumAllThreads else {
    fail("firms.csv differs between 1 and \(threads) threads (\(checksum) vs \(checksumAllThreads))")
}
let checksumText = "fnv1a64:" + String(checksum, radix: 16)
results.set("checksum", checksumText)
results.set("checksum_of", "firms.csv of \(options.scenarioPath), seed \(baseSeed), \(checksumBytes.count) bytes")

// MARK: - 3. Sweep throughput: many runs in parallel vs the same runs on one thread

let sweepRuns = 2 * threads * 4
let seeds = (0..<sweepRuns).map { RunSeed.derive(baseSeed: baseSeed, point: 0, replication: $0) }
note("sweep throughput: \(sweepRuns) runs, 1 thread vs \(threads) threads, \(repetitions) repetitions after a warm-up")

struct RunCost: Sendable {
    var living = 0
    var setupSeconds = 0.0
    var stepSeconds = 0.0
}

/// One run as the batch runner does it (setup, every step on one thread), without output.
@Sendable func simulate(seed: UInt64) -> RunCost {
    var cost = RunCost()
    var simulation: Simulation!
    cost.setupSeconds = Measure.seconds { simulation = Simulation(scenario: scenario, seed: seed) }
    cost.stepSeconds = Measure.seconds { RunExecutor.run(simulation, threads: 1) { _, _ in } }
    cost.living = FirmSteps.living(simulation)
    return cost
}

func sweep(threads: Int) -> (seconds: Double, cpuSeconds: Double, costs: [RunCost]) {
    var costs: [RunCost] = []
    let cpuStart = Measure.processCPUSeconds()
    let seconds = Measure.seconds {
        costs = ParallelFor.map(count: sweepRuns, threads: threads, chunk: 1) { simulate(seed: seeds[$0]) }
    }
    return (seconds, Measure.processCPUSeconds() - cpuStart, costs)
}

_ = sweep(threads: 1)
_ = sweep(threads: threads)
var oneThread: [Double] = []
var allThreads: [Double] = []
var utilization: [Double] = []
var utilization1: [Double] = []
var setupShares: [Double] = []
var stepNanoseconds: [Double] = []
var livingSteps = 0
for _ in 0..<repetitions {
    // Interleaved, so drift in the machine's load affects both alike.
    let single = sweep(threads: 1)
    let parallel = sweep(threads: threads)
    oneThread.append(single.seconds)
    allThreads.append(parallel.seconds)
    utilization.append(parallel.cpuSeconds / (parallel.seconds * Double(threads)))
    utilization1.append(single.cpuSeconds / single.seconds)
    livingSteps = single.costs.reduce(0) { $0 + $1.living }
    guard livingSteps == parallel.costs.reduce(0, { $0 + $1.living }) else { fail("living firm-steps differ between thread counts") }
    let setup = single.costs.reduce(0) { $0 + $1.setupSeconds }
    let step = single.costs.reduce(0) { $0 + $1.stepSeconds }
    setupShares.append(setup / single.seconds)
    stepNanoseconds.append(step * 1e9 / (Double(livingSteps) * Double(max(1, markets))))
}
let nominalSteps = FirmSteps.nominal(scenario) * sweepRuns
let oneThreadSeconds = Measure.median(oneThread)
let allThreadsSeconds = Measure.median(allThreads)
let rate1 = Double(livingSteps) / oneThreadSeconds
let rateN = Double(livingSteps) / allThreadsSeconds
results.set("sweep_runs", sweepRuns)
results.set("living_firm_steps_per_run", Double(livingSteps) / Double(sweepRuns))
results.set("nominal_firm_steps_per_run", FirmSteps.nominal(scenario))
results.set("living_share", Double(livingSteps) / Double(nominalSteps))
results.set("firm_steps_per_sec_1thread", rate1)
results.set("firm_steps_per_sec_all_threads", rateN)
results.set("firm_steps_per_sec_1thread_nominal", Double(nominalSteps) / oneThreadSeconds)
results.set("parallel_efficiency", rateN / (Double(threads) * rate1))
results.set("sweep_speedup", oneThreadSeconds / allThreadsSeconds)
results.set("cpu_utilization_all_threads", Measure.median(utilization))
results.set("cpu_utilization_1thread", Measure.median(utilization1))
results.set("ms_per_run_1thread", oneThreadSeconds * 1000 / Double(sweepRuns))
results.set("setup_share_1thread", Measure.median(setupShares))
results.set("ns_per_firm_market_step_1thread", Measure.median(stepNanoseconds))
results.set("ns_per_firm_step_1thread", 1e9 / rate1)
results.sample("sweep_seconds_1thread", oneThread)
results.sample("sweep_seconds_all_threads", allThreads)

// MARK: - 4. Within-run parallelism: one large run, threads = 1 vs all

let large: LoadedScenario
do {
    large = try ScenarioLoader.apply(overrides: ["population.firms=\(options.largeFirms)", "years=\(options.largeYears)"], to: loaded)
} catch {
    fail(error.description)
}
note("large run: \(options.largeFirms) firms x \(options.largeYears) years, 1 thread vs \(threads) threads")
func largeRun(threads: Int) -> (seconds: Double, cpuSeconds: Double, living: Int) {
    let simulation = Simulation(scenario: large.scenario, seed: baseSeed)
    let cpuStart = Measure.processCPUSeconds()
    let seconds = Measure.seconds { RunExecutor.run(simulation, threads: threads) { _, _ in } }
    return (seconds, Measure.processCPUSeconds() - cpuStart, FirmSteps.living(simulation))
}
_ = largeRun(threads: 1)
_ = largeRun(threads: threads)
var large1: [Double] = []
var largeN: [Double] = []
var largeLiving = 0
var largeUtilization: [Double] = []
var largeUtilization1: [Double] = []
for _ in 0..<repetitions {
    let single = largeRun(threads: 1)
    let parallel = largeRun(threads: threads)
    large1.append(single.seconds)
    largeN.append(parallel.seconds)
    largeUtilization.append(parallel.cpuSeconds / (parallel.seconds * Double(threads)))
    largeUtilization1.append(single.cpuSeconds / single.seconds)
    largeLiving = single.living
}
let largeSeconds1 = Measure.median(large1)
let largeSecondsN = Measure.median(largeN)
results.set("large_run_firms", options.largeFirms)
results.set("large_run_years", options.largeYears)
results.set("large_run_steps_seconds_1thread", largeSeconds1)
results.set("large_run_steps_seconds_all_threads", largeSecondsN)
results.set("large_run_speedup", largeSeconds1 / largeSecondsN)
results.set("large_run_parallel_efficiency", largeSeconds1 / largeSecondsN / Double(threads))
results.set("large_run_cpu_utilization_all_threads", Measure.median(largeUtilization))
results.set("large_run_cpu_utilization_1thread", Measure.median(largeUtilization1))
results.set("large_run_firm_steps_per_sec_1thread", Double(largeLiving) / largeSeconds1)
results.set("large_run_firm_steps_per_sec_all_threads", Double(largeLiving) / largeSecondsN)
results.sample("large_run_seconds_1thread", large1)
results.sample("large_run_seconds_all_threads", largeN)

// MARK: - 5. CSV writing: trajectories.csv of one run

note("csv: trajectories.csv of one run, plain and gzip (--compress) (encode [+ compress] + write + fsync, simulation not timed)")
/// Writes trajectories.csv of one run (gzip-compressed as `--compress` does when `compress`);
/// returns the time, the bytes on disk and the uncompressed bytes.
func writeTrajectories(compress: Bool = false) -> (seconds: Double, bytes: Int, plainBytes: Int) {
    let path = scratch + (compress ? "/trajectories.csv.gz" : "/trajectories.csv")
    let simulation = Simulation(scenario: scenario, seed: baseSeed)
    var seconds = 0.0
    var plainBytes = 0
    do {
        let file = try CSVFileWriter(path: path)
        if compress { file.compressor = GzipCompressor() }
        var buffer = CSVBuffer(capacity: 1 << 21)
        seconds += Measure.seconds { buffer.appendHeader(TrajectoryTable.header) }
        try RunExecutor.run(simulation, threads: 1) { simulation, _ in
            let start = Measure.now()
            TrajectoryTable.appendRows(of: simulation, run: 0, into: &buffer)
            let pending = buffer.count
            try file.write(&buffer)
            if buffer.count < pending { plainBytes += pending }  // flushed
            seconds += Measure.now() - start
        }
        plainBytes += buffer.count
        let start = Measure.now()
        try file.finish(&buffer)
        seconds += Measure.now() - start
        return (seconds, file.bytesWritten, plainBytes)
    } catch {
        fail("writing \(path): \(error)")
    }
}
_ = writeTrajectories()
_ = writeTrajectories(compress: true)
var csvSeconds: [Double] = []
var gzipSeconds: [Double] = []
var csvBytes = 0
var gzipBytes = 0
var gzipPlainBytes = 0
// Plain and compressed alternate, so both see the same load.
for _ in 0..<repetitions {
    let written = writeTrajectories()
    csvSeconds.append(written.seconds)
    csvBytes = written.bytes
    let compressed = writeTrajectories(compress: true)
    gzipSeconds.append(compressed.seconds)
    gzipBytes = compressed.bytes
    gzipPlainBytes = compressed.plainBytes
}
if gzipPlainBytes != csvBytes { fail("csv: the compressed writer was given \(gzipPlainBytes) bytes, the plain one wrote \(csvBytes)") }
results.set("csv_bytes", csvBytes)
results.set("csv_mb_per_sec", Double(csvBytes) / 1e6 / Measure.median(csvSeconds))
results.sample("csv_seconds", csvSeconds)
results.set("csv_gz_bytes", gzipBytes)
results.set("csv_gz_size_ratio", Double(gzipBytes) / Double(max(1, csvBytes)))
// MB/s of the uncompressed bytes (the CSV the file decompresses to), comparable with csv_mb_per_sec.
results.set("csv_gz_mb_per_sec", Double(csvBytes) / 1e6 / Measure.median(gzipSeconds))
results.sample("csv_gz_seconds", gzipSeconds)

try? FileManager.default.removeItem(atPath: scratch)

let writing = writingBench()
results.set("writing_run_firms", options.writingFirms)
results.set("writing_seconds", writing.write)
results.set("writing_simulation_seconds", writing.simulate)
results.set("writing_to_simulation_ratio", writing.ratio)
results.set("writing_cpu_seconds", writing.writeCPU)
results.set("writing_simulation_cpu_seconds", writing.simulateCPU)

// MARK: - 6. The explorer: run requests over a socket

recordExplorer(ExplorerBench.run(loaded: loaded, name: scenarioName, repetitions: repetitions))

// MARK: - Report

results.set("load_average_at_start", loadAtStart)
results.set("load_average_at_end", Measure.loadAverage())
results.set("spread_sweep_1thread", Measure.spread(oneThread))
results.set("spread_sweep_all_threads", Measure.spread(allThreads))
results.printTable(threads: threads, markets: markets, livingShare: Double(livingSteps) / Double(nominalSteps),
                   sweepRuns: sweepRuns, options: options, smallRuns: smallRuns, largeRuns: largeRuns)
let jsonPath = options.outDirectory + "/bench.json"
do {
    try results.json().write(toFile: jsonPath, atomically: true, encoding: .utf8)
} catch {
    fail("cannot write \(jsonPath): \(error)")
}
print("wrote \(jsonPath)")
