/// The mechanisms of the model, one group per submodel of `docs/MODEL.md`.
public struct ModelParameters: Codable, Sendable, Equatable {
    public var learning = LearningParameters()
    public var psychicDistance = PsychicDistanceParameters()
    public var opportunities = OpportunityParameters()
    public var decisions = DecisionParameters()
    public var establishment = EstablishmentParameters()
    public var operations = OperationsParameters()
    public var surprises = SurpriseParameters()
    public var opportunism = OpportunismParameters()
    public var decommitment = DecommitmentParameters()
    public var backsourcing = BacksourcingParameters()
    public var innovation = InnovationParameters()
    public var network = NetworkParameters()
    public var survival = SurvivalParameters()
    public var observation = ObservationParameters()
    public init() {}
}

/// Knowledge and the learning loop (Uppsala: state -> change -> state).
public struct LearningParameters: Codable, Sendable, Equatable {
    /// Yearly gain of market knowledge K_j by mode 0..4, times (1 - K_j) and learning capacity.
    public var gainByMode: [Double] = [0, 0.10, 0.20, 0.35, 0.45]
    /// Half-life of market knowledge in a market where the firm is not active, in years.
    public var halfLifeYears: Double = 1.0
    /// Yearly transfer into K_j from the firm's active markets of the same region.
    public var transferRate: Double = 0.05
    /// Weight of active markets of other regions in the transfer.
    public var crossRegionTransferWeight: Double = 0.3
    /// Yearly spill-over into K_j from domestic partners active in j.
    public var spilloverRate: Double = 0.10
    /// Yearly gain of internationalization knowledge K_I per sqrt(active markets).
    public var generalGainPerMarket: Double = 0.05
    /// Yearly gain of K_I from founder experience E.
    public var generalGainFromExperience: Double = 0.02
    /// Yearly depreciation of K_I while the firm has no foreign market.
    public var generalDepreciation: Double = 0.05
    /// K_I at founding = this x E.
    public var initialGeneralFromExperience: Double = 0.5
    /// K_j at founding = this x E x (1 - PD_j) ...
    public var initialMarketFromExperience: Double = 0.3
    /// ... + this x founder tie strength T_j.
    public var initialMarketFromTies: Double = 0.3
    public init() {}
}

/// Psychic distance and perceived uncertainty U_j = PD_j (1 - K_j)(1 - tau T_j).
public struct PsychicDistanceParameters: Codable, Sendable, Equatable {
    /// When false every market is seen at the mean psychic distance of all markets.
    public var enabled: Bool = true
    /// tau: how much ties reduce perceived uncertainty.
    public var tieDiscount: Double = 0.5
    /// Exponent of closeness (1 - PD) in where opportunities land.
    public var distanceAversion: Double = 5.0
    /// Share of the distance aversion removed by global vision G.
    public var visionDiscount: Double = 0.8
    /// Share of the distance aversion removed by internationalization knowledge K_I: as
    /// experience accumulates, more distant markets come into view (Uppsala).
    public var experienceDiscount: Double = 0.8
    public init() {}
}

/// Opportunities and their triggers (seed 002: coincidence, main customer, supplier
/// contacts, identified future market; I-model: unsolicited orders).
public struct OpportunityParameters: Codable, Sendable, Equatable {
    /// Coincidence: yearly base rate of chance contacts.
    public var coincidenceRate: Double = 0.1
    /// Own search: yearly rate at full alertness; alertness = 0.4 E + 0.4 G + 0.2 K_I ...
    public var searchRate: Double = 8.0
    /// ... raised to this power (alert founders search disproportionately more).
    public var searchAlertnessExponent: Double = 2.0
    /// Main customer: yearly rate when all domestic customers are active abroad.
    public var mainCustomerRate: Double = 0.6
    /// Follow-the-customer pull: opportunities follow partners abroad. Off: no main-customer
    /// trigger and landing ignores where partners are.
    public var followTheCustomer: Bool = true
    /// Weight of partner presence in where opportunities land.
    public var partnerPresenceWeight: Double = 4.0
    /// Supplier contacts: yearly rate when all domestic suppliers are active abroad.
    public var supplierRate: Double = 0.2
    /// Unsolicited orders: yearly rate x (0.3 + niche + innovation stock).
    public var unsolicitedOrderRate: Double = 0.15
    /// Exponent of market size in where opportunities land.
    public var sizeWeight: Double = 0.5
    /// Weight of foreign ties in where opportunities land: x (1 + w T_j).
    public var tieWeight: Double = 3.0
    /// Belief boost of an order in hand (main customer, unsolicited order): pseudo-observations.
    public var orderInHandBoost: Double = 1.0
    public init() {}
}

