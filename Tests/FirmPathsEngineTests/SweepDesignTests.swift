import Testing
@testable import FirmPathsEngine

@Suite struct SweepDesignTests {
    @Test func gridHasProductSizeAndFirstFactorSlowest() throws {
        let design = SweepDesign(
            factors: [
                SweepFactor(path: "a", kind: .values([1, 2])),
                SweepFactor(path: "b", kind: .values([10, 20, 30])),
                SweepFactor(path: "c", kind: .range(from: 0, to: 1, step: 0.5)),
            ],
            method: .grid)
        let points = try design.points(seed: 0)
        #expect(points.count == 2 * 3 * 3)
        #expect(points.map(\.index) == Array(0..<18))
        #expect(points[0].values.map(\.path) == ["a", "b", "c"])
        #expect(points[0].values.map(\.value) == [1, 10, 0])
        #expect(points[1].values.map(\.value) == [1, 10, 0.5])
        #expect(points[3].values.map(\.value) == [1, 20, 0])
        #expect(points[9].values.map(\.value) == [2, 10, 0])
        #expect(points[17].values.map(\.value) == [2, 30, 1])
        // Every combination appears exactly once.
        let keys = Set(points.map { $0.values.map(\.value) })
        #expect(keys.count == 18)
    }

    @Test func gridIgnoresSeed() throws {
        let design = SweepDesign(factors: [SweepFactor(path: "a", kind: .values([1, 2, 3]))], method: .grid)
        #expect(try design.points(seed: 1) == design.points(seed: 2))
    }

    @Test func rangeIncludesEndpointDespiteDecimalSteps() throws {
        let values = try SweepFactor(path: "x", kind: .range(from: 0, to: 0.3, step: 0.1)).discreteValues()
        #expect(values.count == 4)
        #expect(values.first == 0)
        #expect(values.last == 0.3)
    }

    @Test func rangeUsesMultiplicationNotAccumulation() throws {
        let values = try SweepFactor(path: "x", kind: .range(from: 0, to: 1, step: 0.01)).discreteValues()
        #expect(values.count == 101)
        for (i, value) in values.enumerated().dropLast() {
            // The double nearest to i / 100, i.e. to the decimal a user would write.
            #expect(value == Double(i) / 100)
        }
        #expect(values.last == 1)
    }

    /// Grid values are the numbers the user wrote: 0 + 3 x 0.2 is 0.6, not 0.6000000000000001.
    @Test func rangeValuesAreWrittenAsGiven() throws {
        let values = try SweepFactor(path: "x", kind: .range(from: 0, to: 1, step: 0.2)).discreteValues()
        #expect(values.map(\.description) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        let shifted = try SweepFactor(path: "x", kind: .range(from: 0.05, to: 0.5, step: 0.15)).discreteValues()
        #expect(shifted.map(\.description) == ["0.05", "0.2", "0.35", "0.5"])
        let tiny = try SweepFactor(path: "x", kind: .range(from: 0, to: 3e-5, step: 1e-5)).discreteValues()
        #expect(tiny == [0, 1e-5, 2e-5, 3e-5])
        #expect(SweepFactor.decimalDigits(0.25) == 2 && SweepFactor.decimalDigits(3) == 0 && SweepFactor.decimalDigits(1e-05) == 5)
    }

    @Test(arguments: [
        ([0.0, 1.0, 0.3], [0.0, 0.3, 0.6, 0.9]),
        ([2.0, 2.0, 1.0], [2.0]),
        ([-1.0, 1.0, 1.0], [-1.0, 0.0, 1.0]),
    ])
    func rangeValues(range: [Double], expected: [Double]) throws {
        let kind = SweepFactor.Kind.range(from: range[0], to: range[1], step: range[2])
        let values = try SweepFactor(path: "x", kind: kind).discreteValues()
        #expect(values.count == expected.count)
        for (value, want) in zip(values, expected) {
            #expect(abs(value - want) < 1e-12)
        }
    }

    @Test func combinationsFollowFactorOrderOrSortedPaths() throws {
        let rows: [[String: Double]] = [["b": 1, "a": 2], ["a": 3, "b": 4]]
        let sorted = try SweepDesign(factors: [], method: .combinations(rows)).points(seed: 0)
        #expect(sorted.count == 2)
        #expect(sorted[0].values.map(\.path) == ["a", "b"])
        #expect(sorted[1].values.map(\.value) == [3, 4])
        let ordered = try SweepDesign(
            factors: [SweepFactor(path: "b", kind: .values([0])), SweepFactor(path: "a", kind: .values([0]))],
            method: .combinations(rows)
        ).points(seed: 0)
        #expect(ordered[0].values.map(\.path) == ["b", "a"])
        #expect(ordered[0].value(for: "a") == 2)
    }

