/// Co-operative entry through a foreign partner (seed 004: licensing, alliance, joint
/// venture; the network approach of Johanson & Mattsson 1988).
///
/// A partnered mode 3 is open where the firm's tie in the market is strong
/// (`T_j >= partnered.tieThreshold`). The partner brings its local network, so the operation
/// reaches as far as an own subsidiary (`reachByMode[3]`), while the partner bears part of the
/// entry and running costs (`entryCostFactor`, `fixedCostFactor`) and takes a share of the
/// gross profit (`partnerProfitShare`). Opportunism is its risk (`Opportunism.swift`).
///
/// Whether the step from an agent (mode 2) to a co-operation pays is a test on the
/// co-operation's own terms, not those of a subsidiary: the firm's share of the gross profit on
/// the demand the partner would reach must exceed today's gross profit by `upgradeBand` x the
/// extra fixed cost the firm bears. (Tested against a subsidiary's fixed cost and margin, as
/// before, a co-operation could never pass where a subsidiary did not, and then the subsidiary
/// was always worth more: partnered entry never happened.) Entering a market directly through
/// a partner needs the knowledge a mode-3 commitment needs (`knowledgeThresholdByMode[3]` on
/// `K_j + generalKnowledgeWeight K_I`): firms co-operate where they know the market, typically
/// after exporting there, or from founder ties and experience.
extension FirmStepContext {
    /// Whether firm i may take a partnered mode 3 in market j (a strong tie; partnering on).
    @inline(__always)
    func partnerAvailable(firm i: Int, market j: Int) -> Bool {
        model.establishment.partnered.enabled
            && store.foreignTie[i * marketCount + j] >= model.establishment.partnered.tieThreshold
    }

    /// Whether a direct partnered entry (from mode 0) is open: a partner, stage skipping switched
    /// on (partnered entry is a skipped stage), and the knowledge a mode-3 commitment needs.
    @inline(__always)
    func partneredEntryOpen(firm i: Int, market j: Int, knowledge: Double) -> Bool {
        model.establishment.stageSkipping.enabled && partnerAvailable(firm: i, market: j)
            && knowledge >= rates.modes.knowledgeThreshold[3]
    }

    /// Break-even test of a co-operation replacing the current export mode in market j: the
    /// firm's share of the gross profit at the partner's reach, less today's gross at today's
    /// reach, against `upgradeBand` x the extra fixed cost the firm bears.
    /// - Parameters:
    ///   - servedDemand: demand served so far scaled to full reach (sales / penetration).
    ///   - mode: the current mode (1 or 2).
    @inline(__always)
    func partneredUpgradePays(firm i: Int, market j: Int, servedDemand: Double, mode: Int) -> Bool {
        let index = i * marketCount + j
        let partnerShare = rates.modes.partnerProfitShare
        let partneredGross = servedDemand * rates.modes.reach[3] * marginShare(mode: 3, market: j) * (1 - partnerShare)
        let currentGross = servedDemand * min(store.penetration[index], rates.modes.reach[mode]) * marginShare(mode: mode, market: j)
        let gain = partneredGross - currentGross
        let extraFixed = fixedCost(mode: 3, partnered: true) - fixedCost(mode: mode, partnered: false)
        return gain > 0 && gain >= rates.modes.upgradeBand * max(0, extraFixed)
    }
}
