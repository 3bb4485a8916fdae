/// Surprises abroad (seed 002): in operations of mode >= 3 the firm meets the unexpected:
/// the cost situation, the organisation, the staff, a breach of trust, a missing supplier
/// network, an opaque cultural or political background. The yearly hazard falls with
/// market knowledge and trust and rises with coordination overload; each surprise costs
/// money and trust.
extension FirmStepContext {
    mutating func faceSurprises(firm i: Int, rng: inout RandomStream, events: inout [FirmEvent]) {
        guard model.surprises.enabled, scratch.deepOperations > 0 else { return }
        let J = marketCount
        let base = i * J
        for j in store.marketsActiveAtStepStart(firm: i) {
            let mode = Int(store.mode[base + j])
            guard mode >= 3 else { continue }
            let knowledge = store.marketKnowledge[base + j]
            let trust = store.trust[base + j]
            let hazard = model.surprises.baseRate * (1 - model.surprises.knowledgeProtection * knowledge)
                * (1 - model.surprises.trustProtection * trust) * (1 + model.surprises.overloadEffect * scratch.overload)
            guard rng.occurs(hazard: hazard, clock: rates.clock) else {
                store.trust[base + j] = trust + rates.trustGrowth * (1 - trust)
                continue
            }
            let kind = EventCause.surpriseKinds[Choice.weighted(model.surprises.kindWeights, rng: &rng)]
            let cost = model.surprises.costFactor * fixedCost(mode: mode, partnered: store.partnered[base + j]) * (0.5 + rng.nextDouble())
            scratch.incidents += cost
            store.marketProfit[base + j] -= cost
            store.trust[base + j] = max(0, trust - model.surprises.trustLoss)
            store.lastSurpriseStep[base + j] = Int32(step)
            store.lastSurpriseKind[base + j] = kind.rawValue
            events.append(FirmEvent(firm: i, step: step, market: j, kind: .surprise, cause: kind,
                                    fromMode: mode, toMode: mode, value: cost, partnered: store.partnered[base + j]))
        }
    }
}

/// Weighted choices from the firm's own stream.
enum Choice {
    /// Index drawn with probability proportional to `weights` (the last index if all are 0).
    static func weighted(_ weights: [Double], rng: inout RandomStream) -> Int {
        let total = weights.reduce(0) { $0 + max(0, $1) }
        guard total > 0 else { return max(0, weights.count - 1) }
        var u = rng.nextDouble() * total
        for (index, w) in weights.enumerated() {
            u -= max(0, w)
            if u < 0 { return index }
        }
        return weights.count - 1
    }
}
