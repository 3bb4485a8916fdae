import Testing
import FirmPathsModel

/// Invariants of runs of the default scenario (200 firms, 20 years, several seeds):
/// bounded states, finite outputs, legal mode changes, and cash changes equal to the
/// recorded flows. Each test collects its violations and reports the count and the first
/// few, so a failure says where to look.
@Suite struct InvariantTests {
    static let seeds: [UInt64] = [1, 2, 3]
    static let firms = 200
    static let years = 20

    static func scenario() -> Scenario { ModelTestSupport.scenario(firms: firms, years: years) }

    /// Collected violations: a count and the first few descriptions.
    struct Violations: CustomStringConvertible {
        var count = 0
        var examples: [String] = []
        mutating func add(_ message: @autoclosure () -> String) {
            count += 1
            if examples.count < 8 { examples.append(message()) }
        }
        var description: String { "\(count) violations, e.g. \(examples.joined(separator: "; "))" }
    }

    // MARK: Bounds and finiteness, checked after every step

    static func checkUnitInterval(_ column: Column<Double>, _ name: String, step: Int, into v: inout Violations) {
        for k in 0..<column.count {
            let x = column[k]
            if !(x >= 0 && x <= 1) { v.add("\(name)[\(k)] = \(x) at step \(step)") }
        }
    }

    static func checkFinite(_ column: Column<Double>, _ name: String, step: Int, into v: inout Violations) {
        for k in 0..<column.count where !column[k].isFinite {
            v.add("\(name)[\(k)] = \(column[k]) at step \(step)")
        }
    }

    static func checkState(_ simulation: Simulation, into v: inout Violations) {
        let s = simulation.store
        let step = simulation.currentStep
        let unit: [(Column<Double>, String)] = [
            (s.marketKnowledge, "marketKnowledge"), (s.generalKnowledge, "generalKnowledge"),
            (s.foreignShare, "foreignShare"), (s.homeRegionShare, "homeRegionShare"), (s.trust, "trust"),
            (s.penetration, "penetration"), (s.foreignTie, "foreignTie"), (s.meanMarketKnowledge, "meanMarketKnowledge"),
            (s.firmInternationalization, "D_f"), (s.networkInternationalization, "D_m"), (s.innovation, "innovation"),
        ]
        for (column, name) in unit { checkUnitInterval(column, name, step: step, into: &v) }
        let finite: [(Column<Double>, String)] = [
            (s.revenue, "revenue"), (s.cash, "cash"), (s.employees, "employees"), (s.marketSales, "marketSales"),
            (s.marketProfit, "marketProfit"), (s.sunkCommitment, "sunkCommitment"), (s.beliefAppeal, "beliefAppeal"),
            (s.beliefWeight, "beliefWeight"), (s.flowOperating, "flowOperating"), (s.flowInvestment, "flowInvestment"),
            (s.flowRnD, "flowRnD"), (s.flowIncidents, "flowIncidents"), (s.flowPayout, "flowPayout"),
            (s.yearForeignSales, "yearForeignSales"), (s.yearTotalSales, "yearTotalSales"),
            (s.yearHomeRegionSales, "yearHomeRegionSales"),
        ]
        for (column, name) in finite { checkFinite(column, name, step: step, into: &v) }
        // Modes are 0...4; only mode-3 operations are partnered; the dead hold nothing.
        for k in 0..<s.mode.count {
            let mode = Int(s.mode[k])
            if mode < 0 || mode > 4 { v.add("mode[\(k)] = \(mode) at step \(step)") }
            if s.partnered[k] && mode != 3 { v.add("partnered at mode \(mode), index \(k), step \(step)") }
            if mode > 0 && !s.alive[k / s.marketCount] { v.add("dead firm \(k / s.marketCount) holds mode \(mode) at step \(step)") }
        }
    }

    @Test(arguments: seeds)
    func statesStayBoundedAndFinite(seed: UInt64) {
        let simulation = Simulation(scenario: Self.scenario(), seed: seed)
        var v = Violations()
        while !simulation.isFinished {
            ModelTestSupport.step(simulation, ranges: [0..<Self.firms])
            Self.checkState(simulation, into: &v)
        }
        for event in simulation.events where !event.value.isFinite {
            v.add("event value \(event.value) of \(event.kind) firm \(event.firm) step \(event.step)")
        }
        #expect(v.count == 0, "\(v)")
        // The run did something worth checking.
        #expect(simulation.events.contains { $0.kind == .enter })
    }

    // MARK: Cash changes equal the recorded flows

    @Test(arguments: seeds)
    func cashChangesEqualRecordedFlows(seed: UInt64) {
        let simulation = Simulation(scenario: Self.scenario(), seed: seed)
        var v = Violations()
        var checked = 0
        while !simulation.isFinished {
            let before = ModelTestSupport.values(simulation.store.cash)
            ModelTestSupport.step(simulation, ranges: [0..<Self.firms])
            checked += Self.checkCash(simulation, before: before, into: &v)
        }
        #expect(v.count == 0, "\(v)")
        #expect(checked > Self.firms * Self.years)
    }

