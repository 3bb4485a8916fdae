/// Prudence about unobserved demand before irreversible commitments (Conconi, Sapir &
/// Zanardi 2016).
///
/// "A firm's FDI entry in a foreign market is almost always preceded by its export entry":
/// exporting reveals how well the product sells in the market, and only then does the firm sink
/// the cost of a subsidiary or a plant. The firm's belief about its appeal in market j is a Beta
/// with counts (alpha_j, n_j) (prior weight `beliefPriorWeight`, one observation a year while
/// active, plus orders in hand). For the irreversible modes 3 and 4 the appraisal uses the
/// believed appeal less `demandPrudence` standard deviations of that belief,
/// `alpha_j / n_j - z sqrt(m (1 - m) / (n_j + 1))` (at least 0), so a firm that has never sold in a
/// market discounts a deep entry there most, and a firm that has exported for years and seen
/// good demand discounts little. Export modes (1, 2) are cheap to reverse and are appraised
/// at the believed mean.
extension FirmStepContext {
    /// Appeal used to appraise `mode` in market j: the believed mean, less the prudence margin
    /// for modes 3 and 4.
    @inline(__always)
    func appraisedAppeal(firm i: Int, market j: Int, mode: Int) -> Double {
        let index = i * marketCount + j
        let weight = max(store.beliefWeight[index], 1e-9)
        let mean = store.beliefAppeal[index] / weight
        let prudence = model.decisions.demandPrudence
        guard mode >= 3, prudence > 0 else { return mean }
        let clamped = min(max(mean, 0), 1)
        let sd = (clamped * (1 - clamped) / (weight + 1)).squareRoot()
        return max(0, mean - prudence * sd)
    }
}
