import Foundation
import Testing
@testable import FirmPathsReport

@Suite struct ChartsRenderTests {
    @Test func everyChartIsWellFormedXML() {
        for (name, svg) in ChartSamples.allSVGs {
            #expect(SVGInspector.parse(svg) != nil, "\(name) is not well-formed")
        }
    }

    @Test func noNonFiniteNumbersEvenWithNaNData() {
        for (name, svg) in ChartSamples.allSVGs {
            #expect(!containsNonFinite(svg), "\(name) contains NaN or inf")
        }
    }

    @Test func textIsEscapedAndSurvivesRoundTrip() throws {
        for (name, svg) in ChartSamples.allSVGs {
            #expect(!svg.contains("<c>"), "\(name) leaked raw markup")
        }
        let parsed = try #require(SVGInspector.parse(ChartSamples.bar.svg()))
        #expect(parsed.titles.first == "Bars \(ChartSamples.hostile)")
    }

    @Test func everyChartHasTitleAxisTitlesAndTickLabels() throws {
        for (name, svg) in ChartSamples.allSVGs {
            let parsed = try #require(SVGInspector.parse(svg))
            #expect(!parsed.elements(withClass: "chart-title").isEmpty, "\(name) has no title")
            #expect(!parsed.elements(withClass: "tick-label").isEmpty, "\(name) has no tick labels")
            let axisTitles = parsed.elements(withClass: "axis-title").count
            #expect(axisTitles >= (name == "ladder" ? 1 : 2), "\(name) lacks axis titles")
            #expect(svg.contains("system-ui, sans-serif"))
        }
    }

    @Test func defaultSizeIsReadable() throws {
        let parsed = try #require(SVGInspector.parse(ChartSamples.line.svg()))
        let root = try #require(parsed.elements.first)
        #expect(root.attributes["width"] == "640")
        #expect(root.attributes["height"] == "320")
    }

    @Test func barChartHasOneRectPerFiniteCategory() throws {
        var chart = ChartSamples.bar
        chart.bars = chart.bars.filter(\.value.isFinite)
        let parsed = try #require(SVGInspector.parse(chart.svg()))
        #expect(parsed.elements(withClass: "bar").count == chart.bars.count)
        #expect(parsed.elements(withClass: "background").count == 1)
        #expect(parsed.texts.contains("25.0% (25)"))
        #expect(parsed.elements(withClass: "bar").contains { $0["fill"] == "#D55E00" })
    }

    @Test func barChartSkipsNonFiniteBarsButKeepsTheirLabels() throws {
        let parsed = try #require(SVGInspector.parse(ChartSamples.bar.svg()))
        #expect(parsed.elements(withClass: "bar").count == 2)
        #expect(parsed.texts.contains("x"))
    }

    @Test func lineChartBreaksAtGapsAndShowsLegend() throws {
        let parsed = try #require(SVGInspector.parse(ChartSamples.line.svg()))
        // Series a: [2000] alone (dot), then [2003, 2004] (line); series b: only 2004 finite (dot).
        #expect(parsed.elements(withClass: "line").count == 1)
        #expect(parsed.count("circle") == 2)
        #expect(parsed.elements(withClass: "legend").count == 1)
        #expect(parsed.texts.contains("a \(ChartSamples.hostile)"))
        let single = LineChart(title: "One", series: [LineSeries(name: "only", xy: [(1, 1), (2, 2)], dashed: true)],
                               xLabel: "x", yLabel: "y")
        let one = try #require(SVGInspector.parse(single.svg()))
        #expect(one.elements(withClass: "legend").isEmpty)
        #expect(one.elements(withClass: "line").first?["stroke-dasharray"] == "6 4")
    }

    @Test func stackedSharesSumToOneAtTheTop() {
        let chart = StackedAreaChart(title: "S", x: [0, 1, 2], layers: [
            AreaLayer(name: "a", values: [1, 2, 0]),
            AreaLayer(name: "b", values: [3, .nan, 0]),
            AreaLayer(name: "c", values: [0, 2, 0]),
        ], xLabel: "x", yLabel: "y")
        let tops = chart.cumulative()
        #expect(tops.count == 3)
        #expect(abs(tops[2][0] - 1) < 1e-12)
        #expect(abs(tops[2][1] - 1) < 1e-12)
        #expect(tops[2][2] == 0)
        #expect(abs(tops[0][0] - 0.25) < 1e-12)
        #expect(abs(tops[0][1] - 0.5) < 1e-12)
    }

    @Test func stackedCountsStackAsGiven() throws {
        var chart = ChartSamples.area
        chart.scale = .counts
        let tops = chart.cumulative()
        #expect(tops[2] == [4, 4, 4, 2])
        let parsed = try #require(SVGInspector.parse(chart.svg()))
        #expect(parsed.elements(withClass: "layer").count == 3)
        #expect(!containsNonFinite(chart.svg()))
    }

    @Test func stackedSharesUsePercentAxis() throws {
        let parsed = try #require(SVGInspector.parse(ChartSamples.area.svg()))
        #expect(parsed.texts.contains("100%"))
        #expect(parsed.texts.contains("0%"))
    }

