import FirmPathsIO
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a merge combined.
public struct SweepMergeResult: Sendable, Equatable {
    /// Number of shard directories.
    public var shards: Int
    /// Runs in the merged sweep.
    public var runs: Int
    /// Files written, besides the manifest.
    public var files: [String]
}

/// Combines the directories of `--shard I/N` sweeps into the directory the unsharded sweep
/// would have written, byte for byte.
///
/// Run `r` belongs to shard `r % N` and each shard's files are in increasing run order, so the
/// merge walks `r = 0, 1, ...` and copies run `r`'s rows (a group of consecutive rows with
/// leading field `r`) from shard `r % N`'s file: a streaming k-way merge whose memory is one read
/// buffer per shard, independent of the number of runs.
public enum SweepMerge {
    /// Merges `shards` into `output`.
    ///
    /// Checks before writing anything: every directory is a complete sweep shard; all come from
    /// the same tool version, scenario, sweep, base seed and record settings; their shard specs
    /// are exactly `0/N ... (N-1)/N`. While copying (into a staging directory, see
    /// `StagedOutput`) it checks that every row of a shard file belongs to that shard, in
    /// increasing run order, that `runs.csv` (when recorded) has exactly one row for each run,
    /// and that every shard file is exactly what its shard's manifest records (`file_checks`:
    /// bytes, rows, SHA-256, last run; `markets.sha256` for markets.csv). Only when every check
    /// holds are the files moved into `output`: a damaged shard leaves `output` as it was.
    /// - Throws: `EngineError.invalidInput` for shards that do not fit together or are damaged,
    ///   `.io` for file failures, `.locked` when another process writes `output`.
    public static func merge(shards directories: [String], into output: String, overwrite: Bool,
                             command: String = "firmpaths merge") throws(EngineError) -> SweepMergeResult {
        guard !directories.isEmpty else { throw .invalidInput("no shard directories given") }
        let outputPath = OutputLock.realPath(output)
        if let shard = directories.first(where: { OutputLock.realPath($0) == outputPath }) {
            throw .invalidInput("OUT '\(output)' is also given as shard '\(shard)'; merge into a new directory")
        }
        var manifests: [JSONObject] = []
        for directory in directories {
            let path = OutputDirectory.file("manifest.json", in: directory)
            guard FileManager.default.fileExists(atPath: path) else {
                throw .invalidInput("'\(directory)' is not a sweep directory: it has no manifest.json")
            }
            let manifest = try SweepManifest.read(path)
            guard manifest["complete"]?.boolValue == true else {
                throw .invalidInput("'\(directory)' is an unfinished sweep; complete it with `firmpaths sweep ... --resume` first")
            }
            manifests.append(manifest)
        }
        let reference = manifests[0]
        for (index, manifest) in manifests.enumerated().dropFirst() {
            let differing = SweepManifest.differences(reference, manifest,
                                                      ignoring: SweepManifest.nonIdentityKeys.union(SweepManifest.shardKeys))
            guard differing.isEmpty else {
                throw .invalidInput("'\(directories[index])' does not belong to the same sweep as '\(directories[0])' "
                    + "(differs in \(differing.joined(separator: ", ")))")
            }
        }
        // Shard specs: each of 0..<N exactly once.
        var owner: [Int: Int] = [:]
        var count: Int?
        for (index, manifest) in manifests.enumerated() {
            guard let shardIndex = manifest["shard"]?["index"]?.intValue, let shardCount = manifest["shard"]?["count"]?.intValue,
                  shardCount >= 1, shardIndex >= 0, shardIndex < shardCount
            else { throw .invalidInput("'\(directories[index])/manifest.json' has no valid shard") }
            if let count, count != shardCount {
                throw .invalidInput("'\(directories[index])' is shard \(shardIndex)/\(shardCount) but '\(directories[0])' is one of \(count) shards")
            }
            count = shardCount
            if let other = owner[shardIndex] {
                throw .invalidInput("shard \(shardIndex)/\(shardCount) appears twice: '\(directories[other])' and '\(directories[index])'")
            }
            owner[shardIndex] = index
        }
        let shardCount = count ?? 1
        let missing = (0..<shardCount).filter { owner[$0] == nil }
        guard missing.isEmpty else {
            throw .invalidInput("missing shard" + (missing.count > 1 ? "s " : " ")
                + missing.map { "\($0)/\(shardCount)" }.joined(separator: ", "))
        }
        guard let runs = reference["runs"]?.intValue, runs >= 0 else {
            throw .invalidInput("'\(directories[0])/manifest.json' has no run count")
        }
        let files = (reference["files"]?.arrayValue ?? []).compactMap(\.stringValue).filter { $0 != "manifest.json" }
        // `--compress` shards (all of them: compression is part of the sweep's identity): the merged
        // files are compressed with the same member rule, so they are the unsharded sweep's bytes.
        let compression = try SweepCompression.read(reference, path: OutputDirectory.file("manifest.json", in: directories[0]))
        // Directories ordered by shard index, so shard s is directories[ordered[s]].
        let ordered = (0..<shardCount).compactMap { owner[$0] }
        // What each shard's files must hold: its manifest's record of them (markets.csv: its checksum).
        var expected: [[String: FileSeal]] = []
        for index in ordered {
            var seals: [String: FileSeal] = [:]
            for file in files where file != MarketMaps.fileName {
                guard let seal = FileSeal(manifests[index]["file_checks"]?[file]) else {
                    throw .invalidInput("'\(directories[index])/manifest.json' does not record what '\(file)' holds "
                        + "(file_checks; written by an earlier firmpaths?), so the file cannot be checked; "
                        + "run the shard again with this version")
                }
                seals[file] = seal
            }
            expected.append(seals)
        }

        let staged = try StagedOutput(directory: output, overwrite: overwrite, command: command)
        defer { staged.abandon() }
        var mergedSeals: [String: FileSeal] = [:]
        for file in files {
            if file == MarketMaps.fileName {
                try copyMarkets(from: ordered.map { directories[$0] }, into: staged.staging,
                                checksum: reference["markets"]?["sha256"]?.stringValue)
                continue
            }
            let readers = try ordered.map { index throws(EngineError) in
                try RowGroupReader(path: OutputDirectory.file(file, in: directories[index]))
            }
            mergedSeals[file] = try mergeFile(readers: readers, runs: runs,
                                              exactlyOnePerRun: file == SweepCompression.fileName("runs.csv", compression),
                                              compression: compression,
                                              expected: expected.map { $0[file] }, into: OutputDirectory.file(file, in: staged.staging))
        }
        var merged = reference
        merged["shard"] = .object(JSONObject([("index", .number(0)), ("count", .number(1))]))
        merged["shard_runs"] = .number(Double(runs))
        merged["complete"] = .bool(true)
        merged["file_checks"] = SweepManifest.checksValue(mergedSeals, order: files)
        try AppendFile.writeAtomically(try SweepManifest.text(.object(merged)),
                                       to: OutputDirectory.file("manifest.json", in: staged.staging))
        try staged.commit()
        return SweepMergeResult(shards: shardCount, runs: runs, files: files)
    }

