import Testing
import FirmPathsIO

private func text(_ buffer: CSVBuffer) -> String {
    String(decoding: buffer.bytes, as: UTF8.self)
}

@Suite struct CSVBufferTests {
    @Test func quotesOnlyWhenNeeded() {
        var buffer = CSVBuffer()
        buffer.appendRow(["plain", "a,b", "say \"hi\"", "line\nbreak", "cr\rx", "", "é"])
        #expect(text(buffer) == "plain,\"a,b\",\"say \"\"hi\"\"\",\"line\nbreak\",\"cr\rx\",,é\n")
    }

    @Test func separatesFieldsAndRows() {
        var buffer = CSVBuffer(capacity: 64)
        buffer.appendField(1)
        buffer.appendEmpty()
        buffer.appendField(true)
        buffer.endRow()
        buffer.appendEmpty()
        buffer.appendField("x")
        buffer.endRow()
        #expect(text(buffer) == "1,,true\n,x\n")
        #expect(buffer.count == 11)
        buffer.reset()
        #expect(buffer.isEmpty)
        buffer.appendField(2)
        #expect(text(buffer) == "2")
    }

    @Test func formatsIntegers() {
        let values = [0, 7, -1, 9, 10, -10, 42, 1_000_000, -987_654_321, Int.max, Int.min, Int.min + 1]
        var buffer = CSVBuffer()
        for value in values { buffer.appendField(value) }
        #expect(text(buffer) == values.map(String.init).joined(separator: ","))
    }

    @Test func formatsDoublesLikeDescription() {
        var buffer = CSVBuffer()
        buffer.appendField(-0.0)
        buffer.appendField(0.0)
        buffer.appendField(3.0)
        buffer.appendField(-42.0)
        buffer.appendField(0.1)
        buffer.appendField(1e16)
        buffer.appendField(1e-5)
        #expect(text(buffer) == "0.0,0.0,3.0,-42.0,0.1,1e+16,1e-05")

        var state: UInt64 = 12345
        for _ in 0..<5_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let candidates = [Double(bitPattern: state), Double(Int64(bitPattern: state) >> 20), Double(state % 1000) / 8]
            for value in candidates where value.isFinite && value != 0 {
                buffer.reset()
                buffer.appendField(value)
                #expect(text(buffer) == value.description)
            }
        }
        #expect(buffer.nonFiniteCount == 0)
    }

    @Test func writesNonFiniteAsEmptyAndCountsThem() {
        var buffer = CSVBuffer()
        buffer.appendField(1.0)
        buffer.appendField(Double.nan)
        buffer.appendField(Double.infinity)
        buffer.appendField(-Double.infinity)
        buffer.appendField(2.0)
        buffer.endRow()
        #expect(text(buffer) == "1.0,,,,2.0\n")
        #expect(buffer.nonFiniteCount == 3)
        buffer.reset()
        #expect(buffer.nonFiniteCount == 3)
    }
}

@Suite struct CSVFixedDecimalsTests {
    func text(_ value: Double, _ digits: Int) -> String {
        var buffer = CSVBuffer()
        buffer.appendField(value, fractionDigits: digits)
        return String(decoding: buffer.bytes, as: UTF8.self)
    }

    @Test func roundsAndTrimsTrailingZeros() {
        #expect(text(2036.2745948030754, 3) == "2036.275")
        #expect(text(0.14020242948572073, 6) == "0.140202")
        #expect(text(0.5, 6) == "0.5")
        #expect(text(3, 6) == "3")
        #expect(text(-0.25, 6) == "-0.25")
        #expect(text(0.9999999, 6) == "1")
        #expect(text(0, 6) == "0")
        #expect(text(-0.0000001, 3) == "-1e-07")
        #expect(text(1.0001, 3) == "1")
        #expect(text(-2.5e-7, 6) == "-2.5e-07")
    }

