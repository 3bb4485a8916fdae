@testable import FirmPathsCLI
import FirmPathsEngine
import FirmPathsIO
import FirmPathsReport
import Foundation
import Testing

@Suite struct ReportTests {
    @Test func runReportIsSelfContainedWithEverySection() throws {
        let directory = try RunFixture.run(firms: 120)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let captured = Captured()
        #expect(FirmPathsCLI.main(["report", directory], console: captured.console(terminal: false)) == .ok, "\(captured.err)")
        let html = try String(contentsOfFile: directory + "/report.html", encoding: .utf8)
        for forbidden in ["<script", "http://", "https://", "@import", "url("] { #expect(!html.contains(forbidden), "\(forbidden)") }
        for heading in ["1. Paths", "2. Exporting over time", "3. Johanson-Mattsson", "4. Stage models", "5. Example firms",
                        "7. Scenario and reproducibility"] {
            #expect(html.contains("<h2>" + heading), "\(heading)")
        }
        #expect(!html.contains("6. Sweep"))
        #expect(html.components(separatedBy: "<svg").count - 1 >= 7)
        #expect(html.contains("seed 42"))
        #expect(html.contains("firmpaths 0.1.0"))
    }

    @Test func trajectorySummaryCountsEveryLivingRow() throws {
        let directory = try RunFixture.run(firms: 40, years: 10)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let firms = try FirmRecord.loadAll(directory: directory)
        let summary = try TrajectorySummary.load(directory: directory, firms: firms, years: 10)
        let text = try String(contentsOfFile: directory + "/trajectories.csv", encoding: .utf8)
        let living = text.split(separator: "\n").dropFirst().filter { $0.split(separator: ",")[4] == "1" }.count
        #expect(summary.alive.flatMap { $0 }.reduce(0, +) == living)
        #expect(summary.quadrant.flatMap { $0 }.reduce(0, +) == living)
        #expect(summary.maxMode.flatMap { $0 }.reduce(0, +) == living)
    }

    @Test func sweepSectionFromPointsCSV() throws {
        let directory = RunFixture.temporaryDirectory("sweep")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let manifest = #"{"tool": "firmpaths", "version": "0.1.0", "kind": "sweep", "seed": 1, "design": "grid", "parameters": ["policy.exportPromotion"], "scenario": {"name": "policy-sweep", "years": 30, "stepsPerYear": 4, "population": {"firms": 100}}}"#
        try manifest.write(toFile: directory + "/manifest.json", atomically: true, encoding: .utf8)
        var csv = "run,point,replication,seed,policy.exportPromotion,share_born_global,share_incremental,share_born_regional,"
            + "share_backsourcer,share_domestic,share_born_again_global,share_gradual_exporter,share_intermittent_exporter,"
            + "share_de_internationalizer,share_other_exporter,share_exporting_end,mean_foreign_share_end,share_mode3plus_end,"
            + "backsourcing_per_100_firms,firms_alive_end\n"
        var run = 0
        for (point, promotion) in [0.0, 0.25, 0.5].enumerated() {
            for replication in 0..<4 {
                let exporting = 0.3 + promotion * 0.4 + Double(replication) * 0.01
                csv += "\(run),\(point),\(replication),\(run + 7),\(promotion),0.01,0.1,0.02,0.03,0.5,0.1,0.1,0.04,0.05,0.05,\(exporting),0.1,0.05,1.5,80\n"
                run += 1
            }
        }
        try csv.write(toFile: directory + "/runs.csv", atomically: true, encoding: .utf8)
        try PointSummary.write(directory: directory)
        let sweep = try SweepSummary.load(directory: directory)
        #expect(sweep.parameters == ["policy.exportPromotion"])
        let panel = try #require(sweep.panels.first { $0.outcome.column == "share_exporting_end" })
        let points = try #require(panel.series.first?.points)
        #expect(points.map(\.x) == [0, 0.25, 0.5])
        #expect(abs(points[0].mean - 0.315) < 1e-12)
        // t(0.975, 3) = 3.182446; sd of 0.30, 0.31, 0.32, 0.33 is 0.0129099
        #expect(abs((points[0].upper - points[0].mean) - 3.182446 * 0.0129099 / 2) < 1e-6)
        #expect(panel.minRuns == 4 && panel.maxRuns == 4)
        let html = try RunReport.build(directory: directory).render()
        #expect(html.contains("6. Sweep"))
        #expect(html.contains("Outcomes against policy.exportPromotion"))
        #expect(!html.contains("1. Paths"))
    }

    @Test func notARunDirectory() {
        let captured = Captured()
        #expect(FirmPathsCLI.main(["report", "/nonexistent/dir"], console: captured.console(terminal: false)) == .ioError)
        #expect(captured.err.contains("manifest.json"))
        #expect(FirmPathsCLI.main(["report"], console: captured.console(terminal: false)) == .usage)
    }

    @Test func exampleFirmIsTheBusiestAtOrBelowTheUpperQuartile() {
        let candidates = [(firm: 5, events: 2), (firm: 3, events: 9), (firm: 8, events: 4), (firm: 1, events: 4), (firm: 2, events: 30)]
        // Sorted counts 2, 4, 4, 9, 30: the 75th percentile is 9, so firm 3.
        #expect(ExampleFirms.choose(candidates) == 3)
        #expect(ExampleFirms.choose([(firm: 8, events: 4), (firm: 1, events: 4)]) == 1)
        #expect(ExampleFirms.choose([]) == nil)
    }

    @Test func helpForTheNewCommands() {
        for command in ["report", "explain", "demo"] {
            let captured = Captured()
            #expect(FirmPathsCLI.main(["help", command], console: captured.console(terminal: false)) == .ok)
            #expect(captured.out.contains("Examples:"))
            let flag = Captured()
            #expect(FirmPathsCLI.main([command, "--help"], console: flag.console(terminal: false)) == .ok)
            #expect(flag.out == captured.out)
        }
    }
}
