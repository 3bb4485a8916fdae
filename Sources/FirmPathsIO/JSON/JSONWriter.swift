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
        return writer.text
    }
}

/// Builds JSON text in one growing String; also hosts the quoting helper reused by path formatting.
struct JSONWriter {
    let pretty: Bool
    var text = ""

    init(pretty: Bool) {
        self.pretty = pretty
    }

    mutating func write(_ value: JSONValue, path: JSONPath, indent: Int) throws(JSONWriteError) {
        switch value {
        case .null: text += "null"
        case .bool(let flag): text += flag ? "true" : "false"
        case .number(let number):
            guard number.isFinite else { throw JSONWriteError(path: path.description, value: number) }
            text += JSONWriter.numberText(number)
        case .string(let string): JSONWriter.appendQuoted(string, to: &text)
        case .array(let array):
            guard !array.isEmpty else {
                text += "[]"
                return
            }
            text += "["
            for (index, element) in array.enumerated() {
                if index > 0 { text += "," }
                newline(indent + 1)
                try write(element, path: path.appending(index: index), indent: indent + 1)
            }
            newline(indent)
            text += "]"
        case .object(let object):
            guard !object.isEmpty else {
                text += "{}"
                return
            }
            text += "{"
            for (index, member) in object.members.enumerated() {
                if index > 0 { text += "," }
                newline(indent + 1)
                JSONWriter.appendQuoted(member.key, to: &text)
                text += pretty ? ": " : ":"
                try write(member.value, path: path.appending(key: member.key), indent: indent + 1)
            }
            newline(indent)
            text += "}"
        }
    }

    private mutating func newline(_ indent: Int) {
        guard pretty else { return }
        text += "\n"
        text += String(repeating: " ", count: indent * 2)
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
    static func numberText(_ value: Double) -> String {
        if value.rounded(.towardZero) == value, abs(value) < 9_007_199_254_740_992 {
            return String(Int64(value))
        }
        return value.description
    }
}