    /// Copies `markets.csv`, the same in every shard: the manifests agree on its checksum, and
    /// each shard's file must have it.
    private static func copyMarkets(from directories: [String], into output: String, checksum: String?) throws(EngineError) {
        var bytes: [UInt8]?
        for directory in directories {
            let path = OutputDirectory.file(MarketMaps.fileName, in: directory)
            guard let data = FileManager.default.contents(atPath: path) else { throw .io("cannot read '\(path)'") }
            let content = [UInt8](data)
            guard SHA256.hex(content) == checksum else {
                throw .invalidInput("'\(path)' does not match the checksum in its manifest.json (markets.sha256)")
            }
            bytes = bytes ?? content
        }
        try AppendFile.writeAtomically(String(decoding: bytes ?? [], as: UTF8.self),
                                       to: OutputDirectory.file(MarketMaps.fileName, in: output))
    }

    /// Merges one file; checks each shard's file against `expected` (its manifest's record) and
    /// returns the merged file's seal.
    /// With `compression`, writes gzip members as a sweep does (header; every `memberRuns` runs; last run).
    private static func mergeFile(readers: [RowGroupReader], runs: Int, exactlyOnePerRun: Bool,
                                  compression: SweepCompression? = nil, expected: [FileSeal?],
                                  into path: String) throws(EngineError) -> FileSeal {
        let shardCount = readers.count
        let writer: CSVFileWriter
        do {
            writer = try CSVFileWriter(path: path)
        } catch {
            throw .io(error.description)
        }
        var output: [UInt8] = []
        output.reserveCapacity(1 << 21)
        var sealer = FileSealer()
        let compressor = compression.map { _ in GzipCompressor() }
        var stored: [UInt8] = []
        func flush(endMember: Bool = false) throws(EngineError) {
            if let compressor {
                stored.removeAll(keepingCapacity: true)
                compressor.compress(output, into: &stored)
                if endMember { compressor.finishMemberIfStarted(into: &stored) }
                sealer.absorbContent(output)
                sealer.absorbStored(stored)
            } else {
                sealer.absorb(output)
            }
            do {
                try writer.writeAll(compressor == nil ? output : stored)
            } catch {
                throw .io(error.description)
            }
            output.removeAll(keepingCapacity: true)
        }
        // Headers must agree; the first one is written.
        var header: [UInt8]?
        for reader in readers {
            guard let row = try reader.nextRow() else { throw .invalidInput("'\(reader.path)' is empty: it has no header") }
            if let header, header != row { throw .invalidInput("'\(reader.path)' has a different header than the other shards") }
            header = row
        }
        output += header ?? []
        if compressor != nil { try flush(endMember: true) }
        for run in 0..<runs {
            let reader = readers[run % shardCount]
            var rows = 0
            while let leading = try reader.peekRun() {
                guard leading >= run else {
                    throw .invalidInput("'\(reader.path)': rows of run \(leading) are out of order (after run \(run - shardCount))")
                }
                guard leading == run else { break }
                guard let row = try reader.nextRow() else { break }
                output += row
                rows += 1
                if output.count >= 1 << 20 { try flush() }
            }
            if exactlyOnePerRun && rows != 1 {
                throw .invalidInput("'\(reader.path)' has \(rows) rows for run \(run); expected exactly 1")
            }
            if let compression, (run + 1) % compression.memberRuns == 0 || run + 1 == runs { try flush(endMember: true) }
        }
        for reader in readers {
            if let leading = try reader.peekRun() {
                throw .invalidInput("'\(reader.path)' has rows of run \(leading), which is not one of its shard's runs 0..<\(runs)")
            }
        }
        for (reader, seal) in zip(readers, expected) {
            guard let seal else { continue }
            if let why = seal.mismatch(reader.sealer.seal, recordedIn: "its manifest.json") {
                throw .invalidInput("'\(reader.path)' is damaged: \(why)")
            }
        }
        try flush()
        do {
            try writer.finish()
        } catch {
            throw .io(error.description)
        }
        return sealer.seal
    }
}

