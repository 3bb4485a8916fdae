import Foundation
import Testing
import FirmPathsIO

private func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("firmpaths-io-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@Suite struct CSVFileWriterTests {
    @Test func writesToPartialThenRenames() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("runs.csv").path
        let writer = try CSVFileWriter(path: path)
        writer.flushThreshold = 100
        var buffer = CSVBuffer()
        buffer.appendRow(["run", "value"])
        var expected = "run,value\n"
        for run in 0..<1_000 {
            buffer.appendField(run)
            buffer.appendField(Double(run) / 4)
            buffer.endRow()
            expected += "\(run),\(Double(run) / 4)\n"
            try writer.write(&buffer)
            #expect(buffer.count < 100)
        }
        #expect(FileManager.default.fileExists(atPath: path + ".partial"))
        #expect(!FileManager.default.fileExists(atPath: path))
        try writer.finish(&buffer)
        #expect(buffer.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: path + ".partial"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == expected)
        #expect(writer.bytesWritten == expected.utf8.count)
        try writer.finish()  // idempotent
    }

    /// Direct writes go through an aligned 4 MiB stage: chunks of every size (across stage
    /// boundaries, a tail that is not a whole block) give the same file as buffered writes,
    /// on the background queue too.
    @Test(arguments: [(true, false), (true, true), (false, false)])
    func directAndBufferedWritesGiveTheSameBytes(directIO: Bool, background: Bool) throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("big.csv").path
        let writer = try CSVFileWriter(path: path, background: background, directIO: directIO)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 11
        }
        // A pool of pseudo-random bytes (filled a word at a time: quick in debug builds too).
        var pool = [UInt8](repeating: 0, count: 6 << 20)
        pool.withUnsafeMutableBytes { raw in
            for word in 0..<(raw.count / 8) { raw.storeBytes(of: next(), toByteOffset: word * 8, as: UInt64.self) }
        }
        // Sizes from 1 byte to above the stage size, about 11 MB in all.
        let sizes = [1, 4095, 4096, 4097, 700_001, 3 << 20, 5 << 20 + 3] + (0..<20).map { _ in Int(next() % 50_000) + 1 }
        var expected = Data()
        for size in sizes {
            let start = Int(next() % UInt64(pool.count - size + 1))
            let chunk = Array(pool[start..<(start + size)])
            expected.append(contentsOf: chunk)
            try writer.writeAll(chunk)
        }
        try writer.finish()
        #expect(writer.bytesWritten == expected.count)
        let written = try #require(FileManager.default.contents(atPath: path))
        #expect(written.count == expected.count)
        #expect(written == expected)
    }

    @Test func abandonAndDeinitRemoveThePartialFile() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("a.csv").path
        let writer = try CSVFileWriter(path: path)
        try writer.writeAll(Array("x\n".utf8))
        writer.abandon()
        #expect(!FileManager.default.fileExists(atPath: path + ".partial"))
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(throws: CSVFileError.self) { try writer.writeAll([1]) }

        let otherPath = directory.appendingPathComponent("b.csv").path
        do {
            let dropped = try CSVFileWriter(path: otherPath)
            try dropped.writeAll(Array("y\n".utf8))
            #expect(FileManager.default.fileExists(atPath: otherPath + ".partial"))
        }
        #expect(!FileManager.default.fileExists(atPath: otherPath + ".partial"))
        #expect(!FileManager.default.fileExists(atPath: otherPath))
    }

    @Test func reportsUnwritableDirectoryWithPathAndReason() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let missing = directory.appendingPathComponent("no-such-dir/out.csv").path
        do {
            _ = try CSVFileWriter(path: missing)
            Issue.record("expected an error")
        } catch {
            #expect(error.operation == "create")
            #expect(error.path == missing + ".partial")
            #expect(error.description == "cannot create '\(missing).partial': No such file or directory (errno \(ENOENT))")
        }
        // A regular file where a directory is expected fails even for root, unlike permission bits.
        let file = directory.appendingPathComponent("plain")
        try Data("x".utf8).write(to: file)
        #expect(throws: CSVFileError.self) { try CSVFileWriter(path: file.path + "/out.csv") }
    }
}
