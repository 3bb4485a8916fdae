/// A 1-based line and column (counted in Unicode scalars) so messages can point users at the exact spot in their scenario file.
public struct SourcePosition: Sendable, Hashable, CustomStringConvertible {
    /// 1-based line number.
    public var line: Int
    /// 1-based column, counted in Unicode scalars (a tab counts as one).
    public var column: Int
    /// 0-based byte offset into the input, for tools that slice the raw bytes.
    public var offset: Int

    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// `line:column`, the form editors and compilers use.
    public var description: String { "\(line):\(column)" }
}

/// A JSON syntax error carrying everything needed for a compiler-style `file:line:column: message` report.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file name given to the parser.
    public var file: String
    /// Where the problem was detected.
    public var position: SourcePosition
    /// The message without location, e.g. `trailing comma before '}'`.
    public var message: String

    public init(file: String, position: SourcePosition, message: String) {
        self.file = file
        self.position = position
        self.message = message
    }

    /// `file:line:column: message`, clickable in most terminals and editors.
    public var description: String { "\(file):\(position.line):\(position.column): \(message)" }
}

/// A parsed value plus where each piece came from, so later validation can report `file:line:column` for semantic errors too.
public struct JSONDocument: Sendable, Equatable {
    /// The parsed value.
    public var value: JSONValue
    /// Positions keyed by canonical path (see `JSONPath`): the key's position for object members,
    /// the value's position for array elements and the root (path `""`).
    public var positions: [String: SourcePosition]
    /// The text of integer literals that a Double does not hold exactly (above 2^53, such as
    /// `9007199254740993`), keyed like `positions`, so messages show the number as written.
    public var literals: [String: String]

    public init(value: JSONValue, positions: [String: SourcePosition] = [:], literals: [String: String] = [:]) {
        self.value = value
        self.positions = positions
        self.literals = literals
    }

    /// The recorded position of exactly `path`, if it appeared in the file.
    public func position(of path: JSONPath) -> SourcePosition? {
        positions[path.description]
    }

    /// The position of `path` or of its closest ancestor that appeared in the file, so errors about values filled in from defaults still point somewhere useful.
    public func nearestPosition(to path: JSONPath) -> (path: JSONPath, position: SourcePosition)? {
        var current: JSONPath? = path
        while let candidate = current {
            if let position = positions[candidate.description] { return (candidate, position) }
            current = candidate.parent
        }
        return nil
    }
}

/// A strict RFC 8259 parser written by hand so every error carries a precise position and the parser can be fuzzed: it never traps, recurses at most `maximumDepth` levels and rejects invalid UTF-8.
public struct JSONParser {
    /// Deepest allowed nesting of arrays and objects; deeper input is an error rather than a stack overflow.
    public static let maximumDepth = 512

    /// Parses UTF-8 bytes. `file` is only used in error messages; pass `recordPositions: false` to skip building the position table when nobody needs it.
    public static func parse(_ bytes: [UInt8], file: String, recordPositions: Bool = true) throws(JSONSyntaxError) -> JSONDocument {
        var parser = Parser(bytes: bytes, file: file, recordPositions: recordPositions)
        let value = try parser.parseDocument()
        return JSONDocument(value: value, positions: parser.positions, literals: parser.literals)
    }

    /// Whether `text` is a JSON integer literal whose value a Double cannot hold exactly
    /// (`18446744073709551615`, `9007199254740993`), so callers keep the text.
    public static func isInexactInteger(_ text: String) -> Bool {
        let trimmed = String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
        let digits = trimmed.hasPrefix("-") ? trimmed.dropFirst() : Substring(trimmed)
        guard digits.count > 15, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Double(trimmed) else { return false }
        guard let exact = Int64(trimmed) else { return true }
        return Int64(exactly: value) != exact
    }

