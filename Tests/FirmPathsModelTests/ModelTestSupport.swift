import FirmPathsModel

/// Small scenarios and column access shared by the model tests.
enum ModelTestSupport {
    /// The default scenario with a small population and a short horizon.
    static func scenario(firms: Int, years: Int) -> Scenario {
        var scenario = Scenario()
        scenario.population.firms = firms
        scenario.years = years
        return scenario
    }

    /// A finished run.
    static func run(_ scenario: Scenario, seed: UInt64) -> Simulation {
        let simulation = Simulation(scenario: scenario, seed: seed)
        simulation.runToEnd()
        return simulation
    }

    /// Steps a simulation one step, advancing the firms in the given ranges in the given
    /// execution order, and ending the step with the events of the ranges in range order.
    static func step(_ simulation: Simulation, ranges: [Range<Int>], executionOrder: [Int]? = nil) {
        simulation.beginStep()
        var chunks = Array(repeating: [FirmEvent](), count: ranges.count)
        for k in executionOrder ?? Array(ranges.indices) {
            simulation.advance(firms: ranges[k], events: &chunks[k])
        }
        simulation.endStep(events: chunks)
    }

    /// Ranges of `size` firms covering 0..<count.
    static func ranges(count: Int, size: Int) -> [Range<Int>] {
        stride(from: 0, to: count, by: size).map { $0..<min(count, $0 + size) }
    }

    static func values<T: BitwiseCopyable>(_ column: Column<T>) -> [T] {
        (0..<column.count).map { column[$0] }
    }

    /// Bit patterns of a column of doubles: equal only when identical (NaN-safe).
    static func bits(_ column: Column<Double>) -> [UInt64] {
        (0..<column.count).map { column[$0].bitPattern }
    }

    /// Spearman rank correlation (average ranks for ties); nil when either side is constant
    /// or there are fewer than three pairs.
    static func spearman(_ x: [Double], _ y: [Double]) -> Double? {
        guard x.count == y.count, x.count >= 3 else { return nil }
        func ranks(_ v: [Double]) -> [Double] {
            let order = v.indices.sorted { v[$0] < v[$1] }
            var result = Array(repeating: 0.0, count: v.count)
            var k = 0
            while k < order.count {
                var end = k
                while end + 1 < order.count && v[order[end + 1]] == v[order[k]] { end += 1 }
                for m in k...end { result[order[m]] = Double(k + end) / 2 + 1 }
                k = end + 1
            }
            return result
        }
        let rx = ranks(x), ry = ranks(y)
        let n = Double(x.count)
        let mx = rx.reduce(0, +) / n, my = ry.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for k in rx.indices {
            sxy += (rx[k] - mx) * (ry[k] - my)
            sxx += (rx[k] - mx) * (rx[k] - mx)
            syy += (ry[k] - my) * (ry[k] - my)
        }
        guard sxx > 0, syy > 0 else { return nil }
        return sxy / (sxx * syy).squareRoot()
    }
}
