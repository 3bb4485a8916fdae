/// Commitment decisions along the establishment chain (Uppsala; Buckley & Casson; seed 000
/// resources; seed 004 co-operative entry).
///
/// - Entry: an opportunity in a market where the firm is not active is appraised for
///   modes 1 and 2 when its effective knowledge K_j + w K_I reaches the mode's threshold;
///   for mode 3 and 4 only when the firm may skip stages: resources wK K_I + wT T_j + wG G
///   + wS size above a threshold (the resource-based account of born globals), which also
///   lifts the knowledge requirement. Partnered entry (mode 3) needs stage skipping enabled
///   and a strong tie. The best allowed mode with positive value is taken.
/// - Upgrade: one mode at a time, when the firm has spent the minimum time in its mode, its
///   effective knowledge passes the next mode's threshold and the margin gained on the
///   volume the next mode would handle (plus the home production a plant would take over)
///   covers the upgrade band x the extra fixed cost; the step must then pass the same
///   marginal analysis and risk rule. At most one upgrade per step.
/// - Crisis rule (seed 003): in a home crisis a firm that protects R&D freezes expansion and
///   leaves its loss-making export markets.
extension FirmStepContext {
    /// Sets a market's mode, resetting the clocks of the new mode.
    mutating func setMode(firm i: Int, market j: Int, to mode: Int, partnered: Bool) {
        let index = i * marketCount + j
        store.mode[index] = Int8(mode)
        store.partnered[index] = partnered && mode == 3
        store.stepsInMode[index] = 0
        store.lossSteps[index] = 0
        if mode == 0 {
            store.sunkCommitment[index] = 0
            store.penetration[index] = 0
            store.marketSales[index] = 0
            store.marketProfit[index] = 0
        } else {
            store.everExported[index] = true
            store.penetration[index] = min(store.penetration[index], rates.modes.reach[mode])
        }
    }

    mutating func decide(firm i: Int, rng: inout RandomStream, events: inout [FirmEvent]) {
        let homeCrisis = homeCrisisScheduled || homeLogDemand < model.innovation.crisisLevel
        if model.innovation.enabled && homeCrisis && store.protectsRnD[i] {
            freezeExports(firm: i, events: &events)
            return
        }
        var riskInUse = 0.0
        if scratch.activeMarkets > 0 {
            riskInUse = currentRisk(firm: i)
            if upgradeBestMarket(firm: i, riskInUse: riskInUse, events: &events) {
                riskInUse = currentRisk(firm: i)
            }
        }
        guard let opportunity = drawOpportunity(firm: i, rng: &rng) else { return }
        let j = opportunity.market
        let index = i * marketCount + j
        if opportunity.trigger == .mainCustomer || opportunity.trigger == .unsolicitedOrder {
            // An order in hand tells the firm something true about its appeal there.
            let boost = model.opportunities.orderInHandBoost
            store.beliefAppeal[index] += boost * store.trueAppeal[index]
            store.beliefWeight[index] += boost
        }
        guard store.mode[index] == 0 else { return }
        enter(firm: i, market: j, trigger: opportunity.trigger, riskInUse: riskInUse, events: &events)
    }

    /// Knowledge counted against a mode's threshold: K_j + w K_I, at most 1.
    @inline(__always)
    func effectiveKnowledge(firm i: Int, market j: Int) -> Double {
        let weight = model.establishment.generalKnowledgeWeight
        return min(1, store.marketKnowledge[i * marketCount + j] + weight * store.generalKnowledge[i])
    }

    /// Crisis rule (seed 003): a firm that protects R&D freezes its exports: it leaves the
    /// export markets (modes 1-2) that lose money this step and takes on nothing new.
    mutating func freezeExports(firm i: Int, events: inout [FirmEvent]) {
        let base = i * marketCount
        for j in store.marketsActiveAtStepStart(firm: i) {
            let mode = Int(store.mode[base + j])
            guard mode == 1 || mode == 2, store.marketProfit[base + j] < 0 else { continue }
            let profit = store.marketProfit[base + j]
            setMode(firm: i, market: j, to: 0, partnered: false)
            events.append(FirmEvent(firm: i, step: step, market: j, kind: .exit, cause: .protectRnD,
                                    fromMode: mode, toMode: 0, value: profit))
        }
    }

    /// Resources for stage skipping (seed 000: resources explain skipped stages):
    /// wK K_I + wT T_j + wG G + wS size index.
    @inline(__always)
    mutating func skippingResources(firm i: Int, market j: Int) -> Double {
        let s = model.establishment.stageSkipping
        let size = min(1, logWorkforce(firm: i) / _log(26))
        return s.knowledgeWeight * store.generalKnowledge[i] + s.tieWeight * store.foreignTie[i * marketCount + j]
            + s.visionWeight * store.globalVision[i] + s.sizeWeight * size
    }

