/// De-commitment with hysteresis (seed 002: alternation; Uppsala: commitment decisions run
/// both ways).
///
/// A market is in the exit band when its yearly profit is below -exitBand x its fixed
/// cost. Profit must turn positive to clear the record (the gap between the bands is the
/// hysteresis that keeps firms from flickering in and out). After `exitYears` in the band
/// the firm steps down one mode when the lower mode would pay (alternation), or leaves.
/// Production abroad is handled by backsourcing first (see `Backsourcing.swift`).
extension FirmStepContext {
    mutating func decommit(firm i: Int, rng: inout RandomStream, events: inout [FirmEvent]) {
        let J = marketCount
        let base = i * J
        for j in store.marketsActiveAtStepStart(firm: i) {
            let mode = Int(store.mode[base + j])
            guard mode > 0 else { continue }
            let isPartnered = store.partnered[base + j]
            let profit = store.marketProfit[base + j]
            if profit < -model.decommitment.exitBand * fixedCost(mode: mode, partnered: isPartnered) {
                store.lossSteps[base + j] += 1
            } else if profit > 0 {
                store.lossSteps[base + j] = 0
            }
            if mode == 4, backsource(firm: i, market: j, rng: &rng, events: &events) { continue }
            // Export relationships (orders at mode 1, an agent at mode 2) may end (ExportRelationships.swift).
            if mode <= 2, exportRelationshipEnds(firm: i, market: j, mode: mode, profit: profit, rng: &rng, events: &events) {
                continue
            }
            guard model.decommitment.enabled, store.lossSteps[base + j] >= rates.exitSteps else { continue }

            let target: Int
            if model.decommitment.alternation && mode >= 2 && expectedProfit(firm: i, market: j, mode: mode - 1,
                                                                      partnered: false, penetration: nil) > 0 {
                target = mode - 1
            } else {
                target = 0
            }
            setMode(firm: i, market: j, to: target, partnered: false)
            events.append(FirmEvent(firm: i, step: step, market: j, kind: target == 0 ? .exit : .downgrade,
                                    cause: .losses, fromMode: mode, toMode: target, value: profit, partnered: isPartnered))
        }
    }
}