/// Marginal analysis of benefits against impediments, with the tolerable-risk rule.
public struct DecisionParameters: Codable, Sendable, Equatable {
    /// Planning horizon of an investment, in years.
    public var planningHorizonYears: Double = 5
    /// Yearly discount rate.
    public var discountRate: Double = 0.10
    /// Benefits are cut by riskAversion x U_j.
    public var riskAversion: Double = 1.0
    /// Share of entry cost cut by internationalization knowledge K_I.
    public var costCutByKnowledge: Double = 0.4
    /// Share of entry cost cut by foreign ties T_j.
    public var costCutByTies: Double = 0.3
    /// Cash that must remain after an investment, as a share of yearly revenue.
    public var cashReserveShare: Double = 0.05
    /// Equity for the risk rule = max(cash, 0) + this x yearly revenue.
    public var equityRevenueShare: Double = 0.5
    /// Whether the tolerable-risk rule applies.
    public var riskRule: Bool = true
    /// Prudence about unobserved demand before an irreversible commitment (modes 3 and 4):
    /// the appraisal of a sales subsidiary or plant uses the believed appeal less this many
    /// standard deviations of the firm's Beta belief, so a firm that has not yet seen its
    /// demand in a market (no exports there) discounts deep modes most (Conconi, Sapir &
    /// Zanardi 2016: exporting first resolves the uncertainty that holds back FDI).
    /// 0 (the code default, used by the teaching scenarios) switches the mechanism off;
    /// baseline-eu sets 1. See `Mechanisms/DemandPrudence.swift`.
    public var demandPrudence: Double = 0
    /// Entry and upgrade costs rise with psychic distance: cost x (1 + this x PD_j). Searching
    /// for customers and agents, adapting products and learning institutions costs more in
    /// distant markets (Johanson & Vahlne 1977; fixed costs of entry rising with distance in
    /// Eaton, Kortum & Kramarz 2011). 0 switches it off. See `Mechanisms/EntryCosts.swift`.
    public var entryCostDistanceWeight: Double = 0
    public init() {}
}

/// The establishment chain: modes 0 none, 1 irregular export, 2 agent/distributor,
/// 3 sales subsidiary or partnered co-operative entry, 4 production abroad.
public struct EstablishmentParameters: Codable, Sendable, Equatable {
    /// One-off entry or upgrade cost by mode, thousand EUR.
    public var entryCostByMode: [Double] = [0, 12, 40, 200, 800]
    /// Fixed cost per year by mode, thousand EUR (rises with the mode: Buckley & Casson).
    public var fixedCostByMode: [Double] = [0, 1, 15, 100, 300]
    /// Trade and distribution cost as a share of sales by mode (falls with the mode) ...
    public var tradeCostByMode: [Double] = [0, 0.20, 0.14, 0.05, 0.02]
    /// ... plus this share x psychic distance.
    public var distanceCostByMode: [Double] = [0, 0.10, 0.08, 0.03, 0.02]
    /// Share of the market's potential the mode can reach.
    public var reachByMode: [Double] = [0, 0.25, 0.6, 0.85, 1.0]
    /// Probability that an irregular exporter (mode 1) sells in a given step.
    public var irregularSaleProbability: Double = 0.5
    /// Knowledge needed to enter or climb to a mode (Uppsala: commitment follows knowledge),
    /// counted as K_j + generalKnowledgeWeight x K_I; firms that may skip stages are exempt at
    /// entry.
    public var knowledgeThresholdByMode: [Double] = [0, 0, 0.15, 0.35, 0.5]
    /// Weight of internationalization knowledge K_I in the knowledge a mode requires:
    /// the firm counts K_j + w K_I (general know-how partly substitutes for knowing the market).
    public var generalKnowledgeWeight: Double = 0.5
    /// Minimum years in a mode before the next upgrade.
    public var minYearsInMode: Double = 1.0
    /// Upgrade when the yearly sales the next mode would reach (demand served so far, scaled
    /// to the next mode's reach) exceed this x the break-even volume between the modes.
    public var upgradeBand: Double = 1.0
    public var stageSkipping = StageSkippingParameters()
    public var partnered = PartneredEntryParameters()
    public init() {}
}

