/// Opportunism in partnered operations (seed 004): a partner co-operates only in
/// appearance, takes an excessive share of joint profits, over-exploits joint resources or
/// appropriates the firm's know-how. The hazard falls with trust; each event costs part of
/// the operation's yearly gross profit and trust; below a trust floor the firm ends the
/// partnership and steps back to exporting through an agent.
extension FirmStepContext {
    mutating func faceOpportunism(firm i: Int, rng: inout RandomStream, events: inout [FirmEvent]) {
        guard model.opportunism.enabled, scratch.deepOperations > 0 else { return }
        let J = marketCount
        let base = i * J
        for j in store.marketsActiveAtStepStart(firm: i) where store.partnered[base + j] && store.mode[base + j] >= 3 {
            let trust = store.trust[base + j]
            let hazard = model.opportunism.baseRate * (1 - trust)
            guard rng.occurs(hazard: hazard, clock: rates.clock) else { continue }
            let mode = Int(store.mode[base + j])
            let kind = EventCause.opportunismKinds[Choice.weighted(model.opportunism.kindWeights, rng: &rng)]
            let gross = max(0, store.marketSales[base + j] * marginShare(mode: mode, market: j))
            let cost = model.opportunism.profitLossShare * gross
            scratch.incidents += cost
            store.marketProfit[base + j] -= cost
            let newTrust = max(0, trust - model.opportunism.trustLoss)
            store.trust[base + j] = newTrust
            if kind == .appropriation {
                // Know-how walks out with the partner: part of the market knowledge is lost.
                scratch.knowledgeSum -= 0.2 * store.marketKnowledge[base + j]
                store.marketKnowledge[base + j] *= 0.8
            }
            events.append(FirmEvent(firm: i, step: step, market: j, kind: .opportunism, cause: kind,
                                    fromMode: mode, toMode: mode, value: cost, partnered: true))
            if newTrust < model.opportunism.exitTrust {
                setMode(firm: i, market: j, to: 2, partnered: false)
                events.append(FirmEvent(firm: i, step: step, market: j, kind: .downgrade, cause: .partnerOpportunism,
                                        fromMode: mode, toMode: 2, value: 0, partnered: true))
            }
        }
    }
}
