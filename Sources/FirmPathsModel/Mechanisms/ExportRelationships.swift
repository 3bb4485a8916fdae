/// Export relationships end (Eaton, Eslava, Kugler & Tybout 2008; Esteve-Perez,
/// Requena-Silvente & Pallardo-Lopez 2013).
///
/// An export operation rests on relationships with foreign buyers: occasional orders at mode 1,
/// one agent or distributor at mode 2. Most new exporter-importer relationships end within a
/// year or two, and the hazard of ending falls with the relationship's tenure; those whose
/// products sell stay and grow. The yearly hazard is the mode's rate x (1 - true appeal of the
/// product in the market) x (1 - K_j): it falls as the firm learns the market (K_j grows with
/// tenure) and is low where the product appeals. In the relationship's first `trialYears` (a new
/// mode-1 or mode-2 operation; a climb from mode 1 to 2 starts a new relationship with an agent)
/// the hazard has the extra term `trialEndRate x (1 - appeal)`: buyers try a new supplier before
/// committing to it (Rauch & Watson 2003), so most relationships that fail, fail early. When the relationship ends, the firm leaves
/// the market (cause `orders_ended`); it may come back through a later opportunity.
/// Deeper modes (own subsidiary, plant) do not depend on one buyer and are left to the loss
/// rule (`Decommitment.swift`).
extension FirmStepContext {
    /// Yearly hazard that the export relationship of `mode` in market j ends.
    @inline(__always)
    func relationshipEndHazard(firm i: Int, market j: Int, mode: Int) -> Double {
        let rate: Double
        switch mode {
        case 1: rate = model.decommitment.irregularEndRate
        case 2: rate = model.decommitment.agentEndRate
        default: return 0
        }
        let index = i * marketCount + j
        let misfit = 1 - store.trueAppeal[index]
        var hazard = rate * misfit * (1 - store.marketKnowledge[index])
        // Trial period: a new buyer or distributor tries the product first; within the first
        // `trialYears` of the relationship a product that does not sell is dropped at the extra
        // rate `trialEndRate x (1 - appeal)` (Rauch & Watson 2003, starting small; Eaton et al. 2008).
        if store.stepsInMode[index] <= rates.trialSteps {
            hazard += model.decommitment.trialEndRate * misfit
        }
        return hazard
    }

    /// Draws whether the export relationship in market j ends this step; if so the firm leaves
    /// the market and the event is recorded. True when it ended.
    mutating func exportRelationshipEnds(firm i: Int, market j: Int, mode: Int, profit: Double,
                                         rng: inout RandomStream, events: inout [FirmEvent]) -> Bool {
        let hazard = relationshipEndHazard(firm: i, market: j, mode: mode)
        guard hazard > 0, rng.occurs(hazard: hazard, clock: rates.clock) else { return false }
        setMode(firm: i, market: j, to: 0, partnered: false)
        events.append(FirmEvent(firm: i, step: step, market: j, kind: .exit, cause: .ordersEnded,
                                fromMode: mode, toMode: 0, value: profit))
        return true
    }
}
