import FirmPathsIO
import Foundation
import Testing

@Suite struct CSVReaderTests {
    @Test func parsesRFC4180() {
        let text = "a,b,c\r\n1,\"x,y\",\"say \"\"hi\"\"\"\n2,\"two\nlines\",\n\n3,,last"
        let records = CSVRecordParser.records(in: text)
        #expect(records == [["a", "b", "c"], ["1", "x,y", "say \"hi\""], ["2", "two\nlines", ""], ["3", "", "last"]])
    }

    @Test func recordsDoNotDependOnChunking() {
        let text = "h1,h2\n\"q,\"\"uoted\"\"\",2\r\n3,\"4\r\n5\"\n"
        let whole = CSVRecordParser.records(in: text)
        var parser = CSVRecordParser()
        var pieces: [[String]] = []
        for byte in Array(text.utf8) { parser.feed([byte]) { fields, _ in pieces.append(fields) } }
        parser.finish { fields, _ in pieces.append(fields) }
        #expect(pieces == whole)
        #expect(whole[1] == ["q,\"uoted\"", "2"])
        #expect(whole[2] == ["3", "4\r\n5"])
    }

    @Test func streamsAFileWithAHeader() throws {
        let path = NSTemporaryDirectory() + "csvreader-\(UUID().uuidString).csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        var text = "run,firm,value\n"
        for i in 0..<50_000 { text += "0,\(i),\(Double(i) / 2)\n" }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let reader = try CSVReader(path: path)
        #expect(reader.header.columns == ["run", "firm", "value"])
        let firm = try reader.column("firm")
        let value = try reader.column("value")
        var count = 0
        var sum = 0.0
        try reader.forEachRow { row in
            #expect(row.int(firm) == count)
            sum += row.double(value) ?? 0
            count += 1
            return true
        }
        #expect(count == 50_000)
        #expect(sum == Double(49_999 * 50_000) / 4)
        #expect(throws: CSVReadError.self) { try reader.column("nope") }
        #expect(throws: CSVReadError.self) { try CSVReader(path: path + ".missing") }
    }
}

@Suite struct CSVReaderMemoryTests {
    @Test func readsFromMemoryLikeFromAFile() throws {
        let text = "a,b\n1,\"x,y\"\n2,z\n"
        let reader = try CSVReader(name: "mem.csv", bytes: Array(text.utf8))
        #expect(reader.header.columns == ["a", "b"])
        #expect(try reader.rows().map(\.fields) == [["1", "x,y"], ["2", "z"]])
        #expect(try reader.column("b") == 1)
        #expect(throws: CSVReadError.self) { try CSVReader(name: "empty.csv", bytes: []) }
    }
}
