/// The state of every firm of a run, as struct-of-arrays.
///
/// Per-firm columns are indexed by firm; per-firm-market columns by `firm * J + market`;
/// partner slots by `firm * P + slot`; yearly records by `firm * years + firmYear`.
/// A class because the storage is deliberately shared: the simulation updates disjoint
/// firm ranges in place, possibly from several threads (see `Simulation.advance`).
public final class FirmStore: @unchecked Sendable {
    public let firmCount: Int
    public let marketCount: Int
    public let partnerSlots: Int
    public let years: Int
    public let stepsPerYear: Int
    /// Words of a firm's active-market bit mask.
    public let maskWords: Int

    // MARK: Traits (drawn at set-up, never changed)
    public let segment: Column<Int32>
    public let founderExperience: Column<Double>
    public let globalVision: Column<Double>
    public let niche: Column<Double>
    public let productivity: Column<Double>
    public let riskTolerance: Column<Double>
    public let initialEmployees: Column<Double>
    public let initialCashShare: Column<Double>
    public let learningCapacity: Column<Double>
    public let networkingCapability: Column<Double>
    public let cluster: Column<Int32>
    public let protectsRnD: Column<Bool>
    public let founderTies: Column<Int32>
    public let foundedStep: Column<Int32>

    // MARK: Firm state
    public let alive: Column<Bool>
    public let diedStep: Column<Int32>
    public let cash: Column<Double>
    public let employees: Column<Double>
    /// The part of `employees` that produces the firm's foreign sales (ExportStaffing.swift); 0
    /// while `exportStaffingSpeed` is 0.
    public let exportStaff: Column<Double>
    public let homeOverhead: Column<Double>
    public let innovation: Column<Double>
    public let generalKnowledge: Column<Double>
    public let lowCashSteps: Column<Int32>
    public let streams: UnsafeMutablePointer<RandomStream>

    // MARK: Cash flows of the last step (thousand EUR in the step)
    public let flowOperating: Column<Double>
    public let flowInvestment: Column<Double>
    public let flowRnD: Column<Double>
    public let flowIncidents: Column<Double>
    public let flowPayout: Column<Double>

    // MARK: Observables of the last step
    public let revenue: Column<Double>
    public let foreignShare: Column<Double>
    public let homeRegionShare: Column<Double>
    public let marketsActive: Column<Int16>
    public let maxMode: Column<Int8>
    public let meanMarketKnowledge: Column<Double>
    public let firmInternationalization: Column<Double>
    public let networkInternationalization: Column<Double>
    public let jmQuadrant: Column<UInt8>
    public let imodelStage: Column<UInt8>
    public let dollingerStage: Column<UInt8>
    /// Bit k set: the firm sold abroad in the step k steps ago (rolling window of a year).
    public let exportHistory: Column<UInt32>
    /// Foreign and total sales of the last `stepsPerYear` steps, as a ring.
    public let ringForeign: Column<Double>
    public let ringTotal: Column<Double>

    // MARK: Firm x market state
    public let mode: Column<Int8>
    public let partnered: Column<Bool>
    public let everExported: Column<Bool>
    public let stepsInMode: Column<Int32>
    public let penetration: Column<Double>
    public let marketKnowledge: Column<Double>
    public let foreignTie: Column<Double>
    public let trust: Column<Double>
    public let sunkCommitment: Column<Double>
    public let beliefAppeal: Column<Double>
    public let beliefWeight: Column<Double>
    public let trueAppeal: Column<Double>
    public let lossSteps: Column<Int32>
    /// Step and kind of the last surprise in the operation (-1: none yet).
    public let lastSurpriseStep: Column<Int32>
    public let lastSurpriseKind: Column<UInt8>
    /// Last step's sales and profit of the operation, as yearly rates.
    public let marketSales: Column<Double>
    public let marketProfit: Column<Double>
    /// Sales of the last step in the market (a yearly rate), kept also when the operation was
    /// left or closed later in that step (`marketSales` is cleared then). An observable only:
    /// no mechanism reads it. Written for the markets operated in the step; stale elsewhere.
    public let stepSales: Column<Double>

    // MARK: Domestic partners
    public let partnerID: Column<Int32>
    public let partnerRole: Column<UInt8>
    public let partnerStrength: Column<Double>

