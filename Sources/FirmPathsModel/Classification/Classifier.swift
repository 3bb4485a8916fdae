/// The paths a firm's trajectory can take.
public enum TrajectoryPath: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    case bornGlobal, incremental, bornRegional, backsourcer, domestic, sporadic

    public var description: String {
        switch self {
        case .bornGlobal: "born_global"
        case .incremental: "incremental"
        case .bornRegional: "born_regional"
        case .backsourcer: "backsourcer"
        case .domestic: "domestic"
        case .sporadic: "sporadic"
        }
    }
}

/// A label with the rule that fired and the figures that decided it.
public struct Classification: Sendable, Equatable {
    public var path: TrajectoryPath
    /// Short name of the rule that fired.
    public var rule: String
    /// The figures the rule compared with its thresholds, in a stable order.
    public var figures: [(name: String, value: Double)]

    public static func == (a: Classification, b: Classification) -> Bool {
        a.path == b.path && a.rule == b.rule && a.figures.map(\.name) == b.figures.map(\.name)
            && a.figures.map(\.value) == b.figures.map(\.value)
    }

    /// `rule(name=value, ...)`, as written to `firms.csv`.
    public var ruleDescription: String {
        let parts = figures.map { "\($0.name)=\(Classifier.format($0.value))" }
        return parts.isEmpty ? rule : "\(rule)(\(parts.joined(separator: ", ")))"
    }
}

/// Labels a trajectory from its observables only (design brief section 4): a firm that never
/// exported is domestic; otherwise the rules are checked in order: backsourcer, born global,
/// born regional, incremental, and sporadic when none fits. A pure function: the same trajectory and thresholds give the same label.
public enum Classifier {
    public static func classify(_ t: FirmTrajectory, thresholds p: ClassificationParameters) -> Classification {
        guard let first = t.firstExportYear else {
            return Classification(path: .domestic, rule: "never_exported", figures: [])
        }
        if let result = backsourcer(t, p) { return result }
        if let result = bornGlobal(t, p, first: first) { return result }
        if let result = bornRegional(t, p, first: first) { return result }
        if let result = incremental(t, p, first: first) { return result }
        return Classification(path: .sporadic, rule: "exported_no_pattern",
                              figures: [("first_export_age", Double(first)), ("peak_foreign_share", t.peakForeignShare),
                                        ("max_mode", Double(t.maxMode))])
    }

    static func backsourcer(_ t: FirmTrajectory, _ p: ClassificationParameters) -> Classification? {
        if let relocation = t.events.first(where: {
            $0.kind == .backsource && Int($0.fromMode) >= p.backsourcerMinMode && $0.value >= p.backsourcerMinCapacityShare
        }) {
            return Classification(path: .backsourcer, rule: "relocated_home",
                                  figures: [("capacity_share", relocation.value), ("from_mode", Double(relocation.fromMode)),
                                            ("step", Double(relocation.step))])
        }
        // Foreign share fell by half from its peak while deep operations went to zero.
        var peak = 0.0
        var hadDeep = false
        for year in t.years {
            if year.maxMode >= p.backsourcerMinMode { hadDeep = true }
            peak = max(peak, year.foreignShare)
            if hadDeep && peak > 0 && year.maxMode < p.backsourcerMinMode
                && year.foreignShare <= (1 - p.backsourcerShareDrop) * peak {
                return Classification(path: .backsourcer, rule: "foreign_share_fell_deep_operations_closed",
                                      figures: [("peak_foreign_share", peak), ("foreign_share", year.foreignShare)])
            }
        }
        return nil
    }

    static func bornGlobal(_ t: FirmTrajectory, _ p: ClassificationParameters, first: Int) -> Classification? {
        guard Double(first) < p.bornGlobalYears else { return nil }
        let window = t.years.prefix(yearCount(p.bornGlobalYears))
        let earlyShare = window.map(\.foreignShare).max() ?? 0
        guard earlyShare >= p.bornGlobalMinForeignShare else { return nil }
        let exporting = window.filter(\.exported)
        let minHomeRegion = exporting.map(\.homeRegionShare).min() ?? 1
        let markets = window.map(\.markets).max() ?? 0
        let regions = window.map(\.regions).max() ?? 0
        let scope = minHomeRegion <= p.bornGlobalMaxHomeRegionShare
            || (markets >= p.bornGlobalMinMarkets && regions >= p.bornGlobalMinRegions)
        guard scope else { return nil }
        return Classification(path: .bornGlobal, rule: "early_wide_exports",
                              figures: [("first_export_age", Double(first)), ("early_foreign_share", earlyShare),
                                        ("home_region_share", minHomeRegion), ("markets", Double(markets)),
                                        ("regions", Double(regions))])
    }