/// Stage skipping: resource-rich firms may enter directly at mode 3 or 4.
public struct StageSkippingParameters: Codable, Sendable, Equatable {
    public var enabled: Bool = true
    /// Resources = wK K_I + wT T_j + wG G + wS S must reach this, where S is the firm's
    /// size index ln(1 + employees / 10) / ln(26) capped at 1 (250 employees give 1).
    public var resourceThreshold: Double = 0.35
    public var knowledgeWeight: Double = 0.35
    public var tieWeight: Double = 0.25
    public var visionWeight: Double = 0.2
    public var sizeWeight: Double = 0.3
    /// Liability of outsidership (Johanson & Vahlne 2009): skipping stages into a market also
    /// needs a foreign tie of at least this strength there (`Mechanisms/Outsidership.swift`);
    /// 0 switches the requirement off.
    public var insiderTieThreshold: Double = 0
    public init() {}
}

/// Partnered co-operative entry (licensing, alliance, joint venture) at mode 3.
public struct PartneredEntryParameters: Codable, Sendable, Equatable {
    public var enabled: Bool = true
    /// Foreign tie strength needed for a partner.
    public var tieThreshold: Double = 0.45
    /// Entry and fixed costs x these factors.
    public var entryCostFactor: Double = 0.5
    public var fixedCostFactor: Double = 0.6
    /// Share of the operation's gross profit the partner takes.
    public var partnerProfitShare: Double = 0.3
    public init() {}
}

/// Operations: sales, penetration, costs and coordination overload.
public struct OperationsParameters: Codable, Sendable, Equatable {
    /// Yearly home sales per employee at average productivity, thousand EUR.
    public var homeSalesPerEmployee: Double = 110
    /// Yearly sales potential of a foreign market of size 1 for an average firm, thousand EUR.
    public var foreignPotential: Double = 180
    /// Firm scale of foreign potential = (employees / 20)^this.
    public var foreignScaleExponent: Double = 0.4
    /// Variable cost share of sales for home production.
    public var baseCostShare: Double = 0.62
    /// Home overhead per year as a share of expected home sales at founding.
    public var overheadShare: Double = 0.30
    /// Home sales x (1 - this x niche).
    public var nicheHomeShrink: Double = 0.8
    /// Foreign potential x (1 + this x niche).
    public var nicheForeignBoost: Double = 2.0
    /// Yearly rate at which penetration approaches the mode's reach.
    public var penetrationGrowth: Double = 1.0
    /// The workforce follows foreign sales (`Mechanisms/ExportStaffing.swift`): the export staff
    /// moves towards foreign sales / (homeSalesPerEmployee x productivity) at this rate per year.
    /// 0 switches it off (the workforce then follows the margin only).
    public var exportStaffingSpeed: Double = 0
    /// Mean true appeal of the firm's product in a market (Beta mean) ...
    public var appealMean: Double = 0.5
    /// ... and the Beta's concentration a + b (lower: more heterogeneous).
    public var appealConcentration: Double = 3.0
    /// Prior pseudo-observations of the firm's belief about appeal.
    public var beliefPriorWeight: Double = 2.0
    /// Noise sd of one year's observation of appeal.
    public var appealSignalNoise: Double = 0.15
    /// Coordination cost per year, thousand EUR, for one operation of mode >= 3 at capacity 1.
    public var coordinationCost: Double = 25
    /// Coordination cost grows as (operations of mode >= 3)^this ("made by the boss").
    public var coordinationExponent: Double = 1.6
    /// Management capacity = 1 + this x ln(1 + employees / 10) ...
    public var capacityPerLogEmployees: Double = 0.6
    /// ... + this x partners that are international (interface positions).
    public var capacityPerInterface: Double = 0.15
    /// Whether coordination overload is modelled.
    public var overload: Bool = true
    /// Share of home production one plant abroad takes over (efficiency-seeking
    /// offshoring, the setting of Kinkel & Maloca's relocations and backshoring) ...
    public var offshoreShare: Double = 0.3
    /// ... up to this share over all plants.
    public var maxOffshoreShare: Double = 0.6
    /// Transport and coordination cost of offshored volume, as a share of it, + the same x PD.
    public var offshoreTransportCost: Double = 0.05
    /// Yearly employee growth per unit of operating margin (margin capped at +-20%).
    public var employeeGrowthPerMargin: Double = 0.15
    /// Cash above this share of yearly revenue is paid out to the owners ...
    public var cashTargetShare: Double = 0.3
    /// ... at this yearly rate (retained earnings are not the firm's to keep forever).
    public var payoutRate: Double = 0.5
    public init() {}
}

