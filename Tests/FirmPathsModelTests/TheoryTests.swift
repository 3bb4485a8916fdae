import Testing
import FirmPathsModel

/// The design brief's directional checks: two scenarios that differ in one lever, small
/// populations, several seeds, counts summed over the seeds, and the direction asserted.
///
/// Each test prints its figures (`THEORY <name>: ...`) so the lead can read them from the
/// test log when tuning the model; the same figures are in the failure message.
@Suite struct TheoryTests {
    static let seeds: [UInt64] = [101, 202, 303, 404]
    static let firms = 300
    static let years = 25

    static func base() -> Scenario { ModelTestSupport.scenario(firms: firms, years: years) }

    /// Finished runs of the default scenario, one per seed, shared by the checks that
    /// compare a lever against the default (computed once, on first use).
    static let baseline: [Simulation] = seeds.map { ModelTestSupport.run(base(), seed: $0) }

    /// Finished runs of `scenario` over the seeds (the shared baseline for the default).
    static func runs(_ scenario: Scenario) -> [Simulation] {
        scenario == base() ? baseline : seeds.map { ModelTestSupport.run(scenario, seed: $0) }
    }

    static func report(_ name: String, _ figures: String) {
        print("THEORY \(name): \(figures)")
    }

    /// Path counts summed over the seeds.
    static func pathCounts(_ scenario: Scenario) -> [TrajectoryPath: Int] {
        var counts: [TrajectoryPath: Int] = [:]
        for simulation in runs(scenario) {
            for outcome in simulation.firmOutcomes() { counts[outcome.classification.path, default: 0] += 1 }
        }
        return counts
    }

    static func describe(_ counts: [TrajectoryPath: Int]) -> String {
        TrajectoryPath.allCases.map { "\($0)=\(counts[$0] ?? 0)" }.joined(separator: " ")
    }

    // MARK: Founder experience and global vision -> born globals (seed 000, seed 002)

    @Test func experienceAndVisionMakeBornGlobals() {
        func scenario(mean: Double, sd: Double) -> Scenario {
            var s = Self.base()
            for k in s.population.segments.indices {
                s.population.segments[k].founderExperience = TraitDistribution(mean: mean, sd: sd)
                s.population.segments[k].globalVision = TraitDistribution(mean: mean, sd: sd)
            }
            return s
        }
        let rich = Self.pathCounts(scenario(mean: 0.75, sd: 0.1))
        let poor = Self.pathCounts(scenario(mean: 0.1, sd: 0.05))
        let figures = "E,G 0.75: \(Self.describe(rich)) | E,G 0.1: \(Self.describe(poor))"
        Self.report("born globals", figures)
        #expect((rich[.bornGlobal] ?? 0) > (poor[.bornGlobal] ?? 0), "\(figures)")
    }

    // MARK: No surprises and no cost drift -> no backsourcers (seed 002; Kinkel & Maloca)

    @Test func calmWorldHasNoBacksourcers() {
        var calm = Self.base()
        calm.model.surprises.enabled = false
        calm.environment.costDrift = false
        var causes: [String: Int] = [:]
        var calmCounts: [TrajectoryPath: Int] = [:]
        var calmRules: [String: Int] = [:]
        for seed in Self.seeds {
            let simulation = ModelTestSupport.run(calm, seed: seed)
            for event in simulation.events where event.kind == .backsource { causes["\(event.cause)", default: 0] += 1 }
            for outcome in simulation.firmOutcomes() {
                calmCounts[outcome.classification.path, default: 0] += 1
                if outcome.classification.path == .backsourcer { calmRules[outcome.classification.rule, default: 0] += 1 }
            }
        }
        let normal = Self.pathCounts(Self.base())
        let figures = "default: \(Self.describe(normal)) | calm: \(Self.describe(calmCounts)); "
            + "calm backsourcers by rule \(calmRules.sorted { $0.key < $1.key }); "
            + "calm backsource events by cause \(causes.sorted { $0.key < $1.key })"
        Self.report("backsourcers", figures)
        #expect((calmCounts[.backsourcer] ?? 0) == 0, "\(figures)")
        #expect((normal[.backsourcer] ?? 0) > 0, "\(figures)")
    }

    // MARK: One psychic distance for all markets -> entry order no longer follows distance

    /// Mean Spearman correlation between entry order and the *default* world's psychic
    /// distances, over firms entering at least three markets. Markets keep their identity
    /// (and size) when the distances are flattened, so in the flat world this asks whether
    /// firms still enter the formerly close markets first.
    static func meanEntryDistanceCorrelation(_ scenario: Scenario, labels: [Double]) -> (mean: Double, firms: Int) {
        var sum = 0.0, count = 0
        for simulation in runs(scenario) {
            for events in simulation.eventsByFirm() {
                var seen = Set<Int16>()
                var distances: [Double] = []
                for e in events where e.kind == .enter && !seen.contains(e.market) {
                    seen.insert(e.market)
                    distances.append(labels[Int(e.market)])
                }
                guard distances.count >= 3,
                      let rho = ModelTestSupport.spearman(distances.indices.map(Double.init), distances) else { continue }
                sum += rho
                count += 1
            }
        }
        return (count > 0 ? sum / Double(count) : .nan, count)
    }

