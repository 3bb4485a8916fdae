import Foundation
import Testing
@testable import FirmPathsEngine
import FirmPathsIO
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Issue 14, output side: `--resume` verifies what it continues, `merge` checks every shard file
/// against its manifest before writing OUT, output directories are locked, `--overwrite`
/// replaces the whole set of files.
enum DamageFixture {
    static let record: SweepRecord = [.runs, .firms, .events]

    /// A sweep of 12 runs stopped after 5, checkpointed after every run.
    static func interrupted(_ label: String) throws -> (sweep: PreparedSweep, directory: String) {
        let sweep = try SweepFixture.prepare(SweepFixture.scenario(sweep: SweepFixture.gridSweep))
        let directory = SweepFixture.temporaryDirectory(label)
        let result = try SweepRunner.execute(sweep, options: SweepOptions(directory: directory, record: record,
                                                                          checkpointInterval: 0, runLimit: 5))
        #expect(result.interrupted && result.completed == 5)
        return (sweep, directory)
    }

    /// Resumes and returns the refusal's message (nil, and an issue recorded, when it was not refused).
    static func refusal(_ sweep: PreparedSweep, _ directory: String,
                        sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        do {
            _ = try SweepRunner.execute(sweep, options: SweepOptions(directory: directory, record: record, resume: true))
            Issue.record("a damaged directory was resumed", sourceLocation: sourceLocation)
            return nil
        } catch {
            // Exit 65 (data), not 74 (I/O).
            #expect(!error.isIOFailure && !error.isLocked, "\(error)", sourceLocation: sourceLocation)
            return error.description
        }
    }

    /// Edits progress.json as a person (or a script) would: the value, not the seal.
    static func editProgress(_ directory: String, _ body: (inout JSONObject) -> Void) throws {
        let path = directory + "/progress.json"
        let document = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: path))), file: path)
        var object = try #require(document.value.objectValue)
        body(&object)
        try Data((try JSONValue.object(object).serialized(pretty: true) + "\n").utf8).write(to: URL(fileURLWithPath: path))
    }

    static func bytes(_ path: String) -> [UInt8] { [UInt8](FileManager.default.contents(atPath: path) ?? Data()) }

    static func write(_ bytes: [UInt8], _ path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }
}

@Suite struct ResumeVerificationTests {
    @Test func oneRunMoreInRunsDoneIsRefused() throws {
        let (sweep, directory) = try DamageFixture.interrupted("more-runs")
        defer { SweepFixture.remove(directory) }
        try DamageFixture.editProgress(directory) { $0["runs_done"] = .number(6) }
        let message = try #require(DamageFixture.refusal(sweep, directory))
        #expect(message.contains("runs.csv") && message.contains("holds 5 runs") && message.contains("6 runs done"), "\(message)")
    }

    @Test func aByteCount100ShortIsRefused() throws {
        let (sweep, directory) = try DamageFixture.interrupted("short")
        defer { SweepFixture.remove(directory) }
        try DamageFixture.editProgress(directory) { object in
            guard case .object(var files) = object["files"], case .object(var checks) = object["checks"],
                  case .object(var firms) = checks["firms.csv"], let bytes = files["firms.csv"]?.intValue else { return }
            files["firms.csv"] = .number(Double(bytes - 100))
            firms["bytes"] = .number(Double(bytes - 100))
            checks["firms.csv"] = .object(firms)
            object["files"] = .object(files)
            object["checks"] = .object(checks)
        }
        let message = try #require(DamageFixture.refusal(sweep, directory))
        // The shorter prefix ends inside a row: fewer rows (and another checksum) than recorded.
        #expect(message.contains("firms.csv") && message.contains("where progress.json records"), "\(message)")
    }

    @Test func aHeaderCutIsRefused() throws {
        let (sweep, directory) = try DamageFixture.interrupted("cut")
        defer { SweepFixture.remove(directory) }
        try DamageFixture.write(Array(DamageFixture.bytes(directory + "/firms.csv").prefix(10)), directory + "/firms.csv")
        let message = try #require(DamageFixture.refusal(sweep, directory))
        #expect(message.contains("firms.csv") && message.contains("was cut"), "\(message)")
    }

