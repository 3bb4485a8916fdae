import FirmPathsIO
import FirmPathsModel

/// `manifest.json`: everything needed to reproduce a run directory.
public enum Manifest {
    public static let toolVersion = "0.1.0"

    static func singleRun(scenario: Scenario, resolvedScenario: JSONValue, scenarioFile: String, seed: UInt64,
                          marketSeed: Int, options: SingleRunOptions, result: SingleRunResult) -> String {
        var counts = JSONObject()
        for path in TrajectoryPath.allCases { counts[path.description] = .number(Double(result.pathCounts[path] ?? 0)) }
        let seedValue: JSONValue = seed < 1 << 53 ? .number(Double(seed)) : .string(String(seed))
        let tables = ["firms.csv", "events.csv"] + (options.writeTrajectories ? ["trajectories.csv"] : [])
            + (options.writeExports ? ["exports.csv"] : []) + (options.writeYears ? ["years.csv"] : [])
        var manifest: JSONValue = .object(JSONObject([
            ("tool", "firmpaths"),
            ("version", .string(toolVersion)),
            ("kind", "single_run"),
            ("command", .array(options.commandLine.map { .string($0) })),
            ("scenario_file", .string(scenarioFile)),
            ("seed", seedValue),
            ("threads", .number(Double(options.threads))),
            ("files", .array((["manifest.json", "markets.csv"] + tables.map { options.compress ? $0 + Gzip.suffix : $0 })
                .map { .string($0) })),
            ("markets", marketsValue(generationSeed: marketSeed, checksum: result.marketsChecksum)),
            ("trajectory_every", .number(Double(options.every))),
            ("csv_dialect", .string(options.dialect.rawValue)),
            ("firms", .number(Double(scenario.population.firms))),
            ("steps", .number(Double(scenario.totalSteps))),
            ("events", .number(Double(result.eventCount))),
            ("paths", .object(counts)),
            ("timings", .object(JSONObject([
                ("setup_seconds", .number(rounded(result.setupSeconds))),
                ("simulate_seconds", .number(rounded(result.simulateSeconds))),
            ]))),
            ("complete", true),
            ("scenario", resolvedScenario),
        ]))
        if options.compress, case .object(var object) = manifest {
            // Only in compressed directories, so plain manifests are as before.
            object["compression"] = .object(JSONObject([("format", "gzip"), ("level", .number(Double(Gzip.level)))]))
            manifest = .object(object)
        }
        return ((try? manifest.serialized(pretty: true)) ?? "{}") + "\n"
    }

    /// How `markets.csv` was made and its checksum: `sha256` is what `sha256sum markets.csv` prints.
    static func marketsValue(generationSeed: Int, checksum: String) -> JSONValue {
        .object(JSONObject([
            ("file", "markets.csv"),
            ("generation_seed", .number(Double(generationSeed))),
            ("sha256", .string(checksum)),
        ]))
    }

    static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
