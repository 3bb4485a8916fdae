import Testing
import FirmPathsModel

/// A run is a pure function of (scenario, seed), and a step is a synchronous update: the
/// result does not depend on how the firms are split into ranges nor on the order in which
/// the ranges are advanced (firm-order independence follows from that).
@Suite struct DeterminismTests {
    static let firms = 200
    static let years = 20

    static func scenario() -> Scenario { ModelTestSupport.scenario(firms: firms, years: years) }

    /// Every column of the store as bit patterns, by name.
    static func fingerprint(_ simulation: Simulation) -> [(String, [UInt64])] {
        let s = simulation.store
        typealias M = ModelTestSupport
        func ints<T: BinaryInteger & BitwiseCopyable>(_ c: Column<T>) -> [UInt64] {
            M.values(c).map { UInt64(truncatingIfNeeded: Int64($0)) }
        }
        func bools(_ c: Column<Bool>) -> [UInt64] { M.values(c).map { $0 ? 1 : 0 } }
        var streams: [UInt64] = []
        for i in 0..<s.firmCount {
            var copy = s.streams[i]
            streams.append(copy.next())
        }
        return [
            ("alive", bools(s.alive)), ("diedStep", ints(s.diedStep)), ("cash", M.bits(s.cash)),
            ("employees", M.bits(s.employees)), ("innovation", M.bits(s.innovation)),
            ("generalKnowledge", M.bits(s.generalKnowledge)), ("lowCashSteps", ints(s.lowCashSteps)),
            ("flowOperating", M.bits(s.flowOperating)), ("flowInvestment", M.bits(s.flowInvestment)),
            ("flowRnD", M.bits(s.flowRnD)), ("flowIncidents", M.bits(s.flowIncidents)), ("flowPayout", M.bits(s.flowPayout)),
            ("revenue", M.bits(s.revenue)), ("foreignShare", M.bits(s.foreignShare)),
            ("homeRegionShare", M.bits(s.homeRegionShare)), ("marketsActive", ints(s.marketsActive)),
            ("maxMode", ints(s.maxMode)), ("meanMarketKnowledge", M.bits(s.meanMarketKnowledge)),
            ("D_f", M.bits(s.firmInternationalization)), ("D_m", M.bits(s.networkInternationalization)),
            ("jmQuadrant", ints(s.jmQuadrant)), ("imodelStage", ints(s.imodelStage)),
            ("dollingerStage", ints(s.dollingerStage)), ("exportHistory", ints(s.exportHistory)),
            ("mode", ints(s.mode)), ("partnered", bools(s.partnered)), ("everExported", bools(s.everExported)),
            ("stepsInMode", ints(s.stepsInMode)), ("penetration", M.bits(s.penetration)),
            ("marketKnowledge", M.bits(s.marketKnowledge)), ("foreignTie", M.bits(s.foreignTie)),
            ("trust", M.bits(s.trust)), ("sunkCommitment", M.bits(s.sunkCommitment)),
            ("beliefAppeal", M.bits(s.beliefAppeal)), ("beliefWeight", M.bits(s.beliefWeight)),
            ("lossSteps", ints(s.lossSteps)), ("marketSales", M.bits(s.marketSales)), ("marketProfit", M.bits(s.marketProfit)),
            ("partnerID", ints(s.partnerID)), ("partnerRole", ints(s.partnerRole)),
            ("partnerStrength", M.bits(s.partnerStrength)),
            ("yearForeignSales", M.bits(s.yearForeignSales)), ("yearTotalSales", M.bits(s.yearTotalSales)),
            ("yearHomeRegionSales", M.bits(s.yearHomeRegionSales)), ("yearMaxMode", ints(s.yearMaxMode)),
            ("yearMarkets", ints(s.yearMarkets)), ("yearRegions", ints(s.yearRegions)),
            ("yearDeepOperations", ints(s.yearDeepOperations)), ("yearsRecorded", ints(s.yearsRecorded)),
            ("nextRandom", streams),
        ]
    }

    /// Names of the columns that differ, with the first differing index.
    static func differences(_ a: Simulation, _ b: Simulation) -> [String] {
        var result: [String] = []
        for ((name, x), (_, y)) in zip(fingerprint(a), fingerprint(b)) where x != y {
            let index = x.indices.first { $0 >= y.count || x[$0] != y[$0] } ?? x.count
            result.append("\(name)[\(index)]")
        }
        return result
    }

    static func firstEventDifference(_ a: [FirmEvent], _ b: [FirmEvent]) -> String {
        guard a != b else { return "none" }
        let index = a.indices.first { $0 >= b.count || a[$0] != b[$0] } ?? a.count
        return "counts \(a.count) vs \(b.count), first difference at \(index): "
            + "\(index < a.count ? "\(a[index])" : "-") vs \(index < b.count ? "\(b[index])" : "-")"
    }

    @Test(arguments: [UInt64(42), 7])
    func sameScenarioAndSeedGiveIdenticalRuns(seed: UInt64) {
        let a = ModelTestSupport.run(Self.scenario(), seed: seed)
        let b = ModelTestSupport.run(Self.scenario(), seed: seed)
        let sameEvents = a.events == b.events
        #expect(sameEvents, "events differ: \(Self.firstEventDifference(a.events, b.events))")
        #expect(Self.differences(a, b).isEmpty, "columns differ: \(Self.differences(a, b))")
        #expect(a.firmOutcomes().map(\.classification) == b.firmOutcomes().map(\.classification))
        #expect(a.events.count > Self.firms)
    }

    @Test func differentSeedsGiveDifferentRuns() {
        let a = ModelTestSupport.run(Self.scenario(), seed: 1)
        let b = ModelTestSupport.run(Self.scenario(), seed: 2)
        #expect(a.events != b.events)
        #expect(!Self.differences(a, b).isEmpty)
    }

    /// Chunk sizes and whether the chunks are advanced back to front.
    @Test(arguments: [(7, true), (50, false), (133, true), (1, false)])
    func chunkingDoesNotMatter(size: Int, reversed: Bool) {
        let seed: UInt64 = 2024
        let reference = Simulation(scenario: Self.scenario(), seed: seed)
        let chunked = Simulation(scenario: Self.scenario(), seed: seed)
        let ranges = ModelTestSupport.ranges(count: Self.firms, size: size)
        let order = reversed ? Array(ranges.indices.reversed()) : Array(ranges.indices)
        var firstDivergence: Int?
        while !reference.isFinished {
            ModelTestSupport.step(reference, ranges: [0..<Self.firms])
            ModelTestSupport.step(chunked, ranges: ranges, executionOrder: order)
            if firstDivergence == nil && reference.events != chunked.events { firstDivergence = reference.currentStep }
        }
        let divergence = "events diverge from step \(firstDivergence ?? -1): "
            + Self.firstEventDifference(reference.events, chunked.events)
        #expect(firstDivergence == nil, "\(divergence)")
        #expect(Self.differences(reference, chunked).isEmpty, "columns differ: \(Self.differences(reference, chunked))")
    }

    @Test func steppingByHandEqualsRunToEnd() {
        let automatic = ModelTestSupport.run(Self.scenario(), seed: 5)
        let manual = Simulation(scenario: Self.scenario(), seed: 5)
        while !manual.isFinished { ModelTestSupport.step(manual, ranges: [0..<Self.firms]) }
        #expect(automatic.events == manual.events)
        #expect(Self.differences(automatic, manual).isEmpty)
    }
}
