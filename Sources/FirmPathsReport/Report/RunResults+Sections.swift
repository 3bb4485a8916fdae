extension RunReport {
    /// The report's run sections (paths, exporting over time, quadrants, stages, example firms'
    /// ladders) for results recorded in memory (`RunResults.Recorder`): the same section
    /// builders as `build(directory:)`, for the explorer. `explainDirectory` is the directory the
    /// ladder caption's `firmpaths explain` hint names; `symbolHint` is the caption's sentence on
    /// where a symbol's cause is told (the explorer lists them under the chart, on screen).
    public static func runSections(_ results: RunResults, explainDirectory: String,
                                   symbolHint: String = printedSymbolHint) -> [HTMLSection] {
        [pathSection(results.firms)] + timeSections(results.summary)
            + [ladderSection(examples: results.examples, eventsByFirm: results.eventsByFirm, explainDirectory: explainDirectory,
                             firms: results.firms, stepsPerYear: results.stepsPerYear, years: results.years,
                             symbolHint: symbolHint)]
    }
}
