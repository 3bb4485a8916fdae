import FirmPathsIO
import FirmPathsModel
import Foundation

/// A user-defined outcome of a sweep (`sweep.outcomes`): a column of `runs.csv` after the
/// headline outcomes, computed per run with a measure of the targets files' definition language.
///
/// ```json
/// "outcomes": {
///   "share_partnered": {"measure": "share_firms", "population": ["alive_at_end"], "condition": "ever_partnered"},
///   "median_first_export_year": {"measure": "median", "population": ["ever_exported"], "variable": "first_export_year"}
/// }
/// ```
/// Key order is column order. A measure whose population is empty in a run writes an empty field.
public struct SweepOutcome: Sendable, Equatable {
    /// The column name.
    public var name: String
    /// What it measures (see `Measure`).
    public var measure: Measure

    public init(name: String, measure: Measure) {
        self.name = name
        self.measure = measure
    }

    /// Whether `name` can be a column: letters, digits and `_`, starting with a letter, and no
    /// headline outcome's or runs.csv's own column.
    static func problem(withName name: String, paths: [String]) -> String? {
        guard let first = name.unicodeScalars.first, CharacterSet.letters.contains(first),
              name.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) || $0 == "_" }), name.isASCII
        else {
            return "outcome names are column names: ASCII letters, digits and _, starting with a letter; found `\(name)`"
        }
        if (RunsTable.leadingHeader + RunsTable.outcomeHeader + paths).contains(name) {
            return "`\(name)` is already a column of runs.csv"
        }
        return nil
    }

    /// The values of `outcomes` for one finished run, in order (NaN for an empty population).
    static func values(_ outcomes: [SweepOutcome], simulation: Simulation, firms: [FirmOutcome]) -> [Double] {
        guard !outcomes.isEmpty else { return [] }
        let run = TargetRun(simulation: simulation, outcomes: firms)
        return outcomes.map { $0.measure.evaluate(run) }
    }
}

extension String {
    fileprivate var isASCII: Bool { utf8.allSatisfy { $0 < 128 } }
}
