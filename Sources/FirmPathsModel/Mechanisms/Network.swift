/// Domestic and foreign networks (Johanson & Mattsson 1988; seed 004).
///
/// Domestic partners are other firms of the population (customers, suppliers, peers),
/// denser inside regional clusters. A firm sees its partners only through last step's
/// snapshot: where they are active abroad and how international they are. That presence
/// pulls the firm abroad (follow the customer), feeds its market knowledge (spill-over) and
/// strengthens its own foreign ties.
enum PartnerRole: UInt8 { case customer = 0, supplier = 1, peer = 2 }

enum Network {
    /// A random firm to tie to: inside the cluster for members (with `insideShare`), else anyone.
    static func drawCandidate(firm: Int, member: Bool, clusters: [[Int32]], store: FirmStore,
                              insideShare: Double, rng: inout RandomStream) -> Int {
        if member, rng.bernoulli(insideShare) {
            let peers = clusters[Int(store.cluster[firm])]
            guard peers.count > 1 else { return -1 }
            let candidate = Int(peers[rng.nextInt(below: peers.count)])
            return candidate == firm ? -1 : candidate
        }
        let candidate = rng.nextInt(below: store.firmCount)
        return candidate == firm ? -1 : candidate
    }

    /// Per-step probability that firm i fills a free partner slot: the yearly formation rate,
    /// higher for networking firms and for cluster members under a cluster programme.
    /// Traits and parameters only, so `RunTables` holds it per firm for the whole run.
    static func formationProbability(firm i: Int, store: FirmStore, scenario: Scenario, clock: StepClock) -> Double {
        let member = store.cluster[i] >= 0
        var rate = scenario.model.network.formationRate * (0.5 + store.networkingCapability[i])
        if member { rate *= 1 + scenario.policy.clusterProgramme }
        return clock.stepProbability(hazard: rate)
    }

    static func hasPartner(firm: Int, candidate: Int, store: FirmStore) -> Bool {
        let base = firm * store.partnerSlots
        for slot in 0..<store.partnerSlots where store.partnerID[base + slot] == Int32(candidate) { return true }
        return false
    }

    static func drawRole(weights: [Double], rng: inout RandomStream) -> Int {
        let total = weights.prefix(3).reduce(0, +)
        guard total > 0 else { return 2 }
        var u = rng.nextDouble() * total
        for (index, w) in weights.prefix(3).enumerated() {
            u -= w
            if u < 0 { return index }
        }
        return 2
    }
}

extension FirmStepContext {
    /// Reads the partners' snapshot: presence abroad by market and role, and how
    /// international the network is.
    mutating func readNetwork(firm i: Int) {
        let J = marketCount
        if presenceWritten {
            // Only the previous firm's partners can have left marks.
            presence.update(repeating: 0, count: 3 * J)  // and customerPresence, supplierPresence
            presenceWritten = false
        }
        let slots = store.partnerSlots
        let words = store.maskWords
        var dfSum = 0.0
        var customers = 0.0, customersAbroad = 0.0, suppliers = 0.0, suppliersAbroad = 0.0
        for slot in 0..<slots {
            let partner = Int(store.partnerID[i * slots + slot])
            guard partner >= 0, store.snapshotAlive[partner] else { continue }
            let strength = store.partnerStrength[i * slots + slot]
            let role = store.partnerRole[i * slots + slot]
            let df = store.snapshotDf[partner]
            dfSum += df
            scratch.livingPartners += 1
            if df >= 0.25 { scratch.internationalPartners += 1 }
            var abroad = false
            for w in 0..<words {
                var bits = store.snapshotMask[partner * words + w]
                while bits != 0 {
                    let j = w * 64 + bits.trailingZeroBitCount
                    bits &= bits - 1
                    abroad = true
                    presenceWritten = true
                    presence[j] += strength
                    if role == PartnerRole.customer.rawValue { customerPresence[j] += strength }
                    if role == PartnerRole.supplier.rawValue { supplierPresence[j] += strength }
                }
            }
            if role == PartnerRole.customer.rawValue {
                customers += 1
                if abroad { customersAbroad += 1 }
            } else if role == PartnerRole.supplier.rawValue {
                suppliers += 1
                if abroad { suppliersAbroad += 1 }
            }
        }
        if scratch.livingPartners > 0 { scratch.partnerInternationalization = dfSum / Double(scratch.livingPartners) }
        scratch.customerShareAbroad = customers > 0 ? customersAbroad / customers : 0
        scratch.supplierShareAbroad = suppliers > 0 ? suppliersAbroad / suppliers : 0
    }

    /// Foreign ties grow with activity and through partners, and fade; domestic ties decay,
    /// end, and form (more often for cluster members, networking firms and under cluster
    /// programmes).
    mutating func evolveTies(firm i: Int, rng: inout RandomStream) {
        // Foreign ties are updated in the market pass of `learn` (see `ForeignTieRates`).
        let slots = store.partnerSlots
        guard slots > 0 else { return }
        var emptySlot = -1
        let retention = rates.domesticTieRetention
        let dropStrength = model.network.dropStrength
        for slot in 0..<slots {
            let index = i * slots + slot
            let partner = Int(store.partnerID[index])
            if partner < 0 { emptySlot = slot; continue }
            let strength = store.partnerStrength[index] * retention
            // Only the snapshot and immutable traits of others are read (synchronous update).
            let partnerGone = !store.snapshotAlive[partner] && Int(store.foundedStep[partner]) < step
            if strength < dropStrength || partnerGone {
                store.partnerID[index] = -1
                store.partnerStrength[index] = 0
                emptySlot = slot
            } else {
                store.partnerStrength[index] = strength
            }
        }
        let member = store.cluster[i] >= 0
        if emptySlot >= 0, rng.bernoulli(tieFormationProbability[i]) {
            let candidate = Network.drawCandidate(firm: i, member: member, clusters: clusters, store: store,
                                                  insideShare: model.network.insideClusterShare, rng: &rng)
            if candidate >= 0, store.snapshotAlive[candidate], !Network.hasPartner(firm: i, candidate: candidate, store: store) {
                let index = i * slots + emptySlot
                store.partnerID[index] = Int32(candidate)
                store.partnerRole[index] = UInt8(Network.drawRole(weights: model.network.roleWeights, rng: &rng))
                store.partnerStrength[index] = 0.5
            }
        }
    }
}

/// The yearly rule for a foreign tie T_j, per step: it grows with activity in j (faster in
/// deeper modes) and through partners active there, and decays.
struct ForeignTieRates {
    let growth: ModeVector
    let fromPartners: Double
    let retention: Double

    init(rates: StepRates, followPartners: Bool) {
        growth = ModeVector(rates.foreignTieGrowth)
        fromPartners = followPartners ? rates.foreignTieFromPartners : 0
        retention = rates.foreignTieRetention
    }

    @inline(__always)
    func next(_ tie: Double, mode: Int, partnerPresence: Double) -> Double {
        var t = tie + growth[mode] * (1 - tie)
        if partnerPresence > 0 { t += fromPartners * min(1, partnerPresence) * (1 - t) }
        return t * retention
    }
}
