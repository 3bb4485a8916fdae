import Testing
@testable import FirmPathsEngine

@Suite struct MorrisTests {
    static let factors = [
        SweepFactor(path: "x1", kind: .interval(min: 0, max: 1)),
        SweepFactor(path: "x2", kind: .interval(min: -2, max: 2)),
        SweepFactor(path: "x3", kind: .interval(min: 0, max: 1)),
        SweepFactor(path: "x4", kind: .interval(min: 10, max: 20)),
    ]

    @Test(arguments: [2, 4, 6, 3])
    func trajectoriesMoveOneFactorByDelta(levels: Int) throws {
        let r = 8
        let spec = SweepDesign(factors: Self.factors, method: .morris(trajectories: r, levels: levels))
        let design = try spec.morrisDesign(seed: 77)
        let k = Self.factors.count
        #expect(design.points.count == r * (k + 1))
        #expect(try spec.points(seed: 77) == design.points)
        let delta = Double(levels) / (2 * Double(levels - 1))
        #expect(design.delta == delta)
        for t in 0..<r {
            #expect(design.changedFactor[t].sorted() == Array(0..<k))
            for s in 0..<k {
                let a = design.unitPoints[t * (k + 1) + s]
                let b = design.unitPoints[t * (k + 1) + s + 1]
                let differing = (0..<k).filter { a[$0] != b[$0] }
                #expect(differing == [design.changedFactor[t][s]])
                if let f = differing.first {
                    #expect(abs(abs(b[f] - a[f]) - delta) < 1e-12)
                }
            }
        }
        for row in design.unitPoints {
            #expect(row.allSatisfy { $0 >= 0 && $0 <= 1 })
        }
        for point in design.points {
            for (f, factor) in Self.factors.enumerated() {
                guard case let .interval(min, max) = factor.kind else { continue }
                #expect(point.values[f].path == factor.path)
                #expect(point.values[f].value >= min && point.values[f].value <= max)
            }
        }
    }

    @Test func baseLevelsLieOnTheGrid() throws {
        let design = try SweepDesign(factors: Self.factors, method: .morris(trajectories: 20))
            .morrisDesign(seed: 5)
        #expect(design.levels == 4)
        let grid: Set<Double> = [0, 1.0 / 3, 2.0 / 3, 1]
        for row in design.unitPoints {
            #expect(row.allSatisfy { value in grid.contains { abs($0 - value) < 1e-12 } })
        }
    }

    @Test func deterministicPerSeed() throws {
        let spec = SweepDesign(factors: Self.factors, method: .morris(trajectories: 10))
        #expect(try spec.points(seed: 3) == spec.points(seed: 3))
        #expect(try spec.points(seed: 3) != spec.points(seed: 4))
    }

    @Test func analysisRecoversLinearAndNonlinearEffects() throws {
        // y = 3 x1 + 0 x2 + x3^2 + 0.5 x4, with x4 in [10, 20] so its normalized effect is 0.5 * 10.
        let spec = SweepDesign(factors: Self.factors, method: .morris(trajectories: 30))
        let design = try spec.morrisDesign(seed: 11)
        let outputs = design.points.map { point -> Double in
            let x = point.values.map(\.value)
            return 3 * x[0] + 0 * x[1] + x[2] * x[2] + 0.5 * x[3]
        }
        let result = try MorrisAnalysis.elementaryEffects(design: design, outputs: outputs)
        let byPath = Dictionary(uniqueKeysWithValues: result.effects.map { ($0.path, $0) })
        let x1 = try #require(byPath["x1"])
        #expect(abs(x1.mu - 3) < 1e-9)
        #expect(abs(x1.muStar - 3) < 1e-9)
        #expect(x1.sigma < 1e-9)
        #expect(x1.count == 30)
        let x2 = try #require(byPath["x2"])
        #expect(x2.muStar == 0 && x2.sigma == 0)
        let x4 = try #require(byPath["x4"])
        #expect(abs(x4.muStar - 5) < 1e-9)
        // x3^2 has elementary effects 2 x + delta in {2/3, 4/3}: between, and not constant.
        let x3 = try #require(byPath["x3"])
        #expect(x3.muStar > 2.0 / 3 - 1e-9 && x3.muStar < 4.0 / 3 + 1e-9)
        #expect(x3.sigma > 0.01)
        #expect(result.ranking.map(\.path) == ["x4", "x1", "x3", "x2"])
        // The convenience overload regenerates the same design.
        #expect(try MorrisAnalysis.elementaryEffects(design: spec, seed: 11, outputs: outputs) == result)
    }

    @Test func bootstrapIntervalIsZeroForConstantEffectsAndSeededOtherwise() throws {
        // y = 3 x1 + x3^2: x1's elementary effects are all equal (no interval), x3's vary.
        let design = try SweepDesign(factors: Self.factors, method: .morris(trajectories: 40)).morrisDesign(seed: 9)
        let outputs = design.points.map { point -> Double in
            let x = point.values.map(\.value)
            return 3 * x[0] + x[2] * x[2]
        }
        let result = try MorrisAnalysis.elementaryEffects(design: design, outputs: outputs, bootstrap: (500, 1))
        let byPath = Dictionary(uniqueKeysWithValues: result.effects.map { ($0.path, $0) })
        let x1 = try #require(byPath["x1"]), x2 = try #require(byPath["x2"]), x3 = try #require(byPath["x3"])
        #expect(x1.muStarConfidence < 1e-9 && x2.muStarConfidence == 0)
        // x3's effects lie in [2/3, 4/3]: the interval is positive and below the spread of the effects.
        #expect(x3.muStarConfidence > 0 && x3.muStarConfidence < 2.0 / 3)
        // Close to the normal approximation 1.96 sigma / sqrt(r).
        let normal = 1.96 * x3.sigma / Double(40).squareRoot()
        #expect(abs(x3.muStarConfidence - normal) < 0.25 * normal)
        // A documented function of the seed; without bootstrap, no interval.
        #expect(try MorrisAnalysis.elementaryEffects(design: design, outputs: outputs, bootstrap: (500, 1)) == result)
        #expect(try MorrisAnalysis.elementaryEffects(design: design, outputs: outputs, bootstrap: (500, 2)) != result)
        let plain = try MorrisAnalysis.elementaryEffects(design: design, outputs: outputs)
        #expect(plain.effects.allSatisfy { $0.muStarConfidence == 0 })
        #expect(plain.effects.map(\.muStar) == result.effects.map(\.muStar))
    }

    @Test func analysisRejectsBadOutputs() throws {
        let design = try SweepDesign(factors: Self.factors, method: .morris(trajectories: 2)).morrisDesign(seed: 1)
        #expect(throws: SweepError.outputCountMismatch(expected: 10, actual: 3)) {
            try MorrisAnalysis.elementaryEffects(design: design, outputs: [1, 2, 3])
        }
        var outputs = [Double](repeating: 1, count: 10)
        outputs[4] = .nan
        #expect(throws: SweepError.nonFiniteOutput(index: 4)) {
            try MorrisAnalysis.elementaryEffects(design: design, outputs: outputs)
        }
        #expect(throws: SweepError.notAMorrisDesign) {
            try SweepDesign(factors: Self.factors, method: .grid).morrisDesign(seed: 1)
        }
    }
}
