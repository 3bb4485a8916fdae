import FirmPathsIO
import FirmPathsModel

/// The distinct market maps of a sweep and which design point uses which.
///
/// A map is drawn from the scenario's `markets` block alone (its generation seed, never the
/// run seed), so a sweep has one map unless it sweeps a `markets.*` parameter; then each
/// distinct map gets a number, in the order of the first point using it, and `markets.csv`
/// holds one table per map, told apart by its `map` column.
public struct MarketMaps: Sendable, Equatable {
    public static let fileName = "markets.csv"

    /// The distinct maps, map k at index k.
    public var worlds: [World]
    /// The generation seed of each map.
    public var generationSeeds: [Int]
    /// The map of each design point.
    public var pointMaps: [Int]

    /// The maps of `points` design points, where `scenario(p)` is point p's scenario.
    static func of(pointCount: Int, sweepsMarkets: Bool, base: Scenario,
                   scenario: (Int) throws(ScenarioError) -> Scenario) throws(ScenarioError) -> MarketMaps {
        guard sweepsMarkets else {
            return MarketMaps(worlds: [World.generated(from: base.markets)], generationSeeds: [base.markets.generationSeed],
                              pointMaps: Array(repeating: 0, count: pointCount))
        }
        var maps = MarketMaps(worlds: [], generationSeeds: [], pointMaps: [])
        for point in 0..<pointCount {
            let markets = try scenario(point).markets
            let world = World.generated(from: markets)
            if let known = maps.worlds.indices.first(where: { maps.worlds[$0] == world && maps.generationSeeds[$0] == markets.generationSeed }) {
                maps.pointMaps.append(known)
            } else {
                maps.pointMaps.append(maps.worlds.count)
                maps.worlds.append(world)
                maps.generationSeeds.append(markets.generationSeed)
            }
        }
        return maps
    }

    /// The bytes of `markets.csv`.
    public var file: [UInt8] { MarketTable.file(worlds: worlds) }

    /// The manifest's `markets` entry: file, checksum, each map's generation seed and, when
    /// there is more than one map, the map of each design point.
    var manifestValue: JSONValue {
        var members: [(String, JSONValue)] = [
            ("file", .string(Self.fileName)),
            ("sha256", .string(SHA256.hex(file))),
            ("maps", .number(Double(worlds.count))),
            ("generation_seeds", .array(generationSeeds.map { .number(Double($0)) })),
        ]
        if worlds.count > 1 { members.append(("point_maps", .array(pointMaps.map { .number(Double($0)) }))) }
        return .object(JSONObject(members))
    }
}
