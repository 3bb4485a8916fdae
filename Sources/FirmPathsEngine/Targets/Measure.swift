import FirmPathsIO
import FirmPathsModel

/// A predicate on a `TargetFirm`, written in target files as `name`, `name:parameter` or
/// `not name`.
public struct FirmCondition: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case all
        case aliveAtEnd
        /// Founded after step 0 (a start-up of the run).
        case foundedDuringRun
        /// Any firm-year with foreign sales.
        case exported
        case exportingAtEnd
        /// Ever held mode >= 3 (sales subsidiary or co-operative entry) somewhere.
        case everMode3Plus
        /// Ever produced abroad (mode 4).
        case everMode4
        /// Ever held a partnered (co-operative) operation.
        case everPartnered
        case backsourced
        case path(TrajectoryPath)
        case segment(String)
        /// Entered at least this many distinct markets.
        case enteredMarkets(Int)
        /// First export in a firm-year below this age.
        case firstExportBefore(Int)
        /// The firm is recorded for at least this many firm-years after its first export year.
        case observedAfterFirstExport(Int)
        /// The first export spell lasted fewer than this many years and a year without exports followed.
        case stoppedExportingWithin(Int)
        /// More than this share of the last recorded firm-year's foreign sales went to the home region.
        case homeRegionShareAbove(Double)
    }

    public var kind: Kind
    public var negated: Bool
    public let text: String

    public var description: String { text }

    public init(kind: Kind, negated: Bool = false, text: String = "") {
        self.kind = kind
        self.negated = negated
        self.text = text
    }

    /// Names accepted in files (`name` or `name:N`).
    public static let names = [
        "all", "alive_at_end", "founded_during_run", "exported", "exporting_at_end", "ever_mode3plus", "ever_mode4",
        "ever_partnered", "backsourced", "path:<path>", "segment:<name>", "entered_markets:<n>",
        "first_export_before:<years>", "observed_after_first_export:<years>", "stopped_exporting_within:<years>",
        "home_region_share_above:<share>",
    ]

    public static func parse(_ text: String) -> FirmCondition? {
        var body = Substring(text)
        var negated = false
        if body.hasPrefix("not ") {
            negated = true
            body = body.dropFirst(4)
        }
        let parts = body.split(separator: ":", maxSplits: 1).map(String.init)
        guard let name = parts.first else { return nil }
        let parameter = parts.count > 1 ? parts[1] : nil
        let number = parameter.flatMap { Int($0) }
        let kind: Kind
        switch (name, parameter) {
        case ("all", nil): kind = .all
        case ("alive_at_end", nil): kind = .aliveAtEnd
        case ("founded_during_run", nil): kind = .foundedDuringRun
        case ("exported", nil): kind = .exported
        case ("exporting_at_end", nil): kind = .exportingAtEnd
        case ("ever_mode3plus", nil): kind = .everMode3Plus
        case ("ever_mode4", nil): kind = .everMode4
        case ("ever_partnered", nil): kind = .everPartnered
        case ("backsourced", nil): kind = .backsourced
        case ("path", let value?):
            guard let path = TrajectoryPath.allCases.first(where: { $0.description == value }) else { return nil }
            kind = .path(path)
        case ("segment", let value?): kind = .segment(value)
        case ("entered_markets", _?):
            guard let number else { return nil }
            kind = .enteredMarkets(number)
        case ("first_export_before", _?):
            guard let number else { return nil }
            kind = .firstExportBefore(number)
        case ("observed_after_first_export", _?):
            guard let number else { return nil }
            kind = .observedAfterFirstExport(number)
        case ("stopped_exporting_within", _?):
            guard let number else { return nil }
            kind = .stoppedExportingWithin(number)
        case ("home_region_share_above", let value?):
            guard let share = Double(value), share.isFinite else { return nil }
            kind = .homeRegionShareAbove(share)
        default: return nil
        }
        return FirmCondition(kind: kind, negated: negated, text: text)
    }

    public func test(_ firm: TargetFirm) -> Bool {
        let result: Bool
        switch kind {
        case .all: result = true
        case .aliveAtEnd: result = firm.aliveAtEnd
        case .foundedDuringRun: result = firm.foundedStep > 0
        case .exported: result = firm.firstExportYear != nil
        case .exportingAtEnd: result = firm.exportingAtEnd
        case .everMode3Plus: result = firm.maxModeEver >= 3
        case .everMode4: result = firm.maxModeEver >= 4
        case .everPartnered: result = firm.everPartnered
        case .backsourced: result = firm.backsourced
        case .path(let path): result = firm.path == path
        case .segment(let name): result = firm.segment == name
        case .enteredMarkets(let n): result = firm.marketsEntered >= n
        case .firstExportBefore(let years): result = (firm.firstExportYear ?? Int.max) < years
        case .observedAfterFirstExport(let years):
            guard let first = firm.firstExportYear else { result = false; break }
            result = firm.yearsRecorded - first > years
        case .stoppedExportingWithin(let years):
            guard let first = firm.firstExportYear else { result = false; break }
            result = firm.firstSpellYears < years && first + firm.firstSpellYears < firm.yearsRecorded
        case .homeRegionShareAbove(let share):
            result = (firm.homeRegionShareEnd ?? -1) > share
        }
        return result != negated
    }
}

