extension ParameterCatalog {
    /// The scenario's identity, seed and clock.
    static let topLevel: [ParameterSpec] = [
        ParameterSpec("name", ParameterUnit.text, .text, "modelling choice: names the default output folder"),
        ParameterSpec("description", ParameterUnit.text, .text, "modelling choice: one line for reports"),
        ParameterSpec("seed", "seed", .seed, "modelling choice: any fixed value makes runs reproducible (design brief principle 4)"),
        ParameterSpec("years", ParameterUnit.years, .integer(min: 1, max: nil),
                      "modelling choice: long enough to follow a founding cohort well past the classifier's early-start windows"),
        ParameterSpec("stepsPerYear", "steps per year", .integer(min: 1, max: 12),
                      "design brief principle 3: a step is a quarter; monthly steps at most"),
    ]

    /// Policy levers (seed 001: government support, capacity building, clusters, innovation).
    static let policy: [ParameterSpec] = [
        ParameterSpec("policy.exportPromotion", ParameterUnit.share, .share,
                      "seed 001 (government export support); 0 = no policy, the baseline"),
        ParameterSpec("policy.promotionSearchBoost", ParameterUnit.factor, .factor,
                      "seed 001 (trade fairs, missions raise own search)"),
        ParameterSpec("policy.capacityBuilding", ParameterUnit.factor, .factor,
                      "seed 001 (capacity building); 0 = no policy, the baseline"),
        ParameterSpec("policy.clusterProgramme", ParameterUnit.factor, .factor,
                      "seed 001 (clusters and strategic networking); 0 = no policy, the baseline"),
        ParameterSpec("policy.innovationSupport", "share [0, 1)", .number(ParameterInterval(lower: 0, upper: 1, upperInclusive: false)),
                      "seed 001 / seed 003 (innovation support); 0 = no policy, the baseline"),
    ]

    /// Thresholds of the trajectory classifier (design brief section 4).
    static let classification: [ParameterSpec] = [
        ParameterSpec("classification.bornGlobalYears", ParameterUnit.years, .nonNegative,
                      "Knight & Cavusgil: born globals export within a few years of founding"),
        ParameterSpec("classification.bornGlobalMinForeignShare", ParameterUnit.share, .share,
                      "Knight & Cavusgil: the born-global 25% foreign share"),
        ParameterSpec("classification.bornGlobalMaxHomeRegionShare", ParameterUnit.share, .share,
                      "seed 002 (born globals vs born regionals): foreign sales not mostly in the home region"),
        ParameterSpec("classification.bornGlobalMinMarkets", ParameterUnit.count, .integer(min: 1, max: nil),
                      "modelling choice: global scope as several markets in several regions (design brief section 4)"),
        ParameterSpec("classification.bornGlobalMinRegions", ParameterUnit.count, .integer(min: 1, max: nil),
                      "modelling choice: global scope means more than one region"),
        ParameterSpec("classification.bornRegionalYears", ParameterUnit.years, .nonNegative,
                      "seed 002 (born regionals): an early start"),
        ParameterSpec("classification.bornRegionalMinHomeRegionShare", ParameterUnit.share, .share,
                      "seed 002 (born regionals): foreign sales stay in the home region"),
        ParameterSpec("classification.bornRegionalMaxMode", ParameterUnit.mode, .mode,
                      "seed 002 (born regionals): export modes only"),
        ParameterSpec("classification.incrementalLateYears", ParameterUnit.years, .nonNegative,
                      "seed 000 (Uppsala): a later start than the born-global window"),
        ParameterSpec("classification.incrementalMinClimb", ParameterUnit.count, .integer(min: 1, max: 4),
                      "seed 000 (Uppsala establishment chain): successive steps in one market"),
        ParameterSpec("classification.incrementalMinDistanceCorrelation", "rank correlation [-1, 1]", .number(.closed(-1, 1)),
                      "seed 000 (Uppsala psychic distance): later entries tend to be more distant; 0 = any positive tendency"),
        ParameterSpec("classification.backsourcerMinMode", ParameterUnit.mode, .integer(min: 1, max: 4),
                      "Kinkel & Maloca: relocation of production abroad (mode 3 or deeper)"),
        ParameterSpec("classification.backsourcerMinCapacityShare", ParameterUnit.share, .share,
                      "Kinkel & Maloca: partial backsourcing of a substantial share of foreign capacity"),
        ParameterSpec("classification.backsourcerShareDrop", ParameterUnit.share, .share,
                      "seed 002 (backsourcers): foreign share falls far from its peak"),
        ParameterSpec("classification.bornAgainMinDomesticYears", ParameterUnit.years, .nonNegative,
                      "Bell, McNaughton & Young 2001 (born-again globals): a long, domestically focused phase; a decade"),
        ParameterSpec("classification.intermittentMinReentries", ParameterUnit.count, .integer(min: 1, max: nil),
                      "Vissak & Francioni 2013 (serial non-linear internationalization): repeated re-entries, at least two"),
        ParameterSpec("classification.deInternationalizerMinYears", ParameterUnit.years, .nonNegative,
                      "Benito & Welch 1997 (withdrawal from all foreign markets); longer than the 1-2 year pauses of intermittent exporters"),
        ParameterSpec("classification.gradualMinExportYears", ParameterUnit.count, .integer(min: 1, max: nil),
                      "seed 002 (traditional SMEs): exporting for some years, beyond a one-off trial"),
        ParameterSpec("classification.gradualMaxMode", ParameterUnit.mode, .mode,
                      "seed 002 (traditional SMEs), I-model advanced exporter: export modes only (agents, distributors)"),
    ]
}
