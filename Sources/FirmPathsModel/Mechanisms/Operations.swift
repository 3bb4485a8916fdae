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
        let ops = scenario.model.operations
        let scale = _pow(store.employees[i] / 20, ops.foreignScaleExponent)
        var factor = ops.foreignPotential * store.productivity[i] * scale * (1 + ops.nicheForeignBoost * store.niche[i])
        if scenario.model.innovation.enabled {
            factor *= 1 + scenario.model.innovation.foreignAppealEffect * store.innovation[i]
        }
        return factor
    }

    /// Gross margin share of sales in market j under `mode`.
    @inline(__always)
    func marginShare(mode: Int, market j: Int) -> Double {
        let e = scenario.model.establishment
        let ops = scenario.model.operations
        guard mode > 0 else { return 0 }
        let unitCost = ops.baseCostShare * (mode == 4 ? costLevel[j] : 1)
        return 1 - unitCost - e.tradeCostByMode[mode] - e.distanceCostByMode[mode] * psychicDistance[j]
    }

    /// Yearly saving from producing `share` of home sales in market j's plant instead of at
    /// home: the unit cost gap less transport (negative once costs have converged).
    @inline(__always)
    func offshoringSaving(homeSales: Double, share: Double, market j: Int) -> Double {
        let ops = scenario.model.operations
        let gap = ops.baseCostShare * (1 - costLevel[j]) - ops.offshoreTransportCost * (1 + psychicDistance[j])
        return share * homeSales * gap
    }

    /// Share of home production each plant abroad takes over when there are `plants`.
    @inline(__always)
    func offshoreSharePerPlant(plants: Int) -> Double {
        let ops = scenario.model.operations
        return plants > 0 ? min(ops.offshoreShare, ops.maxOffshoreShare / Double(plants)) : 0
    }

    /// Yearly fixed cost of `mode`, reduced for a partnered operation.
    @inline(__always)
    func fixedCost(mode: Int, partnered: Bool) -> Double {
        let cost = scenario.model.establishment.fixedCostByMode[mode]
        return partnered ? cost * scenario.model.establishment.partnered.fixedCostFactor : cost
    }

    mutating func operate(firm i: Int, rng: inout RandomStream) {
        let J = marketCount
        let base = i * J
        let ops = scenario.model.operations
        let establishment = scenario.model.establishment
        let innovationOn = scenario.model.innovation.enabled

        var home = ops.homeSalesPerEmployee * store.employees[i] * store.productivity[i]
            * (1 - ops.nicheHomeShrink * store.niche[i]) * _exp(homeLogDemand)
        if innovationOn { home *= 1 + scenario.model.innovation.homeSalesEffect * store.innovation[i] }
        scratch.homeSales = home
        // Overhead was set at founding; it grows with the workforce.
        let overhead = store.homeOverhead[i] * store.employees[i] / max(store.initialEmployees[i], 1e-9)
        var profit = home * (1 - ops.baseCostShare) - overhead

        let potentialBase = potentialFactor(firm: i)
        scratch.potentialFactor = potentialBase
        var plants = 0
        for j in 0..<J where store.mode[base + j] == 4 { plants += 1 }
        let plantShare = offshoreSharePerPlant(plants: plants)
        scratch.plantShare = plantShare
        let partnerShare = establishment.partnered.partnerProfitShare
        let noise = ops.appealSignalNoise * 3.4641016151377544  // sd of U(-0.5, 0.5) is 1/sqrt(12)
        for j in 0..<J {
            let mode = Int(store.mode[base + j])
            guard mode > 0 else {
                store.marketSales[base + j] = 0
                store.marketProfit[base + j] = 0
                continue
            }
            var p = store.penetration[base + j]
            p += rates.penetrationStep * (establishment.reachByMode[mode] - p)
            store.penetration[base + j] = p
            let appeal = store.trueAppeal[base + j]
            var sales = potentialBase * marketSize[j] * demand[j] * appeal * p
            if mode == 1 && !rng.bernoulli(establishment.irregularSaleProbability) { sales = 0 }
            let isPartnered = store.partnered[base + j]
            var gross = sales * marginShare(mode: mode, market: j)
            if isPartnered { gross *= 1 - partnerShare }
            var marketProfit = gross - fixedCost(mode: mode, partnered: isPartnered)
            if mode == 4 { marketProfit += offshoringSaving(homeSales: home, share: plantShare, market: j) }
            store.marketSales[base + j] = sales
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

        let capacity = 1 + ops.capacityPerLogEmployees * _log(1 + store.employees[i] / 10)
            + ops.capacityPerInterface * Double(scratch.internationalPartners)
        scratch.managementCapacity = capacity
        if ops.overload && scratch.deepOperations > 0 {
            let demandOnManagement = _pow(Double(scratch.deepOperations), ops.coordinationExponent)
            scratch.coordinationCost = ops.coordinationCost * demandOnManagement / capacity
            scratch.overload = max(0, demandOnManagement / capacity - 1)
            profit -= scratch.coordinationCost
        }
        scratch.operatingProfit = profit
    }
}
