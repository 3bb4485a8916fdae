@testable import FirmPathsEngine
import Testing

@Suite struct SobolTests {
    /// scipy.stats.qmc.Sobol(d=40, scramble=False).random(16), first 8 points, first 5 coordinates.
    static let scipyFirstPoints: [[Double]] = [
        [0.0, 0.0, 0.0, 0.0, 0.0], [0.5, 0.5, 0.5, 0.5, 0.5], [0.75, 0.25, 0.25, 0.25, 0.75],
        [0.25, 0.75, 0.75, 0.75, 0.25], [0.375, 0.375, 0.625, 0.875, 0.375], [0.875, 0.875, 0.125, 0.375, 0.875],
        [0.625, 0.125, 0.875, 0.625, 0.625], [0.125, 0.625, 0.375, 0.125, 0.125],
    ]

    @Test func theSequenceIsScipysUnscrambledSobol() throws {
        let sequence = try SobolSequence(dimension: 40)
        for (i, expected) in Self.scipyFirstPoints.enumerated() {
            #expect(Array(sequence.point(i).prefix(5)) == expected)
        }
        // Further out, in high dimensions (the same scipy call, and d=128 with 1024 points).
        #expect(Array(sequence.point(13)[36..<40]) == [0.0625, 0.6875, 0.6875, 0.9375])
        #expect(Array(sequence.point(15).prefix(3)) == [0.0625, 0.9375, 0.5625])
        let wide = try SobolSequence(dimension: 128)
        #expect(Array(wide.point(1023)[125..<128]) == [0.5810546875, 0.5751953125, 0.7001953125])
        #expect(wide.point(777)[100] == 0.8427734375)
    }

    @Test func eachDimensionOfAPowerOfTwoBlockIsStratified() throws {
        let sequence = try SobolSequence(dimension: 12)
        let points = sequence.points(64)
        for j in 0..<12 {
            #expect(Set(points.map { Int($0[j] * 64) }).count == 64)
        }
        // Scrambled: still one point per stratum, but other points, and the seed decides them.
        let scrambled = try SobolSequence(dimension: 12, scrambleSeed: 7).points(64)
        for j in 0..<12 { #expect(Set(scrambled.map { Int($0[j] * 64) }).count == 64) }
        #expect(scrambled != points)
        #expect(try SobolSequence(dimension: 12, scrambleSeed: 7).points(64) == scrambled)
        #expect(try SobolSequence(dimension: 12, scrambleSeed: 8).points(64) != scrambled)
    }

    @Test func tooManyDimensionsAreRefused() {
        #expect(throws: SweepError.tooManyDimensions(129, maximum: 128)) { try SobolSequence(dimension: 129) }
    }

    @Test func saltelliBlocksFollowSALibsRowOrder() throws {
        let factors = ["p", "q"].map { SweepFactor(path: $0, kind: .interval(min: 0, max: 10)) }
        let design = try SweepDesign(factors: factors, method: .saltelli(samples: 4, secondOrder: true, scramble: false))
            .saltelliDesign(seed: 1)
        #expect(design.blockSize == 6 && design.points.count == 24)
        #expect((0..<6).map(design.matrix(ofPoint:)) == ["A", "AB_1", "AB_2", "BA_1", "BA_2", "B"])
        let base = try SobolSequence(dimension: 4).point(1)  // block 1: A = (x0, x1), B = (x2, x3)
        let rows = design.unitPoints[6..<12].map { $0 }
        // A, AB_1 (q from A), AB_2, BA_1 (B with p from A), BA_2, B; with k = 2, AB_2 and BA_1 coincide.
        #expect(rows == [[base[0], base[1]], [base[2], base[1]], [base[0], base[3]], [base[0], base[3]],
                         [base[2], base[1]], [base[2], base[3]]])
        #expect(design.points[11].values.map(\.value) == [base[2] * 10, base[3] * 10])
    }

    @Test func theEstimatorFindsTheIshigamiIndices() throws {
        let function = IshigamiFunction()
        let factors = IshigamiFunction.paths.map { SweepFactor(path: $0, kind: .interval(min: -Double.pi, max: Double.pi)) }
        let design = try SweepDesign(factors: factors, method: .saltelli(samples: 1024, secondOrder: true, scramble: false))
            .saltelliDesign(seed: 1)
        let outputs = design.points.map { function($0.values.map(\.value)) }
        let result = try SobolAnalysis.indices(design: design, outputs: outputs, bootstrap: (200, 3))
        let analytic = function.analytic
        #expect(analytic.first.map { ($0 * 1e4).rounded() / 1e4 } == [0.3139, 0.4424, 0])
        #expect(analytic.total.map { ($0 * 1e4).rounded() / 1e4 } == [0.5576, 0.4424, 0.2437])
        for (j, index) in result.indices.enumerated() {
            #expect(abs(index.first - analytic.first[j]) <= index.firstConfidence)
            #expect(abs(index.total - analytic.total[j]) <= index.totalConfidence)
            #expect(index.firstConfidence > 0 && index.firstConfidence < 0.1)
        }
        #expect(result.ranking.map(\.path) == ["x1", "x2", "x3"])
        // S13 is the only interaction: V13 / V = ST3 = 0.2437; S12 and S23 are 0.
        let s2 = try #require(result.secondOrder)
        #expect(abs(s2[0][2] - 0.2437) < 0.1 && abs(s2[0][1]) < 0.1 && abs(s2[1][2]) < 0.1)
        #expect(s2[1][0].isNaN)
    }

    @Test func constantOutputsGiveZeroIndices() throws {
        let result = try SobolAnalysis.indices(paths: ["a", "b"], samples: 3, secondOrder: false,
                                               outputs: [Double](repeating: 2, count: 12), bootstrap: (10, 1))
        #expect(result.indices.allSatisfy { $0.first == 0 && $0.total == 0 && $0.firstConfidence == 0 })
        #expect(throws: SweepError.outputCountMismatch(expected: 12, actual: 11)) {
            try SobolAnalysis.indices(paths: ["a", "b"], samples: 3, secondOrder: false, outputs: [Double](repeating: 2, count: 11))
        }
    }
}
