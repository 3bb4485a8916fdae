/// Cash and survival: the step's cash flows are booked, the home workforce follows the margin
/// (the export staff follows foreign sales, ExportStaffing.swift), and a firm dies by a small
/// exogenous hazard or by bankruptcy when cash stays below its floor.
extension FirmStepContext {
    /// Books the step's cash flows; `cash(t) - cash(t-1)` equals their sum exactly.
    mutating func bookCash(firm i: Int) {
        let operating = scratch.operatingProfit * rates.dt
        store.flowOperating[i] = operating
        store.flowInvestment[i] = -scratch.investment
        store.flowRnD[i] = -scratch.rnd
        store.flowIncidents[i] = -scratch.incidents
        let beforePayout = store.cash[i] + operating - scratch.investment - scratch.rnd - scratch.incidents
        let excess = beforePayout - model.operations.cashTargetShare * yearlyRevenue
        let payout = excess > 0 ? excess * min(1, model.operations.payoutRate * rates.dt) : 0
        store.flowPayout[i] = -payout
        store.cash[i] = beforePayout - payout

        let revenue = yearlyRevenue
        if revenue > 0 {
            let margin = min(max(scratch.operatingProfit / revenue, -0.2), 0.2)
            let growth = model.operations.employeeGrowthPerMargin * margin * rates.dt
            let exportStaff = store.exportStaff[i]
            store.employees[i] = max(1, (store.employees[i] - exportStaff) * (1 + growth)) + exportStaff
        }
        staffExports(firm: i)
    }

    mutating func survive(firm i: Int, rng: inout RandomStream, events: inout [FirmEvent]) {
        if store.cash[i] < -model.survival.bankruptcyFloorShare * yearlyRevenue {
            store.lowCashSteps[i] += 1
        } else {
            store.lowCashSteps[i] = 0
        }
        var cause = EventCause.none
        if store.lowCashSteps[i] >= rates.bankruptcySteps {
            cause = .bankruptcy
        } else if exogenousDeath(firm: i, rng: &rng) {
            cause = .exogenous
        }
        guard cause != .none else { return }
        store.alive[i] = false
        store.diedStep[i] = Int32(step)
        events.append(FirmEvent(firm: i, step: step, market: -1, kind: .died, cause: cause, fromMode: 0, toMode: 0,
                                value: store.cash[i]))
        let base = i * marketCount
        for j in 0..<marketCount where store.mode[base + j] > 0 {
            store.mode[base + j] = 0
            store.partnered[base + j] = false
            store.penetration[base + j] = 0
            store.sunkCommitment[base + j] = 0
            store.marketSales[base + j] = 0
            store.marketProfit[base + j] = 0
        }
    }

    /// Whether firm i closes for an exogenous reason in this step: one draw against
    /// `exogenousDeathProbability`, whose hazard is at most 4 x the base rate, so the power and
    /// the exponential are evaluated only for draws below that bound (`RandomStream.occurs`).
    @inline(__always)
    func exogenousDeath(firm i: Int, rng: inout RandomStream) -> Bool {
        guard model.survival.sizeElasticity != 0 else { return rng.bernoulli(rates.deathProbability) }
        let bound = StepClock.upperBound(rates.deathRate * 4 * rates.clock.stepLength)
        return rng.occurs(probabilityAtMost: bound) { exogenousDeathProbability(firm: i) }
    }

    /// Per-step probability of an exogenous closure: the base yearly hazard scaled by size.
    @inline(__always)
    func exogenousDeathProbability(firm i: Int) -> Double {
        let survival = model.survival
        guard survival.sizeElasticity != 0 else { return rates.deathProbability }
        let ratio = survival.referenceEmployees / max(store.employees[i], 1)
        let factor = survival.sizeElasticity == 0.5 ? ratio.squareRoot() : _pow(ratio, survival.sizeElasticity)
        let yearlyHazard = rates.deathRate * min(factor, 4)
        return rates.clock.stepProbability(hazard: yearlyHazard)
    }
}
