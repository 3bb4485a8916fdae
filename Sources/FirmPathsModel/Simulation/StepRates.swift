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
    /// The base exogenous death hazard as a yearly rate: -ln(1 - deathHazard).
    let deathRate: Double
    let bankruptcySteps: Int32
    let exitSteps: Int32
    let backsourceLossSteps: Int32
    let minStepsInMode: Int32
    /// Steps of the trial period of a new export relationship (ExportRelationships.swift).
    let trialSteps: Int32

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
        deathRate = -_log(max(1 - m.survival.deathHazard, 1e-12))
        let s = Double(clock.stepsPerYear)
        bankruptcySteps = StepRates.steps(m.survival.bankruptcyYears * s, atLeast: 1)
        exitSteps = StepRates.steps(m.decommitment.exitYears * s, atLeast: 1)
        backsourceLossSteps = StepRates.steps(m.backsourcing.lossYears * s, atLeast: 1)
        minStepsInMode = StepRates.steps(m.establishment.minYearsInMode * s, atLeast: 0)
        trialSteps = StepRates.steps(m.decommitment.trialYears * s, atLeast: 0)
    }

    /// A count of steps from a number of years x steps per year, clamped to what a run can hold
    /// (a duration longer than any run never elapses).
    static func steps(_ value: Double, atLeast lower: Int32) -> Int32 {
        guard value.isFinite else { return value > 0 ? Int32.max : lower }
        return Int32(min(max(Double(lower), value.rounded()), Double(Int32.max)))
    }
}

/// Per-mode figures of the establishment chain (modes 0-4) as plain values: no reference
/// counting and no vector spills, read in the hot loop of every firm-step.
struct ModeTable: Sendable {
    let entryCost: ModeVector
    let fixedCost: ModeVector
    let tradeCost: ModeVector
    let distanceCost: ModeVector
    let reach: ModeVector
    let knowledgeThreshold: ModeVector
    let partneredEntryFactor: Double
    let partneredFixedFactor: Double
    let partnerProfitShare: Double
    let irregularSaleProbability: Double
    let upgradeBand: Double

    init(_ e: EstablishmentParameters) {
        entryCost = ModeVector(e.entryCostByMode)
        fixedCost = ModeVector(e.fixedCostByMode)
        tradeCost = ModeVector(e.tradeCostByMode)
        distanceCost = ModeVector(e.distanceCostByMode)
        reach = ModeVector(e.reachByMode)
        knowledgeThreshold = ModeVector(e.knowledgeThresholdByMode)
        partneredEntryFactor = e.partnered.entryCostFactor
        partneredFixedFactor = e.partnered.fixedCostFactor
        partnerProfitShare = e.partnered.partnerProfitShare
        irregularSaleProbability = e.irregularSaleProbability
        upgradeBand = e.upgradeBand
    }
}

/// One figure per establishment mode 0-4, immutable.
///
/// The figures sit in a small table read by index: a lookup is a load, where a switch over
/// five stored values compiled to a jump table on every read in the per-market loops.
final class ModeVector: @unchecked Sendable {
    private let values: UnsafeMutablePointer<Double>

    init(_ values: [Double]) {
        self.values = .allocate(capacity: 5)
        for k in 0..<5 { self.values[k] = k < values.count ? values[k] : 0 }
    }

    deinit { values.deallocate() }

    /// The figure of `mode`; a mode outside 0-3 reads mode 4's, as the chain ends there.
    @inline(__always)
    subscript(mode: Int) -> Double {
        values[UInt(bitPattern: mode) < 4 ? mode : 4]
    }
}
