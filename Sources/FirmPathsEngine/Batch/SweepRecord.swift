/// Which tables a sweep writes. Per-firm-and-step rows dominate output size by orders of
/// magnitude, so sweeps write only `runs` and `firms` unless asked.
public struct SweepRecord: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// `runs.csv`: one row per run with its parameters and headline outcomes.
    public static let runs = SweepRecord(rawValue: 1)
    /// `firms.csv`: one row per firm and run.
    public static let firms = SweepRecord(rawValue: 2)
    /// `trajectories.csv`: one row per firm, step and run (thinned by `every`).
    public static let steps = SweepRecord(rawValue: 4)
    /// `events.csv`: one row per event and run.
    public static let events = SweepRecord(rawValue: 8)

    /// `exports.csv`: the firm-destination-year panel (not thinned by `every`).
    public static let exports = SweepRecord(rawValue: 16)

    /// `years.csv`: one row per firm, year and run, with age and path (for spreadsheets).
    public static let years = SweepRecord(rawValue: 32)

    public static let all: SweepRecord = [.runs, .firms, .steps, .events, .exports, .years]
    /// What a sweep writes when not told otherwise.
    public static let sweepDefault: SweepRecord = [.runs, .firms]

    /// Names as written on the command line, in file order.
    static let names: [(name: String, record: SweepRecord, file: String)] = [
        ("runs", .runs, "runs.csv"), ("firms", .firms, "firms.csv"),
        ("steps", .steps, "trajectories.csv"), ("events", .events, "events.csv"),
        ("exports", .exports, "exports.csv"), ("years", .years, "years.csv"),
    ]
    /// Other names accepted on the command line: the steps table by the name of its file.
    static let aliases: [(name: String, record: SweepRecord)] = [("trajectories", .steps)]

    /// Parses `runs`, `firms,events`, `all` ... (`trajectories` is accepted for `steps`).
    /// - Returns: nil for an empty list or an unknown name.
    public init?(parsing text: String) {
        var record: SweepRecord = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let name = part.trimmingCharacters(in: " ")
            if name == "all" {
                record.formUnion(.all)
            } else if let entry = Self.names.first(where: { $0.name == name }) {
                record.formUnion(entry.record)
            } else if let alias = Self.aliases.first(where: { $0.name == name }) {
                record.formUnion(alias.record)
            } else {
                return nil
            }
        }
        guard !record.isEmpty else { return nil }
        self = record
    }

    /// The recorded names in file order, e.g. `["runs", "firms"]`.
    public var names: [String] { Self.names.filter { contains($0.record) }.map(\.name) }

    /// The recorded file names in file order.
    public var files: [String] { Self.names.filter { contains($0.record) }.map(\.file) }

    public var description: String { names.joined(separator: ",") }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: Character) -> String {
        String(drop { $0 == set }.reversed().drop { $0 == set }.reversed())
    }
}
