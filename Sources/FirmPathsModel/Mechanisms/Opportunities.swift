/// Opportunities and their triggers (seed 002; I-model push).
///
/// Opportunities arrive at yearly rates from five sources: coincidence (a base rate), own
/// search (scaled by alertness^a, alertness = 0.4 E + 0.4 G + 0.2 K_I, and by export promotion), the
/// main customer (domestic customers already abroad: follow the customer), supplier
/// contacts (suppliers already abroad), and unsolicited orders (more for niche and
/// innovative firms). An arrival lands on a market with weights for size, closeness
/// (1 - PD, with an aversion that global vision and experience K_I soften), the firm's ties and, when
/// following partners, where the partners are.
struct Opportunity {
    var market: Int
    var trigger: EventCause
}

extension FirmStepContext {
    mutating func drawOpportunity(firm i: Int, rng: inout RandomStream) -> Opportunity? {
        let o = scenario.model.opportunities
        let experience = store.founderExperience[i]
        let vision = store.globalVision[i]
        let alertness = 0.4 * experience + 0.4 * vision + 0.2 * store.generalKnowledge[i]
        let follow = o.followTheCustomer
        let coincidence = o.coincidenceRate
        let mainCustomer = follow ? o.mainCustomerRate * scratch.customerShareAbroad : 0
        let supplier = o.supplierRate * scratch.supplierShareAbroad
        let search = o.searchRate * _pow(alertness, o.searchAlertnessExponent)
            * (1 + scenario.policy.promotionSearchBoost * scenario.policy.exportPromotion)
        let unsolicited = o.unsolicitedOrderRate * (0.3 + store.niche[i] + store.innovation[i])
        let total = coincidence + mainCustomer + supplier + search + unsolicited
        guard marketCount > 0, rng.bernoulli(rates.clock.stepProbability(hazard: total)) else { return nil }
        var u = rng.nextDouble() * total
        let trigger: EventCause
        if u < coincidence {
            trigger = .coincidence
        } else if (u - coincidence) < mainCustomer {
            trigger = .mainCustomer
        } else if (u - coincidence - mainCustomer) < supplier {
            trigger = .supplier
        } else if (u - coincidence - mainCustomer - supplier) < search {
            trigger = .ownSearch
        } else {
            trigger = .unsolicitedOrder
        }

        // Where it lands.
        let J = marketCount
        let base = i * J
        let distance = scenario.model.psychicDistance
        let aversion = distance.distanceAversion * (1 - distance.visionDiscount * vision)
            * (1 - distance.experienceDiscount * store.generalKnowledge[i])
        var sum = 0.0
        for j in 0..<J {
            var w: Double
            switch trigger {
            case .mainCustomer:
                // Following a partner still weighs distance, at half the firm's aversion.
                w = customerPresence[j] * _exp(0.5 * aversion * simulation.logCloseness[j])
            case .supplier:
                w = supplierPresence[j] * _exp(0.5 * aversion * simulation.logCloseness[j])
            default:
                w = simulation.sizeAttraction[j] * _exp(aversion * simulation.logCloseness[j])
                    * (1 + o.tieWeight * store.foreignTie[base + j])
                if follow { w *= 1 + o.partnerPresenceWeight * min(1, presence[j]) }
            }
            weights[j] = w
            sum += w
        }
        guard sum > 0 else { return nil }
        u = rng.nextDouble() * sum
        var chosen = J - 1
        for j in 0..<J {
            u -= weights[j]
            if u < 0 { chosen = j; break }
        }
        return Opportunity(market: chosen, trigger: trigger)
    }
}
