/// Marginal analysis of benefits against impediments (seed 001) under the Uppsala risk
/// rule.
///
/// The benefit of a step is the discounted extra profit over the planning horizon, with
/// sales expected from what the firm believes about its appeal in the market, cut by
/// risk aversion x perceived uncertainty U_j = PD_j (1 - K_j)(1 - tau T_j). The
/// impediment is the entry or upgrade cost, cut by export promotion (export modes), by
/// internationalization knowledge and by ties. The firm commits only while its total risk
/// (sum over markets of commitment x uncertainty) stays under Rmax x equity, and only when
/// it can pay while keeping a cash reserve.
extension FirmStepContext {
    /// Perceived uncertainty U_j of firm i about market j.
    @inline(__always)
    func uncertainty(firm i: Int, market j: Int) -> Double {
        let index = i * marketCount + j
        let tau = model.psychicDistance.tieDiscount
        return psychicDistance[j] * (1 - store.marketKnowledge[index]) * (1 - tau * store.foreignTie[index])
    }

    /// Expected yearly profit of holding `mode` in market j, from believed appeal.
    /// `penetration` nil means the mode's full reach.
    @inline(__always)
    func expectedProfit(firm i: Int, market j: Int, mode: Int, partnered: Bool, penetration: Double?) -> Double {
        guard mode > 0 else { return 0 }
        // Set in `operate` for a firm active abroad, else by `enter` before it appraises.
        assert(!scratch.potentialFactor.isNaN, "foreign potential read before it was computed")
        // Believed appeal, with a prudence margin for the irreversible modes (DemandPrudence.swift).
        let believed = appraisedAppeal(firm: i, market: j, mode: mode)
        let reach = min(penetration ?? rates.modes.reach[mode], rates.modes.reach[mode])
        let sales = scratch.potentialFactor * marketSize[j] * demand[j] * believed * reach
            * (mode == 1 ? rates.modes.irregularSaleProbability : 1)
        var gross = sales * marginShare(mode: mode, market: j)
        if partnered { gross *= 1 - rates.modes.partnerProfitShare }
        if mode == 4 {
            // A plant abroad also takes over part of home production (efficiency seeking).
            let plants = 1 + plantsElsewhere(firm: i, market: j)
            gross += offshoringSaving(homeSales: scratch.homeSales, share: offshoreSharePerPlant(plants: plants), market: j)
        }
        return gross - fixedCost(mode: mode, partnered: partnered)
    }

    /// Plants (mode 4) the firm holds in markets other than j. Only markets active at the step
    /// start or entered in it can hold a mode, so only those are visited (a count: order-free).
    @inline(__always)
    func plantsElsewhere(firm i: Int, market j: Int) -> Int {
        let base = i * marketCount
        var plants = 0
        for k in store.marketsActiveOrEntered(firm: i, entered: scratch.enteredMarket) where k != j && store.mode[base + k] == 4 {
            plants += 1
        }
        return plants
    }

    /// Total risk the firm carries now: sum over active markets of commitment x uncertainty.
    @inline(__always)
    func currentRisk(firm i: Int) -> Double {
        let base = i * marketCount
        var risk = 0.0
        for j in store.marketsActiveAtStepStart(firm: i) {
            let mode = Int(store.mode[base + j])
            guard mode > 0 else { continue }
            let commitment = store.sunkCommitment[base + j] + fixedCost(mode: mode, partnered: store.partnered[base + j])
            risk += commitment * uncertainty(firm: i, market: j)
        }
        return risk
    }

    /// Yearly revenue of the current step.
    @inline(__always)
    var yearlyRevenue: Double { scratch.homeSales + scratch.foreignSales }

    /// The value of a step (net present benefit minus cost) and whether the firm may take it.
    ///
    /// It changes nothing. It is `mutating` only so that its callers (`enter`, `upgradeBestMarket`)
    /// pass their context by reference: called as a plain method, it is not inlined and Swift
    /// copied the whole context (some 300 bytes) for every appraisal.
    @inline(__always)
    mutating func appraise(firm i: Int, market j: Int, from current: Int, to mode: Int, partnered: Bool,
                  riskInUse: Double) -> (value: Double, cost: Double, allowed: Bool) {
        let index = i * marketCount + j
        let u = uncertainty(firm: i, market: j)
        let gain = expectedProfit(firm: i, market: j, mode: mode, partnered: partnered, penetration: nil)
            - (current > 0 ? expectedProfit(firm: i, market: j, mode: current, partnered: store.partnered[index], penetration: nil) : 0)
        let cost = commitmentCost(firm: i, market: j, mode: mode, partnered: partnered)
        let value = gain * rates.annuity * max(0, 1 - model.decisions.riskAversion * u) - cost
        let cash = store.cash[i] - scratch.investment
        var allowed = value > 0 && cash - cost >= model.decisions.cashReserveShare * yearlyRevenue
        if allowed && model.decisions.riskRule {
            let equity = max(cash, 0) + model.decisions.equityRevenueShare * yearlyRevenue
            let added = (cost + fixedCost(mode: mode, partnered: partnered)) * u
            allowed = riskInUse + added <= store.riskTolerance[i] * equity
        }
        return (value, cost, allowed)
    }
}
