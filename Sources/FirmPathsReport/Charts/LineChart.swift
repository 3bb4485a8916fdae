import Foundation

/// One point of a line series; a nil or non-finite `y` marks a gap so missing years are not bridged.
public struct LinePoint: Sendable, Equatable {
    /// Horizontal position, e.g. a year.
    public var x: Double
    /// Value, or nil for a gap.
    public var y: Double?

    /// Creates a point.
    public init(x: Double, y: Double?) {
        self.x = x
        self.y = y
    }
}

/// A named line in a `LineChart`.
public struct LineSeries: Sendable, Equatable {
    /// Legend name.
    public var name: String
    /// Points in x order; gaps break the line.
    public var points: [LinePoint]
    /// Dashed lines separate e.g. a baseline scenario from a treatment without relying on colour.
    public var dashed: Bool
    /// Overrides the palette colour.
    public var color: String?

    /// Creates a series.
    public init(name: String, points: [LinePoint], dashed: Bool = false, color: String? = nil) {
        self.name = name
        self.points = points
        self.dashed = dashed
        self.color = color
    }

    /// Convenience for plain (x, y) pairs; NaN values become gaps.
    public init(name: String, xy: [(Double, Double)], dashed: Bool = false, color: String? = nil) {
        self.init(name: name, points: xy.map { LinePoint(x: $0.0, y: $0.1) }, dashed: dashed, color: color)
    }
}

/// A line chart of several series over a numeric x axis, e.g. exporting firms per year.
///
/// For small multiples, render several charts with the same `yRange` and let the page place them side by side.
public struct LineChart: Sendable {
    /// Chart title.
    public var title: String
    /// Series drawn in order; later series are drawn on top.
    public var series: [LineSeries]
    /// X axis label, e.g. "Year".
    public var xLabel: String
    /// X axis unit; nil when obvious.
    public var xUnit: String?
    /// Y axis label.
    public var yLabel: String
    /// Y axis unit, e.g. "count".
    public var yUnit: String?
    /// True when y values are shares shown as percentages.
    public var yIsPercent: Bool
    /// Fixed y range, so small multiples share a scale; nil fits the data.
    public var yRange: ClosedRange<Double>?
    /// Whether the y axis must include zero, which avoids exaggerating small changes.
    public var yIncludesZero: Bool
    /// Visual settings.
    public var style: ChartStyle

    /// Creates a line chart description.
    public init(
        title: String, series: [LineSeries], xLabel: String, xUnit: String? = nil,
        yLabel: String, yUnit: String? = nil, yIsPercent: Bool = false,
        yRange: ClosedRange<Double>? = nil, yIncludesZero: Bool = true, style: ChartStyle = .standard
    ) {
        self.title = title
        self.series = series
        self.xLabel = xLabel
        self.xUnit = xUnit
        self.yLabel = yLabel
        self.yUnit = yUnit
        self.yIsPercent = yIsPercent
        self.yRange = yRange
        self.yIncludesZero = yIncludesZero
        self.style = style
    }

    /// Renders the chart as a standalone SVG document.
    public func svg() -> String {
        let s = style
        var b = SVGBuilder(width: s.width, height: s.height)
        let legend = series.count > 1
            ? series.enumerated().map { LegendItem(label: $1.name, mark: .line(color: $1.color ?? s.color(at: $0), dashed: $1.dashed)) }
            : []
        let top = ChartLayout.drawHeader(into: &b, title: title, legend: legend, style: s, width: s.width)
        let bottomY = s.height - ChartLayout.xGutter(style: s)

        let xs = series.flatMap { $0.points.compactMap { p in p.y.flatMap { $0.isFinite ? p.x : nil } } }
        let ys = series.flatMap { $0.points.compactMap(\.y) }
        let yTarget = ChartLayout.tickTarget(length: bottomY - top, spacing: 40)
        let yAxis: Axis
        if let yRange {
            yAxis = Axis(label: yLabel, unit: yUnit, fixed: yRange, targetTicks: yTarget, isPercent: yIsPercent)
        } else {
            let r = ChartLayout.finiteRange(ys) ?? (0, 1)
            yAxis = Axis(label: yLabel, unit: yUnit, dataMin: r.min, dataMax: r.max, targetTicks: yTarget,
                         includeZero: yIncludesZero, isPercent: yIsPercent)
        }
        let left = ChartLayout.yGutter(yAxis, style: s)
        let plot = PlotRect(x: left, y: top, width: s.width - left - s.padding.right, height: max(20, bottomY - top))
        let xr = ChartLayout.finiteRange(xs) ?? (0, 1)
        var xAxis = Axis(label: xLabel, unit: xUnit, dataMin: xr.min, dataMax: xr.max,
                         targetTicks: ChartLayout.tickTarget(length: plot.width, spacing: 70))
        if xr.max > xr.min {
            // Lines should start and end at the plot edges, not at the next round tick.
            xAxis = Axis(label: xLabel, unit: xUnit, fixed: xr.min...xr.max,
                         targetTicks: ChartLayout.tickTarget(length: plot.width, spacing: 70))
        }

        ChartLayout.drawYAxis(into: &b, axis: yAxis, plot: plot, style: s)
        ChartLayout.drawXAxis(into: &b, axis: xAxis, plot: plot, style: s)

        for (i, line) in series.enumerated() {
            let color = line.color ?? s.color(at: i)
            b.openGroup(cssClass: "series", title: line.name)
            for segment in Self.segments(line.points) {
                let pts = segment.map {
                    (x: xAxis.position($0.x, from: plot.x, to: plot.maxX), y: yAxis.position($0.y, from: plot.maxY, to: plot.y))
                }
                if pts.count == 1, let p = pts.first {
                    // An isolated point has no line to show, so mark it with a dot.
                    b.circle(cx: p.x, cy: p.y, r: 2.5, fill: color)
                } else {
                    b.polyline(points: pts, stroke: color, strokeWidth: 2, dash: line.dashed ? "6 4" : nil, cssClass: "line")
                }
            }
            b.closeGroup()
        }
        return b.document(title: title, fontFamily: s.fontFamily)
    }

    /// Splits points into runs of finite values, so gaps (nil or NaN) are not bridged by a line.
    static func segments(_ points: [LinePoint]) -> [[(x: Double, y: Double)]] {
        var result: [[(x: Double, y: Double)]] = []
        var run: [(x: Double, y: Double)] = []
        for p in points {
            if let y = p.y, y.isFinite, p.x.isFinite {
                run.append((p.x, y))
            } else if !run.isEmpty {
                result.append(run)
                run = []
            }
        }
        if !run.isEmpty { result.append(run) }
        return result
    }
}
