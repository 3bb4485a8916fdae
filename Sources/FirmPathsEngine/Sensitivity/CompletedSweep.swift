import FirmPathsIO
import Foundation

/// A finished sweep directory read back for analysis (`sensitivity --from DIR`): its design
/// rebuilt from the manifest and checked against it, and its runs.csv.
public struct CompletedSweep: Sendable {
    /// The sweep as it ran: scenario, block, points, seeds.
    public let sweep: PreparedSweep
    /// Its runs.
    public let table: SweepRunsTable
    /// The scenario's name.
    public let name: String

    /// Reads `directory`.
    ///
    /// The design is rebuilt from the manifest's scenario and sweep block (designs are
    /// functions of the block and seed) and must give the manifest's points; the run seeds of
    /// runs.csv must be the plan's. So the analysis uses the design the runs came from, never
    /// a guess.
    /// - Throws: `EngineError` naming what is missing or inconsistent: no manifest, an
    ///   incomplete or sharded sweep, no runs.csv, rows that do not match the design.
    public init(directory: String, threads: Int = 1) throws(EngineError) {
        let manifestPath = OutputDirectory.file("manifest.json", in: directory)
        guard FileManager.default.fileExists(atPath: manifestPath) else {
            throw .invalidInput("'\(directory)' has no manifest.json: not a sweep directory (`firmpaths sweep` or `sensitivity --out`)")
        }
        let manifest = try SweepManifest.read(manifestPath)
        guard manifest["complete"]?.boolValue == true else {
            throw .invalidInput("\(manifestPath): the sweep is not complete; finish it with `firmpaths sweep --resume` first")
        }
        if let count = manifest["shard"]?["count"]?.intValue, count > 1 {
            throw .invalidInput("\(manifestPath): this is one shard of \(count); merge the shards (`firmpaths merge`) and analyse the result")
        }
        guard let scenarioJSON = manifest["scenario"], let block = manifest["sweep"], !block.isNull else {
            throw .invalidInput("\(manifestPath): no `scenario` or `sweep` block recorded")
        }
        let file = manifest["scenario_file"]?.stringValue ?? manifestPath
        var loaded: LoadedScenario
        let sweep: PreparedSweep
        do {
            let text = try scenarioJSON.serialized(pretty: false)
            loaded = try ScenarioLoader.load(bytes: Array(text.utf8), file: manifestPath)
            loaded.sweep = block
            sweep = try PreparedSweep.prepare(loaded, file: file, threads: threads)
        } catch {
            throw .invalidInput("\(manifestPath): the recorded sweep cannot be rebuilt: \(error)")
        }
        if let recorded = manifest["points"]?.arrayValue {
            let points = sweep.plan.points
            let same = recorded.count == points.count && zip(recorded, points).allSatisfy { entry, point in
                guard let values = entry["values"]?.objectValue else { return false }
                return values.count == point.values.count
                    && point.values.allSatisfy { values[$0.path]?.doubleValue == $0.value }
            }
            guard same else {
                throw .invalidInput("\(manifestPath): the design rebuilt from the sweep block differs from the recorded points "
                    + "(a design file changed since the sweep ran?)")
            }
        }
        let table = try SweepRunsTable(path: OutputDirectory.dataFile("runs.csv", in: directory))
        guard table.rows.count == sweep.plan.count else {
            throw .invalidInput("\(table.path): \(table.rows.count) runs, but the sweep has \(sweep.plan.count)")
        }
        if table.has("seed") {
            let column = table.header.index(of: "seed") ?? 0
            for (index, row) in table.rows.enumerated() where column >= row.count || UInt64(row[column]) != sweep.plan[index].seed {
                throw .invalidInput("\(table.path), line \(index + 2): seed differs from the sweep's seed rule")
            }
        }
        self.sweep = sweep
        self.table = table
        self.name = loaded.scenario.name
    }
}
