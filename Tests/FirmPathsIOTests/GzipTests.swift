import Foundation
import Testing
@testable import FirmPathsIO

@Suite struct GzipTests {
    /// Deterministic CSV-like text of about `rows` rows.
    static func csvText(rows: Int) -> [UInt8] {
        var text = "run,firm,value,name\n"
        var state: UInt64 = 12345
        for row in 0..<rows {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            text += "\(row / 100),\(row % 100),\(Double(state >> 40) / 1000),firm \"\(state % 7)\"\n"
        }
        return Array(text.utf8)
    }

    @Test func roundTripsTextAndBinaryOfManySizes() throws {
        var random = SystemRandomNumberGenerator()
        for count in [0, 1, 2, 100, 65_536, 300_001] {
            let binary = (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
            #expect(try Gzip.decompress(Gzip.compress(binary)) == binary)
        }
        let text = Self.csvText(rows: 20_000)
        let compressed = Gzip.compress(text)
        #expect(compressed.count < text.count / 2)
        #expect(try Gzip.decompress(compressed) == text)
    }

    @Test func streamsInPiecesAndDecodesPieceByPiece() throws {
        let text = Self.csvText(rows: 5_000)
        let compressor = GzipCompressor()
        var compressed: [UInt8] = []
        var offset = 0
        for size in [1, 7, 4096, 100_000].cycled(while: { offset < text.count }) {
            let end = min(text.count, offset + size)
            compressor.compress(Array(text[offset..<end]), into: &compressed)
            offset = end
        }
        compressor.finishMember(into: &compressed)
        #expect(compressed == Gzip.compress(text))  // same bytes whatever the pieces
        let decompressor = GzipDecompressor()
        var output: [UInt8] = []
        for start in stride(from: 0, to: compressed.count, by: 333) {
            try decompressor.decompress(Array(compressed[start..<min(compressed.count, start + 333)]), into: &output)
        }
        try decompressor.finish()
        #expect(output == text)
    }

    @Test func concatenatedMembersReadAsTheConcatenation() throws {
        let parts = [Self.csvText(rows: 10), [], Self.csvText(rows: 3_000), Array("last\n".utf8)]
        let compressor = GzipCompressor()
        var stream: [UInt8] = []
        for part in parts {
            compressor.compress(part, into: &stream)
            compressor.finishMember(into: &stream)
        }
        #expect(try Gzip.decompress(stream) == parts.flatMap { $0 })
        #expect(stream == parts.flatMap { Gzip.compress($0) })
        // finishMemberIfStarted writes no empty member.
        var nothing: [UInt8] = []
        #expect(!compressor.finishMemberIfStarted(into: &nothing) && nothing.isEmpty)
    }

    @Test func emptyInputs() throws {
        #expect(try Gzip.decompress([]) == [])
        let empty = Gzip.compress([])
        #expect(Gzip.hasMagic(empty) && empty.count == 20)  // header, empty block, CRC and size
        #expect(try Gzip.decompress(empty) == [])
    }

    @Test func headerHasNoTimeOrNameSoOutputIsReproducible() {
        let text = Self.csvText(rows: 100)
        let first = Gzip.compress(text)
        #expect(first == Gzip.compress(text))
        #expect(Array(first.prefix(4)) == [0x1F, 0x8B, 8, 0])  // deflate, no flags (no name, no comment)
        #expect(Array(first[4..<8]) == [0, 0, 0, 0])  // modification time 0
    }

    @Test func cutOrDamagedDataIsRefused() {
        let compressed = Gzip.compress(Self.csvText(rows: 2_000))
        #expect(throws: GzipError.self) { try Gzip.decompress(Array(compressed.dropLast(5))) }
        var damaged = compressed
        damaged[damaged.count / 2] ^= 0xFF
        #expect(throws: GzipError.self) { try Gzip.decompress(damaged) }
        #expect(throws: GzipError.self) { try Gzip.decompress(Array("not gzip\n".utf8)) }
    }

    @Test func systemGunzipReadsWhatIsWritten() throws {
        guard FileManager.default.isExecutableFile(atPath: "/bin/gzip") || FileManager.default.isExecutableFile(atPath: "/usr/bin/gzip")
        else { return }  // nothing to compare with
        let directory = NSTemporaryDirectory() + "firmpaths-gzip-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let parts = [Self.csvText(rows: 50), Self.csvText(rows: 700)]
        let path = directory + "/t.csv.gz"
        try Data(parts.flatMap { Gzip.compress($0) }).write(to: URL(fileURLWithPath: path))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect([UInt8](output) == parts.flatMap { $0 })
    }

    @Test func fileWriterCompressesWhatItWouldWriteAndReadersReadBothForms() throws {
        let directory = NSTemporaryDirectory() + "firmpaths-gzip-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for background in [false, true] {
            let plain = try CSVFileWriter(path: directory + "/t.csv", background: background)
            let compressed = try CSVFileWriter(path: directory + "/t.csv.gz", background: background)
            compressed.compressor = GzipCompressor()
            for writer in [plain, compressed] {
                writer.flushThreshold = 1000
                var buffer = CSVBuffer()
                buffer.appendHeader(["run", "firm", "note"])
                for row in 0..<3_000 {
                    buffer.appendField(row / 1000)
                    buffer.appendField(row)
                    buffer.appendField(row % 3 == 0 ? "a, \"quoted\" note" : "plain")
                    buffer.endRow()
                    try writer.write(&buffer)
                }
                try writer.finish(&buffer)
            }
            let plainBytes = [UInt8](try #require(FileManager.default.contents(atPath: directory + "/t.csv")))
            let stored = [UInt8](try #require(FileManager.default.contents(atPath: directory + "/t.csv.gz")))
            #expect(compressed.bytesWritten == stored.count)
            #expect(try Gzip.decompress(stored) == plainBytes)
            #expect(try DataFileReader.contents(of: directory + "/t.csv.gz") == plainBytes)
            #expect(try DataFileReader.contents(of: directory + "/t.csv") == plainBytes)
            let rowsPlain = try CSVReader(path: directory + "/t.csv").rows().map(\.fields)
            let readerGz = try CSVReader(path: directory + "/t.csv.gz")
            #expect(readerGz.header.columns == ["run", "firm", "note"])
            #expect(try readerGz.rows().map(\.fields) == rowsPlain)
            #expect(rowsPlain.count == 3_000)
            #expect(DataFilePath.existing("t.csv", in: directory) == directory + "/t.csv")
            try FileManager.default.removeItem(atPath: directory + "/t.csv")
            #expect(DataFilePath.existing("t.csv", in: directory) == directory + "/t.csv.gz")
            #expect(DataFilePath.existing("u.csv", in: directory) == nil)
            try FileManager.default.removeItem(atPath: directory + "/t.csv.gz")
        }
    }

    @Test func csvReaderReportsACutCompressedFile() throws {
        let directory = NSTemporaryDirectory() + "firmpaths-gzip-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/cut.csv.gz"
        try Data(Gzip.compress(Self.csvText(rows: 5_000)).dropLast(100)).write(to: URL(fileURLWithPath: path))
        let reader = try CSVReader(path: path)
        do {
            _ = try reader.rows()
            Issue.record("read a cut gzip file without an error")
        } catch {
            #expect(error.description.contains(path) && error.description.contains("cut"))
        }
    }
}

extension Array {
    /// The elements over and over while `condition` holds (checked before each element).
    fileprivate func cycled(while condition: @escaping () -> Bool) -> AnySequence<Element> {
        AnySequence { () -> AnyIterator<Element> in
            var index = 0
            return AnyIterator {
                guard !isEmpty, condition() else { return nil }
                defer { index = (index + 1) % count }
                return self[index]
            }
        }
    }
}
