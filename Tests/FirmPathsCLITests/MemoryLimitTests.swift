import FirmPathsEngine
import Foundation
import Testing

/// The memory guard reads cgroup limits and `ulimit -v`, and names the limit that applies.
@Suite struct MemoryLimitTests {
    /// A fake root with `proc/self/cgroup` and the given files under `sys/fs/cgroup`.
    static func fakeRoot(_ membership: String, _ files: [String: String]) throws -> String {
        let root = RunFixture.temporaryDirectory("cgroup")
        let manager = FileManager.default
        try manager.createDirectory(atPath: root + "/proc/self", withIntermediateDirectories: true)
        try Data(membership.utf8).write(to: URL(fileURLWithPath: root + "/proc/self/cgroup"))
        for (path, text) in files {
            let file = root + "/sys/fs/cgroup/" + path
            try manager.createDirectory(atPath: (file as NSString).deletingLastPathComponent,
                                        withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        }
        return root
    }

    @Test func cgroupV2TakesTheSmallestLimitUpToTheRoot() throws {
        let root = try Self.fakeRoot("0::/user.slice/job.scope\n", [
            "memory.max": "max\n",
            "user.slice/memory.max": "2147483648\n",
            "user.slice/job.scope/memory.max": "max\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let limit = try #require(MemoryGuard.cgroupLimit(root: root))
        #expect(limit.bytes == 2_147_483_648)
        #expect(limit.source == .cgroup(file: "/sys/fs/cgroup/user.slice/memory.max"))
        #expect(limit.describe(threads: 1) == "the cgroup memory limit of 2.0 GB (/sys/fs/cgroup/user.slice/memory.max)")
    }

    @Test func cgroupV2MaxEverywhereMeansNoLimit() throws {
        let root = try Self.fakeRoot("0::/a\n", ["memory.max": "max\n", "a/memory.max": "max\n"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(MemoryGuard.cgroupLimit(root: root) == nil)
    }

    @Test func cgroupV1ReadsTheMemoryControllerAndIgnoresNearTwoToThe63() throws {
        let root = try Self.fakeRoot("12:cpu,cpuacct:/x\n4:memory:/docker/abc\n", [
            "memory/memory.limit_in_bytes": "9223372036854771712\n",
            "memory/docker/memory.limit_in_bytes": "9223372036854771712\n",
            "memory/docker/abc/memory.limit_in_bytes": "536870912\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let limit = try #require(MemoryGuard.cgroupLimit(root: root))
        #expect(limit.bytes == 536_870_912)
        #expect(limit.source == .cgroup(file: "/sys/fs/cgroup/memory/docker/abc/memory.limit_in_bytes"))
        #expect(MemoryGuard.parseCgroupValue("9223372036854771712") == nil)
        #expect(MemoryGuard.parseCgroupValue("garbage") == nil)
        #expect(MemoryGuard.parseCgroupValue("0") == nil)
    }

    @Test func missingFilesMeanNoCgroupLimit() throws {
        let root = RunFixture.temporaryDirectory("cgroup-none")
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(MemoryGuard.cgroupLimit(root: root) == nil)
        let other = try Self.fakeRoot("0::/gone/away\n", [:])
        defer { try? FileManager.default.removeItem(atPath: other) }
        #expect(MemoryGuard.cgroupLimit(root: other) == nil)
    }

    @Test func theTightestLimitIsNamedWithDistinctFigures() {
        let size = RunSize(firms: 100_000, markets: 24, partnerSlots: 5, years: 10, stepsPerYear: 4)
        let needed = MemoryGuard.estimate(size)
        // A limit whose usable share is a hair below the estimate: both would read the same rounded.
        let ceilings = [MemoryCeiling(bytes: 64 * 1024 * 1024 * 1024, source: .physical),
                        MemoryCeiling(bytes: (needed - 3000) / MemoryGuard.usableShare, source: .cgroup(file: "/f"))]
        do {
            try MemoryGuard.check(size, ceilings: ceilings)
            Issue.record("expected a refusal")
        } catch {
            let message = error.description
            #expect(message.contains("the cgroup memory limit of "), "\(message)")
            #expect(message.contains(" MiB of memory"), "\(message)")
            let figures = message.split(separator: " ").filter { $0.contains(".") && Double($0) != nil }
            #expect(figures.count >= 2 && figures[0] != figures.last, "\(message)")
        }
        let physical = [MemoryCeiling(bytes: needed / MemoryGuard.usableShare / 2, source: .physical)]
        #expect(throws: EngineError.self) { try MemoryGuard.check(size, ceilings: physical) }
        do { try MemoryGuard.check(size, ceilings: physical) } catch {
            #expect(error.description.contains("this machine's physical memory of "), "\(error.description)")
        }
        #expect(throws: Never.self) {
            try MemoryGuard.check(size, ceilings: [MemoryCeiling(bytes: needed * 2, source: .physical)])
        }
    }

    /// The built `firmpaths` next to the test bundle.
    static var binary: String? {
        let candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
                          URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                              .deletingLastPathComponent().appendingPathComponent(".build/debug")]
        for directory in candidates {
            var url = directory
            while url.path != "/" {
                let file = url.appendingPathComponent("firmpaths").path
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), !isDirectory.boolValue,
                   FileManager.default.isExecutableFile(atPath: file) { return file }
                if url.lastPathComponent == "debug" || url.lastPathComponent == "release" { break }
                url.deleteLastPathComponent()
            }
        }
        return nil
    }

    static func shell(_ script: String) throws -> (code: Int32, err: String) {
        try process("/bin/sh", ["-c", script])
    }

    /// Runs `executable` with `arguments` (in `directory`, else here) to its end: its exit status
    /// and standard error; standard output is discarded.
    static func process(_ executable: String, _ arguments: [String], in directory: String? = nil) throws -> (code: Int32, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func ulimitVIsReadAndNamed() throws {
        let binary = try #require(Self.binary, "the firmpaths binary is built with the tests (swift build)")
        let directory = RunFixture.temporaryDirectory("ulimit")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // 1 GiB of address space: 200,000 firms x 10 years need about 974 MB, refused before anything is written.
        let refused = try Self.shell("ulimit -v 1048576; exec '\(binary)' run default --set population.firms=200000 "
            + "--set years=10 --out '\(directory)/big' --quiet")
        #expect(refused.code == 65, "exit \(refused.code): \(refused.err)")
        #expect(refused.err.contains("the virtual-memory limit (ulimit -v) of 1.0 GB"), "\(refused.err)")
        #expect(!refused.err.contains("failed to allocate"), "\(refused.err)")
        #expect(!FileManager.default.fileExists(atPath: directory + "/big"))
        // A small run under the same limit completes.
        let small = try Self.shell("ulimit -v 1048576; exec '\(binary)' run default --set population.firms=300 "
            + "--set years=2 --out '\(directory)/small' --quiet")
        #expect(small.code == 0, "exit \(small.code): \(small.err)")
        #expect(FileManager.default.fileExists(atPath: directory + "/small/runs.csv")
                || FileManager.default.fileExists(atPath: directory + "/small/firms.csv"))
    }
}