    @Test func keepsExactTextWhereRoundingWouldLoseTheValue() {
        #expect(text(0.00001234, 6) == "1.234e-05")
        #expect(text(1e20, 3) == "1e+20")
        var buffer = CSVBuffer()
        buffer.appendField(Double.nan, fractionDigits: 3)
        #expect(buffer.nonFiniteCount == 1)
    }

    @Test func readsBackWithinHalfAUnitOfTheLastDigit() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let value = Double.random(in: -1e6...1e6, using: &generator)
            let parsed: Double = Double(text(value, 6)) ?? .nan
            let error: Double = abs(parsed - value)
            let bound: Double = 0.5e-6 * (1 + 1e-9) + abs(value) * 1e-15
            #expect(error <= bound)
        }
    }

    /// The row writer's fields are byte for byte those of `appendField`, for random values of
    /// every kind (including non-finite doubles, quoted text and text longer than its scratch area).
    @Test func rowWriterWritesWhatAppendFieldWrites() {
        var state: UInt64 = 987_654_321
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
        let texts = ["", "plain", "a,b", "say \"hi\"", "line\nbreak", "é", String(repeating: "x,\"", count: 400),
                     String(repeating: "long", count: 300)]
        var byFields = CSVBuffer()
        var byRows = CSVBuffer()
        for _ in 0..<20_000 {
            let bits = next()
            let doubles = [Double(bitPattern: bits), Double(Int64(bitPattern: bits) >> 20), Double(bits % 100_000) / 1024,
                           -Double(bits % 10_000_000) / 1e5, Double(bits % 3) == 0 ? .nan : .infinity, 0, -0.0,
                           Double(bits % 1000) * 1e-7]
            let integer = Int(bitPattern: UInt(next()))
            let digits = Int(bits % 10)
            let text = texts[Int(bits % UInt64(texts.count))]
            for value in doubles { byFields.appendField(value) }
            for value in doubles { byFields.appendField(value, fractionDigits: digits) }
            byFields.appendField(integer)
            byFields.appendEmpty()
            byFields.appendField(text)
            byFields.endRow()
            byRows.appendRow { row in
                for value in doubles { row.field(value) }
                for value in doubles { row.field(value, fractionDigits: digits) }
                row.field(integer)
                row.empty()
                row.field(text)
            }
        }
        #expect(byRows.bytes == byFields.bytes)
        #expect(byRows.nonFiniteCount == byFields.nonFiniteCount)
        #expect(byRows.nonFiniteCount > 0)
    }

    /// An entry of a field table writes what the `appendField` calls it was made from write,
    /// at the start of a row and after other fields, for one or several fields, text that needs
    /// quotes, text longer than the row writer's scratch area, and non-finite doubles (counted).
    @Test func fieldTableEntriesWriteWhatTheirFieldsWrite() {
        let texts = ["", "plain", "a,b", "say \"hi\"", "line\nbreak", "é", String(repeating: "x,\"", count: 400)]
        let single = CSVFieldTable(texts: texts)
        let triples = CSVFieldTable(0..<texts.count) { index, buffer in
            buffer.appendField(texts[index])
            buffer.appendEmpty()
            buffer.appendField(index == 2 ? .nan : Double(index) / 3)
        }
        #expect(single.count == texts.count && triples.count == texts.count)
        var byFields = CSVBuffer()
        var byTable = CSVBuffer()
        for index in texts.indices {
            byFields.appendField(texts[index])
            byFields.appendField(index)
            byFields.appendField(texts[index])
            byFields.appendEmpty()
            byFields.appendField(index == 2 ? .nan : Double(index) / 3)
            byFields.endRow()
            byTable.appendRow { row in
                row.field(single, index)
                row.field(index)
                row.field(triples, index)
            }
        }
        #expect(byTable.bytes == byFields.bytes)
        #expect(byTable.nonFiniteCount == 1 && byFields.nonFiniteCount == 1)
        #expect(Array(single.encoded(2)) == Array("\"a,b\"".utf8))
    }
}
