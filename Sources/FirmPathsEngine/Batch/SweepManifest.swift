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
    /// whether the directory is finished, and (between shards) what its files hold.
    static let nonIdentityKeys: Set<String> = ["scenario_file", "complete", "file_checks"]
    /// Keys that differ between the shards of one sweep.
    static let shardKeys: Set<String> = ["shard", "shard_runs"]

    /// The manifest of `sweep` as written with `options`.
    /// - Parameter fileChecks: for a complete directory, each data file's `FileSeal` (bytes, rows,
    ///   SHA-256, last run), which `merge` checks every shard file against.
    /// - Parameter compression: for `--compress`, how the tables are compressed; nil: plain CSV
    ///   (and no `compression` member, so plain manifests are as before).
    static func value(_ sweep: PreparedSweep, record: SweepRecord, every: Int, shard: ShardSpec,
                      overrides: [String], complete: Bool, fileChecks: [String: FileSeal]? = nil,
                      compression: SweepCompression? = nil) -> JSONValue {
        let plan = sweep.plan
        let points: [JSONValue] = plan.points.map { point in
            .object(JSONObject([
                ("point", .number(Double(point.index))),
                ("values", .object(JSONObject(point.values.map { ($0.path, JSONValue.number($0.value)) }))),
            ]))
        }
        var object = JSONObject([
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
            ("files", .array((["manifest.json", MarketMaps.fileName] + SweepCompression.files(record, compression)).map { .string($0) })),
            ("markets", sweep.marketMaps.manifestValue),
            ("parameters", .array(sweep.paths.map { .string($0) })),
            ("sweep", sweep.spec.raw ?? .null),
            ("points", .array(points)),
            ("complete", .bool(complete)),
        ])
        if let compression { object["compression"] = compression.value }
        if let fileChecks { object["file_checks"] = checksValue(fileChecks, order: SweepCompression.files(record, compression)) }
        object["scenario"] = sweep.base.resolvedJSON
        return .object(object)
    }

    /// `file_checks`: the seals of the data files, in the order of `order`.
    static func checksValue(_ seals: [String: FileSeal], order: [String]) -> JSONValue {
        .object(JSONObject(order.compactMap { name in seals[name].map { (name, $0.value) } }))
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

/// `progress.json`: how many of a directory's runs are complete and what each data file held
/// after them (bytes, rows, SHA-256, run of the last row), written after the files were synced.
///
/// `--resume` relies on it and so checks it (`SweepRunner.verifyResume`): every file must hold at
/// least the recorded bytes, and those bytes must have the recorded checksum and rows; the row
/// counts must agree with `runs_done`; and `seal`, the SHA-256 of the rest of the record, must
/// match, so an edited record is refused rather than trusted.
struct SweepProgress: Equatable {
    /// Runs of this directory's shard completed in order (a prefix of the shard's runs).
    var runsDone: Int
    /// Each data file at that prefix, by file name.
    var seals: [String: FileSeal]
    /// Whether the seal read with the record matched it (false: the record was edited; a
    /// resume reports what the files say first, then this).
    var sealMatches = true

    static let fileName = "progress.json"

    /// Byte length of each data file at that prefix.
    var lengths: [String: Int] { seals.mapValues(\.bytes) }

    /// The record without its seal; `files` (name: bytes) comes first so that scripts reading
    /// `"name": bytes` find the byte counts.
    private var body: JSONObject {
        let names = seals.keys.sorted()
        return JSONObject([
            ("runs_done", .number(Double(runsDone))),
            ("files", .object(JSONObject(names.map { ($0, JSONValue.number(Double(seals[$0]?.bytes ?? 0))) }))),
            ("checks", .object(JSONObject(names.map { ($0, seals[$0]?.value ?? .null) }))),
        ])
    }

    static func seal(of body: JSONObject) -> String {
        SHA256.hex(Array(((try? JSONValue.object(body).serialized(pretty: false)) ?? "").utf8))
    }

    var text: String {
        var object = body
        object["seal"] = .string(Self.seal(of: body))
        return ((try? JSONValue.object(object).serialized(pretty: true)) ?? "{}") + "\n"
    }

    /// Reads `progress.json`, or nil when it does not exist (nothing was checkpointed yet).
    /// - Throws: `EngineError.invalidInput` (exit 65) with the reason when it is damaged, edited
    ///   or written without checksums.
    static func read(_ path: String) throws(EngineError) -> SweepProgress? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        func damaged(_ why: String) -> EngineError {
            .invalidInput("cannot resume: '\(path)' \(why); start the sweep again with --overwrite")
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw .io("cannot read '\(path)'") }
        guard let document = try? JSONParser.parse([UInt8](data), file: path, recordPositions: false),
              let object = document.value.objectValue
        else { throw damaged("is not valid JSON") }
        guard let done = object["runs_done"]?.intValue, done >= 0 else { throw damaged("has no valid runs_done") }
        guard let files = object["files"]?.objectValue else { throw damaged("has no files") }
        guard let checks = object["checks"]?.objectValue, let seal = object["seal"]?.stringValue else {
            throw damaged("records no checksums (it was written by an earlier firmpaths), so its runs cannot be verified")
        }
        var seals: [String: FileSeal] = [:]
        for (name, value) in checks.members {
            guard let fileSeal = FileSeal(value) else { throw damaged("has a damaged entry for '\(name)'") }
            guard files[name]?.intValue == fileSeal.bytes else {
                throw damaged("records \(files[name]?.intValue.map(String.init) ?? "no") bytes for '\(name)' in files "
                    + "but \(fileSeal.bytes) in checks")
            }
            seals[name] = fileSeal
        }
        guard files.keys.count == seals.count else { throw damaged("lists files without checks") }
        var progress = SweepProgress(runsDone: done, seals: seals)
        progress.sealMatches = seal == Self.seal(of: progress.body)
        return progress
    }
}