/// A numeric observable of a firm (nil when undefined for that firm).
public enum FirmVariable: String, Sendable, CaseIterable {
    case firstExportYear = "first_export_year"
    case firstSpellYears = "first_spell_years"
    case yearsRecorded = "years_recorded"
    case employeesInitial = "employees_initial"
    case employeesEnd = "employees_end"
    case productivity
    case niche
    case foreignShareEnd = "foreign_share_end"
    case marketsEntered = "markets_entered"
    case regionsEntered = "regions_entered"
    case entryDistanceCorrelation = "entry_distance_correlation"
    case firstEntryDistance = "first_entry_distance"

    public func value(_ firm: TargetFirm) -> Double? {
        switch self {
        case .firstExportYear: firm.firstExportYear.map(Double.init)
        case .firstSpellYears: firm.firstExportYear == nil ? nil : Double(firm.firstSpellYears)
        case .yearsRecorded: Double(firm.yearsRecorded)
        case .employeesInitial: firm.employeesInitial
        case .employeesEnd: firm.employeesEnd
        case .productivity: firm.productivity
        case .niche: firm.niche
        case .foreignShareEnd: firm.foreignShareEnd
        case .marketsEntered: Double(firm.marketsEntered)
        case .regionsEntered: Double(firm.regionsEntered)
        case .entryDistanceCorrelation: firm.entryDistanceCorrelation
        case .firstEntryDistance: firm.firstEntryDistance
        }
    }
}

