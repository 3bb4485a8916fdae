/// Thresholds of the trajectory classifier (design brief section 4).
public struct ClassificationParameters: Codable, Sendable, Equatable {
    /// Born global: first export within this many years of founding ...
    public var bornGlobalYears: Double = 3
    /// ... and a yearly foreign share of at least this within those years (Knight & Cavusgil).
    public var bornGlobalMinForeignShare: Double = 0.25
    /// Scope: home-region share of foreign sales at most this in such a year ...
    public var bornGlobalMaxHomeRegionShare: Double = 0.5
    /// ... or at least this many markets in at least `bornGlobalMinRegions` regions.
    public var bornGlobalMinMarkets: Int = 5
    public var bornGlobalMinRegions: Int = 2
    /// Born regional: first export within this many years ...
    public var bornRegionalYears: Double = 5
    /// ... home-region share of foreign sales at least this in every exporting year ...
    public var bornRegionalMinHomeRegionShare: Double = 0.8
    /// ... and never a mode above this.
    public var bornRegionalMaxMode: Int = 2
    /// Incremental: a late start, after this many years (or foreign share below the
    /// born-global share by then) ...
    public var incrementalLateYears: Double = 3
    /// ... at least this many successive upgrades in one market ...
    public var incrementalMinClimb: Int = 2
    /// ... and a rank correlation between entry order and psychic distance of at least this.
    public var incrementalMinDistanceCorrelation: Double = 0.0
    /// Backsourcer: relocation from a mode of at least this ...
    public var backsourcerMinMode: Int = 3
    /// ... of at least this share of foreign production capacity (Kinkel & Maloca) ...
    public var backsourcerMinCapacityShare: Double = 0.25
    /// ... or a fall of the yearly foreign share to at most (1 - this) of its peak while all
    /// operations of that mode or deeper were closed.
    public var backsourcerShareDrop: Double = 0.5
    /// Born-again global: first export at an age of at least this many years, then the
    /// born-global intensity and scope within `bornGlobalYears` of it (Bell, McNaughton & Young 2001).
    public var bornAgainMinDomesticYears: Double = 10
    /// Intermittent exporter: at least this many re-entries into markets left before (Vissak & Francioni 2013).
    public var intermittentMinReentries: Int = 2
    /// De-internationalizer: no foreign sales in at least this many last recorded years (Benito & Welch 1997).
    public var deInternationalizerMinYears: Double = 3
    /// Gradual exporter: exports in at least this many firm-years ...
    public var gradualMinExportYears: Int = 3
    /// ... and never a mode above this (export modes only; traditional SMEs, seed 002).
    public var gradualMaxMode: Int = 2
    public init() {}
}
