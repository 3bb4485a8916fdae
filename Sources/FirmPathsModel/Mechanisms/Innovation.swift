/// Innovation in both directions, and the drain (seed 003).
///
/// An R&D share of positive profit raises the innovation stock I (more under innovation
/// support); I raises the firm's appeal abroad (innovation enables internationalization)
/// and at home; active foreign markets feed ideas back into I in proportion to what the
/// firm knows there (internationalization brings innovation). When an expansion leaves
/// cash below the reserve, R&D is cut in that step: export spending drains R&D.
extension FirmStepContext {
    mutating func innovate(firm i: Int, events: inout [FirmEvent]) {
        guard model.innovation.enabled else { return }
        var spending = model.innovation.rdShareOfProfit * max(0, scratch.operatingProfit)  // yearly rate
        if model.innovation.drain && scratch.expanded && spending > 0 {
            let cashAfter = store.cash[i] + scratch.operatingProfit * rates.dt - scratch.investment - scratch.incidents
            if cashAfter < model.decisions.cashReserveShare * yearlyRevenue {
                events.append(FirmEvent(firm: i, step: step, market: -1, kind: .rdCut, cause: .exportDrain,
                                        fromMode: 0, toMode: 0, value: spending * rates.dt))
                spending = 0
            }
        }
        scratch.rnd = spending * rates.dt
        let support = min(max(scenario.policy.innovationSupport, 0), 0.95)
        let effective = spending / (1 - support)
        var ideas = 0.0
        let base = i * marketCount
        // Only markets active at the step start or entered in it can hold a mode: visiting them
        // in ascending order adds the same terms in the same order as a pass over all J.
        for j in store.marketsActiveOrEntered(firm: i, entered: scratch.enteredMarket) where store.mode[base + j] > 0 {
            ideas += store.marketKnowledge[base + j]
        }
        var stock = store.innovation[i]
        stock += (effective / max(model.innovation.rdScale, 1e-9)) * (1 - stock) * rates.dt
        stock += model.innovation.ideasPerForeignMarket * ideas * (1 - stock) * rates.dt
        stock -= model.innovation.depreciation * stock * rates.dt
        store.innovation[i] = min(1, max(0, stock))
    }
}