    /// Parses a string; see `parse(_:file:recordPositions:)` for bytes.
    public static func parse(_ text: String, file: String, recordPositions: Bool = true) throws(JSONSyntaxError) -> JSONDocument {
        try parse(Array(text.utf8), file: file, recordPositions: recordPositions)
    }
}

private enum Byte {
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let slash = UInt8(ascii: "/")
    static let comma = UInt8(ascii: ",")
    static let colon = UInt8(ascii: ":")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let minus = UInt8(ascii: "-")
    static let plus = UInt8(ascii: "+")
    static let dot = UInt8(ascii: ".")
    static let zero = UInt8(ascii: "0")
    static let nine = UInt8(ascii: "9")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
}

private struct Parser {
    let bytes: [UInt8]
    let file: String
    let recordPositions: Bool
    var index = 0
    var depth = 0
    var positions: [String: SourcePosition] = [:]
    var literals: [String: String] = [:]

    /// Start of content after an optional BOM; columns are counted from here.
    var contentStart = 0
    // Incremental line/column cursor: positions are mostly requested in increasing order, keeping this O(n) overall.
    var cursorOffset = 0
    var cursorLine = 1
    var cursorColumn = 1

    init(bytes: [UInt8], file: String, recordPositions: Bool) {
        self.bytes = bytes
        self.file = file
        self.recordPositions = recordPositions
    }

    // MARK: Positions and errors

    mutating func position(at offset: Int) -> SourcePosition {
        if offset < cursorOffset {
            cursorOffset = contentStart
            cursorLine = 1
            cursorColumn = 1
        }
        while cursorOffset < offset, cursorOffset < bytes.count {
            let byte = bytes[cursorOffset]
            if byte == Byte.newline {
                cursorLine += 1
                cursorColumn = 1
            } else if byte == Byte.carriageReturn,
                      cursorOffset + 1 >= bytes.count || bytes[cursorOffset + 1] != Byte.newline {
                cursorLine += 1  // a lone CR still ends a line
                cursorColumn = 1
            } else if byte & 0xC0 != 0x80 {
                cursorColumn += 1  // count scalars, not UTF-8 continuation bytes
            }
            cursorOffset += 1
        }
        return SourcePosition(line: cursorLine, column: cursorColumn, offset: offset)
    }

    mutating func error(at offset: Int, _ message: String) -> JSONSyntaxError {
        JSONSyntaxError(file: file, position: position(at: offset), message: message)
    }

    /// A short description of what sits at `offset`, for "found ..." clauses.
    func describe(at offset: Int) -> String {
        guard offset < bytes.count else { return "end of input" }
        let byte = bytes[offset]
        switch byte {
        case Byte.newline: return "a line break"
        case Byte.tab: return "a tab"
        case 0x20..<0x7F: return "'\(Character(Unicode.Scalar(byte)))'"
        case ..<0x80: return "control character \(hexScalar(UInt32(byte)))"
        default:
            if let (scalar, _) = decodeScalar(at: offset) {
                return "'\(Character(scalar))' (\(hexScalar(scalar.value)))"
            }
            return "invalid UTF-8 byte 0x\(hexDigits(UInt32(byte), width: 2))"
        }
    }

    // MARK: Document