/// How a `--compress` sweep stores its tables: gzip, in members of `memberRuns` runs each.
///
/// Every table starts with a member holding its header; after it a member ends after every
/// `memberRuns` runs of the directory and after its last run. Checkpoints are taken only where
/// members end, so a resume cuts a file back to the end of a member and appends new ones. The
/// boundaries depend on the run count alone (not on when checkpoints happened), so compressed
/// files are byte-identical for any thread count, interruption and resume, and a merge (which
/// recompresses with the same rule) gives the bytes of the unsharded sweep.
public struct SweepCompression: Sendable, Equatable {
    public var memberRuns: Int

    public init(memberRuns: Int) {
        self.memberRuns = max(1, memberRuns)
    }

    /// Uncompressed bytes a member aims at: large enough that the restart of each member costs
    /// little compression, small enough that a kill loses little work.
    static let targetMemberBytes = 8.0 * 1024 * 1024

    /// Runs per member for `sweep`: about 8 MiB of rows per member from the largest point's size
    /// (a function of the sweep and the tables only), 1 to 256 runs.
    static func forSweep(_ sweep: PreparedSweep, record: SweepRecord, every: Int) -> SweepCompression {
        let size = sweep.largestRunSize()
        var perFirm = 0.0
        if record.contains(.firms) { perFirm += 250 }
        if record.contains(.events) { perFirm += (0.25 + 0.01 * Double(size.markets)) * Double(size.years) * 90 }
        if record.contains(.years) { perFirm += Double(size.years) * 70 }
        if record.contains(.exports) { perFirm += 0.3 * Double(size.markets) * Double(size.years) * 40 }
        if record.contains(.steps) { perFirm += Double(size.years) * Double(size.stepsPerYear) / Double(max(1, every)) * 130 }
        let perRun = max(200, perFirm * Double(size.firms))
        return SweepCompression(memberRuns: Int(min(256, max(1, (targetMemberBytes / perRun).rounded(.down)))))
    }

    /// The `compression` member of the manifest.
    var value: JSONValue {
        .object(JSONObject([
            ("format", "gzip"),
            ("level", .number(Double(Gzip.level))),
            ("member_runs", .number(Double(memberRuns))),
        ]))
    }

    /// Reads a manifest's `compression` (nil: plain CSV).
    /// - Throws: `EngineError.invalidInput` for a member this version cannot read.
    static func read(_ manifest: JSONObject, path: String) throws(EngineError) -> SweepCompression? {
        guard let value = manifest["compression"], value != .null else { return nil }
        guard value["format"]?.stringValue == "gzip", let runs = value["member_runs"]?.intValue, runs >= 1 else {
            throw .invalidInput("'\(path)': compression is not gzip with member_runs (written by another version?)")
        }
        return SweepCompression(memberRuns: runs)
    }

    /// The name a table has on disk: `runs.csv`, or `runs.csv.gz` when compressed.
    static func fileName(_ table: String, _ compression: SweepCompression?) -> String {
        compression == nil ? table : table + Gzip.suffix
    }

    /// The data files of `record` as named on disk, in file order.
    static func files(_ record: SweepRecord, _ compression: SweepCompression?) -> [String] {
        record.files.map { fileName($0, compression) }
    }
}
