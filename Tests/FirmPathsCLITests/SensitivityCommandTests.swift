@testable import FirmPathsCLI
import FirmPathsEngine
import Foundation
import Testing

@Suite struct SensitivityCommandTests {
    typealias P = SensitivityCommand.RankedParameter

    static let seed1 = [P(path: "a", muStar: 1.0, confidence: 0.1), P(path: "b", muStar: 0.8, confidence: 0.1),
                        P(path: "c", muStar: 0.50, confidence: 0.05), P(path: "d", muStar: 0.48, confidence: 0.05),
                        P(path: "e", muStar: 0.2, confidence: 0.02)]

    @Test func sameSetsAgreeWhateverTheOrder() {
        #expect(SensitivityCommand.compareTopThree(Self.seed1, Self.seed1) == .agree(sameOrder: true))
        let swapped = [Self.seed1[1], Self.seed1[0], Self.seed1[2], Self.seed1[3]]
        #expect(SensitivityCommand.compareTopThree(Self.seed1, swapped) == .agree(sameOrder: false))
    }

    @Test func aSwapAtRankThreeWithinTheIntervalsIsATie() {
        let seed2 = [P(path: "a", muStar: 1.0, confidence: 0.1), P(path: "b", muStar: 0.8, confidence: 0.1),
                     P(path: "d", muStar: 0.51, confidence: 0.05), P(path: "c", muStar: 0.49, confidence: 0.05)]
        #expect(SensitivityCommand.compareTopThree(Self.seed1, seed2) == .tie(pairs: [("c", "d")]))
    }

    @Test func aSwapBeyondTheIntervalsDiffers() {
        // e is far below c in seed 1 (0.2 vs 0.5 with half-widths 0.02 and 0.05).
        let seed2 = [P(path: "a", muStar: 1.0, confidence: 0.1), P(path: "b", muStar: 0.8, confidence: 0.1),
                     P(path: "e", muStar: 0.6, confidence: 0.05), P(path: "c", muStar: 0.59, confidence: 0.05)]
        #expect(SensitivityCommand.compareTopThree(Self.seed1, seed2) == .differ)
        // Without intervals (an old ranking.csv) any swap differs.
        let bare = Self.seed1.map { P(path: $0.path, muStar: $0.muStar, confidence: 0) }
        let bareSwap = [bare[0], bare[1], bare[3], bare[2]]
        #expect(SensitivityCommand.compareTopThree(bare, bareSwap) == .differ)
        #expect(SensitivityCommand.compareTopThree(Self.seed1, []) == .differ)
    }

    @Test func rankingCSVRoundTrips() {
        let text = """
            outcome,rank,parameter,mu_star,mu_star_conf,mu,sigma
            y,2,b,0.8,0.1,-0.8,0.3
            y,1,a,1.0,0.1,1.0,0.2
            z,1,a,2.5,0.5,2.5,1
            """
        let ranking = SensitivityCommand.readRanking(text)
        #expect(ranking["y"] == [P(path: "a", muStar: 1.0, confidence: 0.1), P(path: "b", muStar: 0.8, confidence: 0.1)])
        #expect(ranking["z"] == [P(path: "a", muStar: 2.5, confidence: 0.5)])
        // The older format without mu_star_conf reads with zero intervals.
        let old = SensitivityCommand.readRanking("outcome,rank,parameter,mu_star,mu,sigma\ny,1,a,1.0,1.0,0.2\n")
        #expect(old["y"] == [P(path: "a", muStar: 1.0, confidence: 0)])
    }

    @Test func tinyScreeningWritesIntervalsAndComparesWithItself() throws {
        let directory = RunFixture.temporaryDirectory("sensitivity")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let design = directory + "-design.json"
        defer { try? FileManager.default.removeItem(atPath: design) }
        try """
            {"sweep": {"design": "morris", "trajectories": 3, "levels": 4, "replications": 1, "seed": 3,
              "parameters": {"model.operations.foreignPotential": {"min": 100, "max": 200},
                             "model.decisions.riskAversion": {"min": 0.7, "max": 1.3},
                             "model.opportunities.searchRate": {"min": 2, "max": 8}}}}
            """.write(toFile: design, atomically: true, encoding: .utf8)
        let arguments = ["sensitivity", RunFixture.defaultScenario, "--design", design, "--threads", "2",
                         "--set", "population.firms=40", "--set", "years=4"]
        let sink = TargetsCommandTests.Sink()
        #expect(FirmPathsCLI.main(arguments + ["--out", directory], console: TargetsCommandTests.console(sink)) == .ok)
        let csv = try String(contentsOfFile: directory + "/ranking.csv", encoding: .utf8)
        #expect(csv.hasPrefix("outcome,rank,parameter,mu_star,mu_star_conf,mu,sigma\n"))
        let ranking = SensitivityCommand.readRanking(csv)
        let outcomes = HeadlineOutcomes.names.count
        #expect(ranking.count == outcomes && ranking.values.allSatisfy { $0.count == 3 })
        #expect(sink.text.contains("| rank | parameter | range | mu* | +- (95%) | mu | sigma |"))
        // Same seed: same ranking, so the comparison agrees for every outcome.
        let again = TargetsCommandTests.Sink()
        #expect(FirmPathsCLI.main(arguments + ["--compare", directory + "/ranking.csv"],
                                  console: TargetsCommandTests.console(again)) == .ok)
        #expect(again.text.contains("same top 3 for \(outcomes) of \(outcomes) outcomes"))
    }
}
