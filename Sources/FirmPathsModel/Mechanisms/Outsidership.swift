/// The liability of outsidership (Johanson & Vahlne 2009): a firm commits deeply only in a
/// market where it is an insider of the relevant business network.
///
/// Stage skipping (entering directly at mode 3 or 4, `Commitment.swift`) rests on the firm's
/// resources (seed 000): general internationalization knowledge, ties, vision and size. These
/// travel from market to market, but a network position does not: a firm that has never been
/// present in a market, and has no tie there, is an outsider whatever its size or experience,
/// and starts by exporting. Stage skipping into market j therefore also needs a foreign tie of
/// at least `stageSkipping.insiderTieThreshold` there (from the founder, from partners active
/// in the market, or from earlier activity). Born globals with founder ties abroad can still
/// skip stages where those ties are; experienced exporters enter new markets by exporting
/// (Conconi, Sapir & Zanardi 2016: FDI almost always follows export entry). 0 switches the
/// requirement off.
extension FirmStepContext {
    /// Whether firm i is an insider of market j's network, as stage skipping requires.
    @inline(__always)
    func isInsider(firm i: Int, market j: Int) -> Bool {
        store.foreignTie[i * marketCount + j] >= model.establishment.stageSkipping.insiderTieThreshold
    }
}