    mutating func enter(firm i: Int, market j: Int, trigger: EventCause, riskInUse: Double, events: inout [FirmEvent]) {
        let index = i * marketCount + j
        _ = foreignPotential(firm: i)  // read by the appraisals below (expectedProfit)
        // Uppsala: without the knowledge for a deeper commitment the firm starts small;
        // resource-rich firms may skip stages (and the knowledge requirement with them).
        let knowledge = effectiveKnowledge(firm: i, market: j)
        let skipping = model.establishment.stageSkipping.enabled && isInsider(firm: i, market: j)
            && skippingResources(firm: i, market: j) >= model.establishment.stageSkipping.resourceThreshold
        let partneredEntry = partneredEntryOpen(firm: i, market: j, knowledge: knowledge)
        // The candidates in a fixed order, modes 1, 2, 3, 4 and then partnered 3 (on equal values
        // the first wins), checked in place rather than collected in an array allocated per entry.
        var best: (mode: Int, partnered: Bool, value: Double, cost: Double)?
        for option in 0..<5 {
            let mode = option < 4 ? option + 1 : 3
            let partnered = option == 4
            let eligible: Bool
            switch option {
            case 0, 1: eligible = skipping || knowledge >= rates.modes.knowledgeThreshold[mode]
            case 2, 3: eligible = skipping
            default: eligible = partneredEntry
            }
            guard eligible else { continue }
            let appraisal = appraise(firm: i, market: j, from: 0, to: mode, partnered: partnered, riskInUse: riskInUse)
            guard appraisal.allowed else { continue }
            if best == nil || appraisal.value > best?.value ?? 0 {
                best = (mode, partnered, appraisal.value, appraisal.cost)
            }
        }
        guard let chosen = best else { return }
        setMode(firm: i, market: j, to: chosen.mode, partnered: chosen.partnered)
        store.sunkCommitment[index] = chosen.cost
        store.trust[index] = max(0.2, store.foreignTie[index])
        scratch.investment += chosen.cost
        scratch.expanded = true
        // One opportunity, hence at most one entry, per firm-step: observe, innovate and the plant
        // counts visit the markets active at the step start plus this one only.
        assert(scratch.enteredMarket < 0, "a second entry in one firm-step")
        scratch.enteredMarket = j
        events.append(FirmEvent(firm: i, step: step, market: j, kind: .enter, cause: trigger, fromMode: 0,
                                toMode: chosen.mode, value: chosen.cost, partnered: chosen.partnered))
    }

    /// Climbs one mode in the market where that is worth most; true when it did.
    mutating func upgradeBestMarket(firm i: Int, riskInUse: Double, events: inout [FirmEvent]) -> Bool {
        let base = i * marketCount
        var best: (market: Int, mode: Int, partnered: Bool, value: Double, cost: Double)?
        // Entries come after upgrades, so every market that may climb was active at the start.
        for j in store.marketsActiveAtStepStart(firm: i) {
            let mode = Int(store.mode[base + j])
            guard mode >= 1, mode < 4, store.stepsInMode[base + j] >= rates.minStepsInMode,
                  effectiveKnowledge(firm: i, market: j) >= rates.modes.knowledgeThreshold[mode + 1] else { continue }
            let next = mode + 1
            let currentPartnered = store.partnered[base + j]
            // Buckley & Casson: the volume the next mode would handle must pass its break-even
            // volume, where the margin gained on it pays for the extra fixed cost (times the band).
            // For a plant the volume includes the home production it would take over.
            let marginGain = marginShare(mode: next, market: j) - marginShare(mode: mode, market: j)
            let extraFixed = fixedCost(mode: next, partnered: false) - fixedCost(mode: mode, partnered: currentPartnered)
            let penetration = store.penetration[base + j]
            let servedDemand = penetration > 0.01 ? store.marketSales[base + j] / penetration : 0
            var marginOnVolume = servedDemand * rates.modes.reach[next] * marginGain
            if next == 4 {
                let plants = 1 + plantsElsewhere(firm: i, market: j)
                marginOnVolume += offshoringSaving(homeSales: scratch.homeSales, share: offshoreSharePerPlant(plants: plants), market: j)
            }
            let ownPays = marginOnVolume >= rates.modes.upgradeBand * max(0, extraFixed) && marginOnVolume > 0
            // A co-operation is tested on its own terms (Partnering.swift).
            let canPartner = next == 3 && partnerAvailable(firm: i, market: j)
                && partneredUpgradePays(firm: i, market: j, servedDemand: servedDemand, mode: mode)
            guard ownPays || canPartner else { continue }
            for option in 0..<2 {
                let partnered = option == 1
                guard partnered ? canPartner : ownPays else { continue }
                let appraisal = appraise(firm: i, market: j, from: mode, to: next, partnered: partnered, riskInUse: riskInUse)
                guard appraisal.allowed else { continue }
                if best == nil || appraisal.value > best?.value ?? 0 {
                    best = (j, next, partnered, appraisal.value, appraisal.cost)
                }
            }
        }
        guard let chosen = best else { return false }
        let index = base + chosen.market
        let from = Int(store.mode[index])
        setMode(firm: i, market: chosen.market, to: chosen.mode, partnered: chosen.partnered)
        store.sunkCommitment[index] += chosen.cost
        if chosen.partnered { store.trust[index] = max(store.trust[index], store.foreignTie[index]) }
        scratch.investment += chosen.cost
        scratch.expanded = true
        events.append(FirmEvent(firm: i, step: step, market: chosen.market, kind: .upgrade, cause: .volumeAboveBreakEven,
                                fromMode: from, toMode: chosen.mode, value: chosen.cost, partnered: chosen.partnered))
        return true
    }
}