/// The vocabulary of measures a target may use; each gives one number per replication
/// (NaN when its population is empty).
public enum Measure: Sendable, Equatable {
    /// Share of the population meeting every condition.
    case shareFirms(population: [FirmCondition], condition: [FirmCondition])
    /// Mean of a variable over the population (firms where it is defined).
    case mean(population: [FirmCondition], variable: FirmVariable)
    /// Median of a variable over the population.
    case median(population: [FirmCondition], variable: FirmVariable)
    /// Mean divided by median (a right-skewed distribution gives > 1).
    case meanToMedian(population: [FirmCondition], variable: FirmVariable)
    /// Mean of a variable among population & numerator over its mean among population & denominator.
    case ratioOfMeans(population: [FirmCondition], variable: FirmVariable, numerator: [FirmCondition],
                      denominator: [FirmCondition])
    /// Share meeting `condition` among population & numerator over the share among population & denominator.
    case ratioOfShares(population: [FirmCondition], condition: [FirmCondition], numerator: [FirmCondition],
                       denominator: [FirmCondition])
    /// Share of production plants opened abroad (moves to mode 4) at least `withinYears` before the
    /// end of the run that were relocated home (a `backsource` event from that market) within
    /// `withinYears` of the opening.
    case plantReversalShare(withinYears: Double)
    /// Share of first deep entries (first move to mode >= 3 in a market) made after the firm had
    /// served that market in an export mode (1 or 2).
    case deepEntriesPrecededByExport
    /// Median years from a firm's first export-mode entry into a market to its first deep entry
    /// there, over deep entries preceded by exports.
    case medianExportYearsBeforeDeep
    /// Kaplan-Meier median length in years of new firm-market export spells (exit or death ends
    /// a spell; the end of the run censors it).
    case spellMedianYears
    /// Share of new spells alive at the start of year `tenure` that end in that year.
    case spellHazard(tenure: Int)
    /// Exit hazard of new spells in their first year over the pooled hazard of years 2 ... `tenure`.
    case spellHazardRatio(tenure: Int)
    /// Mean sales in year `tenure` of new spells that lasted more than `tenure` years over their
    /// mean sales in their first year.
    case spellSalesGrowth(tenure: Int)
    /// Share of spells ended by an exit (firm alive and observed `withinYears` more years) that
    /// were followed by a new spell in the same market within `withinYears`.
    case spellReentryShare(withinYears: Double)
    /// Spearman correlation across markets between the mean yearly number of firms serving a
    /// market and a market variable.
    case exportersMarketCorrelation(MarketVariable)
    /// Share of the firms serving at least one market in the run's last year that serve between
    /// `minMarkets` and `maxMarkets` markets that year.
    case exportersWithMarkets(minMarkets: Int, maxMarkets: Int)
    /// Share of the last year's export sales made by the top `fraction` of exporters that year.
    case topExporterShare(fraction: Double)

    /// A market's figure for `exporters_market_correlation`.
    public enum MarketVariable: String, Sendable, CaseIterable {
        case size
        case psychicDistance = "psychic_distance"
    }

    public static let names = ["share_firms", "mean", "median", "mean_to_median", "ratio_of_means", "ratio_of_shares",
                               "plant_reversal_share", "deep_entries_preceded_by_export",
                               "median_export_years_before_deep", "spell_median_years", "spell_hazard",
                               "spell_hazard_ratio", "spell_sales_growth", "spell_reentry_share",
                               "exporters_market_correlation", "exporters_with_markets", "top_exporter_share"]

