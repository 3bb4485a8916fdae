/// Raised when a value cannot be written as JSON; JSON has no NaN or infinity, and silently writing `null` would corrupt saved scenarios.
public struct JSONWriteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Canonical path of the offending value (empty for the root).
    public var path: String
    /// The non-finite number.
    public var value: Double

    public init(path: String, value: Double) {
        self.path = path
        self.value = value
    }

    public var description: String {
        let location = path.isEmpty ? "the root value" : "`\(path)`"
        return "cannot write \(location) as JSON: \(value) is not a finite number"
    }
}

extension JSONValue {
    /// JSON text with keys in insertion order so output is stable and diff-friendly; `pretty` uses 2-space indentation and no trailing newline.
    public func serialized(pretty: Bool = false) throws(JSONWriteError) -> String {
        var writer = JSONWriter(pretty: pretty)
        try writer.write(self, path: .root, indent: 0)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}

/// Builds JSON text in one growing byte buffer (appending to a String copied the whole text on
/// some appends, which made a scenario with a multi-megabyte string quadratic); also hosts the
/// quoting helper reused by path formatting.
public struct JSONWriter {
    let pretty: Bool
    var bytes: [UInt8] = []

    init(pretty: Bool) {
        self.pretty = pretty
    }

    private mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    private mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func write(_ value: JSONValue, path: @autoclosure () -> JSONPath, indent: Int) throws(JSONWriteError) {
        switch value {
        case .null: append("null" as StaticString)
        case .bool(let flag): append(flag ? "true" as StaticString : "false")
        case .number(let number):
            guard number.isFinite else { throw JSONWriteError(path: path().description, value: number) }
            append(JSONWriter.numberText(number))
        case .string(let string): JSONWriter.appendQuoted(string, to: &bytes)
        case .array(let array):
            guard !array.isEmpty else {
                append("[]" as StaticString)
                return
            }
            bytes.append(UInt8(ascii: "["))
            for (index, element) in array.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                newline(indent + 1)
                try write(element, path: path().appending(index: index), indent: indent + 1)
            }
            newline(indent)
            bytes.append(UInt8(ascii: "]"))
        case .object(let object):
            guard !object.isEmpty else {
                append("{}" as StaticString)
                return
            }
            bytes.append(UInt8(ascii: "{"))
            for (index, member) in object.members.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                newline(indent + 1)
                JSONWriter.appendQuoted(member.key, to: &bytes)
                append(pretty ? ": " as StaticString : ":")
                try write(member.value, path: path().appending(key: member.key), indent: indent + 1)
            }
            newline(indent)
            bytes.append(UInt8(ascii: "}"))
        }
    }

    private mutating func newline(_ indent: Int) {
        guard pretty else { return }
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
    }

    /// Appends `value` as a quoted JSON string to UTF-8 bytes (see `appendQuoted(_:to:)` for Strings).
    static func appendQuoted(_ value: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "\n"): bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "n"))
            case UInt8(ascii: "\r"): bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "r"))
            case UInt8(ascii: "\t"): bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "t"))
            case 0x08: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "b"))
            case 0x0C: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "f"))
            case ..<0x20: bytes.append(contentsOf: ("\\u" + hexDigits(UInt32(byte), width: 4)).utf8)
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends `value` as a quoted JSON string, escaping per RFC 8259 (control characters as `\u00XX`).
    static func appendQuoted(_ value: String, to text: inout String) {
        text += "\""
        var runStart = value.unicodeScalars.startIndex
        var index = runStart
        let scalars = value.unicodeScalars
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let escape: String?
            switch scalar {
            case "\"": escape = "\\\""
            case "\\": escape = "\\\\"
            case "\n": escape = "\\n"
            case "\r": escape = "\\r"
            case "\t": escape = "\\t"
            case "\u{08}": escape = "\\b"
            case "\u{0C}": escape = "\\f"
            default: escape = scalar.value < 0x20 ? "\\u" + hexDigits(scalar.value, width: 4) : nil
            }
            if let escape {
                text.unicodeScalars.append(contentsOf: scalars[runStart..<index])
                text += escape
                runStart = scalars.index(after: index)
            }
            index = scalars.index(after: index)
        }
        text.unicodeScalars.append(contentsOf: scalars[runStart..<scalars.endIndex])
        text += "\""
    }

    /// Number text that parses back to the same Double: integral values below 2^53 without a decimal point, otherwise Swift's shortest round-trip form.
    public static func numberText(_ value: Double) -> String {
        if value.rounded(.towardZero) == value, abs(value) < 9_007_199_254_740_992 {
            return String(Int64(value))
        }
        return value.description
    }
}
