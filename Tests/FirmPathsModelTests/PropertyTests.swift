import FirmPathsIO
import FirmPathsModel
import Foundation
import Testing

/// Property tests: random scenarios drawn within the documented ranges (`ParameterCatalog`) run
/// without NaN or infinity in any state, event or outcome, and with the invariants of
/// `InvariantTests` holding (bounded states, cash = flows, legal mode changes).
///
/// Every numeric parameter is drawn uniformly: bounded domains over the whole domain,
/// half-open ones over [lower, 2 x default] (or [lower, lower + 1] when the default is 0), so the
/// draws stay where a user would plausibly go. Populations are small (30-80 firms, 3-8 years).
/// Beta trait sds are drawn below their limit sqrt(mean (1 - mean)), segment shares are
/// normalised and region distance bands ordered; anything else the validator refuses is redrawn.
/// A failure prints the seed of the draw and the scenario as JSON, to reproduce it alone.
@Suite struct PropertyTests {
    static let scenarioCount = 200
    static let firstSeed: UInt64 = 20_240_601

    struct Draw {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
        mutating func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * unit() }
        mutating func integer(_ low: Int, _ high: Int) -> Int { low + Int(next() % UInt64(max(1, high - low + 1))) }
    }

    /// A value in `interval` near `current` (the default), as described above.
    static func draw(_ interval: ParameterInterval, current: Double, _ rng: inout Draw) -> Double {
        let low = interval.lower ?? (current - abs(current) - 1)
        let high = interval.upper ?? (current > low ? low + 2 * (current - low) : low + 1)
        var value = rng.uniform(low, high)
        if !interval.contains(value) { value = (low + high) / 2 }
        return value
    }

    /// Concrete paths and values of a catalog pattern such as `population.segments[*].share`.
    static func matches(_ pattern: String, in root: JSONValue) -> [(JSONPath, JSONValue)] {
        var current: [(JSONPath, JSONValue)] = [(.root, root)]
        for part in pattern.split(separator: ".") {
            let isList = part.hasSuffix("[*]")
            let key = String(isList ? part.dropLast(3) : part)
            current = current.flatMap { path, value -> [(JSONPath, JSONValue)] in
                guard let member = value[key] else { return [] }
                let memberPath = path.appending(key: key)
                guard isList else { return [(memberPath, member)] }
                return (member.arrayValue ?? []).enumerated().map { (memberPath.appending(index: $0.offset), $0.element) }
            }
        }
        return current
    }

    /// One random scenario tree, drawn from the resolved defaults.
    static func drawScenario(_ rng: inout Draw, defaults: JSONValue) throws -> JSONValue {
        var tree = defaults
        for entry in ParameterCatalog.entries {
            for (path, value) in matches(entry.path, in: defaults) {
                let drawn: JSONValue
                switch entry.domain {
                case .number(let interval):
                    guard let current = value.doubleValue else { continue }
                    drawn = .number(draw(interval, current: current, &rng))
                case .integer(let min, let max):
                    guard let current = value.intValue else { continue }
                    let high = Swift.min(max ?? Int.max, Swift.max(min + 1, 2 * current))
                    drawn = .number(Double(rng.integer(min, high)))
                case .numberList(_, let element, let weights):
                    guard let current = value.arrayValue?.compactMap(\.doubleValue) else { continue }
                    var values = current.map { draw(element, current: $0, &rng) }
                    if weights && values.reduce(0, +) <= 0 { values[0] = 1 }
                    drawn = .array(values.map { .number($0) })
                case .boolean:
                    drawn = .bool(rng.unit() < 0.5)
                default:
                    continue
                }
                try tree.setValue(drawn, at: path)
            }
        }
        try tree.setValue(.number(Double(rng.integer(30, 80))), at: JSONPath(parsing: "population.firms"))
        try tree.setValue(.number(Double(rng.integer(3, 8))), at: JSONPath(parsing: "years"))
        try tree.setValue(.number(Double([1, 2, 4, 12][rng.integer(0, 3)])), at: JSONPath(parsing: "stepsPerYear"))
        try tree.setValue(.number(Double(rng.integer(0, 1 << 30))), at: JSONPath(parsing: "seed"))

        // Cross-field rules: shares sum to 1, Beta sds below their limit, distance bands ordered.
        let segments = try JSONPath(parsing: "population.segments")
        let count = tree.value(at: segments)?.arrayValue?.count ?? 0
        let shares = (0..<count).map { _ in rng.uniform(0.05, 1) }
        let total = shares.reduce(0, +)
        for index in 0..<count {
            let segment = segments.appending(index: index)
            try tree.setValue(.number(shares[index] / total), at: segment.appending(key: "share"))
            for (key, trait) in tree.value(at: segment)?.objectValue?.members ?? [] {
                guard let mean = trait["mean"]?.doubleValue, trait["sd"] != nil,
                      ParameterCatalog.entry(forPattern: "population.segments[*].\(key).mean")?.domain == .number(.unit)
                else { continue }
                let limit = (mean * (1 - mean)).squareRoot()
                try tree.setValue(.number(rng.uniform(0, 0.9) * limit), at: segment.appending(key: key).appending(key: "sd"))
            }
        }
        let regions = try JSONPath(parsing: "markets.regions")
        for index in 0..<(tree.value(at: regions)?.arrayValue?.count ?? 0) {
            let region = regions.appending(index: index)
            let a = tree.value(at: region.appending(key: "psychicDistanceMin"))?.doubleValue ?? 0
            let b = tree.value(at: region.appending(key: "psychicDistanceMax"))?.doubleValue ?? 1
            try tree.setValue(.number(min(a, b)), at: region.appending(key: "psychicDistanceMin"))
            try tree.setValue(.number(max(a, b)), at: region.appending(key: "psychicDistanceMax"))
        }
        // Now and then a crisis, which the defaults do not have.
        if rng.unit() < 0.3 {
            let crisis: JSONValue = .object(JSONObject([
                ("startYear", .number(rng.uniform(0, 4))), ("durationYears", .number(rng.uniform(0.25, 3))),
                ("depth", .number(rng.uniform(0, 1.5))), ("regions", .array([.string(["all", "home"][rng.integer(0, 1)])])),
            ]))
            try tree.setValue(.array([crisis]), at: JSONPath(parsing: "environment.crises"))
        }
        return tree
    }

    @Test func randomScenariosKeepTheInvariants() throws {
        let defaults = try ScenarioLoader.load(bytes: Array("{}".utf8), file: "defaults").resolvedJSON
        var rng = Draw(state: Self.firstSeed)
        var run = 0
        var rejected: [String] = []
        var failures: [String] = []
        var eventCount = 0
        while run < Self.scenarioCount {
            let drawSeed = rng.state
            let tree = try Self.drawScenario(&rng, defaults: defaults)
            let text = try tree.serialized()
            let loaded: LoadedScenario
            do {
                loaded = try ScenarioLoader.load(bytes: Array(text.utf8), file: "draw-\(drawSeed)")
            } catch {
                rejected.append(error.description)
                #expect(rejected.count < Self.scenarioCount, "the draw is refused too often: \(rejected.prefix(3))")
                if rejected.count >= Self.scenarioCount { return }
                continue
            }
            run += 1
            let scenario = loaded.scenario
            let simulation = Simulation(scenario: scenario, seed: scenario.seed.value)
            var v = InvariantTests.Violations()
            while !simulation.isFinished {
                let before = simulation.store.cash.count > 0 ? (0..<simulation.store.firmCount).map { simulation.store.cash[$0] } : []
                ModelTestSupport.step(simulation, ranges: [0..<simulation.store.firmCount])
                InvariantTests.checkState(simulation, into: &v)
                _ = InvariantTests.checkCash(simulation, before: before, into: &v)
            }
            _ = InvariantTests.checkModeChanges(simulation, into: &v)
            for event in simulation.events where !event.value.isFinite {
                v.add("event value \(event.value) of \(event.kind) firm \(event.firm) step \(event.step)")
            }
            for outcome in simulation.firmOutcomes() {
                let figures = [outcome.peakForeignShare] + outcome.classification.figures.map(\.value)
                for value in figures where !value.isFinite { v.add("outcome of firm \(outcome.firm): \(value)") }
            }
            eventCount += simulation.events.count
            if v.count > 0 {
                failures.append("draw \(drawSeed): \(v)\nscenario: \(text)")
            }
        }
        let firstFailure = failures.first ?? ""
        #expect(failures.isEmpty, "\(failures.count) of \(Self.scenarioCount) scenarios broke an invariant; first:\n\(firstFailure)")
        #expect(eventCount > 0)
        // Most draws are valid; the validator's refusals show which rules the draw misses.
        #expect(rejected.count < Self.scenarioCount / 4, "\(rejected.count) draws refused, e.g. \(rejected.prefix(2))")
    }
}