    // MARK: Snapshot of last step, read by partners (synchronous update)
    public let snapshotMask: Column<UInt64>
    public let snapshotDf: Column<Double>
    public let snapshotAlive: Column<Bool>
    let currentMask: Column<UInt64>

    // MARK: Yearly records for classification (firm-years counted from founding)
    public let yearForeignSales: Column<Double>
    public let yearTotalSales: Column<Double>
    public let yearHomeRegionSales: Column<Double>
    public let yearMaxMode: Column<Int8>
    public let yearMarkets: Column<Int16>
    public let yearRegions: Column<Int16>
    public let yearDeepOperations: Column<Int16>
    /// Number of completed firm-years of each firm.
    public let yearsRecorded: Column<Int32>
    /// Per firm, the running values of its current firm-year (see `OpenFirmYear`).
    let openYear: Column<OpenFirmYear>

    public init(firms: Int, markets: Int, partnerSlots: Int, years: Int, stepsPerYear: Int) {
        firmCount = firms
        marketCount = markets
        self.partnerSlots = partnerSlots
        self.years = years
        self.stepsPerYear = stepsPerYear
        maskWords = max(1, (markets + 63) / 64)
        let fm = firms * markets
        let fp = firms * partnerSlots
        let fy = firms * years

        segment = Column(count: firms, repeating: 0)
        founderExperience = Column(count: firms, repeating: 0)
        globalVision = Column(count: firms, repeating: 0)
        niche = Column(count: firms, repeating: 0)
        productivity = Column(count: firms, repeating: 1)
        riskTolerance = Column(count: firms, repeating: 0)
        initialEmployees = Column(count: firms, repeating: 1)
        initialCashShare = Column(count: firms, repeating: 0)
        learningCapacity = Column(count: firms, repeating: 0)
        networkingCapability = Column(count: firms, repeating: 0)
        cluster = Column(count: firms, repeating: -1)
        protectsRnD = Column(count: firms, repeating: false)
        founderTies = Column(count: firms, repeating: 0)
        foundedStep = Column(count: firms, repeating: 0)

        alive = Column(count: firms, repeating: false)
        diedStep = Column(count: firms, repeating: -1)
        cash = Column(count: firms, repeating: 0)
        employees = Column(count: firms, repeating: 1)
        exportStaff = Column(count: firms, repeating: 0)
        homeOverhead = Column(count: firms, repeating: 0)
        innovation = Column(count: firms, repeating: 0)
        generalKnowledge = Column(count: firms, repeating: 0)
        lowCashSteps = Column(count: firms, repeating: 0)
        streams = UnsafeMutablePointer<RandomStream>.allocate(capacity: max(firms, 1))
        streams.initialize(repeating: RandomStream(seed: 0), count: max(firms, 1))

        flowOperating = Column(count: firms, repeating: 0)
        flowInvestment = Column(count: firms, repeating: 0)
        flowRnD = Column(count: firms, repeating: 0)
        flowIncidents = Column(count: firms, repeating: 0)
        flowPayout = Column(count: firms, repeating: 0)

        revenue = Column(count: firms, repeating: 0)
        foreignShare = Column(count: firms, repeating: 0)
        homeRegionShare = Column(count: firms, repeating: 0)
        marketsActive = Column(count: firms, repeating: 0)
        maxMode = Column(count: firms, repeating: 0)
        meanMarketKnowledge = Column(count: firms, repeating: 0)
        firmInternationalization = Column(count: firms, repeating: 0)
        networkInternationalization = Column(count: firms, repeating: 0)
        jmQuadrant = Column(count: firms, repeating: 0)
        imodelStage = Column(count: firms, repeating: 0)
        dollingerStage = Column(count: firms, repeating: 0)
        exportHistory = Column(count: firms, repeating: 0)
        ringForeign = Column(count: firms * stepsPerYear, repeating: 0)
        ringTotal = Column(count: firms * stepsPerYear, repeating: 0)

        mode = Column(count: fm, repeating: 0)
        partnered = Column(count: fm, repeating: false)
        everExported = Column(count: fm, repeating: false)
        stepsInMode = Column(count: fm, repeating: 0)
        penetration = Column(count: fm, repeating: 0)
        marketKnowledge = Column(count: fm, repeating: 0)
        foreignTie = Column(count: fm, repeating: 0)
        trust = Column(count: fm, repeating: 0)
        sunkCommitment = Column(count: fm, repeating: 0)
        beliefAppeal = Column(count: fm, repeating: 0)
        beliefWeight = Column(count: fm, repeating: 0)
        trueAppeal = Column(count: fm, repeating: 0)
        lossSteps = Column(count: fm, repeating: 0)
        lastSurpriseStep = Column(count: fm, repeating: -1)
        lastSurpriseKind = Column(count: fm, repeating: 0)
        marketSales = Column(count: fm, repeating: 0)
        marketProfit = Column(count: fm, repeating: 0)
        stepSales = Column(count: fm, repeating: 0)

        partnerID = Column(count: fp, repeating: -1)
        partnerRole = Column(count: fp, repeating: 0)
        partnerStrength = Column(count: fp, repeating: 0)

        snapshotMask = Column(count: firms * maskWords, repeating: 0)
        snapshotDf = Column(count: firms, repeating: 0)
        snapshotAlive = Column(count: firms, repeating: false)
        currentMask = Column(count: firms * maskWords, repeating: 0)

        yearForeignSales = Column(count: fy, repeating: 0)
        yearTotalSales = Column(count: fy, repeating: 0)
        yearHomeRegionSales = Column(count: fy, repeating: 0)
        yearMaxMode = Column(count: fy, repeating: 0)
        yearMarkets = Column(count: fy, repeating: 0)
        yearRegions = Column(count: fy, repeating: 0)
        yearDeepOperations = Column(count: fy, repeating: 0)
        yearsRecorded = Column(count: firms, repeating: 0)
        openYear = Column(count: firms, repeating: OpenFirmYear(year: -1))
    }

