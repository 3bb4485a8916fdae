/// Draws the initial population: traits from each firm's segment, founding dates,
/// founder ties, initial knowledge, cash and the domestic network.
///
/// Every draw for firm i comes from firm i's own stream, so a firm's traits do not depend
/// on the number of firms or on the order in which they are set up.
enum Population {
    /// Segment of each firm: contiguous blocks whose sizes follow the shares exactly
    /// (largest remainder), so small populations keep the intended mixture.
    static func segmentSizes(firms: Int, shares: [Double]) -> [Int] {
        let total = shares.reduce(0, +)
        guard total > 0, !shares.isEmpty else { return [firms] }
        let exact = shares.map { $0 / total * Double(firms) }
        var sizes = exact.map { Int($0) }
        var remaining = firms - sizes.reduce(0, +)
        let order = exact.indices.sorted { (exact[$0] - Double(sizes[$0]), -$0) > (exact[$1] - Double(sizes[$1]), -$1) }
        var k = 0
        while remaining > 0 {
            sizes[order[k % order.count]] += 1
            remaining -= 1
            k += 1
        }
        return sizes
    }

    /// A Beta deviate with the given mean and sd, or the mean when the sd is 0.
    static func drawUnit(_ trait: TraitDistribution, _ rng: inout RandomStream) -> Double {
        let mean = min(max(trait.mean, 0), 1)
        let variance = trait.sd * trait.sd
        guard trait.sd > 0, mean > 0, mean < 1, variance < mean * (1 - mean) else { return mean }
        let common = mean * (1 - mean) / variance - 1
        return rng.nextBeta(mean * common, (1 - mean) * common)
    }

    /// A log-normal deviate with the given mean and sd (of the variable, not of its log).
    static func drawPositive(_ trait: TraitDistribution, _ rng: inout RandomStream) -> Double {
        guard trait.mean > 0 else { return 0 }
        guard trait.sd > 0 else { return trait.mean }
        let sigma2 = _log(1 + (trait.sd * trait.sd) / (trait.mean * trait.mean))
        let mu = _log(trait.mean) - sigma2 / 2
        return _exp(mu + sigma2.squareRoot() * rng.nextNormal())
    }