    @Test func anEditInsideTheValidPrefixIsRefused() throws {
        let (sweep, directory) = try DamageFixture.interrupted("edit")
        defer { SweepFixture.remove(directory) }
        var bytes = DamageFixture.bytes(directory + "/events.csv")
        // A digit in the middle of the file becomes another digit: same length, same rows.
        let index = try #require((bytes.count / 2..<bytes.count).first { bytes[$0] >= 0x30 && bytes[$0] <= 0x38 })
        bytes[index] += 1
        try DamageFixture.write(bytes, directory + "/events.csv")
        let message = try #require(DamageFixture.refusal(sweep, directory))
        #expect(message.contains("events.csv") && message.contains("SHA-256"), "\(message)")
    }

    @Test func removedRowsAreRefused() throws {
        let (sweep, directory) = try DamageFixture.interrupted("removed")
        defer { SweepFixture.remove(directory) }
        var lines = SweepFixture.lines(directory + "/firms.csv")
        lines.removeSubrange(10..<13)
        try DamageFixture.write(Array((lines.joined(separator: "\n") + "\n").utf8), directory + "/firms.csv")
        let message = try #require(DamageFixture.refusal(sweep, directory))
        #expect(message.contains("firms.csv"), "\(message)")
    }

    @Test func anExtendedFileIsRefused() throws {
        let (sweep, directory) = try DamageFixture.interrupted("extended")
        defer { SweepFixture.remove(directory) }
        // Rows of run 0 again after the valid prefix: not rows a continuing sweep writes.
        let rows = SweepFixture.lines(directory + "/firms.csv").filter { $0.hasPrefix("0,") }.prefix(3)
        try DamageFixture.write(DamageFixture.bytes(directory + "/firms.csv") + Array((rows.joined(separator: "\n") + "\n").utf8),
                                directory + "/firms.csv")
        let message = try #require(DamageFixture.refusal(sweep, directory))
        #expect(message.contains("firms.csv") && message.contains("extended"), "\(message)")
    }

    @Test func anEditedRecordIsRefusedByItsSeal() throws {
        let (sweep, directory) = try DamageFixture.interrupted("seal")
        defer { SweepFixture.remove(directory) }
        try DamageFixture.editProgress(directory) { object in
            let seal = object["seal"]?.stringValue ?? ""
            object["seal"] = .string(String(seal.reversed()))
        }
        let message = try #require(DamageFixture.refusal(sweep, directory))
        #expect(message.contains("seal"), "\(message)")
    }

    @Test func aRecordWithoutChecksumsIsRefused() throws {
        let (sweep, directory) = try DamageFixture.interrupted("legacy")
        defer { SweepFixture.remove(directory) }
        try DamageFixture.editProgress(directory) { object in
            object["checks"] = nil
            object["seal"] = nil
        }
        let message = try #require(DamageFixture.refusal(sweep, directory))
        #expect(message.contains("no checksums"), "\(message)")
    }

    @Test func rowsWithoutProgressAreNotThrownAway() throws {
        let (sweep, directory) = try DamageFixture.interrupted("no-progress")
        defer { SweepFixture.remove(directory) }
        try FileManager.default.removeItem(atPath: directory + "/progress.json")
        let message = try #require(DamageFixture.refusal(sweep, directory))
        #expect(message.contains("no progress.json"), "\(message)")
        #expect(SweepFixture.lines(directory + "/runs.csv").count == 6)
    }

    @Test func theRecordedChecksumsContinueAcrossResumes() throws {
        // Resumed twice, the complete manifest's file_checks describe the final files.
        let (sweep, directory) = try DamageFixture.interrupted("continued")
        defer { SweepFixture.remove(directory) }
        _ = try SweepRunner.execute(sweep, options: SweepOptions(directory: directory, record: DamageFixture.record,
                                                                 resume: true, checkpointInterval: 0, runLimit: 3))
        _ = try SweepRunner.execute(sweep, options: SweepOptions(directory: directory, record: DamageFixture.record, resume: true))
        let manifest = try SweepManifest.read(directory + "/manifest.json")
        for name in DamageFixture.record.files {
            let seal = try #require(FileSeal(manifest["file_checks"]?[name]))
            let bytes = DamageFixture.bytes(directory + "/" + name)
            #expect(seal.bytes == bytes.count && seal.sha256 == SHA256.hex(bytes), "\(name)")
            #expect(seal.rows == SweepFixture.lines(directory + "/" + name).count)
            #expect(seal.lastRun == 11)
        }
        #expect(!FileManager.default.fileExists(atPath: directory + "/" + OutputLock.fileName))
    }
}

