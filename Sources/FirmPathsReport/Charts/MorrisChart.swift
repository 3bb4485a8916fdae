/// One panel of a Morris screening chart: mu* against sigma per parameter for one outcome.
public struct MorrisPanel: Sendable, Equatable {
    public var outcome: String
    /// One point per parameter, in parameter order (`label` is the parameter's number).
    public var points: [(label: String, muStar: Double, sigma: Double)]
    /// Half-widths of the mu* intervals, one per point (drawn as horizontal bars), or empty.
    public var muStarIntervals: [Double]

    public init(outcome: String, points: [(label: String, muStar: Double, sigma: Double)], muStarIntervals: [Double] = []) {
        self.outcome = outcome
        self.points = points
        self.muStarIntervals = muStarIntervals
    }

    public static func == (a: MorrisPanel, b: MorrisPanel) -> Bool {
        a.outcome == b.outcome && a.points.count == b.points.count && a.muStarIntervals == b.muStarIntervals
            && zip(a.points, b.points).allSatisfy { $0.label == $1.label && $0.muStar == $1.muStar && $0.sigma == $1.sigma }
    }
}

/// Small multiples of mu* (x) against sigma (y), one panel per outcome, with a legend of the
/// numbered parameters. Points far along x matter; points high in y act non-linearly or in
/// interactions (Morris 1991; Campolongo et al. 2007). Horizontal bars, when given, are the
/// intervals of mu*: parameters whose bars overlap cannot be ranked against each other.
public struct MorrisChart: Sendable {
    public var title: String
    public var panels: [MorrisPanel]
    public var legend: [String]
    public var columns: Int

    public init(title: String, panels: [MorrisPanel], legend: [String], columns: Int = 4) {
        self.title = title
        self.panels = panels
        self.legend = legend
        self.columns = max(1, columns)
    }

    public func svg(style: ChartStyle = ChartStyle()) -> String {
        let panelWidth = 260.0
        let panelHeight = 220.0
        let rows = (panels.count + columns - 1) / columns
        let legendHeight = 16.0 * Double((legend.count + 1) / 2) + 20
        let width = panelWidth * Double(columns) + 20
        let height = 40 + panelHeight * Double(rows) + legendHeight
        var svg = SVGBuilder(width: width, height: height)
        svg.text(title, x: 10, y: 24, size: style.titleFontSize, weight: "bold", fill: style.textColor)
        for (index, panel) in panels.enumerated() {
            let x0 = 10 + panelWidth * Double(index % columns)
            let y0 = 40 + panelHeight * Double(index / columns)
            draw(panel, into: &svg, x0: x0, y0: y0, width: panelWidth - 20, height: panelHeight - 20, style: style)
        }
        let legendTop = 40 + panelHeight * Double(rows) + 10
        for (index, name) in legend.enumerated() {
            let x = 10 + (width / 2 - 5) * Double(index % 2)
            let y = legendTop + 16 * Double(index / 2)
            svg.text("\(index + 1)  \(name)", x: x, y: y, size: style.fontSize - 1, fill: style.textColor)
        }
        return svg.document(title: title, description: "Morris screening: mu* against sigma per parameter and outcome",
                            fontFamily: style.fontFamily)
    }

    private func draw(_ panel: MorrisPanel, into svg: inout SVGBuilder, x0: Double, y0: Double, width: Double,
                      height: Double, style: ChartStyle) {
        let left = x0 + 44
        let top = y0 + 22
        let plotWidth = width - 50
        let plotHeight = height - 52
        let interval = { (index: Int) -> Double in
            index < panel.muStarIntervals.count && panel.muStarIntervals[index].isFinite ? panel.muStarIntervals[index] : 0
        }
        let xMax = max(panel.points.indices.map { panel.points[$0].muStar + interval($0) }.filter(\.isFinite).max() ?? 0,
                       1e-12)
        let yMax = max(panel.points.map(\.sigma).filter(\.isFinite).max() ?? 0, 1e-12)
        let xAxis = Axis(label: "mu*", fixed: 0...(xMax * 1.1), targetTicks: 4)
        let yAxis = Axis(label: "sigma", fixed: 0...(yMax * 1.1), targetTicks: 4)
        svg.text(panel.outcome, x: x0 + width / 2, y: y0 + 12, anchor: .middle, size: style.fontSize, weight: "bold",
                 fill: style.textColor)
        svg.rect(x: left, y: top, width: plotWidth, height: plotHeight, fill: "none", stroke: style.axisColor)
        for tick in xAxis.ticks {
            let x = xAxis.position(tick, from: left, to: left + plotWidth)
            svg.line(x1: x, y1: top + plotHeight, x2: x, y2: top + plotHeight + 4, stroke: style.axisColor)
            svg.text(xAxis.tickLabel(tick), x: x, y: top + plotHeight + 15, anchor: .middle, size: style.fontSize - 3,
                     fill: style.textColor)
        }
        for tick in yAxis.ticks {
            let y = yAxis.position(tick, from: top + plotHeight, to: top)
            svg.line(x1: left - 4, y1: y, x2: left, y2: y, stroke: style.axisColor)
            svg.text(yAxis.tickLabel(tick), x: left - 6, y: y + 3, anchor: .end, size: style.fontSize - 3,
                     fill: style.textColor)
        }
        svg.text("mu*", x: left + plotWidth / 2, y: top + plotHeight + 28, anchor: .middle, size: style.fontSize - 2,
                 fill: style.textColor)
        svg.text("sigma", x: x0 + 8, y: top + plotHeight / 2, anchor: .middle, size: style.fontSize - 2,
                 fill: style.textColor, rotate: -90)
        for (index, point) in panel.points.enumerated() where point.muStar.isFinite && point.sigma.isFinite {
            let x = xAxis.position(point.muStar, from: left, to: left + plotWidth)
            let y = yAxis.position(point.sigma, from: top + plotHeight, to: top)
            let color = style.palette[index % style.palette.count]
            if interval(index) > 0 {
                let low = xAxis.position(max(0, point.muStar - interval(index)), from: left, to: left + plotWidth)
                let high = xAxis.position(point.muStar + interval(index), from: left, to: left + plotWidth)
                svg.line(x1: low, y1: y, x2: high, y2: y, stroke: color)
            }
            svg.circle(cx: x, cy: y, r: 3.5, fill: color, title: "\(point.label): mu*=\(point.muStar), sigma=\(point.sigma)")
            svg.text(point.label, x: x + 5, y: y - 4, size: style.fontSize - 4, fill: style.textColor)
        }
    }
}