/// Surprises abroad in operations of mode >= 3 (seed 002's six kinds).
public struct SurpriseParameters: Codable, Sendable, Equatable {
    public var enabled: Bool = true
    /// Yearly hazard for an operation with no knowledge and no trust.
    public var baseRate: Double = 0.45
    /// Hazard x (1 - this x K_j).
    public var knowledgeProtection: Double = 0.7
    /// Hazard x (1 - this x trust).
    public var trustProtection: Double = 0.5
    /// Hazard x (1 + this x overload).
    public var overloadEffect: Double = 1.0
    /// Weights of the kinds: cost situation, organisation, staff, breach of trust,
    /// missing supplier network, opaque cultural/political background.
    public var kindWeights: [Double] = [0.25, 0.15, 0.2, 0.1, 0.15, 0.15]
    /// Cost of a surprise as a multiple of the mode's yearly fixed cost (times 0.5 + U(0,1)).
    public var costFactor: Double = 0.5
    /// Trust lost by a surprise.
    public var trustLoss: Double = 0.2
    public init() {}
}

/// Opportunism in partnered operations (seed 004).
public struct OpportunismParameters: Codable, Sendable, Equatable {
    public var enabled: Bool = true
    /// Yearly hazard x (1 - trust).
    public var baseRate: Double = 0.25
    /// Weights of the kinds: only apparent co-operation, excessive share of joint profits,
    /// over-exploitation of joint resources, appropriation.
    public var kindWeights: [Double] = [0.3, 0.3, 0.2, 0.2]
    /// Cost as a share of the operation's yearly gross profit.
    public var profitLossShare: Double = 0.5
    /// Trust lost by an opportunism event.
    public var trustLoss: Double = 0.3
    /// Below this trust the firm ends the partnership (steps down one mode).
    public var exitTrust: Double = 0.15
    public init() {}
}

/// De-commitment with hysteresis: alternation (step down) and exit.
public struct DecommitmentParameters: Codable, Sendable, Equatable {
    public var enabled: Bool = true
    /// A market is in the exit band when its yearly profit < -exitBand x its yearly fixed cost
    /// (the entry band is a positive expected profit: the gap is the hysteresis).
    public var exitBand: Double = 0.2
    /// Years in the exit band before stepping down or leaving.
    public var exitYears: Double = 2.0
    /// Step down one mode (alternation) when the lower mode would be profitable; otherwise exit.
    public var alternation: Bool = true
    /// Trust gained per year in an operation without incidents.
    public var trustGrowth: Double = 0.1
    /// Irregular exports (mode 1) live on occasional orders: the stream of orders ends with
    /// this yearly hazard x (1 - appeal of the product there) x (1 - K_j), and the firm leaves
    /// the market. Most new exporters stop within a year or two; those whose products sell
    /// stay and grow (Eaton, Eslava, Kugler & Tybout 2008).
    public var irregularEndRate: Double = 3.0
    /// Export through an agent or distributor (mode 2) rests on one relationship, which ends
    /// (the distributor drops the line, the importer switches supplier) with this yearly
    /// hazard x (1 - appeal of the product there) x (1 - K_j); the firm then leaves the market.
    /// New exporter-importer relationships mostly end within a year or two, and the hazard
    /// falls with tenure (Eaton, Eslava, Kugler & Tybout 2008; Esteve-Perez,
    /// Requena-Silvente & Pallardo-Lopez 2013). See `Mechanisms/ExportRelationships.swift`.
    public var agentEndRate: Double = 0
    /// Trial period of a new export relationship (modes 1 and 2): in its first `trialYears` it
    /// also ends at the yearly rate `trialEndRate x (1 - appeal)` (Rauch & Watson 2003: buyers
    /// start small with a new supplier; Eaton et al. 2008). 0 switches it off.
    public var trialEndRate: Double = 0
    public var trialYears: Double = 1.0
    public init() {}
}

/// Backsourcing: production abroad relocated home, with its reason.
public struct BacksourcingParameters: Codable, Sendable, Equatable {
    public var enabled: Bool = true
    /// Years of losses of production abroad, with a surprise within them, before it is relocated.
    public var lossYears: Double = 1.5
    /// The cost advantage has eroded when costLevel > 1 - this ...
    public var minCostAdvantage: Double = 0.1
    /// ... and then relocation happens with this yearly hazard.
    public var erosionRate: Double = 0.4
    /// A scheduled crisis at home (`environment.crises` naming "home" or "all") makes home
    /// capacity idle, and production abroad is brought home with this yearly hazard.
    public var idleCapacityRate: Double = 0.25
    /// Relocation cost as a share of the mode-4 entry cost.
    public var relocationCostShare: Double = 0.3
    /// Mode kept in the market after relocation (serving it by export).
    public var retainedMode: Int = 2
    public init() {}
}