@Suite struct MergeVerificationTests {
    static let record: SweepRecord = [.runs, .firms, .steps, .events, .exports]

    static func shards(_ label: String) throws -> [String] {
        let sweep = try SweepFixture.prepare(SweepFixture.scenario(sweep: SweepFixture.gridSweep))
        return try (0..<2).map { index in
            let directory = SweepFixture.temporaryDirectory("\(label)-\(index)")
            _ = try SweepRunner.execute(sweep, options: SweepOptions(directory: directory, record: record, every: 8,
                                                                     shard: try ShardSpec(index: index, count: 2)))
            return directory
        }
    }

    /// Damages one shard file with `damage`, merges, and expects a refusal naming `file` and
    /// `reason`, with OUT not created.
    func expectRefused(_ file: String, reason: String, _ damage: (inout [UInt8]) -> Void,
                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        let shards = try Self.shards("damaged")
        let out = SweepFixture.temporaryDirectory("damaged-out")
        defer { for path in shards + [out] { SweepFixture.remove(path) } }
        var bytes = DamageFixture.bytes(shards[1] + "/" + file)
        damage(&bytes)
        try DamageFixture.write(bytes, shards[1] + "/" + file)
        do {
            _ = try SweepMerge.merge(shards: shards, into: out, overwrite: false)
            Issue.record("merged a damaged \(file)", sourceLocation: sourceLocation)
        } catch {
            #expect(!error.isIOFailure, "\(error)", sourceLocation: sourceLocation)
            #expect(error.description.contains(file) && error.description.contains(reason), "\(error)",
                    sourceLocation: sourceLocation)
        }
        #expect(!FileManager.default.fileExists(atPath: out), "OUT was left behind", sourceLocation: sourceLocation)
    }

    static func removeLines(_ bytes: inout [UInt8], _ range: Range<Int>) {
        var lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        lines.removeSubrange(range)
        bytes = Array(lines.joined(separator: "\n").utf8)
    }

    @Test func firmsWithRowsRemoved() throws {
        try expectRefused("firms.csv", reason: "damaged") { Self.removeLines(&$0, 5..<8) }
    }

    @Test func trajectoriesEdited() throws {
        try expectRefused("trajectories.csv", reason: "SHA-256") { bytes in
            if let index = (bytes.count / 2..<bytes.count).first(where: { bytes[$0] >= 0x30 && bytes[$0] <= 0x38 }) {
                bytes[index] += 1
            }
        }
    }

    @Test func eventsExtended() throws {
        try expectRefused("events.csv", reason: "damaged") { bytes in
            let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n")
            bytes += Array((lines.suffix(2).joined(separator: "\n") + "\n").utf8)
        }
    }

    @Test func exportsCutAtARow() throws {
        try expectRefused("exports.csv", reason: "damaged") { Self.removeLines(&$0, 1..<4) }
    }

    @Test func marketsChanged() throws {
        try expectRefused("markets.csv", reason: "checksum") { bytes in bytes += Array("\n".utf8) }
    }

    @Test func aFailedMergeLeavesAnExistingOutAsItWas() throws {
        let shards = try Self.shards("keep")
        let out = SweepFixture.temporaryDirectory("keep-out")
        defer { for path in shards + [out] { SweepFixture.remove(path) } }
        _ = try SweepMerge.merge(shards: shards, into: out, overwrite: false)
        let before = SweepFixture.contents(out)
        var bytes = DamageFixture.bytes(shards[0] + "/firms.csv")
        Self.removeLines(&bytes, 3..<4)
        try DamageFixture.write(bytes, shards[0] + "/firms.csv")
        #expect(throws: EngineError.self) { try SweepMerge.merge(shards: shards, into: out, overwrite: true) }
        #expect(SweepFixture.contents(out) == before)
    }

    @Test func aShardWithoutFileChecksIsRefused() throws {
        let shards = try Self.shards("old")
        let out = SweepFixture.temporaryDirectory("old-out")
        defer { for path in shards + [out] { SweepFixture.remove(path) } }
        var manifest = try SweepManifest.read(shards[1] + "/manifest.json")
        manifest["file_checks"] = nil
        try DamageFixture.write(Array(try SweepManifest.text(.object(manifest)).utf8), shards[1] + "/manifest.json")
        do {
            _ = try SweepMerge.merge(shards: shards, into: out, overwrite: false)
            Issue.record("merged a shard whose files cannot be checked")
        } catch {
            #expect(error.description.contains("file_checks"))
        }
    }
}

