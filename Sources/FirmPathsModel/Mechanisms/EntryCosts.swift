/// The one-off cost of entering a market or climbing to a deeper mode (the impediment of the
/// marginal analysis, seed 001).
///
/// Cost = entryCostByMode[M] x (1 - export promotion, for modes 1-2) x (partner's share, when
/// partnered) x (1 - costCutByKnowledge K_I)(1 - costCutByTies T_j) x (1 + entryCostDistanceWeight PD_j).
/// The last factor makes entry dearer in distant markets: finding customers and agents,
/// adapting the product and learning the institutions cost more where the market is unlike home
/// (Johanson & Vahlne 1977, psychic distance; market-specific fixed costs of entry rising with
/// distance, Eaton, Kortum & Kramarz 2011). Perceived distance is used (the mean when
/// `psychicDistance.enabled` is false).
extension FirmStepContext {
    /// One-off cost of moving market j to `mode`, after policy support, knowledge, ties and distance.
    @inline(__always)
    func commitmentCost(firm i: Int, market j: Int, mode: Int, partnered: Bool) -> Double {
        let index = i * marketCount + j
        var cost = rates.modes.entryCost[mode]
        if mode <= 2 { cost *= 1 - min(max(scenario.policy.exportPromotion, 0), 1) }
        if partnered { cost *= rates.modes.partneredEntryFactor }
        cost *= (1 - model.decisions.costCutByKnowledge * store.generalKnowledge[i]) * (1 - model.decisions.costCutByTies * store.foreignTie[index])
        cost *= 1 + model.decisions.entryCostDistanceWeight * psychicDistance[j]
        return max(0, cost)
    }
}