    deinit {
        segment.deallocate(); founderExperience.deallocate(); globalVision.deallocate(); niche.deallocate()
        productivity.deallocate(); riskTolerance.deallocate(); initialEmployees.deallocate()
        initialCashShare.deallocate(); learningCapacity.deallocate(); networkingCapability.deallocate()
        cluster.deallocate(); protectsRnD.deallocate(); founderTies.deallocate(); foundedStep.deallocate()
        alive.deallocate(); diedStep.deallocate(); cash.deallocate(); employees.deallocate(); exportStaff.deallocate()
        homeOverhead.deallocate(); innovation.deallocate(); generalKnowledge.deallocate(); lowCashSteps.deallocate()
        streams.deinitialize(count: max(firmCount, 1)); streams.deallocate()
        flowOperating.deallocate(); flowInvestment.deallocate(); flowRnD.deallocate(); flowIncidents.deallocate(); flowPayout.deallocate()
        revenue.deallocate(); foreignShare.deallocate(); homeRegionShare.deallocate(); marketsActive.deallocate()
        maxMode.deallocate(); meanMarketKnowledge.deallocate(); firmInternationalization.deallocate()
        networkInternationalization.deallocate(); jmQuadrant.deallocate(); imodelStage.deallocate()
        dollingerStage.deallocate(); exportHistory.deallocate(); ringForeign.deallocate(); ringTotal.deallocate()
        mode.deallocate(); partnered.deallocate(); everExported.deallocate(); stepsInMode.deallocate()
        penetration.deallocate(); marketKnowledge.deallocate(); foreignTie.deallocate(); trust.deallocate()
        sunkCommitment.deallocate(); beliefAppeal.deallocate(); beliefWeight.deallocate(); trueAppeal.deallocate()
        lossSteps.deallocate(); lastSurpriseStep.deallocate(); lastSurpriseKind.deallocate(); marketSales.deallocate(); marketProfit.deallocate()
        stepSales.deallocate()
        partnerID.deallocate(); partnerRole.deallocate(); partnerStrength.deallocate()
        snapshotMask.deallocate(); snapshotDf.deallocate(); snapshotAlive.deallocate(); currentMask.deallocate()
        yearForeignSales.deallocate(); yearTotalSales.deallocate(); yearHomeRegionSales.deallocate()
        yearMaxMode.deallocate(); yearMarkets.deallocate(); yearRegions.deallocate()
        yearDeepOperations.deallocate(); yearsRecorded.deallocate(); openYear.deallocate()
    }