@Suite struct OutputLockTests {
    /// Another process's lock, as flock sees it: a separate open file description.
    final class ForeignLock {
        let fd: Int32
        init(_ directory: String) throws {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            fd = open(directory + "/" + OutputLock.fileName, O_RDWR | O_CREAT, 0o644)
            #expect(fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0)
            let text = "pid 4242\nhost elsewhere\ncommand firmpaths sweep big.json\nsince 2026-12-02T07:00:00Z\n"
            _ = Array(text.utf8).withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        }
        deinit { close(fd) }
    }

    @Test func aSecondWriterIsRefusedWithTheFirstNamed() throws {
        let sweep = try SweepFixture.prepare(SweepFixture.scenario(sweep: SweepFixture.gridSweep))
        let directory = SweepFixture.temporaryDirectory("locked")
        defer { SweepFixture.remove(directory) }
        let foreign = try ForeignLock(directory)
        for attempt in 0..<2 {
            do {
                if attempt == 0 {
                    _ = try SweepRunner.execute(sweep, options: SweepOptions(directory: directory))
                } else {
                    let loaded = try SweepFixture.load(SweepFixture.scenario(sweep: nil))
                    _ = try SingleRun.execute(scenario: loaded.scenario, resolvedScenario: loaded.resolvedJSON,
                                              scenarioFile: "test.json", seed: 1, options: SingleRunOptions(directory: directory))
                }
                Issue.record("wrote into a locked directory")
            } catch let error as EngineError {
                #expect(error.isLocked)
                #expect(error.description.contains("pid 4242 on elsewhere (firmpaths sweep big.json) since 2026-12-02T07:00:00Z"),
                        "\(error)")
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
        // Nothing was written beside the lock file.
        #expect((try FileManager.default.contentsOfDirectory(atPath: directory)) == [OutputLock.fileName])
        withExtendedLifetime(foreign) {}
    }

    @Test func aStaleLockFileDoesNotBlock() throws {
        let sweep = try SweepFixture.prepare(SweepFixture.scenario(sweep: SweepFixture.gridSweep))
        let directory = SweepFixture.temporaryDirectory("stale")
        defer { SweepFixture.remove(directory) }
        // Left by a killed process: the file, no flock.
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Data("pid 1\n".utf8).write(to: URL(fileURLWithPath: directory + "/" + OutputLock.fileName))
        try Data("x".utf8).write(to: URL(fileURLWithPath: directory + "/.progress.json.tmp-1-abc"))
        let result = try SweepRunner.execute(sweep, options: SweepOptions(directory: directory))
        #expect(result.isComplete)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
        #expect(!names.contains { $0.hasPrefix(".") }, "\(names)")
    }

    @Test func aDirectoryUnderAFileNamesTheCause() throws {
        let file = SweepFixture.temporaryDirectory("plain-file")
        defer { SweepFixture.remove(file) }
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        #expect(throws: EngineError.io("cannot create output directory '\(file)/sub': Not a directory")) {
            try OverwriteTests.run(file + "/sub", overwrite: false)
        }
    }

    @Test func temporaryNamesAreUniquePerProcessAndCall() {
        let a = OutputDirectory.temporaryPath(for: "/x/progress.json")
        let b = OutputDirectory.temporaryPath(for: "/x/progress.json")
        #expect(a != b && a.hasPrefix("/x/.progress.json.tmp-\(getpid())-"))
    }
}

@Suite struct OverwriteTests {
    static func run(_ directory: String, overwrite: Bool, trajectories: Bool = true, seed: UInt64 = 1) throws {
        let loaded = try SweepFixture.load(SweepFixture.scenario(sweep: nil))
        _ = try SingleRun.execute(scenario: loaded.scenario, resolvedScenario: loaded.resolvedJSON, scenarioFile: "test.json",
                                  seed: seed, options: SingleRunOptions(directory: directory, overwrite: overwrite,
                                                                        writeTrajectories: trajectories))
    }

