/// Backsourcing (seed 002; Kinkel & Maloca): production abroad relocated home.
///
/// Relocation answers problems of the production site, not weak foreign demand (which
/// ordinary de-commitment handles). Three reasons, checked in order: the plant keeps losing
/// money after surprises abroad (the event's cause is the kind of the last surprise); its cost advantage
/// has eroded (a market that started with one whose costs converged on home costs); a
/// scheduled home crisis leaves home capacity idle. The firm keeps serving the market by export (the retained mode) and
/// pays a relocation cost. The event records the share of the firm's foreign production
/// capacity (by volume: the plant's local sales and the home production it took over) that
/// came home.
extension FirmStepContext {
    /// Relocates production in market j home when a reason applies; true when it did.
    mutating func backsource(firm i: Int, market j: Int, rng: inout RandomStream, events: inout [FirmEvent]) -> Bool {
        guard model.backsourcing.enabled else { return false }
        let base = i * marketCount
        var reason = EventCause.none
        let lastSurprise = Int(store.lastSurpriseStep[base + j])
        if store.lossSteps[base + j] >= rates.backsourceLossSteps, lastSurprise >= 0,
           step - lastSurprise <= Int(rates.backsourceLossSteps) {
            // Losses that surprises abroad brought on: the cause is the kind of the last one.
            reason = EventCause(rawValue: store.lastSurpriseKind[base + j]) ?? .losses
        } else if costLevel[j] > 1 - model.backsourcing.minCostAdvantage,
                  initialCostLevel[j] <= 1 - model.backsourcing.minCostAdvantage,
                  rng.bernoulli(rates.clock.stepProbability(hazard: model.backsourcing.erosionRate)) {
            reason = .costErosion
        } else if homeCrisisScheduled,
                  rng.bernoulli(rates.clock.stepProbability(hazard: model.backsourcing.idleCapacityRate)) {
            reason = .homeIdleCapacity
        }
        guard reason != .none else { return false }

        // Capacity as operated in this step: local sales plus the home production it took over.
        let sales = store.marketSales[base + j] + scratch.plantShare * scratch.homeSales
        let capacityShare: Double
        if scratch.productionAbroadSales > 0 {
            capacityShare = sales / scratch.productionAbroadSales
        } else {
            capacityShare = 1 / Double(max(1, scratch.productionAbroadCount))
        }
        let cost = model.backsourcing.relocationCostShare * rates.modes.entryCost[4]
        scratch.investment += cost
        let retained = min(max(model.backsourcing.retainedMode, 0), 3)
        let wasPartnered = store.partnered[base + j]
        setMode(firm: i, market: j, to: retained, partnered: false)
        scratch.productionAbroadSales -= sales
        scratch.productionAbroadCount -= 1
        events.append(FirmEvent(firm: i, step: step, market: j, kind: .backsource, cause: reason,
                                fromMode: 4, toMode: retained, value: min(1, max(0, capacityShare)), partnered: wasPartnered))
        return true
    }
}
