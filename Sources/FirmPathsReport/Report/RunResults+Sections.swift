extension RunReport {
    /// The report's run sections (paths, exporting over time, quadrants, stages, example firms'
    /// ladders) for results recorded in memory (`RunResults.Recorder`): the same section
    /// builders as `build(directory:)`, for the explorer. `explainDirectory` is the directory the
    /// ladder caption's `firmpaths explain` hint names.
    public static func runSections(_ results: RunResults, explainDirectory: String) -> [HTMLSection] {
        [pathSection(results.firms)] + timeSections(results.summary)
            + [ladderSection(examples: results.examples, eventsByFirm: results.eventsByFirm, explainDirectory: explainDirectory,
                             firms: results.firms, stepsPerYear: results.stepsPerYear, years: results.years)]
    }
}

extension FirmStory {
    /// A story from its parts, e.g. from `RunResults` and quadrant changes recorded during a run.
    public init(firm record: FirmRecord, events: [EventRecord], quadrantChanges: [QuadrantChange], stepsPerYear: Int,
                hasTrajectories: Bool = true) {
        self.init(run: record.run, firm: record.firm, record: record, events: events, quadrantChanges: quadrantChanges,
                  stepsPerYear: stepsPerYear, hasTrajectories: hasTrajectories)
    }
}

extension FirmStory.QuadrantChange {
    /// A quadrant change observed outside this module (the memberwise initializer is internal).
    public static func observed(step: Int, year: Int, from: String, to: String) -> Self {
        Self(step: step, year: year, from: from, to: to)
    }
}
