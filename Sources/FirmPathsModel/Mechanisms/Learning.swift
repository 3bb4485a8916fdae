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
        for j in 0..<J where store.mode[base + j] > 0 {
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
        let gains = rates.knowledgeGain
        let retention = rates.knowledgeRetention
        let spillover = rates.spillover * learning

        for j in 0..<J {
            var k = store.marketKnowledge[base + j]
            let mode = Int(store.mode[base + j])
            var transferIn = 0.0
            if active > 0 {
                let r = marketRegion[j]
                if mode > 0 {
                    let sameCount = regionActive[r] - 1
                    let otherCount = Double(active) - regionActive[r]
                    let same = sameCount > 0 ? (regionKnowledge[r] - k) / sameCount : 0
                    let other = otherCount > 0 ? (totalKnowledge - regionKnowledge[r]) / otherCount : 0
                    transferIn = transfer * (same + cross * other)
                } else {
                    transferIn = regionTransfer[r]
                }
            }
            if mode > 0 {
                k += gains[mode] * (1 - k) * learning
            } else {
                k *= retention
            }
            k += transferIn * (1 - k)
            let partners = presence[j]
            if partners > 0 { k += spillover * min(1, partners) * (1 - k) }
            store.marketKnowledge[base + j] = min(1, max(0, k))
        }

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
