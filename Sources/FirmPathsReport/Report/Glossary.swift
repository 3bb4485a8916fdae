/// The terms the report, the demo and the explorer use, in plain words, for a class that has
/// not read the papers. Paths come from `PathStyle`, so a new path appears here by itself.
public enum Glossary {
    /// Terms of the model, then one entry per path of the classifier.
    public static var entries: [HTMLDefinition] {
        terms + PathNames.all.map { name in
            HTMLDefinition(term: "Path: " + PathNames.display(name), definition: "A firm that " + PathStyle.of(name).meaning + ".")
        }
    }

    static let terms: [HTMLDefinition] = [
        HTMLDefinition(term: "Firm age",
                       definition: "Years since the firm was founded (0 = its founding year). Firms founded during the run "
                        + "start later than the run, so the report's ladders and the stories count in the firm's age; the "
                        + "charts over time count years since the start of the run."),
        HTMLDefinition(term: "Psychic distance (PD)",
                       definition: "How foreign a market feels to the firm, from 0 (like home) to 1 (very different in language, "
                        + "culture, business practice and institutions). Uncertainty grows with it, so firms tend to enter "
                        + "close markets first and learn their way outwards (Johanson & Vahlne 1977)."),
        HTMLDefinition(term: "Establishment mode (the establishment chain)",
                       definition: "How deeply the firm operates in a market: 0 none, 1 irregular export, 2 export through an "
                        + "agent or distributor, 3 own sales subsidiary (or a partnered one), 4 production abroad. Climbing "
                        + "the chain one step at a time is the Uppsala model's incremental path."),
        HTMLDefinition(term: "Johanson-Mattsson quadrant",
                       definition: "Where the firm stands in the network model of Johanson & Mattsson (1988): how international "
                        + "the firm itself is against how international its network (customers, suppliers, partners) is. "
                        + "Early starter: neither is. Late starter: the network is, the firm not yet. Lonely international: the "
                        + "firm is, its network not. International among others: both are."),
        HTMLDefinition(term: "I-model stage",
                       definition: "Innovation-related internationalization models (Bilkey & Tesar 1977; Cavusgil 1980) see "
                        + "exporting as an innovation the firm adopts step by step. Pre-export: no exports in the last year. "
                        + "Export trial: some exports, irregular or small. Advanced export: exports every step of the last "
                        + "year with a large foreign share."),
        HTMLDefinition(term: "Dollinger stage",
                       definition: "Dollinger's stages of export development, from the firm's deepest operations abroad: "
                        + "domestic, passive exporting (irregular export), export management (an agent or distributor), "
                        + "export department (agents in several markets), sales branches (a subsidiary), production abroad, "
                        + "transnational (production in several regions)."),
        HTMLDefinition(term: "Surprise abroad",
                       definition: "The unexpected in a market where the firm has a subsidiary or a plant (mode 3 or 4): "
                        + "costs, organisation, staff, a breach of trust, a missing supplier network, an opaque cultural or "
                        + "political background. It costs money and trust; it is rarer the better the firm knows the market "
                        + "(seed 002)."),
        HTMLDefinition(term: "Backsourcing",
                       definition: "Moving production from abroad back home: after losses following surprises, when the "
                        + "foreign cost advantage has eroded, or when a home crisis leaves home capacity idle (Kinkel & Maloca)."),
    ]

    /// The glossary as a report section.
    public static func section(heading: String) -> HTMLSection {
        HTMLSection(heading: heading, blocks: [.definitions(entries)])
    }
}