    static func bornRegional(_ t: FirmTrajectory, _ p: ClassificationParameters, first: Int) -> Classification? {
        guard Double(first) < p.bornRegionalYears else { return nil }
        let exporting = t.years.filter(\.exported)
        let minHomeRegion = exporting.map(\.homeRegionShare).min() ?? 0
        guard minHomeRegion >= p.bornRegionalMinHomeRegionShare, t.maxMode <= p.bornRegionalMaxMode else { return nil }
        return Classification(path: .bornRegional, rule: "early_regional_exports",
                              figures: [("first_export_age", Double(first)), ("min_home_region_share", minHomeRegion),
                                        ("max_mode", Double(t.maxMode))])
    }

    static func incremental(_ t: FirmTrajectory, _ p: ClassificationParameters, first: Int) -> Classification? {
        let lateWindow = t.years.prefix(yearCount(p.incrementalLateYears))
        let earlyShare = lateWindow.map(\.foreignShare).max() ?? 0
        guard Double(first) >= p.incrementalLateYears || earlyShare < p.bornGlobalMinForeignShare else { return nil }
        let climb = longestClimb(t.events)
        guard climb >= p.incrementalMinClimb else { return nil }
        let correlation = entryDistanceCorrelation(t)
        if let correlation, correlation < p.incrementalMinDistanceCorrelation { return nil }
        return Classification(path: .incremental, rule: "late_start_climbed_chain",
                              figures: [("first_export_age", Double(first)), ("longest_climb", Double(climb)),
                                        ("entry_distance_correlation", correlation ?? 0)])
    }

    /// Whole years covered by a window of `years` (any finite or infinite threshold).
    static func yearCount(_ years: Double) -> Int {
        guard years > 0 else { return 0 }
        return years >= 1e9 ? Int(1e9) : Int(years.rounded(.up))
    }

    /// Longest run of successive upgrades in one market (entries, step-downs and exits restart it).
    public static func longestClimb(_ events: [FirmEvent]) -> Int {
        var run: [Int16: Int] = [:]
        var best = 0
        for event in events where event.market >= 0 {
            switch event.kind {
            case .upgrade:
                let next = (run[event.market] ?? 0) + 1
                run[event.market] = next
                best = max(best, next)
            case .enter, .downgrade, .exit, .backsource:
                run[event.market] = 0
            default:
                break
            }
        }
        return best
    }

    /// Spearman rank correlation between entry order and psychic distance of the first entry
    /// into each market; nil with fewer than three markets (no tendency to read).
    public static func entryDistanceCorrelation(_ t: FirmTrajectory) -> Double? {
        var seen = Set<Int16>()
        var distances: [Double] = []
        for event in t.events where event.kind == .enter && !seen.contains(event.market) {
            seen.insert(event.market)
            let market = Int(event.market)
            distances.append(market >= 0 && market < t.marketDistance.count ? t.marketDistance[market] : 0)
        }
        guard distances.count >= 3 else { return nil }
        let order = ranks(Array(distances.indices).map(Double.init))
        return pearson(order, ranks(distances))
    }

    /// Average ranks (ties share their mean rank).
    static func ranks(_ values: [Double]) -> [Double] {
        let sorted = values.indices.sorted { values[$0] < values[$1] }
        var result = Array(repeating: 0.0, count: values.count)
        var k = 0
        while k < sorted.count {
            var end = k
            while end + 1 < sorted.count && values[sorted[end + 1]] == values[sorted[k]] { end += 1 }
            let rank = Double(k + end) / 2 + 1
            for m in k...end { result[sorted[m]] = rank }
            k = end + 1
        }
        return result
    }

    static func pearson(_ x: [Double], _ y: [Double]) -> Double {
        let n = Double(x.count)
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for k in x.indices {
            sxy += (x[k] - mx) * (y[k] - my)
            sxx += (x[k] - mx) * (x[k] - mx)
            syy += (y[k] - my) * (y[k] - my)
        }
        return sxx > 0 && syy > 0 ? sxy / (sxx * syy).squareRoot() : 0
    }

    /// Figures with up to 3 decimals, integers without a point.
    static func format(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e15 { return String(Int(value)) }
        let scaled = (value * 1000).rounded() / 1000
        return String(scaled)
    }
}