    @Test func flatDistancesRemoveTheDistanceOrder() {
        let normal = Self.base()
        let labels = Simulation(scenario: normal, seed: 0).world.markets.map(\.psychicDistance)
        var flat = Self.base()
        for k in flat.markets.regions.indices {
            flat.markets.regions[k].psychicDistanceMin = 0.5
            flat.markets.regions[k].psychicDistanceMax = 0.5
        }
        let flatWorld = Simulation(scenario: flat, seed: 0).world
        #expect(flatWorld.markets.allSatisfy { $0.psychicDistance == 0.5 })
        #expect(flatWorld.markets.map(\.size) == Simulation(scenario: normal, seed: 0).world.markets.map(\.size))
        let withDistance = Self.meanEntryDistanceCorrelation(normal, labels: labels)
        let without = Self.meanEntryDistanceCorrelation(flat, labels: labels)
        let figures = "default distances: mean rho \(withDistance.mean) over \(withDistance.firms) firms | "
            + "flat 0.5: mean rho (against default distances) \(without.mean) over \(without.firms) firms"
        Self.report("entry order vs distance", figures)
        #expect(withDistance.mean > 0.1, "\(figures)")
        #expect(abs(without.mean) < 0.1, "\(figures)")
    }

    // MARK: Follow the customer (Johanson & Mattsson; seed 002 main customer)

    /// Entries into a market where one of the firm's domestic partners was active in the
    /// previous step, summed over the seeds; and all entries.
    static func entriesFollowingPartners(_ scenario: Scenario) -> (following: Int, entries: Int) {
        var following = 0, entries = 0
        for seed in seeds {
            let simulation = Simulation(scenario: scenario, seed: seed)
            let s = simulation.store
            let J = s.marketCount, P = s.partnerSlots
            while !simulation.isFinished {
                let previousModes = ModelTestSupport.values(s.mode)
                let before = simulation.events.count
                ModelTestSupport.step(simulation, ranges: [0..<s.firmCount])
                for e in simulation.events[before...] where e.kind == .enter {
                    entries += 1
                    let firm = Int(e.firm), j = Int(e.market)
                    let partnerActive = (0..<P).contains { slot in
                        let partner = Int(s.partnerID[firm * P + slot])
                        return partner >= 0 && previousModes[partner * J + j] > 0
                    }
                    if partnerActive { following += 1 }
                }
            }
        }
        return (following, entries)
    }

    @Test func followTheCustomerPullsFirmsWherePartnersAre() {
        var off = Self.base()
        off.model.opportunities.followTheCustomer = false
        let on = Self.entriesFollowingPartners(Self.base())
        let without = Self.entriesFollowingPartners(off)
        let figures = "on: \(on.following) of \(on.entries) entries where a partner was active | "
            + "off: \(without.following) of \(without.entries)"
        Self.report("follow the customer", figures)
        #expect(without.following < on.following, "\(figures)")
    }

    // MARK: Stage skipping (seed 000: resources explain skipped stages)

    /// Entries straight to mode 3 or 4, and any mode >= 3 reached in a market without an
    /// earlier period at mode 1 or 2.
    static func skippedStages(_ scenario: Scenario) -> (deepEntries: Int, deepWithoutExport: Int, entries: Int) {
        var deepEntries = 0, deepWithoutExport = 0, entries = 0
        for simulation in runs(scenario) {
            let J = simulation.store.marketCount
            for events in simulation.eventsByFirm() {
                var exported = Array(repeating: false, count: J)
                for e in events where e.market >= 0 {
                    let j = Int(e.market)
                    if e.kind == .enter {
                        entries += 1
                        if e.toMode >= 3 { deepEntries += 1 }
                    }
                    if e.toMode >= 3 && !exported[j] && e.fromMode < 3 { deepWithoutExport += 1 }
                    if e.toMode == 1 || e.toMode == 2 { exported[j] = true }
                }
            }
        }
        return (deepEntries, deepWithoutExport, entries)
    }

    @Test func withoutStageSkippingEveryDeepOperationFollowsExports() {
        var off = Self.base()
        off.model.establishment.stageSkipping.enabled = false
        let on = Self.skippedStages(Self.base())
        let without = Self.skippedStages(off)
        let figures = "on: \(on.deepEntries) entries at mode >= 3, \(on.deepWithoutExport) deep without prior export, "
            + "\(on.entries) entries | off: \(without.deepEntries), \(without.deepWithoutExport), \(without.entries)"
        Self.report("stage skipping", figures)
        #expect(without.deepEntries == 0, "\(figures)")
        #expect(without.deepWithoutExport == 0, "\(figures)")
        #expect(on.deepEntries > 0, "\(figures)")
    }

    // MARK: Export promotion (seed 001: policy)

