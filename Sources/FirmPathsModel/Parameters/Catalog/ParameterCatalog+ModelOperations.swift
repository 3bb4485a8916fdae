extension ParameterCatalog {
    static let operations: [ParameterSpec] = [
        model("operations.homeSalesPerEmployee", ParameterUnit.thousandEURPerYear, .moneyScale,
              "modelling choice: typical sales per employee of a manufacturing SME"),
        model("operations.foreignPotential", ParameterUnit.thousandEURPerYear, .money,
              "modelling choice: calibrated so about one third of SMEs export (seed 002)"),
        model("operations.foreignScaleExponent", ParameterUnit.exponent, .exponent,
              "modelling choice: larger firms reach more, less than proportionally"),
        model("operations.baseCostShare", "share of sales", .share, "modelling choice: variable cost share of manufacturing"),
        model("operations.overheadShare", "share of expected home sales per year", .factor,
              "modelling choice: home overhead"),
        model("operations.nicheHomeShrink", ParameterUnit.share, .share, "seed 002 (a narrow niche means a small home market)"),
        model("operations.nicheForeignBoost", ParameterUnit.factor, .factor, "seed 002 (a narrow niche pulls abroad)"),
        model("operations.penetrationGrowth", ParameterUnit.perYear, .rate, "modelling choice: customers are won over a few years"),
        model("operations.exportStaffingSpeed", ParameterUnit.perYear, .rate,
              "Penrose 1959; Bernard & Jensen 1999 (exporters' employment grows faster): the workforce follows the output sold abroad (0 = off)"),
        model("operations.appealMean", "Beta mean [0, 1]", .number(ParameterInterval(lower: 0, lowerInclusive: false, upper: 1, upperInclusive: false)),
              "modelling choice: neutral prior fit of a product in a market"),
        model("operations.appealConcentration", "Beta a + b", .scale, "modelling choice: heterogeneous fit"),
        model("operations.beliefPriorWeight", "pseudo-observations", .scale,
              "seed 000 (Uppsala: knowledge from experience replaces priors)"),
        model("operations.appealSignalNoise", "sd per year", .factor, "modelling choice: noisy yearly evidence"),
        model("operations.coordinationCost", ParameterUnit.thousandEURPerYear, .money,
              "seed 002 (internationalization made by the boss)"),
        model("operations.coordinationExponent", ParameterUnit.exponent, .number(ParameterInterval(lower: 1, upper: 20)),
              "seed 002 (overload rises more than linearly with foreign operations)"),
        model("operations.capacityPerLogEmployees", ParameterUnit.factor, .factor,
              "seed 002 (management capacity grows with size)"),
        model("operations.capacityPerInterface", ParameterUnit.factor, .factor,
              "seed 002 (interface positions relieve the boss)"),
        model("operations.overload", ParameterUnit.switchFlag, .boolean, "seed 002 (internationalization made by the boss)"),
        model("operations.offshoreShare", ParameterUnit.share, .share,
              "Kinkel & Maloca: efficiency-seeking relocation of part of home production"),
        model("operations.maxOffshoreShare", ParameterUnit.share, .share, "modelling choice: some production stays home"),
        model("operations.offshoreTransportCost", "share of offshored volume", .share,
              "modelling choice: transport and coordination of offshored volume, rising with distance"),
        model("operations.employeeGrowthPerMargin", "share per year per unit margin", .growthPerMargin,
              "modelling choice: profitable firms grow"),
        model("operations.cashTargetShare", "share of yearly revenue", .factor,
              "modelling choice: owners take out surplus cash"),
        model("operations.payoutRate", "share per year", .share, "modelling choice: retained earnings are paid out over time"),
    ]

    static let surprises: [ParameterSpec] = [
        model("surprises.enabled", ParameterUnit.switchFlag, .boolean, "seed 002 (surprises abroad)"),
        model("surprises.baseRate", ParameterUnit.ratePerYear, .rate, "seed 002 (surprises abroad are common without knowledge)"),
        model("surprises.knowledgeProtection", ParameterUnit.share, .share, "seed 002 (market knowledge prevents surprises)"),
        model("surprises.trustProtection", ParameterUnit.share, .share, "seed 004 (trust prevents surprises)"),
        model("surprises.overloadEffect", ParameterUnit.factor, .factor, "seed 002 (an overloaded boss is surprised more)"),
        model("surprises.kindWeights", "weights of 6 kinds", .kindWeights(6),
              "seed 002: cost situation, organisation, staff, breach of trust, missing supplier network, opaque background"),
        model("surprises.costFactor", "multiple of yearly fixed cost", .factor, "modelling choice: a surprise costs a fraction of a year of fixed cost"),
        model("surprises.trustLoss", ParameterUnit.share, .share, "seed 002 (surprises damage trust)"),
    ]

    static let opportunism: [ParameterSpec] = [
        model("opportunism.enabled", ParameterUnit.switchFlag, .boolean, "seed 004 (opportunism risks of networks)"),
        model("opportunism.baseRate", ParameterUnit.ratePerYear, .rate, "seed 004 (opportunism falls with trust)"),
        model("opportunism.kindWeights", "weights of 4 kinds", .kindWeights(4),
              "seed 004: only apparent co-operation, excessive share of joint profits, over-exploitation, appropriation"),
        model("opportunism.profitLossShare", "share of yearly gross profit", .share, "seed 004 (partners take profit)"),
        model("opportunism.trustLoss", ParameterUnit.share, .share, "seed 004 (opportunism destroys trust)"),
        model("opportunism.exitTrust", ParameterUnit.index, .share, "seed 004 (partnerships end below a trust level)"),
    ]

    static let decommitment: [ParameterSpec] = [
        model("decommitment.enabled", ParameterUnit.switchFlag, .boolean, "seed 002 (alternation and exit)"),
        model("decommitment.exitBand", "multiple of yearly fixed cost", .factor,
              "modelling choice: hysteresis between entry and exit (sunk costs)"),
        model("decommitment.exitYears", ParameterUnit.years, .positive, "modelling choice: firms bear losses for a while before leaving"),
        model("decommitment.alternation", ParameterUnit.switchFlag, .boolean, "seed 002 (strategy: alternation)"),
        model("decommitment.trustGrowth", ParameterUnit.perYear, .share, "seed 004 (trust grows without incidents)"),
        model("decommitment.irregularEndRate", ParameterUnit.ratePerYear, .rate,
              "Eaton, Eslava, Kugler & Tybout 2008: most new exporters stop within a year or two"),
        model("decommitment.agentEndRate", ParameterUnit.ratePerYear, .rate,
              "Eaton, Eslava, Kugler & Tybout 2008; Esteve-Perez et al. 2013: new export relationships mostly end within 1-2 years"),
        model("decommitment.trialEndRate", ParameterUnit.ratePerYear, .rate,
              "Rauch & Watson 2003 (buyers try new suppliers small first); Eaton et al. 2008"),
        model("decommitment.trialYears", ParameterUnit.years, .nonNegative,
              "Rauch & Watson 2003; Esteve-Perez et al. 2013: the exit hazard is highest in the first year"),
    ]

    static let backsourcing: [ParameterSpec] = [
        model("backsourcing.enabled", ParameterUnit.switchFlag, .boolean, "seed 002 (backsourcers); Kinkel & Maloca"),
        model("backsourcing.lossYears", ParameterUnit.years, .positive, "Kinkel & Maloca: relocations follow within a few years"),
        model("backsourcing.minCostAdvantage", "share of home cost", .share, "Kinkel & Maloca: eroding cost advantage"),
        model("backsourcing.erosionRate", ParameterUnit.ratePerYear, .rate, "Kinkel & Maloca: up to 30% of relocations reversed"),
        model("backsourcing.idleCapacityRate", ParameterUnit.ratePerYear, .rate, "Kinkel & Maloca: capacity utilisation at home"),
        model("backsourcing.relocationCostShare", "share of mode-4 entry cost", .factor, "modelling choice: moving back costs money"),
        model("backsourcing.retainedMode", ParameterUnit.mode, .integer(min: 0, max: 3),
              "seed 002 (backsourcers keep serving the market by export)"),
    ]

    static let innovation: [ParameterSpec] = [
        model("innovation.enabled", ParameterUnit.switchFlag, .boolean, "seed 003 (innovation x internationalization)"),
        model("innovation.rdShareOfProfit", "share of profit", .share, "seed 003; modelling choice of level"),
        model("innovation.rdScale", ParameterUnit.thousandEURPerYear, .moneyScale, "modelling choice: scale of R&D returns"),
        model("innovation.depreciation", "share per year", .share, "modelling choice: innovations age"),
        model("innovation.ideasPerForeignMarket", ParameterUnit.perYear, .rate, "seed 003 (internationalization brings ideas)"),
        model("innovation.foreignAppealEffect", ParameterUnit.factor, .factor, "seed 003 (innovation enables internationalization)"),
        model("innovation.homeSalesEffect", ParameterUnit.factor, .factor, "seed 003 (innovation also sells at home)"),
        model("innovation.initialBase", ParameterUnit.index, .share, "modelling choice: every firm has some product novelty"),
        model("innovation.initialFromNiche", ParameterUnit.factor, .share, "seed 002 / seed 003 (niche firms are innovators)"),
        model("innovation.drain", ParameterUnit.switchFlag, .boolean, "seed 003 (export spending drains R&D)"),
        model("innovation.crisisLevel", ParameterUnit.logDemand, .number(.closed(-100, 0)),
              "seed 003 (crisis: protect R&D, freeze exports)"),
    ]

    static let network: [ParameterSpec] = [
        model("network.clusters", ParameterUnit.count, .integer(min: 1, max: nil), "seed 001 (regional clusters)"),
        model("network.partnersPerFirm", ParameterUnit.count, .integer(min: 0, max: nil), "Johanson & Mattsson (seed 000): firms in networks"),
        model("network.initialPartnersMember", ParameterUnit.count, .poissonMean, "seed 001 (clusters: dense ties inside)"),
        model("network.initialPartnersOther", ParameterUnit.count, .poissonMean, "modelling choice: sparse ties outside clusters"),
        model("network.insideClusterShare", ParameterUnit.share, .share, "seed 001 (clusters: dense ties inside, sparse across)"),
        model("network.roleWeights", "weights of customer, supplier, peer", .kindWeights(3),
              "seed 002 (main customer, supplier contacts) / seed 004 (peers)"),
        model("network.formationRate", ParameterUnit.ratePerYear, .rate, "seed 004 (networking as strategy)"),
        model("network.tieDecay", "share per year", .share, "modelling choice: unused ties weaken"),
        model("network.dropStrength", ParameterUnit.index, .share, "modelling choice: weak ties end"),
        model("network.foreignTieGrowthByMode", "per year, by mode 0-4", .byMode(.unit),
              "Johanson & Mattsson (seed 000): ties grow with activity in the market"),
        model("network.foreignTieFromPartners", ParameterUnit.perYear, .share, "Johanson & Mattsson (seed 000): ties through partners"),
        model("network.foreignTieDecay", "share per year", .share, "modelling choice: ties abroad need activity"),
        model("network.partnerWeight", ParameterUnit.weight, .share, "Johanson & Mattsson (seed 000): network internationalization"),
        model("network.tieSaturation", "sum of tie strengths", .scale, "modelling choice: a few strong ties make a network international"),
    ]

    static let survival: [ParameterSpec] = [
        model("survival.deathHazard", ParameterUnit.probabilityPerYear, .share, "modelling choice: exits for reasons outside the model"),
        model("survival.sizeElasticity", ParameterUnit.exponent, .exponent,
              "Dunne, Roberts & Samuelson 1989; Jovanovic 1982: exit rates fall with firm size"),
        model("survival.referenceEmployees", "employees", .scale, "modelling choice: the size at which the base hazard applies"),
        model("survival.bankruptcyFloorShare", "share of yearly revenue", .factor, "modelling choice: overdraft limit"),
        model("survival.bankruptcyYears", ParameterUnit.years, .positive, "modelling choice: a spell below the floor ends the firm"),
    ]

    static let observation: [ParameterSpec] = [
        model("observation.jmThreshold", ParameterUnit.index, .share, "Johanson & Mattsson (seed 000): quadrants split at the middle"),
        model("observation.advancedExportShare", ParameterUnit.share, .share, "seed 000 (I-model: advanced export)"),
        model("observation.exportDepartmentMarkets", ParameterUnit.count, .integer(min: 1, max: nil), "seed 004 (Dollinger: export department)"),
        model("observation.transnationalRegions", ParameterUnit.count, .integer(min: 1, max: nil), "seed 004 (Dollinger: transnational)"),
    ]
}
