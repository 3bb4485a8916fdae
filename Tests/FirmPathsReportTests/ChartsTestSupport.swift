import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import FirmPathsReport

/// Parses SVG with Foundation's XMLParser so tests catch any markup a browser would reject.
final class SVGInspector: NSObject, XMLParserDelegate {
    private(set) var elements: [(name: String, attributes: [String: String])] = []
    private(set) var titles: [String] = []
    private(set) var texts: [String] = []
    private var stack: [String] = []
    private var buffer = ""

    /// Returns an inspector if the document parsed, nil if it is not well-formed.
    static func parse(_ xml: String) -> SVGInspector? {
        let inspector = SVGInspector()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = inspector
        return parser.parse() ? inspector : nil
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        elements.append((elementName, attributeDict))
        stack.append(elementName)
        buffer = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        buffer += string
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        if elementName == "title" { titles.append(buffer) }
        if elementName == "text" { texts.append(buffer) }
        stack.removeLast()
        buffer = ""
    }

    /// Elements whose class attribute contains `cssClass`.
    func elements(withClass cssClass: String) -> [[String: String]] {
        elements.filter { ($0.attributes["class"] ?? "").split(separator: " ").contains(Substring(cssClass)) }.map(\.attributes)
    }

    /// Number of elements with this tag name.
    func count(_ name: String) -> Int {
        elements.filter { $0.name == name }.count
    }
}

/// True when text contains a non-finite number spelling that must never reach the SVG.
func containsNonFinite(_ text: String) -> Bool {
    let lower = text.lowercased()
    return lower.contains("nan") || lower.contains("inf")
}

/// Sample charts with hostile data (NaN, infinities, markup in labels) shared by several tests.
enum ChartSamples {
    static let hostile = "A & B <c> \"d\" 'e'"

    static var bar: BarChart {
        BarChart(title: "Bars \(hostile)", bars: [
            .init(label: "none", value: 0.25, annotation: "25.0% (25)"),
            .init(label: hostile, value: .nan, annotation: "n/a"),
            .init(label: "agent/distributor", value: 0.5, annotation: "50.0% (50)", color: "#D55E00"),
            .init(label: "x", value: .infinity),
        ], yLabel: "Share of firms", yUnit: "%", xLabel: "Mode", yIsPercent: true)
    }

    static var line: LineChart {
        LineChart(title: "Lines", series: [
            LineSeries(name: "a \(hostile)", points: [LinePoint(x: 2000, y: 1), LinePoint(x: 2001, y: nil), LinePoint(x: 2002, y: .nan),
                                                    LinePoint(x: 2003, y: 4), LinePoint(x: 2004, y: 5)]),
            LineSeries(name: "b", points: [LinePoint(x: .infinity, y: 3), LinePoint(x: 2001, y: -.infinity), LinePoint(x: 2004, y: 2)], dashed: true),
        ], xLabel: "Year", yLabel: "Firms", yUnit: "count")
    }

    static var area: StackedAreaChart {
        StackedAreaChart(title: "Areas", x: [2000, 2001, .nan, 2003], layers: [
            AreaLayer(name: "none", values: [3, 2, 1, .nan]),
            AreaLayer(name: "export", values: [1, .infinity, 1, 2]),
            AreaLayer(name: hostile, values: [0, 2, 2]),
        ], xLabel: "Year", yLabel: "Share of firms")
    }

    static var ladder: LadderChart {
        LadderChart(title: "Ladder \(hostile)", lanes: [
            LadderLane(label: "DE-N1 (PD 0.25)", changes: [ModeChange(time: 2000, mode: 1), ModeChange(time: 2003, mode: 2)]),
            LadderLane(label: hostile, changes: [ModeChange(time: 2002, mode: 7), ModeChange(time: .nan, mode: 1)]),
            LadderLane(label: "US-N1 (PD 0.8)", changes: []),
        ], events: [
            LadderEvent(time: 2000, lane: 0, kind: .enter, text: "first order"),
            LadderEvent(time: 2003, lane: 0, kind: .upgrade, text: "hired agent <Müller & Co>"),
            LadderEvent(time: 2002, lane: 1, kind: .surprise, text: "shock"),
            LadderEvent(time: 2002, lane: 1, kind: .opportunism, text: "same time, same lane"),
            LadderEvent(time: 2005, lane: 2, kind: .exit, text: "gave up"),
        ], xLabel: "Year", xUnit: nil)
    }

    static var interval: IntervalChart {
        IntervalChart(title: "Intervals", series: [
            IntervalSeries(name: "a", points: [IntervalPoint(x: 0, mean: 0.1, lower: 0.05, upper: 0.15),
                                               IntervalPoint(x: 0.5, mean: .nan, lower: 0, upper: 1),
                                               IntervalPoint(x: 1, mean: 0.3, lower: -.infinity, upper: .infinity)]),
            IntervalSeries(name: "b", points: [IntervalPoint(x: 0, mean: 0.2, lower: 0.1, upper: 0.3)]),
        ], xLabel: "Learning rate", xUnit: "per year", yLabel: "Share", yIsPercent: true)
    }

    /// Every chart kind, in both interval styles, as (name, svg) pairs.
    static var allSVGs: [(String, String)] {
        var band = interval
        band.intervalStyle = .band
        return [("bar", bar.svg()), ("line", line.svg()), ("area", area.svg()), ("ladder", ladder.svg()),
                ("interval", interval.svg()), ("interval-band", band.svg())]
    }
}
