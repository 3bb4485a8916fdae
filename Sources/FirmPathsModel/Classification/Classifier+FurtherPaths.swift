/// The paths that name exporters the mission's four leave (checked after them, in this order).
///
/// - Born-again global (Bell, McNaughton & Young 2001): firms long established at home that
///   suddenly internationalize rapidly and widely. Rule: first export at age >=
///   `bornAgainMinDomesticYears`, then the born-global test of intensity and scope within
///   `bornGlobalYears` of that first export (the born-global window counted from the first export
///   instead of from founding).
/// - Intermittent exporter (Vissak & Francioni 2013, serial non-linear internationalization;
///   Bernini, Du & Love 2016, intermittent exporting): at least `intermittentMinReentries`
///   re-entries into markets the firm had left before.
/// - De-internationalizer (Benito & Welch 1997: withdrawal from all foreign markets): no foreign
///   sales in the last `deInternationalizerMinYears` recorded firm-years after having exported.
/// - Gradual exporter (traditional SMEs, seed 002; the I-model's advanced exporter without FDI):
///   exports in at least `gradualMinExportYears` firm-years and never a mode above
///   `gradualMaxMode`.
extension Classifier {
    static func bornAgainGlobal(_ t: FirmTrajectory, _ p: ClassificationParameters, first: Int) -> Classification? {
        guard Double(first) >= p.bornAgainMinDomesticYears else { return nil }
        let window = t.years.dropFirst(first).prefix(yearCount(p.bornGlobalYears))
        guard let wide = rapidWideExports(window, p) else { return nil }
        return Classification(path: .bornAgainGlobal, rule: "late_rapid_wide_exports",
                              figures: [("first_export_age", Double(first)), ("foreign_share", wide.share),
                                        ("home_region_share", wide.minHomeRegion), ("markets", Double(wide.markets)),
                                        ("regions", Double(wide.regions))])
    }

    static func intermittentExporter(_ t: FirmTrajectory, _ p: ClassificationParameters) -> Classification? {
        let count = reentries(t.events)
        guard count >= p.intermittentMinReentries else { return nil }
        return Classification(path: .intermittentExporter, rule: "repeated_exits_and_reentries",
                              figures: [("reentries", Double(count))])
    }

    static func deInternationalizer(_ t: FirmTrajectory, _ p: ClassificationParameters) -> Classification? {
        guard let last = t.years.lastIndex(where: \.exported) else { return nil }
        let yearsWithout = t.years.count - 1 - last
        guard Double(yearsWithout) >= p.deInternationalizerMinYears else { return nil }
        return Classification(path: .deInternationalizer, rule: "withdrew_from_all_markets",
                              figures: [("last_export_age", Double(last)), ("years_without_exports", Double(yearsWithout))])
    }

    static func gradualExporter(_ t: FirmTrajectory, _ p: ClassificationParameters) -> Classification? {
        let exportYears = t.years.filter(\.exported).count
        guard exportYears >= p.gradualMinExportYears, t.maxMode <= p.gradualMaxMode else { return nil }
        return Classification(path: .gradualExporter, rule: "years_in_export_modes",
                              figures: [("export_years", Double(exportYears)), ("max_mode", Double(t.maxMode))])
    }

    /// Entries into a market the firm had left before (an exit, or a relocation home that
    /// closed the operation).
    public static func reentries(_ events: [FirmEvent]) -> Int {
        var left = Set<Int16>()
        var count = 0
        for event in events where event.market >= 0 {
            switch event.kind {
            case .enter:
                if left.remove(event.market) != nil { count += 1 }
            case .exit:
                left.insert(event.market)
            case .backsource where event.toMode == 0:
                left.insert(event.market)
            default:
                break
            }
        }
        return count
    }
}
