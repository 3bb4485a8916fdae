import Foundation
import Testing
@testable import FirmPathsEngine
import FirmPathsIO
import FirmPathsModel

/// `--compress`: compressed sweeps and runs hold exactly the plain files' bytes once
/// decompressed, and stay byte-exact across threads, resumes and shard merges.
@Suite struct SweepCompressionTests {
    static let tables = ["runs.csv", "firms.csv", "trajectories.csv", "events.csv", "exports.csv", "years.csv"]

    /// Expects every table of `plain` to be what `compressed`'s `.gz` decompresses to.
    static func expectDecompressedEqual(plain: String, compressed: String, tables: [String] = tables,
                                        sourceLocation: SourceLocation = #_sourceLocation) throws {
        for name in tables {
            let expected = [UInt8](try #require(FileManager.default.contents(atPath: plain + "/" + name)))
            #expect(!FileManager.default.fileExists(atPath: compressed + "/" + name), sourceLocation: sourceLocation)
            let stored = [UInt8](try #require(FileManager.default.contents(atPath: compressed + "/" + name + ".gz"),
                                              sourceLocation: sourceLocation))
            #expect(Gzip.hasMagic(stored), sourceLocation: sourceLocation)
            #expect(try Gzip.decompress(stored) == expected, "\(name)", sourceLocation: sourceLocation)
        }
    }

    static func compressed(_ directory: String, threads: Int = 2, memberRuns: Int? = 3) -> SweepOptions {
        var options = SweepOptions(directory: directory, threads: threads, record: .all)
        options.compress = true
        options.compressionMemberRuns = memberRuns
        return options
    }

