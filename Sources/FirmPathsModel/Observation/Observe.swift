/// Observation at the end of a firm's step (design brief section 3.3).
///
/// - Foreign share FS and home-region share HR of the step's sales.
/// - Firm internationalization D_f = 0.5 FS + 0.5 (regions served / regions).
/// - Network internationalization D_m = w x mean partner D_f + (1 - w) x min(1, sum T_j / saturation).
/// - Johanson-Mattsson quadrant from D_f and D_m.
/// - I-model stage from the regularity and ratio of exports over the last year.
/// - Dollinger stage from the modes held.
/// The step's sales are also added to the firm's current firm-year, the record the
/// classifier reads.
extension FirmStepContext {
    mutating func observe(firm i: Int) {
        let J = marketCount
        let base = i * J
        let words = store.maskWords
        let s = rates.stepsPerYear
        let foreign = scratch.foreignSales * rates.dt
        let total = (scratch.homeSales + scratch.foreignSales) * rates.dt

        // Firm-year record (sales of the step, also in the step the firm dies).
        let firmYear = (step - Int(store.foundedStep[i])) / s
        var marketsActive = 0
        var maxMode = 0
        var deep = 0
        let knowledgeSum = scratch.knowledgeSum
        let tieSum = scratch.tieSum
        var regionsMask: UInt64 = 0
        var agentMarkets = 0
        var productionRegions: UInt64 = 0
        // Only a market active at the step start or entered in it can hold a mode, and the mask
        // has no other bits set: it is rewritten in place, market by market.
        for j in store.marketsActiveOrEntered(firm: i, entered: scratch.enteredMarket) {
            let bit: UInt64 = 1 << UInt64(j % 64)
            let mode = Int(store.mode[base + j])
            guard mode > 0 else {
                store.currentMask[i * words + j / 64] &= ~bit
                continue
            }
            marketsActive += 1
            maxMode = max(maxMode, mode)
            let regionBit: UInt64 = 1 << UInt64(min(marketRegion[j], 63))
            regionsMask |= regionBit
            if mode == 2 { agentMarkets += 1 }
            if mode >= 3 { deep += 1 }
            if mode == 4 { productionRegions |= regionBit }
            store.currentMask[i * words + j / 64] |= bit
        }
        // (nonzeroBitCount is a dozen instructions on a CPU baseline without popcnt; many firms
        // serve no region abroad, and most hold no plant.)
        let regionsServed = regionsMask == 0 ? 0 : regionsMask.nonzeroBitCount
        if firmYear < store.years {
            let y = i * store.years + firmYear
            // Accumulated in the firm's open record (FirmStore.swift), written through: the
            // yearly columns start at 0 like a fresh record and are never read here.
            var open = store.openYear[i]
            if open.year != Int32(firmYear) { open = OpenFirmYear(year: Int32(firmYear)) }
            open.foreignSales += foreign
            open.totalSales += total
            open.homeRegionSales += scratch.homeRegionSales * rates.dt
            open.maxMode = max(open.maxMode, Int8(maxMode))
            open.markets = max(open.markets, Int16(marketsActive))
            open.regions = max(open.regions, Int16(regionsServed))
            open.deepOperations = max(open.deepOperations, Int16(deep))
            store.openYear[i] = open
            store.yearForeignSales[y] = open.foreignSales
            store.yearTotalSales[y] = open.totalSales
            store.yearHomeRegionSales[y] = open.homeRegionSales
            store.yearMaxMode[y] = open.maxMode
            store.yearMarkets[y] = open.markets
            store.yearRegions[y] = open.regions
            store.yearDeepOperations[y] = open.deepOperations
            store.yearsRecorded[i] = Int32(firmYear + 1)
        }

        // Rolling year of exports for the I-model.
        let slot = i * s + step % s
        store.ringForeign[slot] = foreign
        store.ringTotal[slot] = total
        let windowMask: UInt32 = s >= 32 ? UInt32.max : (UInt32(1) << UInt32(s)) - 1
        store.exportHistory[i] = ((store.exportHistory[i] << 1) | (foreign > 0 ? 1 : 0)) & windowMask

        guard store.alive[i] else {
            store.revenue[i] = 0
            store.foreignShare[i] = 0
            store.homeRegionShare[i] = 0
            store.marketsActive[i] = 0
            store.maxMode[i] = 0
            store.firmInternationalization[i] = 0
            for w in 0..<words { store.currentMask[i * words + w] = 0 }
            return
        }

        let fs = total > 0 ? foreign / total : 0
        let hr = scratch.foreignSales > 0 ? scratch.homeRegionSales / scratch.foreignSales : 0
        store.revenue[i] = scratch.homeSales + scratch.foreignSales
        store.foreignShare[i] = fs
        store.homeRegionShare[i] = hr
        store.marketsActive[i] = Int16(marketsActive)
        store.maxMode[i] = Int8(maxMode)
        store.meanMarketKnowledge[i] = J > 0 ? knowledgeSum / Double(J) : 0
        let df = 0.5 * fs + 0.5 * Double(regionsServed) / Double(regionCount)
        store.firmInternationalization[i] = df
        let tieIndex = min(1, tieSum / max(model.network.tieSaturation, 1e-9))
        let dm = model.network.partnerWeight * scratch.partnerInternationalization + (1 - model.network.partnerWeight) * tieIndex
        store.networkInternationalization[i] = dm
        store.jmQuadrant[i] = JMQuadrant.classify(firm: df, network: dm, threshold: model.observation.jmThreshold).rawValue

        // I-model: exports in every step of the last year and a ratio above the threshold.
        let history = store.exportHistory[i]
        var yearForeign = 0.0, yearTotal = 0.0
        if history == windowMask {
            for k in 0..<s {
                yearForeign += store.ringForeign[i * s + k]
                yearTotal += store.ringTotal[i * s + k]
            }
        }
        let stage: IModelStage
        if history == 0 {
            stage = .preExport
        } else if history == windowMask && yearTotal > 0 && yearForeign / yearTotal >= model.observation.advancedExportShare {
            stage = .advancedExport
        } else {
            stage = .exportTrial
        }
        store.imodelStage[i] = stage.rawValue

        let dollinger: DollingerStage
        if productionRegions != 0 && productionRegions.nonzeroBitCount >= max(1, model.observation.transnationalRegions) {
            dollinger = .transnational
        } else if productionRegions != 0 {
            dollinger = .productionAbroad
        } else if deep > 0 {
            dollinger = .salesBranches
        } else if agentMarkets >= model.observation.exportDepartmentMarkets {
            dollinger = .exportDepartment
        } else if agentMarkets > 0 {
            dollinger = .exportManagement
        } else if marketsActive > 0 {
            dollinger = .passiveExporting
        } else {
            dollinger = .domestic
        }
        store.dollingerStage[i] = dollinger.rawValue
    }
}
