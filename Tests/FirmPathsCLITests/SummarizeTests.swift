@testable import FirmPathsCLI
import FirmPathsEngine
import FirmPathsIO
import Foundation
import Testing

/// Acceptance 3: `firmpaths summarize` on Scenarios/policy-sweep.json's output, its intervals
/// recomputed here from runs.csv, independently of the code that wrote them.
@Suite struct SummarizeTests {
    /// t(0.975; 2), in closed form: for 2 degrees of freedom t_p = (2p - 1) sqrt(2 / (4 p (1 - p))).
    static let t975df2 = 0.95 * (2 / (4 * 0.975 * 0.025)).squareRoot()

    @Test func pointsOfThePolicySweepMatchTheirRunsRecomputed() throws {
        let work = RunFixture.temporaryDirectory("summarize")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let sweep = work + "/policy"
        let captured = Captured()
        // The bundled policy sweep (6 points x 3 replications) with fewer firms and years for a debug build.
        let code = FirmPathsCLI.main(["sweep", RunFixture.packageRoot + "/Scenarios/policy-sweep.json", "--out", sweep,
                                      "--set", "population.firms=120", "--set", "years=8", "--threads", "2", "--quiet"],
                                     console: captured.console(terminal: false))
        #expect(code == .ok, "\(captured.err)")
        #expect(FileManager.default.fileExists(atPath: sweep + "/report.html"))
        let written = try String(contentsOfFile: sweep + "/points.csv", encoding: .utf8)
        #expect(FirmPathsCLI.main(["summarize", sweep, "--quiet"], console: captured.console(terminal: false)) == .ok)
        #expect(try String(contentsOfFile: sweep + "/points.csv", encoding: .utf8) == written)

        // runs.csv, plainly split (no quoted fields), grouped by point.
        let lines = try String(contentsOfFile: sweep + "/runs.csv", encoding: .utf8).split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        let header = lines[0]
        let outcomes = Array(header[6...])
        #expect(Array(header[4..<6]) == ["policy.exportPromotion", "policy.capacityBuilding"])
        var byPoint: [String: [[String]]] = [:]
        for row in lines.dropFirst() { byPoint[row[1], default: []].append(row) }
        #expect(byPoint.count == 6 && byPoint.values.allSatisfy { $0.count == 3 })

        let points = try CSVReader(path: sweep + "/points.csv")
        #expect(Array(points.header.columns.prefix(4)) == ["point", "runs", "policy.exportPromotion", "policy.capacityBuilding"])
        var checked = 0
        for row in try points.rows() {
            let runs = try #require(byPoint[row[0]])
            #expect(row[1] == "3" && row[2] == runs[0][4] && row[3] == runs[0][5])
            for (offset, outcome) in outcomes.enumerated() {
                let values = runs.compactMap { Double($0[6 + offset]) }
                var index: [String: Int] = [:]
                for suffix in ["_n", "_mean", "_sd", "_lower", "_upper"] { index[suffix] = try points.column(outcome + suffix) }
                let column = { (suffix: String) -> Int in index[suffix] ?? -1 }
                #expect(row.int(column("_n")) == values.count)
                guard values.count == 3 else { continue }
                let mean = values.reduce(0, +) / 3
                let sd = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 2).squareRoot()
                var lower = mean - Self.t975df2 * sd / 3.0.squareRoot()
                var upper = mean + Self.t975df2 * sd / 3.0.squareRoot()
                if outcome.hasPrefix("share_") || outcome.contains("_share") {
                    lower = max(0, lower)
                    upper = min(1, upper)
                    #expect((row.double(column("_lower")) ?? -1) >= 0 && (row.double(column("_upper")) ?? 2) <= 1)
                }
                for (suffix, expected) in [("_mean", mean), ("_sd", sd), ("_lower", lower), ("_upper", upper)] {
                    let got = try #require(row.double(column(suffix)), "\(outcome)\(suffix) of point \(row[0])")
                    #expect(abs(got - expected) <= 1e-9 * max(1, abs(expected)), "\(outcome)\(suffix) of point \(row[0]): \(got) vs \(expected)")
                }
                checked += 1
            }
        }
        #expect(checked >= 6 * 10)
    }

    @Test func studentQuantilesMatchClosedForms() {
        #expect(abs(StudentT.quantile(0.975, degreesOfFreedom: 1) - tan(0.475 * Double.pi)) < 1e-9)
        #expect(abs(StudentT.quantile(0.975, degreesOfFreedom: 2) - Self.t975df2) < 1e-9)
        // df = 4: t = sqrt(4 / sqrt(a) * cos(acos(sqrt(a)) / 3) - 4) with a = 4 p (1 - p)
        let a = 4 * 0.975 * 0.025
        #expect(abs(StudentT.quantile(0.975, degreesOfFreedom: 4) - (4 / a.squareRoot() * cos(acos(a.squareRoot()) / 3) - 4).squareRoot()) < 1e-9)
        #expect(abs(StudentT.quantile(0.975, degreesOfFreedom: 100_000) - 1.959964) < 1e-4)
    }

    @Test func notASweep() throws {
        let directory = try RunFixture.run(firms: 30, years: 3)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let captured = Captured()
        #expect(FirmPathsCLI.main(["summarize", directory], console: captured.console(terminal: false)) == .dataError)
        #expect(captured.err.contains("manifest.json"))
    }
}