    /// Bytes of state per firm for a world of `markets` markets, for size guards: the columns
    /// above, counted by element size (`FirmStoreTests` checks the count against the columns
    /// actually allocated). In Double, so absurd sizes give a large number instead of trapping.
    public static func bytesPerFirm(markets: Double, partnerSlots: Double, years: Double, stepsPerYear: Double) -> Double {
        // 27 Double columns, 7 Int32 (segment, cluster, founderTies, foundedStep, diedStep,
        // lowCashSteps, yearsRecorded), exportHistory (UInt32), marketsActive (Int16), maxMode
        // (Int8), the three stage codes (UInt8), three Bool; the random stream, the open
        // firm-year record and the two rings of a year's sales.
        let perFirm = Double(27 * 8 + 7 * 4 + 4 + 2 + 1 + 3 + 3
                             + MemoryLayout<RandomStream>.stride + MemoryLayout<OpenFirmYear>.stride)
            + 2 * stepsPerYear * 8
        // 11 Double, 3 Int32 (stepsInMode, lossSteps, lastSurpriseStep), mode, partnered,
        // everExported, lastSurpriseKind.
        let perMarket = Double(11 * 8 + 3 * 4 + 4)
        let perPartner = Double(4 + 1 + 8)
        let perYear = Double(3 * 8 + 1 + 3 * 2)
        let maskWords = max(1, ((markets + 63) / 64).rounded(.down))
        return perFirm + markets * perMarket + partnerSlots * perPartner + years * perYear + 2 * maskWords * 8
    }
}

/// The record of a firm's current firm-year while it accumulates, one per firm and adjacent in
/// memory. `observe` adds to this copy and stores the sums into the yearly columns (indexed
/// `firm * years + firmYear`, one cache line per firm, far apart) instead of reading them back:
/// the same additions in the same order from the same zeros, so the columns hold the same
/// values, without a cache miss per column and firm-step.
struct OpenFirmYear: BitwiseCopyable {
    /// The firm-year the values belong to (-1: none yet).
    var year: Int32
    var foreignSales = 0.0
    var totalSales = 0.0
    var homeRegionSales = 0.0
    var maxMode: Int8 = 0
    var markets: Int16 = 0
    var regions: Int16 = 0
    var deepOperations: Int16 = 0

    init(year: Int32) { self.year = year }
}

extension FirmStore {
    /// The markets a firm was active in at the start of the step, in ascending order (the
    /// set bits of its mask, which `observe` rewrites at the end of each firm-step).
    @inline(__always)
    func marketsActiveAtStepStart(firm: Int) -> MarketMaskSequence {
        MarketMaskSequence(words: currentMask.base + firm * maskWords, count: maskWords)
    }

    /// The markets that can hold a mode once the firm has made its decisions of the step:
    /// those active at its start and the one it entered (`entered`, -1 for none), ascending.
    /// Modes rise from 0 only on entry; every other change is in a market already active.
    @inline(__always)
    func marketsActiveOrEntered(firm: Int, entered: Int) -> MarketMaskSequence {
        MarketMaskSequence(words: currentMask.base + firm * maskWords, count: maskWords, extra: entered)
    }
}

/// Iterates the set bits of a market mask, plus an optional extra market: market indices in
/// ascending order. A word is read before any market in it is returned, so the caller may
/// rewrite the bits of the markets it is given.
struct MarketMaskSequence: Sequence, IteratorProtocol {
    let words: UnsafeMutablePointer<UInt64>
    let count: Int
    /// Word and bit of the extra market (word -1: none).
    let extraWord: Int
    let extraBit: UInt64
    var wordIndex = 0
    var bits: UInt64 = 0

    @inline(__always)
    init(words: UnsafeMutablePointer<UInt64>, count: Int, extra: Int = -1) {
        self.words = words
        self.count = count
        extraWord = extra >= 0 ? extra / 64 : -1
        extraBit = extra >= 0 ? 1 << UInt64(extra % 64) : 0
        bits = count > 0 ? words[0] | (extraWord == 0 ? extraBit : 0) : 0
    }

    // Wrapping arithmetic: wordIndex < count, so nothing here can overflow, and the checks
    // would cost more than the rest of a step of the iteration.
    @inline(__always)
    mutating func next() -> Int? {
        while bits == 0 {
            wordIndex &+= 1
            guard wordIndex < count else { return nil }
            bits = words[wordIndex] | (wordIndex == extraWord ? extraBit : 0)
        }
        let j = wordIndex &<< 6 | bits.trailingZeroBitCount
        bits &= bits - 1
        return j
    }
}
