import FirmPathsModel

/// Renders `docs/SCENARIOS.md` from the parameter catalog and the code's defaults, so the reference cannot go stale.
public enum ScenarioDocumentation {
    /// The full Markdown reference: one table per section, every catalog entry once.
    /// - Throws: `ScenarioError` only if the built-in defaults cannot be encoded (a program bug).
    public static func markdown() throws(ScenarioError) -> String {
        let defaults = try ScenarioDefaults.shared.get()
        var text = """
        # Scenario parameters

        <!-- Generated from ParameterCatalog and Scenario(); do not edit by hand. Regenerate with
             FIRMPATHS_REGENERATE_DOCS=1 swift test --filter ScenarioDocumentationTests -->

        A scenario file is a JSON object that states only what differs from these defaults; every
        other parameter keeps its default. Unknown keys, wrong types, out-of-range values and
        inconsistent combinations are all reported at once as `FILE:LINE:COL: PATH: message`.
        An optional top-level `sweep` block is passed to the batch engine untouched.
        Rates are per year; the engine converts them to per-step values.
        `[*]` stands for every element of a list; a list of numbers such as `gainByMode` is one
        parameter holding the whole array.

        """
        for section in sections() {
            text += "\n## \(section.title)\n\n"
            if let note = section.note { text += note + "\n\n" }
            text += "| key | unit | default | allowed | source / reason |\n"
            text += "| --- | --- | --- | --- | --- |\n"
            for entry in section.entries {
                let cells = ["`\(entry.path)`", entry.unit, defaultText(entry, defaults), entry.domain.rangeDescription, entry.source]
                text += "| " + cells.map(escaped).joined(separator: " | ") + " |\n"
            }
            if section.title.hasPrefix("Population") { text += mixtureTable(defaults) }
        }
        return text
    }

    struct Section {
        var title: String
        var note: String?
        var entries: [ParameterSpec]
    }

    /// Sections in catalog order: top level, population, markets, environment, one per model group, policy, classification.
    static func sections() -> [Section] {
        var sections: [Section] = []
        for entry in ParameterCatalog.entries {
            let (title, note) = sectionTitle(of: entry.path)
            if sections.last?.title == title {
                sections[sections.count - 1].entries.append(entry)
            } else {
                sections.append(Section(title: title, note: note, entries: [entry]))
            }
        }
        return sections
    }

    private static func sectionTitle(of path: String) -> (String, String?) {
        let parts = path.split(separator: ".").map { String($0.prefix { $0 != "[" }) }
        guard parts.count > 1 else { return ("Top level", nil) }
        switch parts[0] {
        case "population":
            return ("Population and segments", """
                Segment defaults are those of a segment that leaves the field out (`Segment()`, the \
                traditional profile). When `population.segments` is absent the bundled default mixture \
                applies; it overrides some fields per segment, as listed after the table.
                """)
        case "markets":
            return ("Markets", "Regions and listed markets have no default element: when a file gives these lists, every field of every element is required. The default column shows the bundled regions in order.")
        case "environment": return ("Environment", nil)
        case "model": return ("Model: \(parts[1]) (`model.\(parts[1])`)", nil)
        case "policy": return ("Policy", nil)
        case "classification": return ("Classification", nil)
        default: return (parts[0], nil)
        }
    }

    /// The default as compact JSON, taken from the encoded code defaults.
    private static func defaultText(_ entry: ParameterSpec, _ defaults: ScenarioDefaults) -> String {
        if case .table = entry.domain {
            let count = defaults.scenario.value(at: concretePath(entry.path))?.arrayValue?.count ?? 0
            return count == 0 ? "empty" : "\(count) elements"
        }
        if entry.path.hasPrefix("population.segments[*].") {
            let field = concretePath(String(entry.path.dropFirst("population.segments[*].".count)))
            return defaults.segment.value(at: field).map(compact) ?? "?"
        }
        if entry.path.hasPrefix("markets.regions[*].") {
            let regions = defaults.scenario["markets"]?["regions"]?.arrayValue ?? []
            let field = String(entry.path.dropFirst("markets.regions[*].".count))
            return regions.map { $0[field].map(compact) ?? "?" }.joined(separator: " / ")
        }
        if entry.path.contains("[*]") { return "required" }
        return defaults.scenario.value(at: concretePath(entry.path)).map(compact) ?? "?"
    }

    /// The bundled segments' fields that differ from `Segment()`.
    private static func mixtureTable(_ defaults: ScenarioDefaults) -> String {
        let segments = defaults.scenario["population"]?["segments"]?.arrayValue ?? []
        var text = "\nDefault mixture (fields that differ from the segment defaults above):\n\n"
        text += "| segment | field | value |\n| --- | --- | --- |\n"
        let template = Dictionary(uniqueKeysWithValues: defaults.segment.leaves().map { ($0.path.description, $0.value) })
        for segment in segments {
            let name = segment["name"]?.stringValue ?? "?"
            for leaf in segment.leaves() where leaf.path.description != "name" && template[leaf.path.description] != leaf.value {
                text += "| " + [name, "`\(leaf.path)`", compact(leaf.value)].map(escaped).joined(separator: " | ") + " |\n"
            }
        }
        return text
    }

    /// A pattern without `[*]` as a path of keys.
    private static func concretePath(_ pattern: String) -> JSONPath {
        JSONPath(pattern.split(separator: ".").map { .key(String($0)) })
    }

    /// Compact JSON, with a space after the commas of a number list so tables can wrap.
    private static func compact(_ value: JSONValue) -> String {
        if case .array(let elements) = value {
            return "[" + elements.map(compact).joined(separator: ", ") + "]"
        }
        return (try? value.serialized()) ?? "?"
    }

    private static func escaped(_ cell: String) -> String {
        cell.replacingOccurrences("|", with: "\\|")
    }
}

extension String {
    /// Plain substring replacement without Foundation, for table cells.
    fileprivate func replacingOccurrences(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