    /// Compares each firm's cash change over the step just taken with its recorded flows;
    /// returns how many firms were checked. Shared with `PropertyTests`.
    static func checkCash(_ simulation: Simulation, before: [Double], into v: inout Violations) -> Int {
        let s = simulation.store
        let step = simulation.currentStep
        var checked = 0
        for i in 0..<s.firmCount {
            let stepped = s.alive[i] || Int(s.diedStep[i]) == step
            let change = s.cash[i] - before[i]
            guard stepped else {
                if change != 0 { v.add("cash of idle firm \(i) moved by \(change) at step \(step)") }
                continue
            }
            let flows = [s.flowOperating[i], s.flowInvestment[i], s.flowRnD[i], s.flowIncidents[i], s.flowPayout[i]]
            let sum = flows.reduce(0, +)
            let scale = max(1, abs(before[i]), abs(s.cash[i]), flows.map(abs).reduce(0, +))
            if abs(change - sum) > 1e-9 * scale {
                v.add("firm \(i) step \(step): cash change \(change) vs flows \(sum) \(flows)")
            }
            checked += 1
        }
        return checked
    }

    // MARK: Legal mode changes, replayed from mode 0

    @Test(arguments: seeds)
    func modeChangesAreLegal(seed: UInt64) {
        let simulation = ModelTestSupport.run(Self.scenario(), seed: seed)
        var v = Violations()
        let kindsSeen = Self.checkModeChanges(simulation, into: &v)
        #expect(v.count == 0, "\(v)")
        #expect(kindsSeen.isSuperset(of: [.enter, .upgrade, .exit, .died]), "kinds seen: \(kindsSeen)")
    }

    /// Replays every firm's events from mode 0, checking each change is legal and the end
    /// state matches the store; returns the event kinds seen. Shared with `PropertyTests`.
    static func checkModeChanges(_ simulation: Simulation, into v: inout Violations) -> Set<EventKind> {
        let s = simulation.store
        let J = s.marketCount
        let retained = simulation.scenario.model.backsourcing.retainedMode
        var kindsSeen = Set<EventKind>()
        for (firm, events) in simulation.eventsByFirm().enumerated() {
            var modes = Array(repeating: 0, count: J)
            var died = false
            var lastStep = -1
            for e in events {
                let at = "firm \(firm) step \(e.step) market \(e.market) \(e.kind) \(e.fromMode)->\(e.toMode)"
                if died { v.add("event after death: \(at)") }
                if Int(e.step) < lastStep { v.add("events out of step order: \(at)") }
                lastStep = Int(e.step)
                kindsSeen.insert(e.kind)
                let from = Int(e.fromMode), to = Int(e.toMode)
                let j = Int(e.market)
                switch e.kind {
                case .founded, .rdCut:
                    if j != -1 { v.add("firm-level event with a market: \(at)") }
                    continue
                case .died:
                    if j != -1 { v.add("firm-level event with a market: \(at)") }
                    died = true
                    continue
                default:
                    break
                }
                guard j >= 0 && j < J else { v.add("market out of range: \(at)"); continue }
                if from != modes[j] { v.add("fromMode \(from) but replayed mode \(modes[j]): \(at)") }
                switch e.kind {
                case .enter:
                    if !(from == 0 && (1...4).contains(to)) { v.add("illegal entry: \(at)") }
                case .upgrade:
                    if !((1...3).contains(from) && to == from + 1) { v.add("illegal upgrade: \(at)") }
                case .downgrade:
                    // One mode down (alternation; a partnered 3 ending its partnership goes to 2).
                    if !(from >= 2 && to == from - 1) { v.add("illegal downgrade: \(at)") }
                case .exit:
                    if !(from >= 1 && to == 0) { v.add("illegal exit: \(at)") }
                case .backsource:
                    if !(from == 4 && to == retained) { v.add("illegal backsourcing: \(at)") }
                    if !(e.value >= 0 && e.value <= 1) { v.add("capacity share \(e.value) out of [0, 1]: \(at)") }
                case .surprise:
                    if !(from == to && from >= 3) { v.add("surprise outside a deep operation: \(at)") }
                case .opportunism:
                    if !(from == to && from == 3 && e.partnered) { v.add("opportunism outside a partnered 3: \(at)") }
                default:
                    break
                }
                modes[j] = to
            }
            for j in 0..<J {
                let stored = Int(s.mode[firm * J + j])
                if s.alive[firm] {
                    if stored != modes[j] { v.add("firm \(firm) market \(j): replayed \(modes[j]) but stored \(stored)") }
                } else if stored != 0 {
                    v.add("dead firm \(firm) market \(j) still at mode \(stored)")
                }
            }
            if !s.alive[firm] && !died { v.add("firm \(firm) is not alive but has no died event") }
        }
        return kindsSeen
    }
}
