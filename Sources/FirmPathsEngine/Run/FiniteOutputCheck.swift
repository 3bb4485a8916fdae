import FirmPathsIO
import Foundation
import FirmPathsModel

/// Stops a run whose tables would hold infinity or NaN (issue 14: a productivity sd of 1e155 or
/// a market size of 1.7e308 gave empty CSV fields and exit status 0).
///
/// The parameter bounds of `ParameterCatalog` keep every output finite for any one parameter;
/// this is the defence in depth for combinations they cannot rule out (compounding over
/// 10,000 years, extreme values of several parameters at once). It checks what the tables
/// write when they write it: the markets and traits after setup, the firm state at each step
/// the trajectory table records and at the end (what firms, runs and years are made of), the
/// events' values, the export panel's sales and the sweep's own outcomes. The failure is an
/// `EngineError.invalidInput` (exit 65) naming the file, the column, the firm and step, and the
/// numeric parameters farthest from their defaults, the likeliest cause.
struct FiniteOutputCheck {
    /// The scenario as run (defaults filled in), to name suspects from; built only on failure.
    let resolved: () -> JSONValue
    /// What the run is, for the message: "the run" or "run 7 (design point 3: a=1, b=2)".
    let what: String

    /// The markets and traits, once after setup.
    func checkSetup(_ simulation: Simulation) throws(EngineError) {
        if let bad = simulation.firstNonFiniteSetupValue() { throw failure(bad, simulation: simulation) }
    }

    /// The state a recorded step writes and the step's events.
    func checkStep(_ simulation: Simulation, events: some Sequence<FirmEvent>) throws(EngineError) {
        if let bad = simulation.firstNonFiniteStepValue(events: events) { throw failure(bad, simulation: simulation) }
    }

    /// Export-panel rows about to be written.
    func checkExports(_ rows: [ExportRow], simulation: Simulation) throws(EngineError) {
        guard let row = rows.first(where: { !$0.sales.isFinite }) else { return }
        throw failure(NonFiniteValue(source: .firmState, field: "exportSales", firm: Int(row.firm), market: Int(row.market),
                                     step: simulation.currentStep, value: row.sales), simulation: simulation)
    }

    /// The end of the run: the final state, the outcomes' peak foreign shares and, for a
    /// sweep, its own outcomes (NaN there means an empty population and is written empty;
    /// infinity is never meant).
    func checkEnd(_ simulation: Simulation, outcomes: [FirmOutcome], extra: [(name: String, value: Double)] = [])
        throws(EngineError) {
        if let bad = simulation.firstNonFiniteStepValue(events: EmptyCollection()) {
            throw failure(bad, simulation: simulation, table: "the firms' final state (firms.csv and runs.csv derive from it)")
        }
        if let outcome = outcomes.first(where: { !$0.peakForeignShare.isFinite }) {
            throw failure(NonFiniteValue(source: .firmState, field: "peakForeignShare", firm: outcome.firm, market: nil,
                                         step: simulation.currentStep, value: outcome.peakForeignShare), simulation: simulation)
        }
        if let (name, value) = extra.first(where: { $0.value.isInfinite }) {
            throw failure(NonFiniteValue(source: .firmState, field: "outcome:" + name, firm: nil, market: nil,
                                         step: simulation.currentStep, value: value), simulation: simulation)
        }
    }

    /// A value of years.csv (`revenue`, `foreign_sales`, `cash`).
    func checkYears(_ bad: (column: String, firm: Int, year: Int, value: Double)?, simulation: Simulation) throws(EngineError) {
        guard let bad else { return }
        throw EngineError.invalidInput(message(table: "years.csv", column: bad.column,
                                               place: "firm \(bad.firm), year \(bad.year)", value: bad.value))
    }

    func failure(_ bad: NonFiniteValue, simulation: Simulation, table override: String? = nil) -> EngineError {
        var (table, column) = Self.location(of: bad)
        if let override { table = override }
        var place: [String] = []
        if let firm = bad.firm { place.append("firm \(firm)") }
        if let market = bad.market, market >= 0, market < simulation.world.marketCount {
            place.append("market \(simulation.world.markets[market].name)")
        }
        place.append(bad.step < 0 ? "at setup" : "step \(bad.step)")
        return .invalidInput(message(table: table, column: column, place: place.joined(separator: ", "), value: bad.value))
    }