    static let invalidDesigns: [(SweepDesign, SweepError)] = [
        (SweepDesign(factors: [], method: .grid), .noFactors),
        (SweepDesign(factors: [SweepFactor(path: "a", kind: .values([]))], method: .grid), .emptyValues(path: "a")),
        (
            SweepDesign(factors: [SweepFactor(path: "a", kind: .range(from: 2, to: 1, step: 0.5))], method: .grid),
            .rangeFromAboveTo(path: "a", from: 2, to: 1)
        ),
        (
            SweepDesign(factors: [SweepFactor(path: "a", kind: .range(from: 0, to: 1, step: 0))], method: .grid),
            .invalidStep(path: "a", step: 0)
        ),
        (
            SweepDesign(factors: [SweepFactor(path: "a", kind: .range(from: 0, to: 1, step: -1))], method: .grid),
            .invalidStep(path: "a", step: -1)
        ),
        (
            SweepDesign(
                factors: [SweepFactor(path: "a", kind: .values([1])), SweepFactor(path: "a", kind: .values([2]))],
                method: .grid),
            .duplicateFactorPath("a")
        ),
        (
            SweepDesign(factors: [SweepFactor(path: "a", kind: .interval(min: 0, max: 1))], method: .grid),
            .factorKindNotSupported(path: "a", design: "grid", expected: "a list of values or {\"from\", \"to\", \"step\"}")
        ),
        (
            SweepDesign(factors: [SweepFactor(path: "a", kind: .interval(min: 0, max: 1))], method: .latinHypercube(samples: 0)),
            .invalidSampleCount(0)
        ),
        (
            SweepDesign(factors: [SweepFactor(path: "a", kind: .interval(min: 1, max: 0))], method: .latinHypercube(samples: 3)),
            .intervalMinAboveMax(path: "a", min: 1, max: 0)
        ),
        (
            SweepDesign(factors: [SweepFactor(path: "a", kind: .values([1]))], method: .latinHypercube(samples: 3)),
            .factorKindNotSupported(path: "a", design: "Latin hypercube", expected: "an interval {\"min\", \"max\"}")
        ),
        (
            SweepDesign(factors: [SweepFactor(path: "a", kind: .interval(min: 0, max: 1))], method: .morris(trajectories: 3, levels: 1)),
            .tooFewLevels(1)
        ),
        (
            SweepDesign(factors: [SweepFactor(path: "a", kind: .interval(min: 0, max: 1))], method: .morris(trajectories: 0)),
            .invalidTrajectoryCount(0)
        ),
        (SweepDesign(factors: [], method: .combinations([])), .emptyCombinations),
        (
            SweepDesign(factors: [], method: .combinations([["a": 1], ["b": 2]])),
            .combinationKeysMismatch(index: 1, missing: ["a"], unexpected: ["b"])
        ),
        (
            SweepDesign(factors: [SweepFactor(path: "a", kind: .range(from: 0, to: 1, step: 1e-12))], method: .grid),
            .tooManyPoints(limit: SweepDesign.maximumPointCount)
        ),
    ]

    @Test(arguments: invalidDesigns)
    func invalidDesignsThrowReadableErrors(design: SweepDesign, expected: SweepError) {
        #expect(throws: expected) { try design.points(seed: 1) }
        #expect(!expected.description.isEmpty)
    }

    @Test func errorDescriptionsNameTheFactor() {
        let error = SweepError.rangeFromAboveTo(path: "policy.exportPromotion", from: 2, to: 1)
        #expect(error.description.contains("policy.exportPromotion"))
    }
}

/// Issue 14, found while fuzzing the sweep block: a design file is read with the scenario
/// reader's size cap and plain reasons, so a device or a directory is refused at once.
@Suite struct ExternalDesignFileTests {
    @Test func deviceAndDirectoryAreRefusedWithTheReason() {
        for (path, reason) in [("/dev/zero", "larger than the limit of 16 MiB"), ("/", "directory")] {
            do {
                _ = try ExternalDesign(path: path, file: path)
                Issue.record("\(path) was read as a design")
            } catch {
                #expect(error.description.contains("cannot read the design file: "), "\(error.description)")
                #expect(error.description.contains(reason), "\(error.description)")
            }
        }
    }
}