    /// The measure's value on one replication.
    public func evaluate(_ run: TargetRun) -> Double {
        switch self {
        case let .shareFirms(population, condition):
            return Self.share(run.firms, population, condition)
        case let .mean(population, variable):
            return Self.mean(Self.values(run.firms, population, variable))
        case let .median(population, variable):
            return Self.median(Self.values(run.firms, population, variable))
        case let .meanToMedian(population, variable):
            let values = Self.values(run.firms, population, variable)
            let median = Self.median(values)
            return median > 0 ? Self.mean(values) / median : .nan
        case let .ratioOfMeans(population, variable, numerator, denominator):
            let top = Self.mean(Self.values(run.firms, population + numerator, variable))
            let bottom = Self.mean(Self.values(run.firms, population + denominator, variable))
            return bottom != 0 ? top / bottom : .nan
        case let .ratioOfShares(population, condition, numerator, denominator):
            let top = Self.share(run.firms, population + numerator, condition)
            let bottom = Self.share(run.firms, population + denominator, condition)
            return bottom != 0 ? top / bottom : .nan
        case let .plantReversalShare(withinYears):
            let window = Int((withinYears * Double(run.stepsPerYear)).rounded())
            let observable = run.plantOpenings.filter { $0.step + window <= run.totalSteps - 1 }
            guard !observable.isEmpty else { return .nan }
            let reversed = observable.filter { ($0.stepsToRelocation ?? Int.max) <= window }.count
            return Double(reversed) / Double(observable.count)
        case .deepEntriesPrecededByExport:
            return RunMeasures.deepEntriesPrecededByExport(run)
        case .medianExportYearsBeforeDeep:
            return RunMeasures.medianExportYearsBeforeDeep(run)
        case .spellMedianYears:
            return RunMeasures.kaplanMeierMedian(RunMeasures.newSpells(run))
        case let .spellHazard(tenure):
            return RunMeasures.hazard(RunMeasures.newSpells(run), tenures: tenure...tenure)
        case let .spellHazardRatio(tenure):
            let spells = RunMeasures.newSpells(run)
            let later = RunMeasures.hazard(spells, tenures: 2...max(2, tenure))
            return later > 0 ? RunMeasures.hazard(spells, tenures: 1...1) / later : .nan
        case let .spellSalesGrowth(tenure):
            return RunMeasures.salesGrowth(RunMeasures.newSpells(run), tenure: tenure)
        case let .spellReentryShare(withinYears):
            return RunMeasures.reentryShare(run, withinYears: Int(withinYears.rounded()))
        case let .exportersMarketCorrelation(variable):
            return RunMeasures.exportersMarketCorrelation(run, variable: variable)
        case let .exportersWithMarkets(minMarkets, maxMarkets):
            return RunMeasures.exportersWithMarkets(run, minMarkets: minMarkets, maxMarkets: maxMarkets)
        case let .topExporterShare(fraction):
            return RunMeasures.topExporterShare(run, fraction: fraction)
        }
    }

    static func matches(_ firm: TargetFirm, _ conditions: [FirmCondition]) -> Bool {
        conditions.allSatisfy { $0.test(firm) }
    }

    static func share(_ firms: [TargetFirm], _ population: [FirmCondition], _ condition: [FirmCondition]) -> Double {
        var members = 0
        var hits = 0
        for firm in firms where matches(firm, population) {
            members += 1
            if matches(firm, condition) { hits += 1 }
        }
        return members > 0 ? Double(hits) / Double(members) : .nan
    }

    static func values(_ firms: [TargetFirm], _ population: [FirmCondition], _ variable: FirmVariable) -> [Double] {
        firms.compactMap { matches($0, population) ? variable.value($0) : nil }
    }

    static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
    }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
}

