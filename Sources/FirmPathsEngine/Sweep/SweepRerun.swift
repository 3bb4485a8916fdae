import FirmPathsIO
import FirmPathsModel
import Foundation

/// One run of a sweep directory, set up to be run again alone: its scenario (the sweep's
/// resolved scenario with the run's parameter values), its seed and the sweep's trajectory
/// thinning, all read from the directory.
public struct SweepRerun: Sendable {
    public var loaded: LoadedScenario
    public var seed: UInt64
    public var run: Int
    public var point: Int
    public var replication: Int
    /// The sweep's `trajectory_every`, so the rows match the sweep's.
    public var every: Int
    /// The run's parameter values, in the sweep's order.
    public var values: [(path: String, value: Double)]

    /// Reads run `run` of the sweep in `directory`.
    ///
    /// The seed and values come from the manifest (base seed, replications, design points);
    /// where runs.csv exists, its row of the run must agree with them, so that a directory whose
    /// files do not belong together is reported instead of silently re-run from one of them.
    /// - Throws: `EngineError.invalidInput` naming the file and what is wrong.
    public static func prepare(directory: String, run: Int) throws(EngineError) -> SweepRerun {
        let manifestPath = OutputDirectory.file("manifest.json", in: directory)
        let manifest = try SweepManifest.read(manifestPath)
        guard let runs = manifest["runs"]?.intValue, let replications = manifest["replications"]?.intValue, replications >= 1,
              let points = manifest["points"]?.arrayValue, let scenario = manifest["scenario"],
              let paths = manifest["parameters"]?.arrayValue?.compactMap(\.stringValue)
        else { throw .invalidInput("'\(manifestPath)' lacks runs, replications, points, parameters or scenario") }
        guard run >= 0 && run < runs else {
            throw .invalidInput("--run \(run) is not a run of '\(directory)': its runs are 0 to \(runs - 1)")
        }
        let baseSeed: UInt64
        switch manifest["base_seed"] {
        case .number(let value)? where value >= 0 && value < 0x1p64 && value.rounded() == value: baseSeed = UInt64(value)
        case .string(let text)? where UInt64(text) != nil: baseSeed = UInt64(text) ?? 0
        default: throw .invalidInput("'\(manifestPath)' has no valid base_seed")
        }
        let point = run / replications
        let replication = run % replications
        guard point < points.count, let pointValues = points[point]["values"]?.objectValue else {
            throw .invalidInput("'\(manifestPath)' has no design point \(point)")
        }
        var values: [(path: String, value: Double)] = []
        for path in paths {
            guard let value = pointValues[path]?.doubleValue else {
                throw .invalidInput("'\(manifestPath)': design point \(point) has no value for \(path)")
            }
            values.append((path, value))
        }
        let seed = RunSeed.derive(baseSeed: baseSeed, point: point, replication: replication)
        try checkRunsTable(directory: directory, run: run, seed: seed, values: values)

        let text: String
        do {
            text = try scenario.serialized()
        } catch {
            throw .invalidInput("'\(manifestPath)': cannot read its scenario: \(error.description)")
        }
        let loaded: LoadedScenario
        do {
            let base = try ScenarioLoader.load(bytes: Array(text.utf8), file: manifestPath)
            loaded = values.isEmpty ? base : try ScenarioLoader.settingValues(values, in: base)
        } catch {
            throw .invalidInput(error.description)
        }
        let every = max(1, manifest["trajectory_every"]?.intValue ?? 1)
        return SweepRerun(loaded: loaded, seed: seed, run: run, point: point, replication: replication, every: every,
                          values: values)
    }

    /// The run's row of runs.csv, when the file exists, agrees with the manifest.
    static func checkRunsTable(directory: String, run: Int, seed: UInt64,
                               values: [(path: String, value: Double)]) throws(EngineError) {
        let path = OutputDirectory.dataFile("runs.csv", in: directory)
        guard FileManager.default.fileExists(atPath: path) else { return }
        do {
            let reader = try CSVReader(path: path)
            let runColumn = try reader.column("run")
            let seedColumn = try reader.column("seed")
            let valueColumns = try values.map { (entry: (path: String, value: Double)) throws(CSVReadError) -> Int in
                try reader.column(entry.path)
            }
            var found = false
            var problem: String?
            try reader.forEachRow { row in
                guard row.int(runColumn) == run else { return true }
                found = true
                if UInt64(row[seedColumn]) != seed {
                    problem = "line \(row.line): seed \(row[seedColumn]), but the manifest derives \(seed)"
                }
                for (entry, column) in zip(values, valueColumns) where row.double(column) != entry.value {
                    problem = "line \(row.line): \(entry.path) = \(row[column]), but the manifest has \(entry.value)"
                }
                return false
            }
            if let problem { throw EngineError.invalidInput("'\(path)' disagrees with manifest.json: \(problem)") }
            if !found { throw EngineError.invalidInput("'\(path)' has no row for run \(run) (an unfinished sweep?)") }
        } catch let error as CSVReadError {
            throw .invalidInput(error.description)
        } catch let error as EngineError {
            throw error
        } catch {
            throw .invalidInput("\(error)")
        }
    }
}
