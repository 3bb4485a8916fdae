/// How a firm-market export spell ended.
public enum SpellEnd: UInt8, Sendable, Equatable {
    /// Still served in the last year of the run by a living firm (right-censored).
    case censored
    /// The firm, alive, stopped serving the market.
    case exit
    /// The firm died (exogenous death or bankruptcy) while serving the market.
    case death
}

/// A firm-market export spell: consecutive calendar years of the run in which the firm served
/// the market (mode >= 1 in at least one step of the year), as in firm-destination customs panels.
///
/// Calendar years are years of the run (step / stepsPerYear), not firm ages, so spells of firms
/// founded at different steps line up with the panel's years.
public struct ExportSpell: Sendable, Equatable {
    public var firm: Int
    public var market: Int
    /// First calendar year of the spell.
    public var startYear: Int
    /// Export sales (thousand EUR) in each year of the spell, from the first; the count is the
    /// spell's length in years.
    public var sales: [Double]
    public var end: SpellEnd
    /// Last calendar year in which the firm is observed alive (the run's last year for firms
    /// alive at the end), for windows that need the firm observed after a spell.
    public var firmLastYear: Int

    public init(firm: Int, market: Int, startYear: Int, sales: [Double], end: SpellEnd, firmLastYear: Int) {
        self.firm = firm
        self.market = market
        self.startYear = startYear
        self.sales = sales
        self.end = end
        self.firmLastYear = firmLastYear
    }

    /// Years served.
    public var years: Int { sales.count }
    /// Last calendar year of the spell.
    public var lastYear: Int { startYear + sales.count - 1 }
    /// Whether the spell ended (exit or death) rather than being cut by the end of the run.
    public var ended: Bool { end != .censored }
}

/// A foreign market as the target measures see it.
public struct TargetMarket: Sendable, Equatable {
    public var size: Double
    public var psychicDistance: Double
    /// Region index; 0 is the home region.
    public var region: Int

    public init(size: Double, psychicDistance: Double, region: Int) {
        self.size = size
        self.psychicDistance = psychicDistance
        self.region = region
    }
}

/// A firm's first move to mode >= 3 (sales subsidiary, co-operative entry or production) in a market.
public struct DeepEntry: Sendable, Equatable {
    public var firm: Int
    public var market: Int
    public var step: Int
    /// Step at which the firm first served that market in an export mode (1 or 2), if it did
    /// before the deep entry.
    public var firstExportStep: Int?

    public init(firm: Int, market: Int, step: Int, firstExportStep: Int?) {
        self.firm = firm
        self.market = market
        self.step = step
        self.firstExportStep = firstExportStep
    }

    public var precededByExport: Bool { firstExportStep != nil }
}
