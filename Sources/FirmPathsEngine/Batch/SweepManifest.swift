import FirmPathsIO
import Foundation

/// `manifest.json` of a sweep directory: what was run, so results can be reproduced, a resume
/// can check it continues the same sweep, and shards can be checked to belong together.
///
/// It deliberately holds nothing that depends on how the sweep was executed (threads, timings,
/// command line, whether it was resumed or sharded and merged): two directories with the same
/// results have byte-identical manifests.
public enum SweepManifest {
    /// Keys that may differ between directories of the same sweep: where the scenario file was,
    /// and whether the directory is finished.
    static let nonIdentityKeys: Set<String> = ["scenario_file", "complete"]
    /// Keys that differ between the shards of one sweep.
    static let shardKeys: Set<String> = ["shard", "shard_runs"]

    /// The manifest of `sweep` as written with `options`.
    static func value(_ sweep: PreparedSweep, record: SweepRecord, every: Int, shard: ShardSpec,
                      overrides: [String], complete: Bool) -> JSONValue {
        let plan = sweep.plan
        let points: [JSONValue] = plan.points.map { point in
            .object(JSONObject([
                ("point", .number(Double(point.index))),
                ("values", .object(JSONObject(point.values.map { ($0.path, JSONValue.number($0.value)) }))),
            ]))
        }
        return .object(JSONObject([
            ("tool", "firmpaths"),
            ("version", .string(Manifest.toolVersion)),
            ("kind", "sweep"),
            ("scenario_file", .string(sweep.file)),
            ("overrides", .array(overrides.map { .string($0) })),
            ("design", .string(sweep.spec.designName)),
            ("base_seed", seedValue(sweep.spec.baseSeed)),
            ("seed_rule", .string(plan.seeding.rule)),
            ("replications", .number(Double(plan.replications))),
            ("point_count", .number(Double(plan.points.count))),
            ("runs", .number(Double(plan.count))),
            ("shard", .object(JSONObject([("index", .number(Double(shard.index))), ("count", .number(Double(shard.count)))]))),
            ("shard_runs", .number(Double(plan.shard(shard).count))),
            ("record", .array(record.names.map { .string($0) })),
            ("trajectory_every", .number(Double(every))),
            ("files", .array((["manifest.json", MarketMaps.fileName] + record.files).map { .string($0) })),
            ("markets", sweep.marketMaps.manifestValue),
            ("parameters", .array(sweep.paths.map { .string($0) })),
            ("sweep", sweep.spec.raw ?? .null),
            ("points", .array(points)),
            ("complete", .bool(complete)),
            ("scenario", sweep.base.resolvedJSON),
        ]))
    }

    /// A seed as a JSON number when a double holds it exactly, otherwise as a decimal string.
    static func seedValue(_ seed: UInt64) -> JSONValue {
        seed < 1 << 53 ? .number(Double(seed)) : .string(String(seed))
    }

    /// Pretty JSON text with a final newline.
    static func text(_ value: JSONValue) throws(EngineError) -> String {
        do {
            return try value.serialized(pretty: true) + "\n"
        } catch {
            throw .invalidInput("cannot write the manifest: \(error.description)")
        }
    }

    /// Reads a manifest.
    /// - Throws: `EngineError.io` when unreadable, `.invalidInput` when it is not a sweep manifest.
    static func read(_ path: String) throws(EngineError) -> JSONObject {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .io("cannot read '\(path)'")
        }
        let document: JSONDocument
        do {
            document = try JSONParser.parse([UInt8](data), file: path, recordPositions: false)
        } catch {
            throw .invalidInput(error.description)
        }
        guard let object = document.value.objectValue, object["kind"]?.stringValue == "sweep" else {
            throw .invalidInput("'\(path)' is not the manifest of a sweep")
        }
        return object
    }

    /// The top-level keys whose values differ, ignoring `ignoring`; in `lhs`'s order then `rhs`'s extras.
    static func differences(_ lhs: JSONObject, _ rhs: JSONObject, ignoring: Set<String>) -> [String] {
        var keys = lhs.keys.filter { !ignoring.contains($0) }
        keys += rhs.keys.filter { !ignoring.contains($0) && !lhs.contains($0) }
        return keys.filter { lhs[$0] != rhs[$0] }
    }
}

/// `progress.json`: how many of a directory's runs are complete and how long each file was
/// after them, written after the files were synced.
struct SweepProgress: Equatable {
    /// Runs of this directory's shard completed in order (a prefix of the shard's runs).
    var runsDone: Int
    /// Byte length of each data file at that prefix, by file name.
    var lengths: [String: Int]

    static let fileName = "progress.json"

    var text: String {
        let files = JSONObject(lengths.keys.sorted().map { ($0, JSONValue.number(Double(lengths[$0] ?? 0))) })
        let value: JSONValue = .object(JSONObject([("runs_done", .number(Double(runsDone))), ("files", .object(files))]))
        return ((try? value.serialized(pretty: true)) ?? "{}") + "\n"
    }

    /// Reads `progress.json`, or nil when it does not exist (nothing was checkpointed yet).
    static func read(_ path: String) throws(EngineError) -> SweepProgress? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path),
              let document = try? JSONParser.parse([UInt8](data), file: path, recordPositions: false),
              let done = document.value["runs_done"]?.intValue, done >= 0,
              let files = document.value["files"]?.objectValue
        else { throw .invalidInput("'\(path)' is damaged; start the sweep again with --overwrite") }
        var lengths: [String: Int] = [:]
        for (name, value) in files.members {
            guard let length = value.intValue, length >= 0 else {
                throw .invalidInput("'\(path)' is damaged; start the sweep again with --overwrite")
            }
            lengths[name] = length
        }
        return SweepProgress(runsDone: done, lengths: lengths)
    }
}