    static func setUp(store: FirmStore, scenario: Scenario, world: World, runSeed: UInt64) -> [[Int32]] {
        let s = scenario.stepsPerYear
        let p = scenario.population
        let m = scenario.model
        let J = world.marketCount
        let totalSteps = scenario.totalSteps
        let sizes = segmentSizes(firms: store.firmCount, shares: p.segments.map(\.share))
        var segmentOfFirm: [Int] = []
        segmentOfFirm.reserveCapacity(store.firmCount)
        for (index, size) in sizes.enumerated() { segmentOfFirm += Array(repeating: index, count: size) }

        let clusterCount = max(1, m.network.clusters)
        var clusters: [[Int32]] = Array(repeating: [], count: clusterCount)
        let closeness = world.markets.map { 1 - $0.psychicDistance }

        for i in 0..<store.firmCount {
            var rng = RandomStream(runSeed: runSeed, streamID: UInt64(i))
            let segmentIndex = p.segments.isEmpty ? 0 : segmentOfFirm[i]
            let segment = p.segments.isEmpty ? Segment() : p.segments[segmentIndex]
            store.segment[i] = Int32(segmentIndex)
            let experience = drawUnit(segment.founderExperience, &rng)
            store.founderExperience[i] = experience
            store.globalVision[i] = drawUnit(segment.globalVision, &rng)
            let niche = drawUnit(segment.niche, &rng)
            store.niche[i] = niche
            store.productivity[i] = drawPositive(segment.productivity, &rng)
            store.riskTolerance[i] = drawPositive(segment.riskTolerance, &rng)
            let employees = max(1, drawPositive(segment.employees, &rng))
            store.initialEmployees[i] = employees
            store.employees[i] = employees
            store.initialCashShare[i] = drawPositive(segment.initialCash, &rng)
            store.learningCapacity[i] = drawUnit(segment.learningCapacity, &rng)
            store.networkingCapability[i] = drawUnit(segment.networkingCapability, &rng)
            store.protectsRnD[i] = rng.bernoulli(segment.protectsRnDInCrisis)
            if rng.bernoulli(segment.clusterMembership) {
                let c = rng.nextInt(below: clusterCount)
                store.cluster[i] = Int32(c)
                clusters[c].append(Int32(i))
            }
            // Founding: a share exists from the start, the rest arrive uniformly.
            var founded = 0
            if !rng.bernoulli(p.foundedAtStart) {
                founded = Int(min(rng.nextDouble() * p.foundingSpreadYears * Double(s), Double(totalSteps)))
            }
            store.foundedStep[i] = Int32(min(max(0, founded), max(0, totalSteps - 1)))

            // Home economics: expected home sales set the overhead and the starting cash.
            let homeSales = m.operations.homeSalesPerEmployee * employees * store.productivity[i]
                * (1 - m.operations.nicheHomeShrink * niche)
            store.homeOverhead[i] = m.operations.overheadShare * homeSales
            store.cash[i] = store.initialCashShare[i] * homeSales
            store.innovation[i] = min(1, m.innovation.initialBase + m.innovation.initialFromNiche * niche)
            store.generalKnowledge[i] = min(1, m.learning.initialGeneralFromExperience * experience)

            // Founder ties abroad: a Poisson number spread over markets by closeness.
            let tieCount = J > 0 ? rng.nextPoisson(mean: segment.founderTiesPerExperience * experience) : 0
            store.founderTies[i] = Int32(tieCount)
            let base = i * J
            if tieCount > 0 {
                var weights = closeness.map { _pow(max($0, 0.01), segment.founderTieCloseness) }
                var total = weights.reduce(0, +)
                for _ in 0..<min(tieCount, J) {
                    var u = rng.nextDouble() * total
                    var chosen = J - 1
                    for j in 0..<J {
                        u -= weights[j]
                        if u < 0 { chosen = j; break }
                    }
                    let strength = min(1, segment.founderTieStrength * (0.5 + rng.nextDouble()))
                    store.foreignTie[base + chosen] = max(store.foreignTie[base + chosen], strength)
                    total -= weights[chosen]
                    weights[chosen] = 0
                    if total <= 0 { break }
                }
            }
            // Market knowledge and the firm's hidden appeal in each market.
            let appealMean = min(max(m.operations.appealMean, 0.01), 0.99)
            let concentration = max(m.operations.appealConcentration, 0.1)
            for j in 0..<J {
                let k = m.learning.initialMarketFromExperience * experience * closeness[j]
                    + m.learning.initialMarketFromTies * store.foreignTie[base + j]
                store.marketKnowledge[base + j] = min(1, k)
                store.trueAppeal[base + j] = rng.nextBeta(appealMean * concentration, (1 - appealMean) * concentration)
                store.beliefWeight[base + j] = m.operations.beliefPriorWeight
                store.beliefAppeal[base + j] = m.operations.beliefPriorWeight * appealMean
            }
            store.streams[i] = rng
        }

        // The domestic network, drawn after every firm has its cluster.
        let slots = store.partnerSlots
        let roleWeights = m.network.roleWeights
        for i in 0..<store.firmCount where slots > 0 && store.firmCount > 1 {
            var rng = store.streams[i]
            let member = store.cluster[i] >= 0
            let wanted = min(slots, rng.nextPoisson(mean: member ? m.network.initialPartnersMember : m.network.initialPartnersOther))
            var filled = 0
            var attempts = 0
            while filled < wanted && attempts < wanted * 6 {
                attempts += 1
                let candidate = Network.drawCandidate(firm: i, member: member, clusters: clusters, store: store,
                                                      insideShare: m.network.insideClusterShare, rng: &rng)
                guard candidate >= 0, !Network.hasPartner(firm: i, candidate: candidate, store: store) else { continue }
                let slot = i * slots + filled
                store.partnerID[slot] = Int32(candidate)
                store.partnerRole[slot] = UInt8(Network.drawRole(weights: roleWeights, rng: &rng))
                store.partnerStrength[slot] = 0.3 + 0.5 * rng.nextDouble()
                filled += 1
            }
            store.streams[i] = rng
        }
        return clusters
    }
}
