extension ParameterCatalog {
    /// Every mechanism group, in the declaration order of `ModelParameters`.
    static let model: [ParameterSpec] =
        learning + psychicDistance + opportunities + decisions + establishment
        + operations + surprises + opportunism + decommitment + backsourcing + innovation + network + survival + observation

    /// An entry under `model.`, so the tables below stay short.
    static func model(_ path: String, _ unit: String, _ domain: ParameterDomain, _ source: String) -> ParameterSpec {
        ParameterSpec("model." + path, unit, domain, source)
    }

    static let learning: [ParameterSpec] = [
        model("learning.gainByMode", "per year, by mode 0-4", .byMode(.unit),
              "seed 000 (Uppsala knowledge <-> commitment loop): deeper modes teach faster; levels from the design brief, section 3"),
        model("learning.halfLifeYears", ParameterUnit.years, .positive,
              "design brief: the export-experience effect fades after 1-2 years out of a market"),
        model("learning.transferRate", ParameterUnit.perYear, .share,
              "seed 000 (learning loop: knowledge transfers between markets); modelling choice: small"),
        model("learning.crossRegionTransferWeight", ParameterUnit.weight, .share,
              "seed 000 (psychic distance): knowledge transfers less across regions"),
        model("learning.spilloverRate", ParameterUnit.perYear, .share,
              "seed 004 / Johanson & Mattsson (seed 000): partners active abroad pass on knowledge"),
        model("learning.generalGainPerMarket", "per year per sqrt(active markets)", .share,
              "seed 002 (learning loops): internationalization knowledge grows with breadth"),
        model("learning.generalGainFromExperience", ParameterUnit.perYear, .share,
              "seed 000 (the entrepreneur): founder experience keeps adding knowledge"),
        model("learning.generalDepreciation", "share per year", .share,
              "modelling choice: idle general knowledge fades slowly"),
        model("learning.initialGeneralFromExperience", ParameterUnit.factor, .share,
              "seed 000 (international entrepreneurship: founder experience)"),
        model("learning.initialMarketFromExperience", ParameterUnit.factor, .share,
              "seed 000 (founder experience, discounted by psychic distance)"),
        model("learning.initialMarketFromTies", ParameterUnit.factor, .share,
              "seed 000 (international entrepreneurship: networks from inception)"),
    ]

    static let psychicDistance: [ParameterSpec] = [
        model("psychicDistance.enabled", ParameterUnit.switchFlag, .boolean,
              "seed 000 (Uppsala psychic distance); off for the counterfactual of a flat world"),
        model("psychicDistance.tieDiscount", ParameterUnit.share, .share,
              "seed 004 (networks reduce uncertainty)"),
        model("psychicDistance.distanceAversion", ParameterUnit.exponent, .exponent,
              "seed 000 (Uppsala: near markets first)"),
        model("psychicDistance.visionDiscount", ParameterUnit.share, .share,
              "seed 000 (international entrepreneurship: global vision overrides distance)"),
    ]

    static let opportunities: [ParameterSpec] = [
        model("psychicDistance.experienceDiscount", ParameterUnit.share, .share,
              "Johanson & Vahlne 1977: experience brings more distant markets within reach"),
        model("opportunities.coincidenceRate", ParameterUnit.ratePerYear, .rate, "seed 002 (trigger: coincidence)"),
        model("opportunities.searchRate", ParameterUnit.ratePerYear, .rate, "seed 002 (trigger: identified future market)"),
        model("opportunities.searchAlertnessExponent", ParameterUnit.exponent, .exponent,
              "modelling choice: alert founders (experience, vision) search disproportionately more (seed 002)"),
        model("opportunities.mainCustomerRate", ParameterUnit.ratePerYear, .rate, "seed 002 (trigger: main customer)"),
        model("opportunities.followTheCustomer", ParameterUnit.switchFlag, .boolean, "seed 002 (follow the customer abroad)"),
        model("opportunities.partnerPresenceWeight", ParameterUnit.weight, .factor,
              "seed 004 / Johanson & Mattsson (seed 000): opportunities follow the network"),
        model("opportunities.supplierRate", ParameterUnit.ratePerYear, .rate, "seed 002 (trigger: supplier contacts)"),
        model("opportunities.unsolicitedOrderRate", ParameterUnit.ratePerYear, .rate,
              "seed 000 (I-model: unsolicited orders, the push to export)"),
        model("opportunities.sizeWeight", ParameterUnit.exponent, .exponent,
              "modelling choice: larger markets attract more opportunities, less than proportionally"),
        model("opportunities.tieWeight", ParameterUnit.weight, .factor, "seed 004 (ties bring opportunities)"),
        model("opportunities.orderInHandBoost", "pseudo-observations", .factor,
              "modelling choice: an order in hand is evidence of appeal"),
    ]