    @Test func overwriteReplacesTheWholeSetAndKeepsOtherFiles() throws {
        let directory = SweepFixture.temporaryDirectory("overwrite")
        defer { SweepFixture.remove(directory) }
        try Self.run(directory, overwrite: false)
        #expect(FileManager.default.fileExists(atPath: directory + "/trajectories.csv"))
        try Data("mine\n".utf8).write(to: URL(fileURLWithPath: directory + "/notes.txt"))
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: directory + "/report.html"))
        try Self.run(directory, overwrite: true, trajectories: false, seed: 2)
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: directory))
        #expect(names == ["manifest.json", "markets.csv", "firms.csv", "events.csv", "exports.csv", "notes.txt"], "\(names)")
        #expect(FileManager.default.contents(atPath: directory + "/notes.txt") == Data("mine\n".utf8))
    }

    @Test func aRefusedOrFailedRunLeavesNoFilesBehind() throws {
        let directory = SweepFixture.temporaryDirectory("refused")
        defer { SweepFixture.remove(directory) }
        try Self.run(directory, overwrite: false)
        let before = SweepFixture.contents(directory)
        #expect(throws: EngineError.outputNotEmpty(path: directory)) { try Self.run(directory, overwrite: false) }
        // Cancelled before the first step: no staging directory, no *.partial, no lock left.
        let loaded = try SweepFixture.load(SweepFixture.scenario(sweep: nil))
        var options = SingleRunOptions(directory: directory, overwrite: true)
        let cancellation = SweepCancellation()
        cancellation.cancel()
        options.cancellation = cancellation
        do {
            _ = try SingleRun.execute(scenario: loaded.scenario, resolvedScenario: loaded.resolvedJSON, scenarioFile: "test.json",
                                      seed: 5, options: options)
            Issue.record("a cancelled run completed")
        } catch {
            guard case .interrupted = error else {
                Issue.record("unexpected \(error)")
                return
            }
        }
        #expect(SweepFixture.contents(directory) == before)
    }
}

/// `sweep --overwrite` replaces the whole previous set or nothing (`SweepStaging`): the previous
/// files stay in DIR, byte for byte, until the new sweep is complete; a stopped one is resumed in
/// DIR/.firmpaths-overwrite; a commit killed half-way is finished by the resume.
@Suite struct SweepOverwriteTests {
    static let record: SweepRecord = [.runs, .firms, .events]
    static let otherSweep = #"{"design":"grid","parameters":{"policy.exportPromotion":[0,0.4]},"replications":3,"seed":11}"#

    /// The visible files of `directory` (the set a user sees), with their bytes.
    static func visible(_ directory: String) -> [String: Data] {
        SweepFixture.contents(directory).filter { !$0.key.hasPrefix(".") }
    }

    static func sweep(_ sweep: PreparedSweep, into directory: String, resume: Bool = false, overwrite: Bool = false,
                      runLimit: Int? = nil) throws(EngineError) -> SweepResult {
        try SweepRunner.execute(sweep, options: SweepOptions(directory: directory, record: record, resume: resume,
                                                             overwrite: overwrite, checkpointInterval: 0, runLimit: runLimit))
    }

    /// A complete sweep in DIR (plus a file of the user's) and the reference of the other sweep.
    static func setUp(_ label: String) throws -> (old: PreparedSweep, new: PreparedSweep, directory: String, reference: String) {
        let old = try SweepFixture.prepare(SweepFixture.scenario(sweep: SweepFixture.gridSweep))
        let new = try SweepFixture.prepare(SweepFixture.scenario(sweep: otherSweep))
        let directory = SweepFixture.temporaryDirectory(label)
        let reference = SweepFixture.temporaryDirectory(label + "-reference")
        _ = try sweep(old, into: directory)
        try Data("mine\n".utf8).write(to: URL(fileURLWithPath: directory + "/notes.txt"))
        _ = try sweep(new, into: reference)
        try Data("mine\n".utf8).write(to: URL(fileURLWithPath: reference + "/notes.txt"))
        return (old, new, directory, reference)
    }