    mutating func parseDocument() throws(JSONSyntaxError) -> JSONValue {
        if let encoding = Self.otherEncoding(bytes) {
            throw JSONSyntaxError(file: file, position: SourcePosition(line: 1, column: 1, offset: 0),
                                  message: "the file is \(encoding.name) text, but JSON files must be UTF-8; convert it, "
                                      + "e.g. iconv -f \(encoding.iconv) -t UTF-8 FILE > NEW.json")
        }
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            contentStart = 3
            cursorOffset = 3
            index = 3
        }
        skipWhitespace()
        if recordPositions { positions[""] = position(at: index) }
        let value = try parseValue(path: "")
        skipWhitespace()
        if index < bytes.count {
            throw error(at: index, "unexpected \(describe(at: index)) after the JSON value")
        }
        return value
    }

    /// UTF-16 or UTF-32 text, by its byte-order mark or, without one, by the zero bytes around
    /// the first ASCII character (RFC 4627, section 3).
    static func otherEncoding(_ bytes: [UInt8]) -> (name: String, iconv: String)? {
        func at(_ index: Int) -> UInt8? { index < bytes.count ? bytes[index] : nil }
        switch (at(0), at(1), at(2), at(3)) {
        case (0x00, 0x00, 0xFE, 0xFF): return ("UTF-32 (big-endian, with a byte-order mark)", "UTF-32BE")
        case (0xFF, 0xFE, 0x00, 0x00): return ("UTF-32 (little-endian, with a byte-order mark)", "UTF-32LE")
        case (0xFE, 0xFF, _, _): return ("UTF-16 (big-endian, with a byte-order mark)", "UTF-16BE")
        case (0xFF, 0xFE, _, _): return ("UTF-16 (little-endian, with a byte-order mark)", "UTF-16LE")
        case (0x00, 0x00, 0x00, .some(let b)) where b != 0: return ("UTF-32 (big-endian)", "UTF-32BE")
        case (.some(let b), 0x00, 0x00, 0x00) where b != 0: return ("UTF-32 (little-endian)", "UTF-32LE")
        case (0x00, .some(let b), _, _) where b != 0 && b < 0x80: return ("UTF-16 (big-endian)", "UTF-16BE")
        case (.some(let b), 0x00, _, _) where b != 0 && b < 0x80: return ("UTF-16 (little-endian)", "UTF-16LE")
        default: return nil
        }
    }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case Byte.space, Byte.tab, Byte.newline, Byte.carriageReturn: index += 1
            default: return
            }
        }
    }

    mutating func parseValue(path: String) throws(JSONSyntaxError) -> JSONValue {
        guard index < bytes.count else {
            throw error(at: index, "expected a JSON value, found end of input")
        }
        switch bytes[index] {
        case Byte.openBrace: return try parseObject(path: path)
        case Byte.openBracket: return try parseArray(path: path)
        case Byte.quote: return .string(try parseString())
        case Byte.minus, Byte.zero...Byte.nine: return .number(try parseNumber(path: path))
        case UInt8(ascii: "t"): return try parseLiteral("true", .bool(true))
        case UInt8(ascii: "f"): return try parseLiteral("false", .bool(false))
        case UInt8(ascii: "n"): return try parseLiteral("null", .null)
        default: throw unexpectedValue()
        }
    }

    mutating func unexpectedValue() -> JSONSyntaxError {
        if hasPrefix("NaN", at: index) || hasPrefix("Infinity", at: index) {
            return error(at: index, "NaN and Infinity are not valid JSON numbers")
        }
        switch bytes[index] {
        case Byte.plus: return error(at: index, "numbers must not start with '+'")
        case Byte.slash: return error(at: index, "comments are not allowed in JSON")
        case UInt8(ascii: "'"): return error(at: index, "strings must be enclosed in double quotes, found '''")
        default: return error(at: index, "expected a JSON value, found \(describe(at: index))")
        }
    }

    func hasPrefix(_ literal: StaticString, at offset: Int) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard offset + count <= bytes.count else { return false }
        return literal.withUTF8Buffer { literalBytes in
            for i in 0..<count where bytes[offset + i] != literalBytes[i] { return false }
            return true
        }
    }

    mutating func parseLiteral(_ literal: StaticString, _ value: JSONValue) throws(JSONSyntaxError) -> JSONValue {
        guard hasPrefix(literal, at: index) else {
            throw error(at: index, "invalid literal, expected `\(literal)`")
        }
        index += literal.utf8CodeUnitCount
        return value
    }

    mutating func enterContainer(at offset: Int) throws(JSONSyntaxError) {
        depth += 1
        if depth > JSONParser.maximumDepth {
            throw error(at: offset, "nesting is deeper than \(JSONParser.maximumDepth) levels")
        }
    }

    // MARK: Containers

    mutating func parseObject(path: String) throws(JSONSyntaxError) -> JSONValue {
        let openOffset = index
        try enterContainer(at: openOffset)
        index += 1
        var object = JSONObject()
        var keyOffsets: [String: Int] = [:]
        skipWhitespace()
        if index < bytes.count, bytes[index] == Byte.closeBrace {
            index += 1
            depth -= 1
            return .object(object)
        }
        while true {
            guard index < bytes.count, bytes[index] == Byte.quote else {
                throw error(at: index, "expected a double-quoted key or '}', found \(describe(at: index))"
                            + unclosedHint("object", openOffset))
            }
            let keyOffset = index
            let key = try parseString()
            if let firstOffset = keyOffsets[key] {
                let first = position(at: firstOffset)
                throw error(at: keyOffset, "duplicate key `\(key)` (first defined at \(first))")
            }
            keyOffsets[key] = keyOffset
            skipWhitespace()
            guard index < bytes.count, bytes[index] == Byte.colon else {
                throw error(at: index, "expected ':' after object key `\(key)`, found \(describe(at: index))")
            }
            index += 1
            skipWhitespace()
            var childPath = ""
            if recordPositions {
                childPath = path
                JSONPath.appendKey(key, to: &childPath)
                positions[childPath] = position(at: keyOffset)
            }
            object[key] = try parseValue(path: childPath)
            skipWhitespace()
            guard index < bytes.count else {
                throw error(at: index, "expected ',' or '}' after object member, found end of input"
                            + unclosedHint("object", openOffset))
            }
            if bytes[index] == Byte.comma {
                let commaOffset = index
                index += 1
                skipWhitespace()
                if index < bytes.count, bytes[index] == Byte.closeBrace {
                    throw error(at: commaOffset, "trailing comma before '}'")
                }
                if index < bytes.count, bytes[index] != Byte.quote {
                    throw error(at: index, "expected a double-quoted key after ',', found \(describe(at: index))")
                }
                continue
            }
            if bytes[index] == Byte.closeBrace {
                index += 1
                depth -= 1
                return .object(object)
            }
            throw error(at: index, "expected ',' or '}' after object member, found \(describe(at: index))")
        }
    }

    mutating func parseArray(path: String) throws(JSONSyntaxError) -> JSONValue {
        let openOffset = index
        try enterContainer(at: openOffset)
        index += 1
        var array: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == Byte.closeBracket {
            index += 1
            depth -= 1
            return .array(array)
        }
        while true {
            var childPath = ""
            if recordPositions {
                childPath = path
                JSONPath.appendIndex(array.count, to: &childPath)
                positions[childPath] = position(at: index)
            }
            guard index < bytes.count else {
                throw error(at: index, "expected a JSON value, found end of input" + unclosedHint("array", openOffset))
            }
            array.append(try parseValue(path: childPath))
            skipWhitespace()
            guard index < bytes.count else {
                throw error(at: index, "expected ',' or ']' after array element, found end of input"
                            + unclosedHint("array", openOffset))
            }
            if bytes[index] == Byte.comma {
                let commaOffset = index
                index += 1
                skipWhitespace()
                if index < bytes.count, bytes[index] == Byte.closeBracket {
                    throw error(at: commaOffset, "trailing comma before ']'")
                }
                continue
            }
            if bytes[index] == Byte.closeBracket {
                index += 1
                depth -= 1
                return .array(array)
            }
            throw error(at: index, "expected ',' or ']' after array element, found \(describe(at: index))")
        }
    }

    mutating func unclosedHint(_ kind: String, _ openOffset: Int) -> String {
        guard index >= bytes.count else { return "" }
        return " (the \(kind) opened at \(position(at: openOffset)) is not closed)"
    }

    // MARK: Strings

    mutating func parseString() throws(JSONSyntaxError) -> String {
        let quoteOffset = index
        index += 1
        var runStart = index
        var unescaped: [UInt8]? = nil  // only allocated once an escape appears
        while true {
            guard index < bytes.count else {
                throw error(at: quoteOffset, "unterminated string")
            }
            let byte = bytes[index]
            if byte == Byte.quote {
                let string: String
                if var buffer = unescaped {
                    buffer.append(contentsOf: bytes[runStart..<index])
                    string = String(decoding: buffer, as: UTF8.self)
                } else {
                    string = String(decoding: bytes[runStart..<index], as: UTF8.self)
                }
                index += 1
                return string
            }
            if byte == Byte.backslash {
                if unescaped == nil { unescaped = [] }
                unescaped?.append(contentsOf: bytes[runStart..<index])
                try parseEscape(into: &unescaped, quoteOffset: quoteOffset)
                runStart = index
                continue
            }
            if byte < 0x20 {
                if byte == Byte.newline || byte == Byte.carriageReturn {
                    throw error(at: quoteOffset, "unterminated string (line break before the closing '\"')")
                }
                throw error(at: index, "\(describe(at: index)) must be escaped inside strings")
            }
            if byte < 0x80 {
                index += 1
                continue
            }
            guard let (_, length) = decodeScalar(at: index) else {
                throw error(at: index, "invalid UTF-8 byte 0x\(hexDigits(UInt32(byte), width: 2)) in string")
            }
            index += length
        }
    }

    mutating func parseEscape(into buffer: inout [UInt8]?, quoteOffset: Int) throws(JSONSyntaxError) {
        let escapeOffset = index
        index += 1
        guard index < bytes.count else { throw error(at: quoteOffset, "unterminated string") }
        let code = bytes[index]
        index += 1
        let simple: UInt8
        switch code {
        case Byte.quote, Byte.backslash, Byte.slash: simple = code
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "n"): simple = 0x0A
        case UInt8(ascii: "r"): simple = 0x0D
        case UInt8(ascii: "t"): simple = 0x09
        case UInt8(ascii: "u"):
            let unit = try parseHex4(escapeOffset: escapeOffset)
            var value = UInt32(unit)
            if (0xD800..<0xDC00).contains(unit) {
                guard hasPrefix("\\u", at: index) else {
                    throw error(at: escapeOffset, "unpaired high surrogate \\u\(hexDigits(value, width: 4)) in string")
                }
                let lowOffset = index
                index += 2
                let low = try parseHex4(escapeOffset: lowOffset)
                guard (0xDC00..<0xE000).contains(low) else {
                    throw error(at: escapeOffset, "unpaired high surrogate \\u\(hexDigits(value, width: 4)) in string")
                }
                value = 0x10000 + ((value - 0xD800) << 10) + (UInt32(low) - 0xDC00)
            } else if (0xDC00..<0xE000).contains(unit) {
                throw error(at: escapeOffset, "unpaired low surrogate \\u\(hexDigits(value, width: 4)) in string")
            }
            appendUTF8(value, to: &buffer)
            return
        default:
            if (0x21..<0x7F).contains(code) {
                throw error(at: escapeOffset, "invalid escape sequence '\\\(Character(Unicode.Scalar(code)))' in string")
            }
            throw error(at: escapeOffset, "invalid escape sequence: '\\' followed by \(describe(at: escapeOffset + 1))")
        }
        buffer?.append(simple)
    }

    mutating func parseHex4(escapeOffset: Int) throws(JSONSyntaxError) -> UInt16 {
        var value: UInt16 = 0
        for _ in 0..<4 {
            guard index < bytes.count, let digit = hexValue(bytes[index]) else {
                throw error(at: escapeOffset, "invalid \\u escape: expected 4 hexadecimal digits")
            }
            value = value << 4 | UInt16(digit)
            index += 1
        }
        return value
    }

    func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case Byte.zero...Byte.nine: return byte - Byte.zero
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    func appendUTF8(_ value: UInt32, to buffer: inout [UInt8]?) {
        switch value {
        case ..<0x80:
            buffer?.append(UInt8(value))
        case ..<0x800:
            buffer?.append(UInt8(0xC0 | (value >> 6)))
            buffer?.append(UInt8(0x80 | (value & 0x3F)))
        case ..<0x10000:
            buffer?.append(UInt8(0xE0 | (value >> 12)))
            buffer?.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            buffer?.append(UInt8(0x80 | (value & 0x3F)))
        default:
            buffer?.append(UInt8(0xF0 | (value >> 18)))
            buffer?.append(UInt8(0x80 | ((value >> 12) & 0x3F)))
            buffer?.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            buffer?.append(UInt8(0x80 | (value & 0x3F)))
        }
    }

    /// Decodes one well-formed UTF-8 scalar (Unicode Table 3-7: no overlongs, surrogates or values above U+10FFFF).
    func decodeScalar(at offset: Int) -> (Unicode.Scalar, Int)? {
        let first = bytes[offset]
        let length: Int
        var value: UInt32
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch first {
        case 0xC2...0xDF: length = 2; value = UInt32(first & 0x1F)
        case 0xE0: length = 3; value = 0; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3; value = UInt32(first & 0x0F)
        case 0xED: length = 3; value = 0x0D; secondRange = 0x80...0x9F
        case 0xF0: length = 4; value = 0; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4; value = UInt32(first & 0x07)
        case 0xF4: length = 4; value = 4; secondRange = 0x80...0x8F
        default: return nil
        }
        guard offset + length <= bytes.count else { return nil }
        for i in 1..<length {
            let byte = bytes[offset + i]
            guard (i == 1 ? secondRange : 0x80...0xBF).contains(byte) else { return nil }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        guard let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, length)
    }

    // MARK: Numbers

    mutating func parseNumber(path: String) throws(JSONSyntaxError) -> Double {
        let start = index
        var isInteger = true
        if bytes[index] == Byte.minus {
            index += 1
            if hasPrefix("Infinity", at: index) {
                throw error(at: start, "NaN and Infinity are not valid JSON numbers")
            }
        }
        guard index < bytes.count, isDigit(bytes[index]) else {
            throw error(at: index, "expected a digit after '-', found \(describe(at: index))")
        }
        if bytes[index] == Byte.zero {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) {
                throw error(at: start, "leading zeros are not allowed in numbers")
            }
        } else {
            skipDigits()
        }
        if index < bytes.count, bytes[index] == Byte.dot {
            isInteger = false
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else {
                throw error(at: index, "expected a digit after the decimal point, found \(describe(at: index))")
            }
            skipDigits()
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            if index < bytes.count, bytes[index] == Byte.plus || bytes[index] == Byte.minus { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else {
                throw error(at: index, "expected a digit in the exponent, found \(describe(at: index))")
            }
            skipDigits()
        }
        let negative = bytes[start] == Byte.minus
        let digitsStart = negative ? start + 1 : start
        if isInteger, index - digitsStart <= 15 {
            // Fast path: up to 15 digits is exact in a Double and needs no String.
            var magnitude: Int64 = 0
            for offset in digitsStart..<index { magnitude = magnitude * 10 + Int64(bytes[offset] - Byte.zero) }
            return negative ? -Double(magnitude) : Double(magnitude)
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            throw error(at: start, "number \(text) is out of range")
        }
        if recordPositions, isInteger, JSONParser.isInexactInteger(text) { literals[path] = text }
        return value
    }

    func isDigit(_ byte: UInt8) -> Bool { byte >= Byte.zero && byte <= Byte.nine }

    mutating func skipDigits() {
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    }
}

func hexDigits(_ value: UInt32, width: Int) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}

func hexScalar(_ value: UInt32) -> String {
    "U+" + hexDigits(value, width: 4)
}
