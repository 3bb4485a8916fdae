/// Opportunism in partnered operations (seed 004): a partner co-operates only in
/// appearance, takes an excessive share of joint profits, over-exploits joint resources or
/// appropriates the firm's know-how. The hazard falls with trust; each event costs part of
/// the operation's yearly gross profit and trust; below a trust floor the firm ends the
/// partnership and steps back to exporting through an agent.
extension FirmStepContext {
    mutating func faceOpportunism(firm i: Int, rng: inout RandomStream, events: inout [FirmEvent]) {
        let parameters = scenario.model.opportunism
        guard parameters.enabled, scratch.deepOperations > 0 else { return }
        let J = marketCount
        let base = i * J
        for j in 0..<J where store.partnered[base + j] && store.mode[base + j] >= 3 {
            let trust = store.trust[base + j]
            let hazard = parameters.baseRate * (1 - trust)
            guard rng.bernoulli(rates.clock.stepProbability(hazard: hazard)) else { continue }
            let mode = Int(store.mode[base + j])
            let kind = EventCause.opportunismKinds[Choice.weighted(parameters.kindWeights, rng: &rng)]
            let gross = max(0, store.marketSales[base + j] * marginShare(mode: mode, market: j))
            let cost = parameters.profitLossShare * gross
            scratch.incidents += cost
            store.marketProfit[base + j] -= cost
            let newTrust = max(0, trust - parameters.trustLoss)
            store.trust[base + j] = newTrust
            if kind == .appropriation {
                // Know-how walks out with the partner: part of the market knowledge is lost.
                store.marketKnowledge[base + j] *= 0.8
            }
            events.append(FirmEvent(firm: i, step: step, market: j, kind: .opportunism, cause: kind,
                                    fromMode: mode, toMode: mode, value: cost, partnered: true))
            if newTrust < parameters.exitTrust {
                setMode(firm: i, market: j, to: 2, partnered: false)
                events.append(FirmEvent(firm: i, step: step, market: j, kind: .downgrade, cause: .partnerOpportunism,
                                        fromMode: mode, toMode: 2, value: 0, partnered: true))
            }
        }
    }
}
