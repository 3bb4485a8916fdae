import Foundation
import Testing
@testable import FirmPathsReport

@Suite struct ChartsHTMLTests {
    private var page: HTMLPage {
        HTMLPage(title: "Report <1> & more", intro: "Intro \"quoted\"", sections: [
            HTMLSection(heading: "Paths", blocks: [
                .subheading("Ladder"),
                .paragraph("Firms climb <slowly> & steadily."),
                .figure(HTMLFigure(svg: ChartSamples.ladder.svg(), caption: "Firm 1 & its markets")),
                .figureRow(ChartSamples.allSVGs.prefix(2).map { HTMLFigure(svg: $0.1, caption: $0.0) }),
                .table(HTMLTable(headers: ["Mode", "<n>"], rows: [["none", "3"], ["a & b"]], caption: "Counts")),
            ]),
        ], footer: "FirmPaths 0.1, seed 42")
    }

    @Test func isSelfContainedHTML5() {
        let html = page.render()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("<title>Report &lt;1&gt; &amp; more</title>"))
        #expect(html.contains("@media print"))
        #expect(html.contains("break-inside: avoid"))
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.lowercased().contains("http"))
        #expect(!html.contains("url("))
        #expect(html.contains("<footer>FirmPaths 0.1, seed 42</footer>"))
    }

    @Test func escapesTextAndPadsTableRows() {
        let html = page.render()
        #expect(html.contains("<p>Firms climb &lt;slowly&gt; &amp; steadily.</p>"))
        #expect(html.contains("<th>&lt;n&gt;</th>"))
        #expect(html.contains("<tr><td>a &amp; b</td><td></td></tr>"))
        #expect(html.contains("<figcaption>Firm 1 &amp; its markets</figcaption>"))
        #expect(html.contains("<caption>Counts</caption>"))
    }

    @Test func embedsChartsInline() {
        let html = page.render()
        #expect(html.components(separatedBy: "<svg ").count - 1 == 3)
        #expect(html.contains("class=\"figure-row\""))
        #expect(!containsNonFinite(html.replacingOccurrences(of: "initial-scale", with: "")))
    }

    @Test func refusesFiguresWithScripts() {
        let bad = HTMLPage(title: "t", sections: [HTMLSection(heading: "h", blocks: [
            .figure(HTMLFigure(svg: "<svg><SCRIPT>alert(1)</SCRIPT></svg>", caption: "c")),
        ])])
        #expect(!bad.render().lowercased().contains("<script"))
    }
}
