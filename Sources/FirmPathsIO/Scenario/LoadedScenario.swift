import FirmPathsModel

/// A scenario ready to run, together with what a manifest or a batch engine needs to reproduce it.
public struct LoadedScenario: Sendable, Equatable {
    /// The decoded, validated scenario.
    public var scenario: Scenario
    /// The full scenario with every default filled in, in declaration order; written to run manifests.
    public var resolvedJSON: JSONValue
    /// The file's `sweep` block, untouched: the batch engine validates it against its own rules.
    public var sweep: JSONValue?
    /// The file name (or label) the scenario came from, for messages and manifests.
    public var file: String
    /// Where the keys of the `sweep` block sit in the file (canonical paths such as
    /// `sweep.parameters["policy.exportPromotion"]`), so sweep errors get `FILE:LINE:COL` too.
    public var sweepPositions: [String: SourcePosition] = [:]
    /// Integer literals of the `sweep` block that a Double does not hold exactly, as written.
    public var sweepLiterals: [String: String] = [:]

    public init(scenario: Scenario, resolvedJSON: JSONValue, sweep: JSONValue?, file: String) {
        self.scenario = scenario
        self.resolvedJSON = resolvedJSON
        self.sweep = sweep
        self.file = file
    }
}
