import Testing
import FirmPathsIO

@Suite struct JSONWriterTests {
    @Test func writesCompactWithInsertionOrder() throws {
        let value: JSONValue = ["z": 1, "a": [true, nil, "s"], "m": [:], "e": []]
        #expect(try value.serialized() == #"{"z":1,"a":[true,null,"s"],"m":{},"e":[]}"#)
    }

    @Test func writesPrettyWithTwoSpaces() throws {
        let value: JSONValue = ["name": "x", "list": [1, ["k": 2.5]], "empty": []]
        let expected = """
        {
          "name": "x",
          "list": [
            1,
            {
              "k": 2.5
            }
          ],
          "empty": []
        }
        """
        #expect(try value.serialized(pretty: true) == expected)
    }

    @Test func writesNumbersThatRoundTrip() throws {
        let cases: [(Double, String)] = [
            (30, "30"), (-7, "-7"), (0, "0"), (-0.0, "0"), (0.1, "0.1"), (1.5, "1.5"),
            (1e300, "1e+300"), (9_007_199_254_740_992, "9007199254740992.0"), (1e16, "1e+16"),
            (9_007_199_254_740_991, "9007199254740991"), (.leastNonzeroMagnitude, "5e-324"), (-2.5e-7, "-2.5e-07"),
        ]
        for (number, text) in cases {
            #expect(try JSONValue.number(number).serialized() == text, "\(number)")
        }
        // Pseudo-random bit patterns: every finite double must parse back identically.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let number = Double(bitPattern: state)
            guard number.isFinite else { continue }
            let text = try JSONValue.number(number).serialized()
            #expect(try JSONParser.parse(text, file: "t").value.doubleValue == number, "\(text)")
        }
    }

    @Test func escapesStrings() throws {
        let value = JSONValue.string("q\"b\\n\n\r\t\u{08}\u{0C}\u{01}\u{1F}é😀/")
        #expect(try value.serialized() == #""q\"b\\n\n\r\t\b\f\u0001\u001Fé😀/""#)
        #expect(try JSONParser.parse(value.serialized(), file: "t").value == value)
    }

    @Test func throwsOnNonFiniteNumbers() {
        let value: JSONValue = ["a": [1, .number(.nan)]]
        do {
            _ = try value.serialized()
            Issue.record("expected an error")
        } catch {
            #expect(error.path == "a[1]")
            #expect(error.description == "cannot write `a[1]` as JSON: nan is not a finite number")
        }
        #expect(throws: JSONWriteError.self) { try JSONValue.number(-.infinity).serialized(pretty: true) }
    }

    @Test func roundTripsDocuments() throws {
        let text = """
        {"model": {"learning": {"gainByMode": [0.1, 0.25, 1e-9]}, "name": "Nordic \\"SME\\""},
         "segments": [{"name": "a", "share": 0.4}, {"name": "b", "share": 0.6}], "flags": [true, false, null]}
        """
        let value = try JSONParser.parse(text, file: "t").value
        for pretty in [false, true] {
            let written = try value.serialized(pretty: pretty)
            let reparsed = try JSONParser.parse(written, file: "t").value
            #expect(reparsed == value)
            #expect(try reparsed.serialized(pretty: pretty) == written)
        }
    }

    @Test func objectEqualityIgnoresKeyOrder() {
        let first: JSONObject = ["a": 1, "b": 2]
        let second: JSONObject = ["b": 2, "a": 1]
        #expect(first == second)
        #expect(first.keys != second.keys)
        var third = first
        third["a"] = nil
        #expect(third.keys == ["b"])
        third["a"] = 3
        #expect(third.keys == ["b", "a"])
        third["b"] = 9
        #expect(third.keys == ["b", "a"])
    }
}
