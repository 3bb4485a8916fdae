/// A location inside a JSON value such as `segments[1].founderExperience.mean`, used to name parameters in sweeps and to point errors at the right place.
///
/// Canonical form: object keys joined by `.`, array indices as `[i]`, the root is the empty string.
/// Keys that are empty or contain `.`, `[`, `]`, `"`, `\` or whitespace/control characters are written
/// as `["key"]` with JSON string escapes, so every path has exactly one canonical spelling.
public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    /// One step of a path.
    public enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    /// The steps from the root.
    public var components: [Component]

    /// The root path (empty string).
    public static let root = JSONPath([])

    /// Creates a path from components.
    public init(_ components: [Component]) {
        self.components = components
    }

    /// Parses a path such as `model.learning.gainByMode[2]`; throws with the offending column for malformed input.
    public init(parsing text: String) throws(JSONPathError) {
        components = try JSONPath.parseComponents(Array(text.utf8), text: text)
    }

    /// Whether this is the root path.
    public var isRoot: Bool { components.isEmpty }

    /// The enclosing path, or `nil` for the root.
    public var parent: JSONPath? {
        isRoot ? nil : JSONPath(Array(components.dropLast()))
    }

    /// The final key, if the last step is an object key.
    public var lastKey: String? {
        if case .key(let key)? = components.last { return key }
        return nil
    }

    /// A child path one key deeper.
    public func appending(key: String) -> JSONPath {
        JSONPath(components + [.key(key)])
    }

    /// A child path one index deeper.
    public func appending(index: Int) -> JSONPath {
        JSONPath(components + [.index(index)])
    }

    /// Canonical text form, e.g. `segments[0].share`.
    public var description: String {
        var text = ""
        for component in components {
            switch component {
            case .key(let key): JSONPath.appendKey(key, to: &text)
            case .index(let index): JSONPath.appendIndex(index, to: &text)
            }
        }
        return text
    }

    /// The canonical form with every index replaced by `[*]`, so callers can match all elements of an array with one string (`segments[*].share`).
    public var patternDescription: String {
        var text = ""
        for component in components {
            switch component {
            case .key(let key): JSONPath.appendKey(key, to: &text)
            case .index: text += "[*]"
            }
        }
        return text
    }

    // MARK: Formatting helpers shared with the parser

    /// Appends `.key` (or `key` at the root, or the quoted form) so the parser can build paths without creating components.
    static func appendKey(_ key: String, to text: inout String) {
        if isPlainKey(key) {
            if !text.isEmpty { text += "." }
            text += key
        } else {
            text += "["
            JSONWriter.appendQuoted(key, to: &text)
            text += "]"
        }
    }

    /// Appends `[index]`.
    static func appendIndex(_ index: Int, to text: inout String) {
        text += "["
        text += String(index)
        text += "]"
    }

    private static func isPlainKey(_ key: String) -> Bool {
        if key.isEmpty { return false }
        for byte in key.utf8 {
            switch byte {
            case UInt8(ascii: "."), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "\""),
                 UInt8(ascii: "\\"), UInt8(ascii: " "), 0x7F:
                return false
            case ..<0x20:
                return false
            default:
                continue
            }
        }
        return true
    }

    // MARK: Parsing

    private static func parseComponents(_ bytes: [UInt8], text: String) throws(JSONPathError) -> [Component] {
        var result: [Component] = []
        var index = 0
        func fail(_ message: String) -> JSONPathError {
            JSONPathError(path: text, message: "invalid path `\(text)` at column \(index + 1): \(message)")
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "[") {
                index += 1
                guard index < bytes.count else { throw fail("expected index or quoted key after '['") }
                if bytes[index] == UInt8(ascii: "\"") {
                    // Quoted key: reuse the JSON string grammar so escapes match the formatter.
                    var end = index + 1
                    var escaped = false
                    while end < bytes.count {
                        if escaped { escaped = false } else if bytes[end] == UInt8(ascii: "\\") { escaped = true } else if bytes[end] == UInt8(ascii: "\"") { break }
                        end += 1
                    }
                    guard end < bytes.count else { throw fail("unterminated quoted key") }
                    let literal = Array(bytes[index...end])
                    guard case .string(let key)? = try? JSONParser.parse(literal, file: "path").value else {
                        throw fail("invalid quoted key")
                    }
                    result.append(.key(key))
                    index = end + 1
                } else {
                    var value = 0
                    let start = index
                    while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                        let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
                        let (sum, overflow2) = times.addingReportingOverflow(Int(bytes[index] - UInt8(ascii: "0")))
                        guard !overflow1, !overflow2 else { throw fail("index too large") }
                        value = sum
                        index += 1
                    }
                    guard index > start else { throw fail("expected a non-negative integer index after '['") }
                    result.append(.index(value))
                }
                guard index < bytes.count, bytes[index] == UInt8(ascii: "]") else { throw fail("expected ']'") }
                index += 1
            } else {
                if byte == UInt8(ascii: ".") {
                    guard !result.isEmpty else { throw fail("path must not start with '.'") }
                    index += 1
                } else if !result.isEmpty {
                    throw fail("expected '.' or '[' between path components")
                }
                let start = index
                while index < bytes.count, bytes[index] != UInt8(ascii: "."), bytes[index] != UInt8(ascii: "[") {
                    guard bytes[index] != UInt8(ascii: "]") else { throw fail("unexpected ']'") }
                    index += 1
                }
                guard index > start else { throw fail("empty key") }
                result.append(.key(String(decoding: bytes[start..<index], as: UTF8.self)))
            }
        }
        return result
    }
}