    static let decisions: [ParameterSpec] = [
        model("decisions.planningHorizonYears", ParameterUnit.years, .positive, "seed 001 (marginal analysis of prospects)"),
        model("decisions.discountRate", ParameterUnit.perYear, .rate, "modelling choice: cost of capital of an SME"),
        model("decisions.riskAversion", ParameterUnit.factor, .factor, "seed 000 (Uppsala: uncertainty holds back commitment)"),
        model("decisions.costCutByKnowledge", ParameterUnit.share, .share, "seed 001 (competences lower impediments)"),
        model("decisions.costCutByTies", ParameterUnit.share, .share, "seed 004 (networks lower entry costs)"),
        model("decisions.cashReserveShare", "share of yearly revenue", .factor, "modelling choice: a small liquidity buffer"),
        model("decisions.equityRevenueShare", "share of yearly revenue", .factor,
              "modelling choice: equity proxy for the tolerable-risk rule"),
        model("decisions.riskRule", ParameterUnit.switchFlag, .boolean, "seed 000 (Uppsala tolerable-risk rule)"),
        model("decisions.demandPrudence", "standard deviations of the appeal belief", .factor,
              "Conconi, Sapir & Zanardi 2016: firms export before FDI to learn their demand"),
        model("decisions.entryCostDistanceWeight", ParameterUnit.factor, .factor,
              "Johanson & Vahlne 1977; Eaton, Kortum & Kramarz 2011: entry costs rise with distance"),
    ]

    static let establishment: [ParameterSpec] = [
        model("establishment.entryCostByMode", "thousand EUR, by mode 0-4", .byMode(.money),
              "seed 000 (establishment chain): commitment rises with the mode; modelling choice of levels"),
        model("establishment.fixedCostByMode", "thousand EUR per year, by mode 0-4", .byMode(.money),
              "Buckley & Casson: fixed cost rises with the mode"),
        model("establishment.tradeCostByMode", "share of sales, by mode 0-4", .byMode(.unit),
              "Buckley & Casson: unit cost falls with the mode"),
        model("establishment.distanceCostByMode", "share of sales per unit of psychic distance, by mode 0-4", .byMode(.unit),
              "seed 000 (psychic distance raises the cost of serving a market)"),
        model("establishment.reachByMode", "share of market potential, by mode 0-4", .byMode(.unit),
              "seed 000 (establishment chain: deeper modes reach more customers)"),
        model("establishment.irregularSaleProbability", "probability per step", .share,
              "seed 000 (I-model export trial: irregular exports)"),
        model("establishment.knowledgeThresholdByMode", "market knowledge, by mode 0-4", .byMode(.unit),
              "seed 000 (Uppsala: commitment follows knowledge)"),
        model("establishment.generalKnowledgeWeight", ParameterUnit.weight, .share,
              "Johanson & Vahlne 2009: general internationalization knowledge partly substitutes for market knowledge"),
        model("establishment.minYearsInMode", ParameterUnit.years, .nonNegative,
              "seed 000 (Uppsala: incremental steps take time)"),
        model("establishment.upgradeBand", "multiple of break-even volume", .scale,
              "Buckley & Casson: switch mode past break-even, with a margin"),
        model("establishment.stageSkipping.enabled", ParameterUnit.switchFlag, .boolean,
              "seed 000 (resources explain stage skipping)"),
        model("establishment.stageSkipping.resourceThreshold", ParameterUnit.index, .share,
              "seed 000 (resource-rich firms skip stages)"),
        model("establishment.stageSkipping.knowledgeWeight", ParameterUnit.weight, .factor, "seed 000 (resources: knowledge)"),
        model("establishment.stageSkipping.tieWeight", ParameterUnit.weight, .factor, "seed 000 / seed 004 (resources: networks)"),
        model("establishment.stageSkipping.visionWeight", ParameterUnit.weight, .factor, "seed 000 (resources: global vision)"),
        model("establishment.stageSkipping.sizeWeight", ParameterUnit.weight, .factor, "seed 000 (resources: financial and human, by size)"),
        model("establishment.stageSkipping.insiderTieThreshold", ParameterUnit.index, .share,
              "Johanson & Vahlne 2009 (liability of outsidership): deep commitment needs a network position in the market"),
        model("establishment.partnered.enabled", ParameterUnit.switchFlag, .boolean,
              "seed 004 (licensing, alliance, joint venture)"),
        model("establishment.partnered.tieThreshold", ParameterUnit.index, .share, "seed 004 (a partner needs a strong tie)"),
        model("establishment.partnered.entryCostFactor", ParameterUnit.factor, .factor, "seed 004 (partners share the entry cost)"),
        model("establishment.partnered.fixedCostFactor", ParameterUnit.factor, .factor, "seed 004 (partners share running costs)"),
        model("establishment.partnered.partnerProfitShare", ParameterUnit.share, .share, "seed 004 (partners share the profit)"),
    ]
}