    @Test func aStoppedOverwriteLeavesThePreviousSetAndResumesToTheNewOne() throws {
        let (_, new, directory, reference) = try Self.setUp("overwrite-stopped")
        defer { SweepFixture.remove(directory, reference) }
        let before = Self.visible(directory)
        let stopped = try Self.sweep(new, into: directory, overwrite: true, runLimit: 2)
        #expect(stopped.interrupted && stopped.pending == SweepStaging.path(in: directory))
        #expect(Self.visible(directory) == before)
        // Any other sweep into DIR is refused while the new one is unfinished, naming it.
        do {
            _ = try Self.sweep(new, into: directory)
            Issue.record("a sweep over an unfinished --overwrite was accepted")
        } catch {
            #expect(error.description.contains("holds an unfinished `sweep --overwrite` in '\(SweepStaging.path(in: directory))'"),
                    "\(error)")
        }
        #expect(Self.visible(directory) == before)
        // Stopped again during the resume: still the previous set.
        let again = try Self.sweep(new, into: directory, resume: true, runLimit: 1)
        #expect(again.interrupted && again.resumedFrom == 2 && Self.visible(directory) == before)
        let done = try Self.sweep(new, into: directory, resume: true)
        #expect(done.isComplete && done.replacedPrevious && done.pending == nil)
        #expect(Self.visible(directory) == Self.visible(reference))
        let hidden = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix(".") }
        #expect(hidden.isEmpty, "\(hidden)")
    }

    @Test func anOverwriteThatFailsLeavesThePreviousSet() throws {
        let (_, new, directory, reference) = try Self.setUp("overwrite-failed")
        defer { SweepFixture.remove(directory, reference) }
        let before = Self.visible(directory)
        _ = try Self.sweep(new, into: directory, overwrite: true, runLimit: 2)
        // The staged sweep damaged: its resume is refused (exit 65) and says where the files are.
        let staged = SweepStaging.path(in: directory) + "/runs.csv"
        var bytes = DamageFixture.bytes(staged)
        bytes.removeLast(3)
        try DamageFixture.write(bytes, staged)
        do {
            _ = try Self.sweep(new, into: directory, resume: true)
            Issue.record("a damaged staged sweep was resumed")
        } catch {
            #expect(!error.isIOFailure && error.description.contains("the previous files in '\(directory)' are untouched"),
                    "\(error)")
        }
        #expect(Self.visible(directory) == before)
        // --overwrite starts the new sweep again, and completes it.
        let done = try Self.sweep(new, into: directory, overwrite: true)
        #expect(done.isComplete && done.replacedPrevious && done.resumedFrom == 0)
        #expect(Self.visible(directory) == Self.visible(reference))
    }

    @Test func anOverwriteOfAnEmptyDirectoryWritesInPlace() throws {
        let new = try SweepFixture.prepare(SweepFixture.scenario(sweep: Self.otherSweep))
        let directory = SweepFixture.temporaryDirectory("overwrite-empty")
        defer { SweepFixture.remove(directory) }
        let stopped = try Self.sweep(new, into: directory, overwrite: true, runLimit: 2)
        #expect(stopped.interrupted && stopped.pending == nil && !SweepStaging.isPending(in: directory))
        #expect(FileManager.default.fileExists(atPath: directory + "/progress.json"))
    }

    /// A commit killed in phase 1 (some previous files aside) or phase 2 (some new ones in place):
    /// the resume finishes it and DIR holds exactly the new set.
    @Test(arguments: [1, 2]) func aCommitKilledHalfWayIsFinishedByTheResume(phase: Int) throws {
        let (_, new, directory, reference) = try Self.setUp("overwrite-commit-\(phase)")
        defer { SweepFixture.remove(directory, reference) }
        // The state a kill leaves: the complete new sweep staged, the previous files partly moved.
        let staging = SweepStaging.path(in: directory)
        let aside = directory + "/.firmpaths-overwrite-previous"
        let manager = FileManager.default
        try manager.createDirectory(atPath: staging, withIntermediateDirectories: false)
        try manager.createDirectory(atPath: aside, withIntermediateDirectories: false)
        for name in try manager.contentsOfDirectory(atPath: reference) where name != "notes.txt" {
            try manager.copyItem(atPath: reference + "/" + name, toPath: staging + "/" + name)
        }
        let previous = try manager.contentsOfDirectory(atPath: directory).filter { !$0.hasPrefix(".") && $0 != "notes.txt" }.sorted()
        if phase == 1 {
            for name in previous.prefix(2) { try manager.moveItem(atPath: directory + "/" + name, toPath: aside + "/" + name) }
        } else {
            for name in previous { try manager.moveItem(atPath: directory + "/" + name, toPath: aside + "/" + name) }
            #expect(manager.createFile(atPath: aside + "/.moved", contents: Data()))
            for name in ["events.csv", "firms.csv"] { try manager.moveItem(atPath: staging + "/" + name, toPath: directory + "/" + name) }
        }
        let done = try Self.sweep(new, into: directory, resume: true)
        #expect(done.isComplete && done.replacedPrevious)
        #expect(Self.visible(directory) == Self.visible(reference))
        #expect(!manager.fileExists(atPath: aside) && !manager.fileExists(atPath: staging))
    }
}
