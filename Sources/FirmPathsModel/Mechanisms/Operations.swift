/// Operations: sales at home and abroad, costs, and coordination overload.
///
/// Sales in market j = potential x true appeal x penetration, where penetration moves
/// towards the reach of the mode. Deeper modes carry higher fixed costs and lower unit
/// costs (Buckley & Casson); production abroad pays the market's cost level. Coordinating
/// operations of mode >= 3 costs more than linearly in their number and is divided by the
/// management capacity ("internationalization made by the boss", seed 002).
extension FirmStepContext {
    /// Yearly foreign potential common to all markets for firm i (before size and demand).
    @inline(__always)
    func potentialFactor(firm i: Int) -> Double {
        let scale = _pow(store.employees[i] / 20, model.operations.foreignScaleExponent)
        var factor = model.operations.foreignPotential * store.productivity[i] * scale * (1 + model.operations.nicheForeignBoost * store.niche[i])
        if model.innovation.enabled {
            factor *= 1 + model.innovation.foreignAppealEffect * store.innovation[i]
        }
        return factor
    }

    /// The foreign potential of firm i in this step, computed on first use: the pow in it is
    /// wasted on the many firm-steps that hold no market abroad and appraise none. Its inputs
    /// change only in `innovate` and `bookCash`, after the last use.
    @inline(__always)
    mutating func foreignPotential(firm i: Int) -> Double {
        if scratch.potentialFactor.isNaN { scratch.potentialFactor = potentialFactor(firm: i) }
        return scratch.potentialFactor
    }

    /// ln(1 + employees / 10), read by management capacity and by stage skipping, computed on
    /// first use (employees change only in `bookCash`, after both).
    @inline(__always)
    mutating func logWorkforce(firm i: Int) -> Double {
        if scratch.logWorkforce.isNaN { scratch.logWorkforce = _log(1 + store.employees[i] / 10) }
        return scratch.logWorkforce
    }

    /// Gross margin share of sales in market j under `mode`.
    @inline(__always)
    func marginShare(mode: Int, market j: Int) -> Double {
        guard mode > 0 else { return 0 }
        let unitCost = model.operations.baseCostShare * (mode == 4 ? costLevel[j] : 1)
        return 1 - unitCost - rates.modes.tradeCost[mode] - rates.modes.distanceCost[mode] * psychicDistance[j]
    }

    /// Yearly saving from producing `share` of home sales in market j's plant instead of at
    /// home: the unit cost gap less transport (negative once costs have converged).
    @inline(__always)
    func offshoringSaving(homeSales: Double, share: Double, market j: Int) -> Double {
        let gap = model.operations.baseCostShare * (1 - costLevel[j]) - model.operations.offshoreTransportCost * (1 + psychicDistance[j])
        return share * homeSales * gap
    }

    /// Share of home production each plant abroad takes over when there are `plants`.
    @inline(__always)
    func offshoreSharePerPlant(plants: Int) -> Double {
        return plants > 0 ? min(model.operations.offshoreShare, model.operations.maxOffshoreShare / Double(plants)) : 0
    }

    /// Yearly fixed cost of `mode`, reduced for a partnered operation.
    @inline(__always)
    func fixedCost(mode: Int, partnered: Bool) -> Double {
        let cost = rates.modes.fixedCost[mode]
        return partnered ? cost * rates.modes.partneredFixedFactor : cost
    }

    mutating func operate(firm i: Int, rng: inout RandomStream) {
        let J = marketCount
        let base = i * J
        let innovationOn = model.innovation.enabled

        // Home sales come from the home workforce; the export staff makes the foreign sales.
        let homeStaff = store.employees[i] - store.exportStaff[i]
        var home = model.operations.homeSalesPerEmployee * homeStaff * store.productivity[i]
            * (1 - model.operations.nicheHomeShrink * store.niche[i]) * homeDemand
        if innovationOn { home *= 1 + model.innovation.homeSalesEffect * store.innovation[i] }
        scratch.homeSales = home
        // Overhead was set at founding; it grows with the workforce.
        let overhead = store.homeOverhead[i] * homeStaff / max(store.initialEmployees[i], 1e-9)
        var profit = home * (1 - model.operations.baseCostShare) - overhead

        // Only a firm active abroad needs the foreign potential here (markets of the step start).
        let potentialBase = scratch.activeMarkets > 0 ? foreignPotential(firm: i) : 0
        // Share of home production each plant takes over: counted at the first plant met, as
        // most firms hold none (and then it is 0).
        var plantShare = 0.0
        var plantsCounted = false
        let partnerShare = rates.modes.partnerProfitShare
        let noise = model.operations.appealSignalNoise * 3.4641016151377544  // sd of U(-0.5, 0.5) is 1/sqrt(12)
        // Inactive markets hold zero sales and profit (set when a market is left).
        for j in store.marketsActiveAtStepStart(firm: i) {
            let mode = Int(store.mode[base + j])
            guard mode > 0 else { continue }
            if mode == 4 && !plantsCounted {
                plantShare = offshoreSharePerPlant(plants: 1 + plantsElsewhere(firm: i, market: j))
                plantsCounted = true
            }
            var p = store.penetration[base + j]
            p += rates.penetrationStep * (rates.modes.reach[mode] - p)
            store.penetration[base + j] = p
            let appeal = store.trueAppeal[base + j]
            var sales = potentialBase * marketSize[j] * demand[j] * appeal * p
            if mode == 1 && !rng.bernoulli(rates.modes.irregularSaleProbability) { sales = 0 }
            let isPartnered = store.partnered[base + j]
            var gross = sales * marginShare(mode: mode, market: j)
            if isPartnered { gross *= 1 - partnerShare }
            var marketProfit = gross - fixedCost(mode: mode, partnered: isPartnered)
            if mode == 4 { marketProfit += offshoringSaving(homeSales: home, share: plantShare, market: j) }
            store.marketSales[base + j] = sales
            store.stepSales[base + j] = sales
            store.marketProfit[base + j] = marketProfit
            profit += marketProfit
            store.stepsInMode[base + j] += 1

            // Learning about appeal from experience (Beta counts, one observation a year).
            let signal = min(1, max(0, appeal + noise * (rng.nextDouble() - 0.5)))
            store.beliefAppeal[base + j] += signal * rates.dt
            store.beliefWeight[base + j] += rates.dt

            scratch.foreignSales += sales
            if marketRegion[j] == 0 { scratch.homeRegionSales += sales }
            if mode >= 3 { scratch.deepOperations += 1 }
            if mode == 4 {
                scratch.productionAbroadSales += sales + plantShare * home
                scratch.productionAbroadCount += 1
            }
        }

        scratch.plantShare = plantShare
        if model.operations.overload && scratch.deepOperations > 0 {
            let capacity = 1 + model.operations.capacityPerLogEmployees * logWorkforce(firm: i)
                + model.operations.capacityPerInterface * Double(scratch.internationalPartners)
            let demandOnManagement = coordinationDemand[scratch.deepOperations]
            scratch.coordinationCost = model.operations.coordinationCost * demandOnManagement / capacity
            scratch.overload = max(0, demandOnManagement / capacity - 1)
            profit -= scratch.coordinationCost
        }
        scratch.operatingProfit = profit
    }
}
