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
        let experience = store.founderExperience[i]
        let vision = store.globalVision[i]
        let alertness = 0.4 * experience + 0.4 * vision + 0.2 * store.generalKnowledge[i]
        let follow = model.opportunities.followTheCustomer
        let coincidence = model.opportunities.coincidenceRate
        let mainCustomer = follow ? model.opportunities.mainCustomerRate * scratch.customerShareAbroad : 0
        let supplier = model.opportunities.supplierRate * scratch.supplierShareAbroad
        let exponent = model.opportunities.searchAlertnessExponent
        let search = model.opportunities.searchRate * (exponent == 2 ? alertness * alertness : _pow(alertness, exponent))
            * (1 + scenario.policy.promotionSearchBoost * scenario.policy.exportPromotion)
        let unsolicited = model.opportunities.unsolicitedOrderRate * (0.3 + store.niche[i] + store.innovation[i])
        let total = coincidence + mainCustomer + supplier + search + unsolicited
        guard marketCount > 0, rng.occurs(hazard: total, clock: rates.clock) else { return nil }
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
        let aversion = model.psychicDistance.distanceAversion * (1 - model.psychicDistance.visionDiscount * vision)
            * (1 - model.psychicDistance.experienceDiscount * store.generalKnowledge[i])
        // closeness^aversion from the table of powers (aversion resolved to 1/64).
        func row(_ a: Double) -> UnsafeMutablePointer<Double> {
            let level = Int(min(max(a * Simulation.aversionResolution, 0), Double(aversionLevels - 1)).rounded())
            return closenessPowers + level * J
        }
        // One loop per kind of trigger, each with its row of powers only: the trigger and the
        // parameters are the same for every market.
        var sum = 0.0
        switch trigger {
        case .mainCustomer, .supplier:
            // Following a partner still weighs distance, at half the firm's aversion.
            let half = row(0.5 * aversion)
            let partners = trigger == .mainCustomer ? customerPresence : supplierPresence
            for j in 0..<J {
                let w = partners[j] * half[j]
                weights[j] = w
                sum += w
            }
        default:
            let full = row(aversion)
            let tieWeight = model.opportunities.tieWeight
            let presenceWeight = model.opportunities.partnerPresenceWeight
            let ties = store.foreignTie.base + base
            for j in 0..<J {
                var w = sizeAttraction[j] * full[j] * (1 + tieWeight * ties[j])
                if follow { w *= 1 + presenceWeight * min(1, presence[j]) }
                weights[j] = w
                sum += w
            }
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
