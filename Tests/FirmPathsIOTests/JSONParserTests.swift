import Testing
@testable import FirmPathsIO

/// Parses `text` expecting failure and returns the full `file:line:column: message` text.
private func errorText(_ text: String) -> String? {
    errorText(Array(text.utf8))
}

private func errorText(_ bytes: [UInt8]) -> String? {
    do {
        _ = try JSONParser.parse(bytes, file: "t.json")
        return nil
    } catch {
        return error.description
    }
}

@Suite struct JSONParserTests {
    @Test func parsesAllValueKinds() throws {
        let document = try JSONParser.parse(#"{"a": [1, -2.5e1, true, false, null, "s"], "b": {}}"#, file: "t.json")
        let expected: JSONValue = ["a": [1, -25.0, true, false, nil, "s"], "b": [:]]
        #expect(document.value == expected)
        #expect(document.value.objectValue?.keys == ["a", "b"])
    }

    @Test func parsesNumbers() throws {
        let cases: [(String, Double)] = [
            ("0", 0), ("-0", -0.0), ("1.5e3", 1500), ("-12.25E-2", -0.1225), ("1E+2", 100),
            ("123456789012345678", 1.2345678901234568e17), ("0.1", 0.1), ("999999999999999", 999999999999999),
        ]
        for (text, value) in cases {
            let parsed = try JSONParser.parse(text, file: "t.json").value.doubleValue
            #expect(parsed == value, "\(text)")
        }
        #expect(try JSONParser.parse("-0", file: "t").value.doubleValue?.sign == .minus)
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let text = #""\"\\\/\b\f\n\r\t\u00e9\uD83D\uDE00 é""#
        let value = try JSONParser.parse(text, file: "t.json").value
        #expect(value == .string("\"\\/\u{08}\u{0C}\n\r\té😀 é"))
        #expect(try JSONParser.parse(#""\u0000""#, file: "t").value == .string("\u{0}"))
    }

    @Test func skipsByteOrderMark() throws {
        let value = try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array("[1]".utf8), file: "t.json").value
        #expect(value == [1])
        #expect(errorText([0xEF, 0xBB, 0xBF] + Array("[1,]".utf8)) == "t.json:1:3: trailing comma before ']'")
    }