/// Reads a CSV file row by row (RFC 4180 quoting, so a quoted newline does not end a row) and
/// exposes each row's leading integer field, with a fixed-size read buffer.
final class RowGroupReader {
    let path: String
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private var position = 0
    private var endOfFile = false
    private var pending: (row: [UInt8], run: Int?)?
    /// Seal of the rows read so far (the whole file once read to the end).
    private(set) var sealer = FileSealer()
    /// For a `.gz` file: its bytes are sealed as stored and its rows as decompressed.
    private let decompressor: GzipDecompressor?

    init(path: String) throws(EngineError) {
        self.path = path
        decompressor = path.hasSuffix(Gzip.suffix) ? GzipDecompressor() : nil
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .io("cannot open '\(path)': \(AppendFile.reason(errno))") }
        descriptor = fd
    }

    deinit {
        if descriptor >= 0 { _ = close(descriptor) }
    }

    /// The leading field of the next row as a run number, or nil at the end of the file.
    func peekRun() throws(EngineError) -> Int? {
        if pending == nil { pending = try readRow().map { ($0, Self.leadingInteger($0)) } }
        guard let pending else { return nil }
        guard let run = pending.run else { throw .invalidInput("'\(path)': a row does not start with a run number") }
        return run
    }

    /// The next row including its newline, or nil at the end of the file.
    func nextRow() throws(EngineError) -> [UInt8]? {
        if let pending {
            self.pending = nil
            return pending.row
        }
        return try readRow()
    }

    private func readRow() throws(EngineError) -> [UInt8]? {
        var row: [UInt8] = []
        var quoted = false
        while true {
            if position == buffer.count {
                guard try fill() else {
                    guard row.isEmpty else { throw .invalidInput("'\(path)' ends with an incomplete row") }
                    return nil
                }
            }
            let start = position
            while position < buffer.count {
                let byte = buffer[position]
                position += 1
                if byte == UInt8(ascii: "\"") {
                    quoted.toggle()
                } else if byte == UInt8(ascii: "\n") && !quoted {
                    row += buffer[start..<position]
                    if decompressor == nil { sealer.absorb(row) } else { sealer.absorbContent(row) }
                    return row
                }
            }
            row += buffer[start..<position]
        }
    }

    private func fill() throws(EngineError) -> Bool {
        while let decompressor {
            guard !endOfFile else { return false }
            guard try fillRaw() else {
                do {
                    try decompressor.finish()
                } catch {
                    throw .invalidInput("'\(path)': \(error.message)")
                }
                return false
            }
            sealer.absorbStored(buffer)
            var content: [UInt8] = []
            do {
                try decompressor.decompress(buffer, into: &content)
            } catch {
                throw .invalidInput("'\(path)': \(error.message)")
            }
            buffer = content
            position = 0
            if !buffer.isEmpty { return true }
        }
        return try fillRaw()
    }

    private func fillRaw() throws(EngineError) -> Bool {
        guard !endOfFile else { return false }
        buffer = [UInt8](repeating: 0, count: 1 << 20)
        var count = 0
        while true {
            count = buffer.withUnsafeMutableBytes { raw in read(descriptor, raw.baseAddress, raw.count) }
            if count < 0 && errno == EINTR { continue }
            break
        }
        guard count >= 0 else { throw .io("cannot read '\(path)': \(AppendFile.reason(errno))") }
        buffer.removeSubrange(count...)
        position = 0
        if count == 0 { endOfFile = true }
        return count > 0
    }

    static func leadingInteger(_ row: [UInt8]) -> Int? {
        var value = 0
        var digits = 0
        for byte in row {
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { break }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            digits += 1
            if digits > 18 { return nil }
        }
        return digits > 0 ? value : nil
    }
}
