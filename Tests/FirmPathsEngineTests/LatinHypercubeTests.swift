import Testing
@testable import FirmPathsEngine

@Suite struct LatinHypercubeTests {
    static let factors = [
        SweepFactor(path: "policy.exportPromotion", kind: .interval(min: 0, max: 1)),
        SweepFactor(path: "segments[0].share", kind: .interval(min: 0.2, max: 0.8)),
        SweepFactor(path: "market.distance", kind: .interval(min: -5, max: 20)),
    ]

    @Test(arguments: [1, 2, 10, 97])
    func oneSamplePerStratumPerFactor(samples: Int) throws {
        let design = SweepDesign(factors: Self.factors, method: .latinHypercube(samples: samples))
        let points = try design.points(seed: 2024)
        #expect(points.count == samples)
        for (f, factor) in Self.factors.enumerated() {
            guard case let .interval(min, max) = factor.kind else { continue }
            var strata = [Int]()
            for point in points {
                #expect(point.values[f].path == factor.path)
                let value = point.values[f].value
                #expect(value >= min && value <= max)
                let unit = (value - min) / (max - min)
                strata.append(Swift.min(samples - 1, Int((unit * Double(samples)).rounded(.down))))
            }
            #expect(strata.sorted() == Array(0..<samples))
        }
    }

    @Test func deterministicPerSeedAndDifferentAcrossSeeds() throws {
        let design = SweepDesign(factors: Self.factors, method: .latinHypercube(samples: 20))
        let a = try design.points(seed: 1)
        let b = try design.points(seed: 1)
        let c = try design.points(seed: 2)
        #expect(a == b)
        #expect(a != c)
    }

    @Test func degenerateIntervalGivesItsValue() throws {
        let design = SweepDesign(
            factors: [SweepFactor(path: "x", kind: .interval(min: 3, max: 3))], method: .latinHypercube(samples: 5))
        #expect(try design.points(seed: 9).allSatisfy { $0.values[0].value == 3 })
    }
}
