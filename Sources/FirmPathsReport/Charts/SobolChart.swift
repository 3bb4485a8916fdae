/// One panel of a Sobol' chart: first-order and total indices per parameter for one outcome.
public struct SobolPanel: Sendable, Equatable {
    public var outcome: String
    /// One entry per parameter, in parameter order; the `*Interval`s are 95% half-widths.
    public var bars: [SobolBar]

    public init(outcome: String, bars: [SobolBar]) {
        self.outcome = outcome
        self.bars = bars
    }
}

/// The indices of one parameter in a `SobolPanel`.
public struct SobolBar: Sendable, Equatable {
    public var label: String
    public var first: Double
    public var firstInterval: Double
    public var total: Double
    public var totalInterval: Double

    public init(label: String, first: Double, firstInterval: Double, total: Double, totalInterval: Double) {
        self.label = label
        self.first = first
        self.firstInterval = firstInterval
        self.total = total
        self.totalInterval = totalInterval
    }
}

/// Small multiples of Sobol' indices, one panel per outcome: for every numbered parameter a
/// bar of its total index ST (light) with the first-order index S1 (dark) inside, and
/// whiskers for their 95% intervals. A long light bar with a short dark one is a parameter that
/// acts mainly through interactions; the gap between the sum of the S1 and 1 is the share of
/// the variance due to interactions.
public struct SobolChart: Sendable {
    public var title: String
    public var panels: [SobolPanel]
    public var legend: [String]
    public var columns: Int

    public init(title: String, panels: [SobolPanel], legend: [String], columns: Int = 4) {
        self.title = title
        self.panels = panels
        self.legend = legend
        self.columns = max(1, columns)
    }

    public func svg(style: ChartStyle = ChartStyle()) -> String {
        let parameters = panels.map(\.bars.count).max() ?? 0
        let panelWidth = 260.0
        let panelHeight = 70 + 12 * Double(max(parameters, 4))
        let rows = (panels.count + columns - 1) / columns
        let legendHeight = 16.0 * Double((legend.count + 1) / 2) + 20
        let width = panelWidth * Double(columns) + 20
        let height = 60 + panelHeight * Double(rows) + legendHeight
        var svg = SVGBuilder(width: width, height: height)
        svg.text(title, x: 10, y: 24, size: style.titleFontSize, weight: "bold", fill: style.textColor)
        let dark = style.palette.first ?? "#0072B2"
        svg.rect(x: 10, y: 34, width: 12, height: 8, fill: dark)
        svg.text("S1 (first order)", x: 26, y: 42, size: style.fontSize - 2, fill: style.textColor)
        svg.rect(x: 130, y: 34, width: 12, height: 8, fill: dark, opacity: 0.3)
        svg.text("ST (total); whiskers: 95% intervals", x: 146, y: 42, size: style.fontSize - 2, fill: style.textColor)
        for (index, panel) in panels.enumerated() {
            let x0 = 10 + panelWidth * Double(index % columns)
            let y0 = 56 + panelHeight * Double(index / columns)
            draw(panel, into: &svg, x0: x0, y0: y0, width: panelWidth - 20, height: panelHeight - 16, color: dark,
                 style: style)
        }
        let legendTop = 56 + panelHeight * Double(rows) + 10
        for (index, name) in legend.enumerated() {
            let x = 10 + (width / 2 - 5) * Double(index % 2)
            let y = legendTop + 16 * Double(index / 2)
            svg.text("\(index + 1)  \(name)", x: x, y: y, size: style.fontSize - 1, fill: style.textColor)
        }
        return svg.document(title: title, description: "Sobol' indices: first-order and total index per parameter and outcome",
                            fontFamily: style.fontFamily)
    }

    private func draw(_ panel: SobolPanel, into svg: inout SVGBuilder, x0: Double, y0: Double, width: Double,
                      height: Double, color: String, style: ChartStyle) {
        let left = x0 + 24
        let top = y0 + 20
        let plotWidth = width - 30
        let plotHeight = height - 44
        let finite = { (value: Double) -> Double in value.isFinite ? value : 0 }
        let high = max(1, panel.bars.map { finite($0.total) + finite($0.totalInterval) }.max() ?? 1)
        let low = min(0, panel.bars.map { finite($0.first) - finite($0.firstInterval) }.min() ?? 0)
        let axis = Axis(label: "index", fixed: low...high, targetTicks: 4)
        let x = { (value: Double) in axis.position(min(max(value, low), high), from: left, to: left + plotWidth) }
        svg.text(panel.outcome, x: x0 + width / 2, y: y0 + 12, anchor: .middle, size: style.fontSize, weight: "bold",
                 fill: style.textColor)
        svg.rect(x: left, y: top, width: plotWidth, height: plotHeight, fill: "none", stroke: style.axisColor)
        for tick in axis.ticks {
            let position = x(tick)
            svg.line(x1: position, y1: top + plotHeight, x2: position, y2: top + plotHeight + 4, stroke: style.axisColor)
            svg.text(axis.tickLabel(tick), x: position, y: top + plotHeight + 15, anchor: .middle, size: style.fontSize - 3,
                     fill: style.textColor)
        }
        let row = plotHeight / Double(max(panel.bars.count, 1))
        for (index, bar) in panel.bars.enumerated() {
            let y = top + row * Double(index)
            let zero = x(0)
            svg.text(bar.label, x: left - 4, y: y + row * 0.75, anchor: .end, size: style.fontSize - 4, fill: style.textColor)
            let text = { (value: Double) in value.isFinite ? "\(value)" : "n/a" }
            let title = "\(bar.label): S1=\(text(bar.first)) +- \(text(bar.firstInterval)), "
                + "ST=\(text(bar.total)) +- \(text(bar.totalInterval))"
            let total = finite(bar.total), first = finite(bar.first)
            svg.rect(x: min(zero, x(total)), y: y + row * 0.1, width: abs(x(total) - zero), height: row * 0.8, fill: color,
                     opacity: 0.3, title: title)
            svg.rect(x: min(zero, x(first)), y: y + row * 0.3, width: abs(x(first) - zero), height: row * 0.4, fill: color,
                     title: title)
            for (value, interval, middle) in [(total, finite(bar.totalInterval), y + row * 0.2),
                                              (first, finite(bar.firstInterval), y + row * 0.5)] where interval > 0 {
                svg.line(x1: x(value - interval), y1: middle, x2: x(value + interval), y2: middle, stroke: style.textColor)
            }
        }
    }
}