/// Innovation in both directions and the drain (seed 003).
public struct InnovationParameters: Codable, Sendable, Equatable {
    public var enabled: Bool = true
    /// Share of positive profit spent on R&D.
    public var rdShareOfProfit: Double = 0.12
    /// R&D spending (thousand EUR per year) that raises the innovation stock by (1 - I) per year.
    public var rdScale: Double = 400
    /// Yearly depreciation of the innovation stock.
    public var depreciation: Double = 0.08
    /// Internationalization brings ideas: yearly gain per active market x K_j.
    public var ideasPerForeignMarket: Double = 0.01
    /// Innovation enables internationalization: foreign potential x (1 + this x I).
    public var foreignAppealEffect: Double = 0.8
    /// Home sales x (1 + this x I).
    public var homeSalesEffect: Double = 0.2
    /// Innovation stock at founding = base + this x niche.
    public var initialBase: Double = 0.05
    public var initialFromNiche: Double = 0.4
    /// The drain: when an expansion leaves cash below the reserve, R&D is cut that step.
    public var drain: Bool = true
    /// A home crisis for the crisis rule: a scheduled home crisis, or home log demand below
    /// this (about 2 stationary sd).
    public var crisisLevel: Double = -0.3
    public init() {}
}

/// Domestic and foreign networks (Johanson & Mattsson; seed 004).
public struct NetworkParameters: Codable, Sendable, Equatable {
    /// Number of regional clusters.
    public var clusters: Int = 8
    /// Partner slots per firm.
    public var partnersPerFirm: Int = 5
    /// Partners at set-up: mean for cluster members ...
    public var initialPartnersMember: Double = 4
    /// ... and for other firms.
    public var initialPartnersOther: Double = 2
    /// Share of a member's partners drawn inside its cluster.
    public var insideClusterShare: Double = 0.85
    /// Roles of partners: customer, supplier, peer.
    public var roleWeights: [Double] = [0.4, 0.3, 0.3]
    /// Yearly tie formation rate x (0.5 + networking capability).
    public var formationRate: Double = 0.3
    /// Yearly decay of domestic tie strength; ties below `dropStrength` end.
    public var tieDecay: Double = 0.05
    public var dropStrength: Double = 0.1
    /// Yearly growth of foreign tie strength T_j by mode.
    public var foreignTieGrowthByMode: [Double] = [0, 0.10, 0.20, 0.30, 0.35]
    /// Yearly growth of T_j through partners active in j.
    public var foreignTieFromPartners: Double = 0.08
    /// Yearly decay of T_j.
    public var foreignTieDecay: Double = 0.12
    /// Network internationalization D_m = w x mean partner D_f + (1 - w) x tie index.
    public var partnerWeight: Double = 0.6
    /// The tie index saturates at this sum of foreign tie strengths.
    public var tieSaturation: Double = 3.0
    public init() {}
}

/// Firm death.
public struct SurvivalParameters: Codable, Sendable, Equatable {
    /// Exogenous yearly death hazard of a firm of `referenceEmployees` ...
    public var deathHazard: Double = 0.02
    /// ... scaled by (referenceEmployees / employees)^sizeElasticity: small firms close more
    /// often (Dunne, Roberts & Samuelson 1989; Jovanovic 1982), capped at 4x the base hazard.
    public var sizeElasticity: Double = 0.5
    public var referenceEmployees: Double = 20
    /// Bankruptcy when cash < -this x yearly revenue ...
    public var bankruptcyFloorShare: Double = 0.25
    /// ... for this many years.
    public var bankruptcyYears: Double = 1.0
    public init() {}
}

/// Observables: thresholds of the stage classifications.
public struct ObservationParameters: Codable, Sendable, Equatable {
    /// Johanson-Mattsson quadrants split D_f and D_m at this value.
    public var jmThreshold: Double = 0.5
    /// I-model advanced export: exports in every step of the last year and a yearly
    /// foreign share of at least this.
    public var advancedExportShare: Double = 0.1
    /// Dollinger export department: at least this many markets served through agents.
    public var exportDepartmentMarkets: Int = 3
    /// Dollinger transnational: production abroad in at least this many regions.
    public var transnationalRegions: Int = 2
    public init() {}
}
