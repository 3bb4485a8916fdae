import FirmPathsModel

/// The object structure implied by the parameter catalog: which keys each object holds, in declaration order.
///
/// JSONEncoder on Linux writes keys in an order that changes from run to run, so the order of
/// keys in written scenarios is taken from the catalog (authored in declaration order; its drift
/// test keeps it complete). Patterns use `[*]` for array elements, as `JSONPath.patternDescription`.
struct ScenarioShape: Sendable {
    /// Child keys of every object pattern ("" is the root, `population.segments[*]` a segment).
    let children: [String: [String]]

    static let shared = ScenarioShape(entries: ParameterCatalog.entries)

    init(entries: [ParameterSpec]) {
        var children: [String: [String]] = [:]
        for entry in entries {
            var pattern = ""
            for part in entry.path.split(separator: ".", omittingEmptySubsequences: false) {
                var key = Substring(part)
                var indices = 0
                while key.hasSuffix("[*]") {
                    key = key.dropLast(3)
                    indices += 1
                }
                if !children[pattern, default: []].contains(String(key)) {
                    children[pattern, default: []].append(String(key))
                }
                pattern += (pattern.isEmpty ? "" : ".") + key
                pattern += String(repeating: "[*]", count: indices)
            }
        }
        self.children = children
    }

    /// Whether `pattern` names an object the catalog expects (an intermediate node, not a parameter).
    func isObject(_ pattern: String) -> Bool {
        children[pattern] != nil
    }

    /// `value` with every object's keys in catalog order; keys the catalog does not know keep their order at the end.
    func ordered(_ value: JSONValue, path: JSONPath = .root) -> JSONValue {
        switch value {
        case .object(let object):
            let known = children[path.patternDescription] ?? []
            var result = JSONObject()
            for key in known {
                if let member = object[key] { result[key] = ordered(member, path: path.appending(key: key)) }
            }
            for (key, member) in object.members where !known.contains(key) {
                result[key] = ordered(member, path: path.appending(key: key))
            }
            return .object(result)
        case .array(let elements):
            return .array(elements.enumerated().map { ordered($0.element, path: path.appending(index: $0.offset)) })
        default:
            return value
        }
    }
}
