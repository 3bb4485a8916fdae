/// Knowledge and the learning loop (Uppsala; seed 000, seed 002).
///
/// Market knowledge K_j grows with activity in j, faster in deeper modes, by transfer from
/// the firm's other active markets (more from the same region), and by spill-over from
/// partners active in j; it fades where the firm is not active (experience effects fade
/// within one or two years). Internationalization knowledge K_I, general and
/// transferable, grows with the number of active markets and with founder experience.
extension FirmStepContext {
    mutating func learn(firm i: Int) {
        let J = marketCount
        let base = i * J
        let learning = store.learningCapacity[i]
        for r in 0..<regionCount {
            regionKnowledge[r] = 0
            regionActive[r] = 0
        }
        var active = 0
        for j in store.marketsActiveAtStepStart(firm: i) {
            regionKnowledge[marketRegion[j]] += store.marketKnowledge[base + j]
            regionActive[marketRegion[j]] += 1
            active += 1
        }
        var totalKnowledge = 0.0
        for r in 0..<regionCount { totalKnowledge += regionKnowledge[r] }
        // Transfer into a market the firm is not active in: the mean knowledge of its active
        // markets in the same region plus a weight of those elsewhere, computed once per region.
        // (For an active market its own knowledge is left out of the mean, below.)
        let transfer = rates.transfer * learning
        let cross = rates.crossRegionWeight
        if active > 0 {
            for r in 0..<regionCount {
                let same = regionActive[r] > 0 ? regionKnowledge[r] / regionActive[r] : 0
                let otherCount = Double(active) - regionActive[r]
                let other = otherCount > 0 ? (totalKnowledge - regionKnowledge[r]) / otherCount : 0
                regionTransfer[r] = transfer * (same + cross * other)
            }
        }
        let retention = rates.knowledgeRetention
        let spillover = rates.spillover * learning
        let knowledgeColumn = store.marketKnowledge.base + base
        let tieColumn = store.foreignTie.base + base
        let modeColumn = store.mode.base + base
        var knowledgeSum = 0.0
        var tieSum = 0.0

        // One pass over the markets updates knowledge and, fused here for speed, the foreign
        // ties of `Network.swift` (each market's tie reads only its own state).
        if active == 0 {
            // Nothing to learn from: knowledge fades, partners may still spill some over.
            for j in 0..<J {
                let partners = presence[j]
                let tie = tieRates.next(tieColumn[j], mode: 0, partnerPresence: partners)
                tieColumn[j] = tie
                tieSum += tie
                var k = knowledgeColumn[j] * retention
                if partners > 0 { k = min(1, k + spillover * min(1, partners) * (1 - k)) }
                knowledgeColumn[j] = k
                knowledgeSum += k
            }
        } else {
            for j in 0..<J {
                var k = knowledgeColumn[j]
                let mode = Int(modeColumn[j])
                let partners = presence[j]
                let tie = tieRates.next(tieColumn[j], mode: mode, partnerPresence: partners)
                tieColumn[j] = tie
                tieSum += tie
                let r = marketRegion[j]
                let transferIn: Double
                if mode > 0 {
                    let sameCount = regionActive[r] - 1
                    let otherCount = Double(active) - regionActive[r]
                    let same = sameCount > 0 ? (regionKnowledge[r] - k) / sameCount : 0
                    let other = otherCount > 0 ? (totalKnowledge - regionKnowledge[r]) / otherCount : 0
                    transferIn = transfer * (same + cross * other)
                    k += knowledgeGain[mode] * (1 - k) * learning
                } else {
                    transferIn = regionTransfer[r]
                    k *= retention
                }
                k += transferIn * (1 - k)
                if partners > 0 { k += spillover * min(1, partners) * (1 - k) }
                k = min(1, max(0, k))
                knowledgeColumn[j] = k
                knowledgeSum += k
            }
        }
        scratch.activeMarkets = active
        scratch.knowledgeSum = knowledgeSum
        scratch.tieSum = tieSum

        var general = store.generalKnowledge[i]
        if active > 0 {
            general += rates.generalGainPerMarket * Double(active).squareRoot() * (1 - general) * learning
        } else {
            general *= rates.generalRetentionIdle
        }
        general += rates.generalGainFromExperience * store.founderExperience[i] * (1 - general)
        store.generalKnowledge[i] = min(1, max(0, general))
    }
}
