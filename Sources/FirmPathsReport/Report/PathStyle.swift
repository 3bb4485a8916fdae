import FirmPathsModel

/// How a path looks and reads everywhere (report, demo, explorer, glossary): one table keyed by
/// the path's name as written in `firms.csv`, so a new path of the classifier needs one entry
/// here and nothing else. A path missing from the table still gets a colour and its name.
public struct PathStyle: Sendable, Equatable {
    /// Name as in `firms.csv`, e.g. "born_global".
    public var name: String
    /// Chart colour (Okabe-Ito, colour-blind safe).
    public var color: String
    /// SGR colour code of the terminal demo, e.g. "34" (blue).
    public var terminalColor: String
    /// One plain sentence for the glossary and the explorer.
    public var meaning: String

    /// "born_global" -> "born global".
    public var display: String { PathNames.display(name) }

    public init(name: String, color: String, terminalColor: String, meaning: String) {
        self.name = name
        self.color = color
        self.terminalColor = terminalColor
        self.meaning = meaning
    }

    /// The known paths; a path the classifier adds gets its entry here.
    static let table: [String: PathStyle] = {
        let entries = [
            PathStyle(name: "born_global", color: "#0072B2", terminalColor: "34",
                      meaning: "exports within its first three years, with a large foreign share early and a wide scope "
                        + "(beyond its home region, or many markets in several regions) (Knight & Cavusgil 1996)"),
            PathStyle(name: "incremental", color: "#E69F00", terminalColor: "33",
                      meaning: "starts exporting late or slowly, then climbs the establishment chain step by step in a "
                        + "market, later entries tending to be more distant (Johanson & Vahlne 1977)"),
            PathStyle(name: "born_regional", color: "#009E73", terminalColor: "32",
                      meaning: "exports early but only to its home region, and only through export modes"),
            PathStyle(name: "backsourcer", color: "#D55E00", terminalColor: "31",
                      meaning: "moved production abroad back home, or its foreign share halved after its deep operations "
                        + "abroad closed (Kinkel & Maloca)"),
            PathStyle(name: "domestic", color: "#999999", terminalColor: "90",
                      meaning: "never sold abroad"),
            PathStyle(name: "sporadic", color: "#CC79A7", terminalColor: "35",
                      meaning: "sold abroad but fits none of the other paths: irregular, short-lived or without pattern "
                        + "(the I-model's export trial)"),
        ]
        return Dictionary(uniqueKeysWithValues: entries.map { ($0.name, $0) })
    }()

    /// Colours for paths without an entry, distinct from the table's.
    static let spareColors = ["#56B4E9", "#000000", "#F0E442", "#882255", "#44AA99", "#332288"]

    /// The style of `name`; a path without an entry gets a spare colour chosen by its place among
    /// the classifier's paths, its own name as meaning.
    public static func of(_ name: String) -> PathStyle {
        if let style = table[name] { return style }
        let unknown = PathNames.all.filter { table[$0] == nil }
        let index = unknown.firstIndex(of: name) ?? 0
        return PathStyle(name: name, color: spareColors[index % spareColors.count], terminalColor: ["36", "37", "93"][index % 3],
                         meaning: "the classifier's path \(name) (no description yet in PathStyle.swift)")
    }
}
