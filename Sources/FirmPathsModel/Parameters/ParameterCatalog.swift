/// The documentation table of every scenario parameter: unit, allowed values and where the default comes from.
///
/// One entry per leaf key pattern of the scenario (array elements of object lists as `[*]`;
/// fixed-length number vectors such as `model.learning.gainByMode` and name lists are one entry
/// for the whole array). Default values are deliberately absent: they live in the code
/// (`Scenario()`), and tools read them from there so the table cannot contradict the model.
/// Entries are listed in the declaration order of the parameter structs, which is also the
/// order in which scenario files are written back out.
public enum ParameterCatalog {
    /// Every entry, in declaration order of the scenario structs.
    public static let entries: [ParameterSpec] =
        topLevel + population + markets + environment + model + policy + classification

    private static let byPath: [String: ParameterSpec] = {
        var table: [String: ParameterSpec] = [:]
        for entry in entries { table[entry.path] = entry }
        return table
    }()

    /// The entry whose pattern is exactly `pattern` (e.g. `population.segments[*].share`).
    public static func entry(forPattern pattern: String) -> ParameterSpec? {
        byPath[pattern]
    }

    /// The entry that documents the value at a path pattern, including elements of whole-array
    /// entries (`model.learning.gainByMode[*]` belongs to `model.learning.gainByMode`).
    public static func entry(covering pattern: String) -> ParameterSpec? {
        if let exact = byPath[pattern] { return exact }
        guard pattern.hasSuffix("[*]") else { return nil }
        let arrayPattern = String(pattern.dropLast(3))
        guard let entry = byPath[arrayPattern], entry.domain.isValueList else { return nil }
        return entry
    }

    /// The field names of one element of an object list (`markets.regions[*]`), in declaration
    /// order, so loaders can require them and writers can order them.
    public static func elementFields(of tablePath: String) -> [String] {
        let prefix = tablePath + "[*]."
        var fields: [String] = []
        for entry in entries where entry.path.hasPrefix(prefix) {
            let rest = entry.path.dropFirst(prefix.count)
            let field = String(rest.prefix { $0 != "." && $0 != "[" })
            if !fields.contains(field) { fields.append(field) }
        }
        return fields
    }
}

/// One documented scenario parameter.
public struct ParameterSpec: Sendable, Equatable {
    /// Key pattern such as `population.segments[*].founderExperience.mean`.
    public var path: String
    /// Unit or scale of the value, e.g. "share [0, 1]" or "thousand EUR per year".
    public var unit: String
    /// Which values are allowed.
    public var domain: ParameterDomain
    /// Why the default is what it is: a seed paper, an empirical source, or a modelling choice.
    public var source: String

    public init(_ path: String, _ unit: String, _ domain: ParameterDomain, _ source: String) {
        self.path = path
        self.unit = unit
        self.domain = domain
        self.source = source
    }

    /// Whether this entry documents a leaf path pattern (`gainByMode[*]` matches the whole-array entry).
    public func matches(leafPattern pattern: String) -> Bool {
        if pattern == path { return true }
        return domain.isValueList && pattern == path + "[*]"
    }
}