    @Test func exportPromotionMakesMoreExporters() {
        func exporters(_ promotion: Double) -> (ever: Int, atEnd: Int, living: Int) {
            var s = Self.base()
            s.policy.exportPromotion = promotion
            var ever = 0, atEnd = 0, living = 0
            for simulation in Self.runs(s) {
                for outcome in simulation.firmOutcomes() {
                    if outcome.firstExportYear != nil { ever += 1 }
                    if outcome.exportingAtEnd { atEnd += 1 }
                    if simulation.store.alive[outcome.firm] { living += 1 }
                }
            }
            return (ever, atEnd, living)
        }
        let none = exporters(0)
        let promoted = exporters(0.6)
        let figures = "promotion 0: ever exported \(none.ever), exporting at end \(none.atEnd) of \(none.living) living | "
            + "promotion 0.6: \(promoted.ever), \(promoted.atEnd) of \(promoted.living)"
        Self.report("export promotion", figures)
        #expect(promoted.ever > none.ever, "\(figures)")
        #expect(Double(promoted.atEnd) / Double(max(promoted.living, 1)) > Double(none.atEnd) / Double(max(none.living, 1)),
                "\(figures)")
    }

    // MARK: Identical traits, different streams -> different paths (brief principle 1)

    @Test func identicalTraitsStillGiveDifferentPaths() {
        var s = ModelTestSupport.scenario(firms: 200, years: Self.years)
        // One segment at the knowledge-intensive means, every spread zero.
        var segment = Segment.defaultMixture[1]
        segment.share = 1
        for keyPath: WritableKeyPath<Segment, TraitDistribution> in [
            \.founderExperience, \.globalVision, \.niche, \.productivity, \.riskTolerance, \.employees,
            \.initialCash, \.learningCapacity, \.networkingCapability,
        ] {
            segment[keyPath: keyPath].sd = 0
        }
        segment.clusterMembership = 0
        segment.founderTiesPerExperience = 0
        segment.protectsRnDInCrisis = 1
        s.population.segments = [segment]
        s.population.foundedAtStart = 1
        let simulation = ModelTestSupport.run(s, seed: 77)
        let store = simulation.store
        // The traits really are identical.
        let traits: [(String, Column<Double>)] = [
            ("E", store.founderExperience), ("G", store.globalVision), ("niche", store.niche),
            ("productivity", store.productivity), ("risk", store.riskTolerance), ("employees", store.initialEmployees),
            ("cash", store.initialCashShare), ("learning", store.learningCapacity), ("networking", store.networkingCapability),
        ]
        for (name, column) in traits {
            #expect(Set(ModelTestSupport.values(column)).count == 1, "trait \(name) varies")
        }
        #expect(Set(ModelTestSupport.values(store.foundedStep)).count == 1)
        var counts: [TrajectoryPath: Int] = [:]
        for outcome in simulation.firmOutcomes() { counts[outcome.classification.path, default: 0] += 1 }
        let figures = Self.describe(counts)
        Self.report("identical traits", figures)
        #expect(counts.count >= 2, "\(figures)")
    }
    // MARK: The workforce follows the output sold abroad (Penrose 1959; Bernard & Jensen 1999)

    /// Living firms' mean employees, exporters at the end / the others, and the export staff's
    /// invariants: never negative, never more than the workforce less one home worker, zero
    /// in a firm that never sold abroad.
    static func staffing(_ scenario: Scenario) -> (premium: Double, staffOfExporters: Double, violations: Int) {
        var exporters = (sum: 0.0, count: 0), others = (sum: 0.0, count: 0)
        var staff = 0.0
        var violations = 0
        for simulation in runs(scenario) {
            let store = simulation.store
            for outcome in simulation.firmOutcomes() where store.alive[outcome.firm] {
                let i = outcome.firm
                let exportStaff = store.exportStaff[i]
                if exportStaff < 0 || store.employees[i] - exportStaff < 1 - 1e-9 { violations += 1 }
                if outcome.firstExportYear == nil && exportStaff != 0 { violations += 1 }
                if outcome.exportingAtEnd {
                    exporters.sum += store.employees[i]; exporters.count += 1
                    staff += exportStaff
                } else {
                    others.sum += store.employees[i]; others.count += 1
                }
            }
        }
        let premium = (exporters.sum / Double(max(exporters.count, 1))) / (others.sum / Double(max(others.count, 1)))
        return (premium, staff / Double(max(exporters.count, 1)), violations)
    }

    @Test func exportersHireForTheirForeignSales() {
        var on = Self.base()
        on.model.operations.exportStaffingSpeed = 0.3
        let off = Self.staffing(Self.base())
        let hiring = Self.staffing(on)
        let figures = String(format: "speed 0: size premium %.3f, export staff per exporter %.2f | speed 0.3: %.3f, %.2f",
                             off.premium, off.staffOfExporters, hiring.premium, hiring.staffOfExporters)
        Self.report("export staffing", figures)
        #expect(off.staffOfExporters == 0, "\(figures)")
        #expect(hiring.staffOfExporters > 0, "\(figures)")
        #expect(hiring.premium > off.premium, "\(figures)")
        #expect(off.violations == 0 && hiring.violations == 0, "\(figures)")
    }
}
