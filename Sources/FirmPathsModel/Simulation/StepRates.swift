/// The scenario's yearly parameters turned into per-step constants, computed once per run
/// so the per-firm step does no conversions it can avoid.
struct StepRates: Sendable {
    let clock: StepClock
    /// The establishment chain's per-mode figures, held without reference counting.
    let modes: ModeTable
    let dt: Double
    let stepsPerYear: Int

    // Learning
    let knowledgeGain: [Double]
    let knowledgeRetention: Double
    let transfer: Double
    let crossRegionWeight: Double
    let spillover: Double
    let generalGainPerMarket: Double
    let generalGainFromExperience: Double
    let generalRetentionIdle: Double

    // Network
    let foreignTieGrowth: [Double]
    let foreignTieFromPartners: Double
    let foreignTieRetention: Double
    let domesticTieRetention: Double

    // Operations
    let penetrationStep: Double
    let annuity: Double
    let trustGrowth: Double

    // Survival
    let deathProbability: Double
    let bankruptcySteps: Int32
    let exitSteps: Int32
    let backsourceLossSteps: Int32
    let minStepsInMode: Int32

    init(scenario: Scenario) {
        let clock = StepClock(stepsPerYear: scenario.stepsPerYear)
        self.clock = clock
        dt = clock.stepLength
        stepsPerYear = clock.stepsPerYear
        let m = scenario.model
        modes = ModeTable(m.establishment)
        let learningBoost = 1 + scenario.policy.capacityBuilding
        knowledgeGain = (0..<5).map { mode in
            (mode < m.learning.gainByMode.count ? m.learning.gainByMode[mode] : 0) * clock.stepLength * learningBoost
        }
        knowledgeRetention = _pow(0.5, clock.stepLength / max(m.learning.halfLifeYears, 1e-6))
        transfer = m.learning.transferRate * clock.stepLength * learningBoost
        crossRegionWeight = m.learning.crossRegionTransferWeight
        spillover = m.learning.spilloverRate * clock.stepLength * learningBoost
        generalGainPerMarket = m.learning.generalGainPerMarket * clock.stepLength * learningBoost
        generalGainFromExperience = m.learning.generalGainFromExperience * clock.stepLength * learningBoost
        generalRetentionIdle = clock.stepRetention(yearlyDecay: m.learning.generalDepreciation)

        foreignTieGrowth = (0..<5).map { mode in
            (mode < m.network.foreignTieGrowthByMode.count ? m.network.foreignTieGrowthByMode[mode] : 0) * clock.stepLength
        }
        foreignTieFromPartners = m.network.foreignTieFromPartners * clock.stepLength
        foreignTieRetention = clock.stepRetention(yearlyDecay: m.network.foreignTieDecay)
        domesticTieRetention = clock.stepRetention(yearlyDecay: m.network.tieDecay)

        penetrationStep = min(1, m.operations.penetrationGrowth * clock.stepLength)
        let r = m.decisions.discountRate
        let horizon = m.decisions.planningHorizonYears
        annuity = r > 0 ? (1 - _pow(1 + r, -horizon)) / r : horizon
        trustGrowth = m.decommitment.trustGrowth * clock.stepLength

        deathProbability = clock.stepProbability(yearly: m.survival.deathHazard)
        let s = Double(clock.stepsPerYear)
        bankruptcySteps = Int32(max(1, (m.survival.bankruptcyYears * s).rounded()))
        exitSteps = Int32(max(1, (m.decommitment.exitYears * s).rounded()))
        backsourceLossSteps = Int32(max(1, (m.backsourcing.lossYears * s).rounded()))
        minStepsInMode = Int32(max(0, (m.establishment.minYearsInMode * s).rounded()))
    }
}

/// Per-mode figures of the establishment chain (modes 0-4) as SIMD vectors: value types
/// without reference counting, read in the hot loop of every firm-step.
struct ModeTable: Sendable {
    let entryCost: SIMD8<Double>
    let fixedCost: SIMD8<Double>
    let tradeCost: SIMD8<Double>
    let distanceCost: SIMD8<Double>
    let reach: SIMD8<Double>
    let knowledgeThreshold: SIMD8<Double>
    let partneredEntryFactor: Double
    let partneredFixedFactor: Double
    let partnerProfitShare: Double
    let irregularSaleProbability: Double
    let upgradeBand: Double

    init(_ e: EstablishmentParameters) {
        func vector(_ values: [Double]) -> SIMD8<Double> {
            var v = SIMD8<Double>(repeating: 0)
            for (k, x) in values.prefix(8).enumerated() { v[k] = x }
            return v
        }
        entryCost = vector(e.entryCostByMode)
        fixedCost = vector(e.fixedCostByMode)
        tradeCost = vector(e.tradeCostByMode)
        distanceCost = vector(e.distanceCostByMode)
        reach = vector(e.reachByMode)
        knowledgeThreshold = vector(e.knowledgeThresholdByMode)
        partneredEntryFactor = e.partnered.entryCostFactor
        partneredFixedFactor = e.partnered.fixedCostFactor
        partnerProfitShare = e.partnered.partnerProfitShare
        irregularSaleProbability = e.irregularSaleProbability
        upgradeBand = e.upgradeBand
    }
}