    @Test(arguments: [
        (#"{"a": 1 "b": 2}"#, #"t.json:1:9: expected ',' or '}' after object member, found '"'"#),
        ("{\n  \"a\": 1,\n}", "t.json:2:9: trailing comma before '}'"),
        ("[1, 2,]", "t.json:1:6: trailing comma before ']'"),
        ("[\r\n1,\r\n]", "t.json:2:2: trailing comma before ']'"),
        (#"{"x": 1, "x": 2}"#, "t.json:1:10: duplicate key `x` (first defined at 1:2)"),
        ("01", "t.json:1:1: leading zeros are not allowed in numbers"),
        ("[-012]", "t.json:1:2: leading zeros are not allowed in numbers"),
        ("[1.]", "t.json:1:4: expected a digit after the decimal point, found ']'"),
        ("1e", "t.json:1:3: expected a digit in the exponent, found end of input"),
        ("-", "t.json:1:2: expected a digit after '-', found end of input"),
        ("-x", "t.json:1:2: expected a digit after '-', found 'x'"),
        ("NaN", "t.json:1:1: NaN and Infinity are not valid JSON numbers"),
        ("[-Infinity]", "t.json:1:2: NaN and Infinity are not valid JSON numbers"),
        ("+1", "t.json:1:1: numbers must not start with '+'"),
        ("1e400", "t.json:1:1: number 1e400 is out of range"),
        ("", "t.json:1:1: expected a JSON value, found end of input"),
        ("  \n ", "t.json:2:2: expected a JSON value, found end of input"),
        ("[1] x", "t.json:1:5: unexpected 'x' after the JSON value"),
        ("{} {}", "t.json:1:4: unexpected '{' after the JSON value"),
        ("tru", "t.json:1:1: invalid literal, expected `true`"),
        ("[nul]", "t.json:1:2: invalid literal, expected `null`"),
        ("\"abc", "t.json:1:1: unterminated string"),
        ("[\"a\nb\"]", "t.json:1:2: unterminated string (line break before the closing '\"')"),
        ("\"a\tb\"", "t.json:1:3: a tab must be escaped inside strings"),
        ("\"a\u{1}b\"", "t.json:1:3: control character U+0001 must be escaped inside strings"),
        (#""\q""#, #"t.json:1:2: invalid escape sequence '\q' in string"#),
        (#""\u12G4""#, #"t.json:1:2: invalid \u escape: expected 4 hexadecimal digits"#),
        (#""ab\uD800""#, #"t.json:1:4: unpaired high surrogate \uD800 in string"#),
        (#""\uD800\u0041""#, #"t.json:1:2: unpaired high surrogate \uD800 in string"#),
        (#""\uDC00x""#, #"t.json:1:2: unpaired low surrogate \uDC00 in string"#),
        ("{1: 2}", "t.json:1:2: expected a double-quoted key or '}', found '1'"),
        (#"{"a": 1, 2}"#, "t.json:1:10: expected a double-quoted key after ',', found '2'"),
        (#"{"a" 1}"#, "t.json:1:6: expected ':' after object key `a`, found '1'"),
        ("[1 2]", "t.json:1:4: expected ',' or ']' after array element, found '2'"),
        (#"{"a": 1"#, "t.json:1:8: expected ',' or '}' after object member, found end of input (the object opened at 1:1 is not closed)"),
        ("[1,\n", "t.json:2:1: expected a JSON value, found end of input (the array opened at 1:1 is not closed)"),
        ("[1", "t.json:1:3: expected ',' or ']' after array element, found end of input (the array opened at 1:1 is not closed)"),
        ("// note\n1", "t.json:1:1: comments are not allowed in JSON"),
        ("'a'", "t.json:1:1: strings must be enclosed in double quotes, found '''"),
        ("[\"é\", x]", "t.json:1:7: expected a JSON value, found 'x'"),
        ("[é]", "t.json:1:2: expected a JSON value, found 'é' (U+00E9)"),
    ])
    func reportsSyntaxErrorsWithPositions(input: String, expected: String) {
        #expect(errorText(input) == expected)
    }

    @Test func rejectsInvalidUTF8() {
        #expect(errorText([0x22, 0xC3, 0x28, 0x22]) == "t.json:1:2: invalid UTF-8 byte 0xC3 in string")
        #expect(errorText([0x22, 0xC0, 0x80, 0x22]) == "t.json:1:2: invalid UTF-8 byte 0xC0 in string")  // overlong NUL
        #expect(errorText([0x22, 0xED, 0xA0, 0x80, 0x22]) == "t.json:1:2: invalid UTF-8 byte 0xED in string")  // surrogate
        #expect(errorText([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22]) == "t.json:1:2: invalid UTF-8 byte 0xF4 in string")  // > U+10FFFF
        #expect(errorText([0x22, 0xE2, 0x82]) == "t.json:1:2: invalid UTF-8 byte 0xE2 in string")  // truncated
        #expect(errorText([0xFF]) == "t.json:1:1: expected a JSON value, found invalid UTF-8 byte 0xFF")
    }

    @Test func limitsNestingDepth() throws {
        let limit = JSONParser.maximumDepth
        let deepest = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
        #expect(try JSONParser.parse(deepest, file: "t").value.arrayValue != nil)
        let tooDeep = String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1)
        #expect(errorText(tooDeep) == "t.json:1:\(limit + 1): nesting is deeper than \(limit) levels")
        let objects = String(repeating: #"{"a":"#, count: 100_000)
        #expect(errorText(objects)?.hasSuffix("nesting is deeper than \(limit) levels") == true)
    }

    @Test func recordsPositionsByPath() throws {
        let text = """
        {
          "segments": [
            {"name": "a"},
            {
              "founderExperience": {"mean": 3}
            }
          ],
          "a.b": [[7]]
        }
        """
        let document = try JSONParser.parse(text, file: "t.json")
        #expect(document.positions[""] == SourcePosition(line: 1, column: 1, offset: 0))
        #expect(document.positions["segments"]?.description == "2:3")
        #expect(document.positions["segments[0].name"]?.description == "3:6")
        #expect(document.positions["segments[1]"]?.description == "4:5")
        #expect(document.positions["segments[1].founderExperience.mean"]?.description == "5:29")
        #expect(document.positions[#"["a.b"][0][0]"#]?.description == "8:12")
        let missing = try JSONPath(parsing: "segments[1].founderExperience.sd")
        let nearest = document.nearestPosition(to: missing)
        #expect(nearest?.path.description == "segments[1].founderExperience")
        #expect(nearest?.position.description == "5:7")
        #expect(try JSONParser.parse(text, file: "t", recordPositions: false).positions.isEmpty)
    }

    @Test func neverCrashesOnMutatedInput() {
        // A cheap stand-in for fuzzing: every truncation and single-byte corruption of a valid document.
        let seed = Array(#"{"a": [1, -2.5e-3, "x\u00e9\n", {"b": null}], "c": true}"#.utf8)
        for length in 0...seed.count {
            _ = try? JSONParser.parse(Array(seed[0..<length]), file: "t")
        }
        for position in seed.indices {
            for byte: UInt8 in [0x00, 0x22, 0x5C, 0x5B, 0x7B, 0x80, 0xC3, 0xFF, 0x2C, 0x7D] {
                var mutated = seed
                mutated[position] = byte
                _ = try? JSONParser.parse(mutated, file: "t")
            }
        }
    }
}
