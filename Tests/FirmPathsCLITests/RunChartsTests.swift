import FirmPathsEngine
import FirmPathsIO
import FirmPathsModel
import FirmPathsReport
import Foundation
import Testing

/// The charts drawn from a run in memory (the explorer's way) equal those drawn from its files
/// (report.html's way), and the report reads on a projector and in print.
@Suite struct RunChartsTests {
    static func inMemory(firms: Int, seed: UInt64) throws -> RunResults {
        var loaded = try ScenarioLoader.load(path: RunFixture.defaultScenario)
        loaded = try ScenarioLoader.apply(overrides: ["population.firms=\(firms)"], to: loaded)
        let simulation = Simulation(scenario: loaded.scenario, seed: seed)
        var recorder = RunResults.Recorder(simulation)
        RunExecutor.run(simulation, threads: 2) { simulation, _ in recorder.observe(simulation) }
        return recorder.finish(simulation)
    }

    @Test func inMemoryResultsDrawTheSameChartsAsTheFiles() throws {
        let directory = try RunFixture.run(firms: 90, seed: 5)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let files = try RunResults.load(directory: directory)
        let memory = try Self.inMemory(firms: 90, seed: 5)
        #expect(memory.firms == files.firms)
        #expect(memory.eventsByFirm == files.eventsByFirm)
        #expect(memory.examples == files.examples)
        #expect(memory.summary.alive == files.summary.alive)
        #expect(RunCharts.pathShares(memory.firms) == RunCharts.pathShares(files.firms))
        #expect(RunCharts.quadrants(memory.summary) == RunCharts.quadrants(files.summary))
        #expect(RunCharts.dollingerStages(memory.summary) == RunCharts.dollingerStages(files.summary))
        #expect(RunCharts.imodelStages(memory.summary) == RunCharts.imodelStages(files.summary))
        for (path, firm) in memory.examples {
            let events = memory.eventsByFirm[firm] ?? []
            #expect(RunCharts.ladder(firm: firm, path: path, events: events, stepsPerYear: 4, years: 30)
                == RunCharts.ladder(firm: firm, path: path, events: files.eventsByFirm[firm] ?? [], stepsPerYear: 4, years: 30))
        }
        // A firm's story from memory is the story explain reads from the files.
        for firm in [0, 17, 42, 89] {
            let fromFiles = try FirmStory.load(directory: directory, firm: firm)
            let fromMemory = try #require(memory.story(of: firm))
            #expect(fromMemory.lines() == fromFiles.lines(), "firm \(firm)")
            #expect(fromMemory.brief() == fromFiles.brief())
        }
        #expect(memory.story(of: 90) == nil)
        let exporting = RunCharts.exportingOverTime(memory.summary)
        #expect(exporting.hasPrefix("<svg") && exporting.contains("by path"))
    }

    @Test func ladderOnTheFirmsClockMarksFoundingAndClosing() throws {
        let directory = try RunFixture.run(firms: 120, seed: 3)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let results = try RunResults.load(directory: directory)
        // A firm founded during the run that closed.
        let firm = try #require(results.firms.first { record in
            (Int(record.value("founded_step") ?? "") ?? 0) > 8 && !(record.value("died_step") ?? "").isEmpty
                && (results.eventsByFirm[record.firm] ?? []).contains { !$0.market.isEmpty }
        })
        let events = results.eventsByFirm[firm.firm] ?? []
        let chart = FirmLadder.chart(title: "t", events: events, stepsPerYear: 4, years: 30, clock: .firmAge)
        #expect(chart.founded == 0)
        let founded = Double(Int(firm.value("founded_step") ?? "") ?? 0)
        let died = Double(Int(firm.value("died_step") ?? "") ?? 0)
        #expect(chart.died == (died - founded) / 4)
        #expect(chart.xLabel.contains("age"))
        let svg = chart.svg()
        #expect(svg.contains("founded 0") && svg.contains("closed "))
        #expect(svg.contains("class=\"after-closing\""))
        let run = FirmLadder.chart(title: "t", events: events, stepsPerYear: 4, years: 30, clock: .run)
        #expect(run.founded == founded / 4)
        #expect(run.svg().contains("class=\"before-founding\""))
        #expect(FirmLadder.notes(chart).count == chart.events.count)
    }

    @Test func reportReadsInPrintAndExplainsItsTerms() throws {
        let directory = try RunFixture.run(firms: 120)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let html = try RunReport.build(directory: directory).render()
        #expect(html.contains("@page { size: A4"))
        #expect(html.contains("class=\"hover-notes\""), "ladder tooltips are listed for print")
        #expect(html.contains("<dl class=\"glossary\">"))
        for term in ["Psychic distance", "Johanson-Mattsson quadrant", "I-model stage", "Dollinger stage"] {
            #expect(html.contains("<dt>\(term)"), "\(term)")
        }
        for path in PathNames.all { #expect(html.contains("<dt>Path: \(PathNames.display(path))</dt>"), "\(path)") }
        #expect(!html.contains("first_export_year="), "rules read in the firm's age")
        // Mode colours: five distinct hues, not shades of one.
        #expect(Set(LadderChart.modeColors).count == 5)
        #expect(!LadderChart.modeColors.dropFirst().contains("#6BAED6"))
        for path in PathNames.all { #expect(html.contains(PathStyle.of(path).color), "\(path) colour") }
    }

    @Test func pathStylesAreDistinctAndCoverEveryPath() {
        let colours = PathNames.all.map { PathStyle.of($0).color }
        #expect(Set(colours).count == colours.count)
        #expect(PathStyle.of("a_future_path").color.hasPrefix("#"))
        #expect(PathStyle.of("a_future_path").display == "a future path")
    }
}
