import Foundation
import Testing
@testable import FirmPathsReport

@Suite struct ChartsSVGBuilderTests {
    @Test func escapesAllXMLSpecialCharacters() {
        #expect(SVGBuilder.escape("a & b < c > d \" e ' f") == "a &amp; b &lt; c &gt; d &quot; e &#39; f")
        #expect(SVGBuilder.escape("plain → ü") == "plain → ü")
    }

    @Test func numbersHaveAtMostTwoDecimalsAndAreAlwaysFinite() {
        #expect(SVGBuilder.number(1.23456) == "1.23")
        #expect(SVGBuilder.number(2.5) == "2.5")
        #expect(SVGBuilder.number(3) == "3")
        #expect(SVGBuilder.number(-0.001) == "0")
        #expect(SVGBuilder.number(.nan) == "0")
        #expect(SVGBuilder.number(.infinity) == "0")
        #expect(SVGBuilder.number(-.infinity) == "0")
    }

    @Test func builderOutputIsWellFormedWithTooltips() throws {
        var b = SVGBuilder(width: 100, height: 50)
        b.openGroup(cssClass: "g", title: "group <tip>")
        b.rect(x: 1, y: 2, width: 3, height: 4, fill: "#000", title: "rect & tip")
        b.line(x1: .nan, y1: 0, x2: 1, y2: 1, stroke: "#000")
        b.polyline(points: [(0, 0), (.nan, 1), (2, 2)], stroke: "#000", dash: "4 2")
        var p = PathData()
        p.move(0, 0); p.line(.infinity, 1); p.line(1, 1); p.close()
        b.path(p, fill: "none", stroke: "#000")
        b.text("x < y", x: 5, y: 5, anchor: .middle, size: 12, fill: "#000", rotate: -90)
        b.closeGroup()
        let svg = b.document(title: "T & t", fontFamily: "system-ui, sans-serif")
        let parsed = try #require(SVGInspector.parse(svg))
        #expect(parsed.titles.contains("group <tip>"))
        #expect(parsed.titles.contains("rect & tip"))
        #expect(parsed.texts.contains("x < y"))
        #expect(!containsNonFinite(svg))
    }
}