    @Test func ladderDrawsOneLanePerMarketAndOneMarkerPerEvent() throws {
        let chart = ChartSamples.ladder
        let parsed = try #require(SVGInspector.parse(chart.svg()))
        #expect(parsed.elements(withClass: "lane").count == chart.lanes.count)
        let events = parsed.elements(withClass: "event")
        #expect(events.count == chart.events.count)
        for event in chart.events {
            #expect(parsed.titles.contains { $0.hasSuffix(event.text) }, "no tooltip for \(event.text)")
        }
        #expect(parsed.texts.contains("0 none"))
        #expect(parsed.texts.contains("4 production abroad"))
        #expect(parsed.texts.contains("surprise"))
        #expect(!parsed.texts.contains("back-source"), "legend lists only kinds that occur")
    }

    @Test func ladderCapsLanesAndGrowsWithLaneCount() throws {
        let lanes = (0..<50).map { LadderLane(label: "M\($0)", changes: [ModeChange(time: 0, mode: $0 % 5)]) }
        let events = [LadderEvent(time: 1, lane: 2, kind: .enter, text: "shown"), LadderEvent(time: 1, lane: 45, kind: .exit, text: "hidden")]
        let small = LadderChart(title: "L", lanes: Array(lanes.prefix(5)), events: [], timeRange: 0...10)
        let big = LadderChart(title: "L", lanes: lanes, events: events, timeRange: 0...10, maxLanes: 20)
        let ps = try #require(SVGInspector.parse(small.svg()))
        let pb = try #require(SVGInspector.parse(big.svg()))
        #expect(pb.elements(withClass: "lane").count == 20)
        #expect(pb.elements(withClass: "event").count == 1)
        #expect(pb.texts.contains("… and 30 more markets"))
        let hs = Double(ps.elements.first?.attributes["height"] ?? "") ?? 0
        let hb = Double(pb.elements.first?.attributes["height"] ?? "") ?? 0
        #expect(hb - hs >= 15 * 18)
    }

    @Test func ladderBandsFollowTheStepFunction() {
        let bands = LadderChart.bands([ModeChange(time: 5, mode: 2), ModeChange(time: 1, mode: 1), ModeChange(time: .nan, mode: 3),
                                       ModeChange(time: 8, mode: 9)], until: 10)
        #expect(bands.map(\.start) == [1, 5, 8])
        #expect(bands.map(\.end) == [5, 8, 10])
        #expect(bands.map(\.mode) == [1, 2, 4])
    }

    @Test func intervalChartDrawsBarsOrBands() throws {
        let bars = try #require(SVGInspector.parse(ChartSamples.interval.svg()))
        #expect(bars.elements(withClass: "mean").count == 3)
        #expect(bars.elements(withClass: "error-bar").count == 2)
        var chart = ChartSamples.interval
        chart.intervalStyle = .band
        let band = try #require(SVGInspector.parse(chart.svg()))
        #expect(band.elements(withClass: "interval-band").count == 0, "series a has only one finite interval, b only one point")
        chart.series[1].points.append(IntervalPoint(x: 1, mean: 0.25, lower: 0.2, upper: 0.3))
        let band2 = try #require(SVGInspector.parse(chart.svg()))
        #expect(band2.elements(withClass: "interval-band").count == 1)
    }
}

@Suite struct MorrisChartTests {
    static func chart(intervals: [Double]) -> String {
        MorrisChart(title: "Morris", panels: [
            MorrisPanel(outcome: "y", points: [("1", 0.5, 0.1), ("2", 0.2, 0.3), ("3", 0, 0)], muStarIntervals: intervals),
        ], legend: ["a", "b", "c"]).svg()
    }

    static func lines(_ svg: String, stroke: String) throws -> [[String: String]] {
        let parsed = try #require(SVGInspector.parse(svg))
        return parsed.elements.filter { $0.name == "line" && $0.attributes["stroke"] == stroke }.map(\.attributes)
    }

    @Test func intervalsAreHorizontalBarsAroundTheirPoints() throws {
        let style = ChartStyle()
        let svg = Self.chart(intervals: [0.1, 0.05, .nan])
        #expect(!containsNonFinite(svg))
        // Parameter 1: one bar, horizontal, at its point's height, centred on the point.
        let bar = try #require(try Self.lines(svg, stroke: style.palette[0]).first)
        #expect(bar["y1"] == bar["y2"])
        let parsed = try #require(SVGInspector.parse(svg))
        let point = try #require(parsed.elements.first { $0.name == "circle" })
        let (x1, x2, cx) = (Double(bar["x1"] ?? "") ?? 0, Double(bar["x2"] ?? "") ?? 0, Double(point.attributes["cx"] ?? "") ?? 0)
        #expect(x1 < cx && cx < x2 && abs((cx - x1) - (x2 - cx)) < 0.02)
        #expect(try Self.lines(svg, stroke: style.palette[1]).count == 1)
        // No interval (NaN) and no intervals at all: no bars.
        #expect(try Self.lines(svg, stroke: style.palette[2]).isEmpty)
        #expect(try Self.lines(Self.chart(intervals: []), stroke: style.palette[0]).isEmpty)
    }
}
