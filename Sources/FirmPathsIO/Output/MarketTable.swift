import FirmPathsModel

/// `markets.csv`: the market map of a run or sweep, so that no analysis has to replay the
/// generator. One row per market and map; `map` numbers the distinct maps of a sweep in the
/// order of the first design point that uses each (a run directory has map 0 only).
public enum MarketTable {
    public static let header = [
        "map", "market", "region", "home_region", "psychic_distance", "size", "cost_level", "cost_drift_per_year",
    ]

    /// Appends the rows of `world` as map number `map`.
    public static func appendRows(of world: World, map: Int, into buffer: inout CSVBuffer) {
        for market in world.markets {
            buffer.appendField(map)
            buffer.appendField(market.name)
            buffer.appendField(market.region < world.regionNames.count ? world.regionNames[market.region] : String(market.region))
            buffer.appendField(market.region == 0 ? 1 : 0)
            buffer.appendField(market.psychicDistance)
            buffer.appendField(market.size)
            buffer.appendField(market.costLevel)
            buffer.appendField(market.costDriftPerYear)
            buffer.endRow()
        }
    }

    /// The whole file for `worlds` (map k is `worlds[k]`), header included.
    public static func file(worlds: [World]) -> [UInt8] {
        var buffer = CSVBuffer(capacity: 4096)
        buffer.appendHeader(header)
        for (map, world) in worlds.enumerated() { appendRows(of: world, map: map, into: &buffer) }
        return buffer.bytes
    }
}

/// One row of `exports.csv`: a firm's spell in a market, within one year.
public struct ExportRow: Sendable, Equatable {
    public var firm: Int32
    public var year: Int32
    public var market: Int16
    /// Highest establishment mode held in the year's steps of the spell.
    public var mode: Int8
    /// The operation was partnered in some step of the year.
    public var partnered: Bool
    /// The spell started (enter event) in this year.
    public var entered: Bool
    /// The spell ended in this year: an exit event, or the firm's closing.
    public var exited: Bool
    /// Spell number of the firm in the market, from 1.
    public var spell: Int32
    /// Export sales in the market in the year's steps of the spell, thousand EUR (not a yearly rate).
    public var sales: Double

    public init(firm: Int32, year: Int32, market: Int16, mode: Int8, partnered: Bool, entered: Bool, exited: Bool,
                spell: Int32, sales: Double) {
        self.firm = firm
        self.year = year
        self.market = market
        self.mode = mode
        self.partnered = partnered
        self.entered = entered
        self.exited = exited
        self.spell = spell
        self.sales = sales
    }
}

/// `exports.csv`: the firm-destination-year panel (see Results/README.md for its identities).
public enum ExportTable {
    public static let header = [
        "run", "firm", "year", "market", "mode", "partnered", "sales", "entered", "exited", "spell",
    ]

    /// Appends `rows` (already in file order: year, firm, market, spell).
    public static func appendRows(_ rows: some Sequence<ExportRow>, world: World, run: Int, into buffer: inout CSVBuffer) {
        let names = CSVFieldTable(world.markets) { market, buffer in buffer.appendField(market.name) }
        for row in rows {
            buffer.appendRow { fields in
                fields.field(run)
                fields.field(Int(row.firm))
                fields.field(Int(row.year))
                let market = Int(row.market)
                if market >= 0 && market < world.marketCount {
                    fields.field(names, market)
                } else {
                    fields.field(String(market))
                }
                fields.field(Int(row.mode))
                fields.field(row.partnered ? 1 : 0)
                // To the euro, as money in trajectories.csv.
                fields.field(row.sales, fractionDigits: 3)
                fields.field(row.entered ? 1 : 0)
                fields.field(row.exited ? 1 : 0)
                fields.field(Int(row.spell))
            }
        }
    }
}
