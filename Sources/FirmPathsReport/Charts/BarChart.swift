import Foundation

/// A vertical bar chart of one value per category, e.g. the share of firms per establishment mode.
public struct BarChart: Sendable {
    /// One bar.
    public struct Bar: Sendable, Equatable {
        /// Category name printed under the bar.
        public var label: String
        /// Bar height in data units; non-finite values draw no bar.
        public var value: Double
        /// Text printed above the bar, e.g. "23.4% (234)"; nil prints nothing.
        public var annotation: String?
        /// Overrides the chart colour for this bar, e.g. to highlight one category.
        public var color: String?

        /// Creates a bar.
        public init(label: String, value: Double, annotation: String? = nil, color: String? = nil) {
            self.label = label
            self.value = value
            self.annotation = annotation
            self.color = color
        }
    }

    /// Chart title.
    public var title: String
    /// Bars in drawing order, left to right.
    public var bars: [Bar]
    /// Y axis label and unit.
    public var yLabel: String
    /// Y axis unit, e.g. "count"; ignored text when nil.
    public var yUnit: String?
    /// Label under the category names, e.g. "Establishment mode"; nil omits it.
    public var xLabel: String?
    /// True when values are shares in [0, 1] to be shown as percentages.
    public var yIsPercent: Bool
    /// Visual settings.
    public var style: ChartStyle

    /// Creates a bar chart description.
    public init(
        title: String, bars: [Bar], yLabel: String, yUnit: String? = nil, xLabel: String? = nil,
        yIsPercent: Bool = false, style: ChartStyle = .standard
    ) {
        self.title = title
        self.bars = bars
        self.yLabel = yLabel
        self.yUnit = yUnit
        self.xLabel = xLabel
        self.yIsPercent = yIsPercent
        self.style = style
    }

    /// Renders the chart as a standalone SVG document.
    public func svg() -> String {
        let s = style
        var b = SVGBuilder(width: s.width, height: s.height)
        let top = ChartLayout.drawHeader(into: &b, title: title, legend: [], style: s, width: s.width)

        let values = bars.map(\.value)
        let range = ChartLayout.finiteRange(values) ?? (0, yIsPercent ? 1 : 1)
        // Reserve space in the data range for annotations above the tallest bar.
        let needsHeadroom = bars.contains { $0.annotation != nil }
        var hi = range.max
        if needsHeadroom, hi > 0 { hi *= 1.12 }
        if yIsPercent, range.max <= 1, range.min >= 0 { hi = min(max(hi, 0), 1) }
        let roughPlotHeight = s.height - top - 60
        var yAxis = Axis(label: yLabel, unit: yUnit, dataMin: range.min, dataMax: hi,
                         targetTicks: ChartLayout.tickTarget(length: roughPlotHeight, spacing: 40),
                         includeZero: true, isPercent: yIsPercent)
        if yIsPercent, range.max <= 1, range.min >= 0, yAxis.upper > 1 {
            yAxis = Axis(label: yLabel, unit: yUnit, fixed: 0...1,
                         targetTicks: ChartLayout.tickTarget(length: roughPlotHeight, spacing: 40), isPercent: true)
        }

        let left = ChartLayout.yGutter(yAxis, style: s)
        let plotWidth = s.width - left - s.padding.right
        let slot = bars.isEmpty ? plotWidth : plotWidth / Double(bars.count)
        let widestLabel = bars.map { ChartLayout.textWidth($0.label, size: s.fontSize) }.max() ?? 0
        // Prefer labels wrapped onto two lines; rotate only when even that does not fit.
        let wrapped = bars.map { ChartLayout.wrapLabel($0.label, width: slot - 6, size: s.fontSize) }
        let wrapFits = wrapped.allSatisfy { lines in
            lines.count <= 2 && lines.allSatisfy { ChartLayout.textWidth($0, size: s.fontSize) <= slot - 6 }
        }
        let rotate = !wrapFits
        let lineCount = Double(wrapped.map(\.count).max() ?? 1)
        let labelDepth = rotate ? min(widestLabel, 140) * 0.6 + s.fontSize : s.fontSize * (1.2 * lineCount - 0.2)
        let bottom = s.padding.bottom + 8 + labelDepth + (xLabel == nil ? 0 : s.fontSize * 1.8)
        let plot = PlotRect(x: left, y: top, width: plotWidth, height: max(20, s.height - top - bottom))

        ChartLayout.drawYAxis(into: &b, axis: yAxis, plot: plot, style: s)

        let zeroY = yAxis.position(0, from: plot.maxY, to: plot.y)
        let barWidth = slot * 0.7
        b.openGroup(cssClass: "bars")
        for (i, bar) in bars.enumerated() {
            let cx = plot.x + slot * (Double(i) + 0.5)
            let color = bar.color ?? s.color(at: 0)
            let tooltip = bar.label + ": " + (bar.annotation ?? yAxis.tickLabelPrecise(bar.value))
            if bar.value.isFinite {
                let vy = yAxis.position(bar.value, from: plot.maxY, to: plot.y)
                b.rect(x: cx - barWidth / 2, y: min(vy, zeroY), width: barWidth, height: abs(zeroY - vy),
                       fill: color, cssClass: "bar", title: tooltip)
                if let annotation = bar.annotation {
                    let ay = bar.value >= 0 ? min(vy, zeroY) - 5 : max(vy, zeroY) + s.fontSize + 3
                    let size = ChartLayout.textWidth(annotation, size: s.fontSize) > slot ? s.fontSize * 0.8 : s.fontSize
                    b.text(annotation, x: cx, y: ay, anchor: .middle, size: size, fill: s.textColor, cssClass: "bar-annotation")
                }
            }
            let labelY = plot.maxY + 6 + s.fontSize
            if rotate {
                let shown = ChartLayout.truncate(bar.label, width: 140, size: s.fontSize)
                b.text(shown, x: cx + s.fontSize * 0.3, y: labelY - 2, anchor: .end, size: s.fontSize, fill: s.textColor,
                       rotate: -35, cssClass: "tick-label", title: bar.label)
            } else {
                for (k, line) in wrapped[i].enumerated() {
                    b.text(line, x: cx, y: labelY + Double(k) * s.fontSize * 1.2, anchor: .middle, size: s.fontSize,
                           fill: s.textColor, cssClass: "tick-label")
                }
            }
        }
        b.closeGroup()
        b.line(x1: plot.x, y1: zeroY, x2: plot.maxX, y2: zeroY, stroke: s.axisColor, strokeWidth: 1)
        if let xLabel {
            b.text(xLabel, x: plot.x + plot.width / 2, y: s.height - s.padding.bottom - 2, anchor: .middle,
                   size: s.fontSize, fill: s.textColor, cssClass: "axis-title")
        }
        return b.document(title: title, fontFamily: s.fontFamily)
    }
}

extension Axis {
    /// A value formatted one decimal finer than the ticks, for tooltips that should be more exact than the axis.
    func tickLabelPrecise(_ value: Double) -> String {
        guard value.isFinite else { return "n/a" }
        if isPercent { return Axis.format(value * 100, step: step * 10) + "%" }
        return Axis.format(value, step: step / 10)
    }
}