    private func message(table: String, column: String, place: String, value: Double) -> String {
        let shown = value.isNaN ? "NaN" : (value > 0 ? "infinity" : "-infinity")
        var text = "\(what) stopped: \(table) column \(column) (\(place)) would be \(shown), not a finite number. "
            + "Each parameter is within its range, but together they exceed double precision"
        let suspects = Self.suspects(resolved())
        if suspects.isEmpty {
            text += "; no numeric parameter is more than 10 times its default: shorten `years` or report the case"
        } else {
            text += "; most likely responsible (farthest from their defaults): " + suspects.joined(separator: ", ")
        }
        return text
    }

    /// The output file and column of a value the model found.
    static func location(of bad: NonFiniteValue) -> (table: String, column: String) {
        switch bad.source {
        case .market:
            let columns = ["psychicDistance": "psychic_distance", "size": "size", "costLevel": "cost_level",
                           "costDriftPerYear": "cost_drift_per_year"]
            return ("markets.csv", columns[bad.field] ?? bad.field)
        case .firmTrait:
            let columns = ["founderExperience": "founder_experience", "globalVision": "global_vision",
                           "productivity": "productivity", "riskTolerance": "risk_tolerance", "initialEmployees": "employees",
                           "initialCashShare": "initial_cash_share", "learningCapacity": "learning_capacity",
                           "networkingCapability": "networking_capability", "niche": "niche"]
            return ("firms.csv", columns[bad.field] ?? bad.field)
        case .event:
            return ("events.csv", "value")
        case .firmState:
            if bad.field == "exportSales" { return ("exports.csv", "sales") }
            if bad.field == "peakForeignShare" { return ("firms.csv", "peak_foreign_share") }
            if bad.field.hasPrefix("outcome:") { return ("runs.csv", String(bad.field.dropFirst("outcome:".count))) }
            let columns = ["revenue": "revenue", "foreignShare": "foreign_share", "homeRegionShare": "home_region_share",
                           "generalKnowledge": "internationalization_knowledge", "meanMarketKnowledge": "mean_market_knowledge",
                           "firmInternationalization": "firm_internationalization",
                           "networkInternationalization": "network_internationalization", "cash": "cash"]
            return ("trajectories.csv", columns[bad.field] ?? bad.field)
        }
    }

    /// Default values of the scenario's numeric leaves, by concrete path.
    private static let defaults: [String: Double] = {
        guard let loaded = try? ScenarioLoader.load(bytes: Array("{}".utf8), file: "<defaults>") else { return [:] }
        var table: [String: Double] = [:]
        for (path, value) in numbers(loaded.resolvedJSON) { table[path] = value }
        return table
    }()

    /// Up to three numeric parameters at least 10 times (in either direction) from their
    /// defaults, farthest first, as `path = value (default d)`.
    static func suspects(_ resolved: JSONValue) -> [String] {
        var scored: [(score: Double, text: String)] = []
        for (path, value) in numbers(resolved) {
            // Counts and thresholds (whole numbers) do not scale what the tables hold; the clock does.
            if path != "years", path != "stepsPerYear", let parsed = try? JSONPath(parsing: path),
               case .integer? = ParameterCatalog.entry(forPattern: parsed.patternDescription)?.domain {
                continue
            }
            // Elements the defaults do not have (a sixth segment, markets.list) compare with the
            // first element of the same list.
            let pattern = path.replacingOccurrences(of: #"\[[0-9]+\]"#, with: "[0]", options: .regularExpression)
            let reference = defaults[path] ?? defaults[pattern]
            let d = abs(reference ?? 1), v = abs(value)
            let score: Double
            if d == 0 {
                score = v == 0 ? 0 : log10(1 + v)
            } else {
                score = v == 0 ? 0 : abs(log10(v / d))
            }
            guard score >= 1 else { continue }
            let shownDefault = reference.map { " (default \(JSONWriter.numberText($0)))" } ?? ""
            scored.append((score, "\(path) = \(JSONWriter.numberText(value))" + shownDefault))
        }
        return scored.sorted { $0.score > $1.score }.prefix(3).map(\.text)
    }

    /// Every number in `value` with its path (`a.b[2].c`), in document order.
    static func numbers(_ value: JSONValue, path: String = "") -> [(String, Double)] {
        switch value {
        case .number(let number): return path.isEmpty || path == "seed" || path.hasPrefix("sweep") || path.hasSuffix("generationSeed") ? [] : [(path, number)]
        case .object(let object):
            return object.members.flatMap { numbers($0.value, path: path.isEmpty ? $0.key : path + "." + $0.key) }
        case .array(let elements):
            return elements.enumerated().flatMap { numbers($0.element, path: path + "[\($0.offset)]") }
        default: return []
        }
    }
}