    @Test func compressedSweepDecompressesToThePlainSweepForAnyThreadCount() throws {
        let sweep = try SweepFixture.prepare(SweepFixture.scenario(sweep: SweepFixture.gridSweep))
        let plain = SweepFixture.temporaryDirectory("cplain")
        let one = SweepFixture.temporaryDirectory("cone")
        let three = SweepFixture.temporaryDirectory("cthree")
        defer { SweepFixture.remove(plain, one, three) }
        _ = try SweepRunner.execute(sweep, options: SweepOptions(directory: plain, threads: 2, record: .all))
        _ = try SweepRunner.execute(sweep, options: Self.compressed(one, threads: 1))
        _ = try SweepRunner.execute(sweep, options: Self.compressed(three, threads: 3))
        try Self.expectDecompressedEqual(plain: plain, compressed: one)
        SweepFixture.expectIdentical(one, three)
        let markets = FileManager.default.contents(atPath: plain + "/markets.csv")
        #expect(markets != nil && FileManager.default.contents(atPath: one + "/markets.csv") == markets)
        let manifest = try SweepManifest.read(one + "/manifest.json")
        #expect(try SweepCompression.read(manifest, path: "") == SweepCompression(memberRuns: 3))
        #expect(manifest["files"]?.arrayValue?.compactMap(\.stringValue).contains("runs.csv.gz") == true)
        // The file checks are of the bytes on disk and of the rows they hold.
        let check = try #require(FileSeal(manifest["file_checks"]?["runs.csv.gz"]))
        let stored = [UInt8](try #require(FileManager.default.contents(atPath: one + "/runs.csv.gz")))
        #expect(check.bytes == stored.count && check.sha256 == SHA256.hex(stored) && check.rows == 13 && check.lastRun == 11)
        // One member for the header, then one per 3 runs: 5 members in runs.csv.gz.
        #expect(Self.memberCount(stored) == 5)
    }

    /// Members of a gzip stream, counted by decoding it member by member.
    static func memberCount(_ bytes: [UInt8]) -> Int {
        var members = 0
        var start = 0
        while start < bytes.count {
            let decoder = GzipDecompressor()
            var sink: [UInt8] = []
            var consumed = 0
            // Feed one byte at a time until the member ends.
            while start + consumed < bytes.count && !(consumed > 0 && decoder.atMemberBoundary) {
                try? decoder.decompress([bytes[start + consumed]], into: &sink)
                consumed += 1
            }
            members += 1
            start += consumed
        }
        return members
    }

    @Test func stoppedAndResumedCompressedSweepEndsByteIdentical() throws {
        let sweep = try SweepFixture.prepare(SweepFixture.scenario(sweep: SweepFixture.gridSweep))
        let reference = SweepFixture.temporaryDirectory("cref")
        let resumed = SweepFixture.temporaryDirectory("cresumed")
        defer { SweepFixture.remove(reference, resumed) }
        _ = try SweepRunner.execute(sweep, options: Self.compressed(reference))

        // Stopped after 5 runs: only the 3 before the last member end are kept.
        var options = Self.compressed(resumed)
        options.checkpointInterval = 0
        options.runLimit = 5
        let first = try SweepRunner.execute(sweep, options: options)
        #expect(first.interrupted && first.completed == 3)
        options.resume = true
        options.runLimit = 4
        options.threads = 1
        let second = try SweepRunner.execute(sweep, options: options)
        #expect(second.resumedFrom == 3 && second.completed == 3 && second.interrupted)
        options.runLimit = nil
        let third = try SweepRunner.execute(sweep, options: options)
        #expect(third.resumedFrom == 6 && third.isComplete)
        SweepFixture.expectIdentical(reference, resumed)
    }

    @Test func resumeCutsAKilledMemberAndRefusesAnotherForm() throws {
        let sweep = try SweepFixture.prepare(SweepFixture.scenario(sweep: SweepFixture.gridSweep))
        let reference = SweepFixture.temporaryDirectory("cref2")
        let crashed = SweepFixture.temporaryDirectory("ccrashed")
        defer { SweepFixture.remove(reference, crashed) }
        _ = try SweepRunner.execute(sweep, options: Self.compressed(reference))
        var options = Self.compressed(crashed)
        options.checkpointInterval = 0
        options.runLimit = 6
        _ = try SweepRunner.execute(sweep, options: options)
        // A kill in the middle of writing: part of a member after the checkpoint.
        for name in Self.tables {
            let path = crashed + "/" + name + ".gz"
            let partial = Array(Gzip.compress(Array(String(repeating: "6,1,2,3\n", count: 500).utf8)).prefix(150))
            let handle = try #require(FileHandle(forWritingAtPath: path))
            handle.seekToEndOfFile()
            handle.write(Data(partial))
            handle.closeFile()
        }
        // Without --compress the directory is refused, saying why.
        do {
            _ = try SweepRunner.execute(sweep, options: SweepOptions(directory: crashed, record: .all, resume: true))
            Issue.record("resumed a compressed sweep without --compress")
        } catch {
            #expect(error.description.contains("--compress"))
        }
        options.resume = true
        options.runLimit = nil
        let result = try SweepRunner.execute(sweep, options: options)
        #expect(result.resumedFrom == 6 && result.isComplete)
        SweepFixture.expectIdentical(reference, crashed)
    }

    @Test func resumeRefusesAnEditedCompressedFile() throws {
        let sweep = try SweepFixture.prepare(SweepFixture.scenario(sweep: SweepFixture.gridSweep))
        let directory = SweepFixture.temporaryDirectory("cedit")
        defer { SweepFixture.remove(directory) }
        var options = Self.compressed(directory)
        options.checkpointInterval = 0
        options.runLimit = 6
        _ = try SweepRunner.execute(sweep, options: options)
        let path = directory + "/firms.csv.gz"
        var bytes = [UInt8](try #require(FileManager.default.contents(atPath: path)))
        bytes[bytes.count / 2] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        options.resume = true
        options.runLimit = nil
        do {
            _ = try SweepRunner.execute(sweep, options: options)
            Issue.record("resumed over an edited compressed file")
        } catch {
            #expect(error.description.contains("firms.csv.gz"))
        }
    }

    @Test func mergedCompressedShardsEqualTheUnshardedCompressedSweep() throws {
        let sweep = try SweepFixture.prepare(SweepFixture.scenario(sweep: SweepFixture.gridSweep))
        let whole = SweepFixture.temporaryDirectory("cwhole")
        let plain = SweepFixture.temporaryDirectory("cwplain")
        let shards = (0..<5).map { SweepFixture.temporaryDirectory("cshard\($0)") }
        let merged = [SweepFixture.temporaryDirectory("cmerged2"), SweepFixture.temporaryDirectory("cmerged5")]
        defer { for path in [whole, plain] + shards + merged { SweepFixture.remove(path) } }
        _ = try SweepRunner.execute(sweep, options: Self.compressed(whole))
        _ = try SweepRunner.execute(sweep, options: SweepOptions(directory: plain, record: .all))
        for (count, output) in zip([2, 5], merged) {
            for index in 0..<count {
                SweepFixture.remove(shards[index])
                var options = Self.compressed(shards[index])
                options.shard = try ShardSpec(index: index, count: count)
                _ = try SweepRunner.execute(sweep, options: options)
            }
            let result = try SweepMerge.merge(shards: Array(shards[0..<count].reversed()), into: output, overwrite: false)
            #expect(result.files.contains("runs.csv.gz") && result.runs == 12)
            SweepFixture.expectIdentical(whole, output)
        }
        try Self.expectDecompressedEqual(plain: plain, compressed: merged[0])
        // A damaged compressed shard is refused, naming the file.
        let path = shards[1] + "/events.csv.gz"
        var bytes = [UInt8](try #require(FileManager.default.contents(atPath: path)))
        bytes[bytes.count - 3] ^= 0x10
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let out = SweepFixture.temporaryDirectory("cmergebad")
        defer { SweepFixture.remove(out) }
        do {
            _ = try SweepMerge.merge(shards: Array(shards[0..<5]), into: out, overwrite: false)
            Issue.record("merged a damaged compressed shard")
        } catch {
            #expect(error.description.contains("events.csv.gz"))
        }
        // Plain and compressed shards do not belong together.
        let plainShard = SweepFixture.temporaryDirectory("cplainshard")
        defer { SweepFixture.remove(plainShard) }
        _ = try SweepRunner.execute(sweep, options: SweepOptions(directory: plainShard, record: .all,
                                                                 shard: try ShardSpec(index: 1, count: 5)))
        #expect(throws: EngineError.self) {
            try SweepMerge.merge(shards: [shards[0], plainShard] + Array(shards[2..<5]), into: out, overwrite: false)
        }
    }

    @Test func compressedSingleRunDecompressesToThePlainRun() throws {
        var loaded = try SweepFixture.load(SweepFixture.scenario(sweep: nil))
        loaded = try ScenarioLoader.apply(overrides: ["years=10"], to: loaded)
        let plain = SweepFixture.temporaryDirectory("rplain")
        let compressed = SweepFixture.temporaryDirectory("rgz")
        defer { SweepFixture.remove(plain, compressed) }
        for (directory, compress) in [(plain, false), (compressed, true)] {
            var options = SingleRunOptions(directory: directory, threads: compress ? 2 : 1)
            options.writeYears = true
            options.compress = compress
            _ = try SingleRun.execute(scenario: loaded.scenario, resolvedScenario: loaded.resolvedJSON, scenarioFile: "t.json",
                                      seed: 5, options: options)
        }
        try Self.expectDecompressedEqual(plain: plain, compressed: compressed,
                                         tables: ["firms.csv", "trajectories.csv", "events.csv", "exports.csv", "years.csv"])
        #expect(FileManager.default.contents(atPath: plain + "/markets.csv") == FileManager.default.contents(atPath: compressed + "/markets.csv"))
        let manifest = try #require(FileManager.default.contents(atPath: compressed + "/manifest.json"))
        let text = String(decoding: manifest, as: UTF8.self)
        #expect(text.contains("\"trajectories.csv.gz\"") && text.contains("\"compression\""))
    }
}