extension Measure {
    /// Parses a target's `definition` object.
    static func parse(_ value: JSONValue, at location: String) throws(TargetFileError) -> Measure {
        guard let object = value.objectValue else { throw TargetFileError(message: "\(location): expected an object") }
        let allowed = ["measure", "population", "condition", "variable", "numerator", "denominator", "withinYears",
                       "tenure", "minMarkets", "maxMarkets", "fraction"]
        for key in object.keys where !allowed.contains(key) {
            throw TargetFileError(message: "\(location): unknown key '\(key)' (allowed: \(allowed.joined(separator: ", ")))")
        }
        guard let name = object["measure"]?.stringValue else {
            throw TargetFileError(message: "\(location): 'measure' must be one of \(names.joined(separator: ", "))")
        }
        func conditions(_ key: String, required: Bool) throws(TargetFileError) -> [FirmCondition] {
            guard let raw = object[key] else {
                if required { throw TargetFileError(message: "\(location): measure '\(name)' needs '\(key)'") }
                return []
            }
            let texts: [JSONValue] = raw.arrayValue ?? [raw]
            var result: [FirmCondition] = []
            for text in texts {
                guard let string = text.stringValue, let condition = FirmCondition.parse(string) else {
                    throw TargetFileError(message: "\(location).\(key): unknown condition \(text) (known: "
                        + FirmCondition.names.joined(separator: ", ") + ", each optionally prefixed by 'not ')")
                }
                result.append(condition)
            }
            return result
        }
        func variable() throws(TargetFileError) -> FirmVariable {
            guard let text = object["variable"]?.stringValue, let variable = FirmVariable(rawValue: text) else {
                throw TargetFileError(message: "\(location): measure '\(name)' needs 'variable', one of "
                    + FirmVariable.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return variable
        }
        let population = try conditions("population", required: false)
        switch name {
        case "share_firms":
            return .shareFirms(population: population, condition: try conditions("condition", required: true))
        case "mean":
            return .mean(population: population, variable: try variable())
        case "median":
            return .median(population: population, variable: try variable())
        case "mean_to_median":
            return .meanToMedian(population: population, variable: try variable())
        case "ratio_of_means":
            return .ratioOfMeans(population: population, variable: try variable(),
                                 numerator: try conditions("numerator", required: true),
                                 denominator: try conditions("denominator", required: true))
        case "ratio_of_shares":
            return .ratioOfShares(population: population, condition: try conditions("condition", required: true),
                                  numerator: try conditions("numerator", required: true),
                                  denominator: try conditions("denominator", required: true))
        case "plant_reversal_share":
            guard let years = object["withinYears"]?.doubleValue, years > 0 else {
                throw TargetFileError(message: "\(location): measure 'plant_reversal_share' needs 'withinYears' > 0")
            }
            return .plantReversalShare(withinYears: years)
        case "deep_entries_preceded_by_export":
            return .deepEntriesPrecededByExport
        case "median_export_years_before_deep":
            return .medianExportYearsBeforeDeep
        case "spell_median_years":
            return .spellMedianYears
        case "spell_hazard", "spell_hazard_ratio", "spell_sales_growth":
            let minimum = name == "spell_hazard" ? 1 : 2
            guard let tenure = object["tenure"]?.doubleValue, tenure == tenure.rounded(), tenure >= Double(minimum),
                  tenure <= 1000 else {
                throw TargetFileError(message: "\(location): measure '\(name)' needs 'tenure', a whole number of years >= \(minimum)")
            }
            let years = Int(tenure)
            return name == "spell_hazard" ? .spellHazard(tenure: years)
                : name == "spell_hazard_ratio" ? .spellHazardRatio(tenure: years) : .spellSalesGrowth(tenure: years)
        case "spell_reentry_share":
            guard let years = object["withinYears"]?.doubleValue, years >= 1, years == years.rounded(), years <= 1000 else {
                throw TargetFileError(message: "\(location): measure 'spell_reentry_share' needs 'withinYears', a whole number >= 1")
            }
            return .spellReentryShare(withinYears: years)
        case "exporters_market_correlation":
            guard let text = object["variable"]?.stringValue, let variable = MarketVariable(rawValue: text) else {
                throw TargetFileError(message: "\(location): measure 'exporters_market_correlation' needs 'variable', one of "
                    + MarketVariable.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return .exportersMarketCorrelation(variable)
        case "exporters_with_markets":
            guard let low = object["minMarkets"]?.doubleValue, let high = object["maxMarkets"]?.doubleValue,
                  low == low.rounded(), high == high.rounded(), low >= 1, high >= low, high <= 1e6 else {
                throw TargetFileError(message: "\(location): measure 'exporters_with_markets' needs whole numbers "
                    + "'minMarkets' >= 1 and 'maxMarkets' >= minMarkets")
            }
            return .exportersWithMarkets(minMarkets: Int(low), maxMarkets: Int(high))
        case "top_exporter_share":
            guard let fraction = object["fraction"]?.doubleValue, fraction > 0, fraction <= 1 else {
                throw TargetFileError(message: "\(location): measure 'top_exporter_share' needs 'fraction' in (0, 1]")
            }
            return .topExporterShare(fraction: fraction)
        default:
            throw TargetFileError(message: "\(location): unknown measure '\(name)' (known: \(names.joined(separator: ", ")))")
        }
    }
}