/// A failure to parse a path or to read/write a value along it; the message names the path so users can fix their sweep or override.
public struct JSONPathError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path that failed, in canonical form where available.
    public var path: String
    /// A complete human-readable message.
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { message }
}

// MARK: - Access by path

extension JSONValue {
    /// The value at `path`, or `nil` when any step is missing or has the wrong kind.
    public func value(at path: JSONPath) -> JSONValue? {
        var current = self
        for component in path.components {
            switch component {
            case .key(let key):
                guard let next = current.objectValue?[key] else { return nil }
                current = next
            case .index(let index):
                guard let array = current.arrayValue, array.indices.contains(index) else { return nil }
                current = array[index]
            }
        }
        return current
    }

    /// Replaces (or, for a final object key, adds) the value at `path`; every intermediate step must already exist so typos in overrides fail loudly instead of growing new branches.
    public mutating func setValue(_ newValue: JSONValue, at path: JSONPath) throws(JSONPathError) {
        try setValue(newValue, components: path.components[...], walked: .root, fullPath: path)
    }

    private mutating func setValue(
        _ newValue: JSONValue, components: ArraySlice<JSONPath.Component>, walked: JSONPath, fullPath: JSONPath
    ) throws(JSONPathError) {
        guard let first = components.first else {
            self = newValue
            return
        }
        let rest = components.dropFirst()
        let shownWalked = walked.isRoot ? "the root" : "`\(walked)`"
        switch first {
        case .key(let key):
            guard case .object(var object) = self else {
                throw JSONPathError(path: fullPath.description,
                                    message: "cannot set `\(fullPath)`: \(shownWalked) is \(kindName), not an object")
            }
            let childPath = walked.appending(key: key)
            if rest.isEmpty {
                object[key] = newValue
            } else {
                guard var child = object[key] else {
                    throw JSONPathError(path: fullPath.description,
                                        message: "cannot set `\(fullPath)`: `\(childPath)` does not exist")
                }
                try child.setValue(newValue, components: rest, walked: childPath, fullPath: fullPath)
                object[key] = child
            }
            self = .object(object)
        case .index(let index):
            guard case .array(var array) = self else {
                throw JSONPathError(path: fullPath.description,
                                    message: "cannot set `\(fullPath)`: \(shownWalked) is \(kindName), not an array")
            }
            guard array.indices.contains(index) else {
                throw JSONPathError(path: fullPath.description,
                                    message: "cannot set `\(fullPath)`: index \(index) is out of range (\(shownWalked) has \(array.count) elements)")
            }
            try array[index].setValue(newValue, components: rest, walked: walked.appending(index: index), fullPath: fullPath)
            self = .array(array)
        }
    }

    /// Every leaf (scalar, empty array or empty object) with its path, in document order, for enumerating parameters.
    public func leaves() -> [(path: JSONPath, value: JSONValue)] {
        var result: [(path: JSONPath, value: JSONValue)] = []
        collectLeaves(path: .root, into: &result)
        return result
    }

    /// Paths of every leaf in document order; see `leaves()`.
    public func leafPaths() -> [JSONPath] {
        leaves().map(\.path)
    }

    private func collectLeaves(path: JSONPath, into result: inout [(path: JSONPath, value: JSONValue)]) {
        switch self {
        case .object(let object) where !object.isEmpty:
            for (key, value) in object.members {
                value.collectLeaves(path: path.appending(key: key), into: &result)
            }
        case .array(let array) where !array.isEmpty:
            for (index, value) in array.enumerated() {
                value.collectLeaves(path: path.appending(index: index), into: &result)
            }
        default:
            result.append((path: path, value: self))
        }
    }
}
