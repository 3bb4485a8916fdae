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
