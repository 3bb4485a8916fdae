import Foundation
import Testing
@testable import FirmPathsReport

@Suite struct SobolChartTests {
    @Test func barsAreAsLongAsTheIndicesAndNonFiniteValuesDrawNothing() throws {
        let svg = SobolChart(title: "Sobol", panels: [
            SobolPanel(outcome: "y", bars: [
                SobolBar(label: "1", first: 0.5, firstInterval: 0.05, total: 0.8, totalInterval: 0.1),
                SobolBar(label: "2", first: -0.02, firstInterval: 0.03, total: 0.1, totalInterval: .nan),
                SobolBar(label: "3", first: .nan, firstInterval: .nan, total: .infinity, totalInterval: 0),
            ]),
        ], legend: ["a", "b", "c"]).svg()
        #expect(!containsNonFinite(svg))
        let parsed = try #require(SVGInspector.parse(svg))
        // The tooltips carry the exact indices; the light (ST) bar of parameter 1 is 8/5 of its S1 bar.
        #expect(parsed.titles.contains { $0.hasPrefix("1: S1=0.5 +- 0.05, ST=0.8 +- 0.1") })
        // Parameter 1's bars (tooltip "1: ..."): the light ST bar is 8/5 as long as the dark S1 bar.
        let rects = parsed.elements.filter { $0.name == "rect" }
        let light = rects.filter { $0.attributes["opacity"] == "0.3" }.compactMap { $0.attributes["width"].flatMap(Double.init) }
        let dark = rects.filter { $0.attributes["opacity"] == nil && $0.attributes["fill"] != "none" && $0.attributes["class"] != "background" }
            .compactMap { $0.attributes["width"].flatMap(Double.init) }
        // Index 0 of each is the legend swatch (width 12); then parameters 1, 2, 3 in order.
        #expect(light.count == 4 && dark.count == 4)
        #expect(abs(light[1] / dark[1] - 0.8 / 0.5) < 0.01)
        // A negative S1 is a bar left of 0; non-finite indices (ST = inf, S1 = NaN) draw nothing.
        #expect(dark[2] > 0 && dark[3] == 0 && light[3] == 0)
        let negative = try #require(rects.first { $0.attributes["width"] == String(format: "%g", dark[2]) })
        let positive = try #require(rects.first { $0.attributes["width"] == String(format: "%g", dark[1]) })
        #expect(Double(negative.attributes["x"] ?? "") ?? 0 < Double(positive.attributes["x"] ?? "") ?? 0)
    }
}
