import Foundation

/// A mean with its 95 % interval at one parameter value.
public struct IntervalPoint: Sendable, Equatable {
    /// Parameter value.
    public var x: Double
    /// Mean outcome across runs.
    public var mean: Double
    /// Lower end of the 95 % interval.
    public var lower: Double
    /// Upper end of the 95 % interval.
    public var upper: Double

    /// Creates a point; non-finite fields are skipped when drawing.
    public init(x: Double, mean: Double, lower: Double, upper: Double) {
        self.x = x
        self.mean = mean
        self.lower = lower
        self.upper = upper
    }
}

/// A named series of interval points.
public struct IntervalSeries: Sendable, Equatable {
    /// Legend name.
    public var name: String
    /// Points in x order.
    public var points: [IntervalPoint]
    /// Overrides the palette colour.
    public var color: String?

    /// Creates a series.
    public init(name: String, points: [IntervalPoint], color: String? = nil) {
        self.name = name
        self.points = points
        self.color = color
    }
}

/// Outcome versus a swept parameter, with 95 % intervals so readers see which differences are noise.
public struct IntervalChart: Sendable {
    /// How intervals are drawn.
    public enum IntervalStyle: Sendable, Equatable {
        /// Vertical bars with caps; best for few, discrete parameter values.
        case errorBars
        /// A shaded band; best for many, closely spaced values.
        case band
    }

    /// Chart title.
    public var title: String
    /// Series; several are offset slightly with error bars so they do not overlap.
    public var series: [IntervalSeries]
    /// X axis label, e.g. the parameter name.
    public var xLabel: String
    /// X axis unit.
    public var xUnit: String?
    /// Y axis label.
    public var yLabel: String
    /// Y axis unit.
    public var yUnit: String?
    /// True when outcomes are shares shown as percentages.
    public var yIsPercent: Bool
    /// Error bars or band.
    public var intervalStyle: IntervalStyle
    /// Visual settings.
    public var style: ChartStyle
    /// Join the means of a series by a line: for values on a grid, where neighbours are the
    /// same setting but one; not for scattered points (Latin hypercube), where a line would
    /// suggest a path through the design that is not there.
    public var joinsPoints: Bool

    /// Creates an interval chart description.
    public init(
        title: String, series: [IntervalSeries], xLabel: String, xUnit: String? = nil,
        yLabel: String, yUnit: String? = nil, yIsPercent: Bool = false,
        intervalStyle: IntervalStyle = .errorBars, style: ChartStyle = .standard, joinsPoints: Bool = true
    ) {
        self.joinsPoints = joinsPoints
        self.title = title
        self.series = series
        self.xLabel = xLabel
        self.xUnit = xUnit
        self.yLabel = yLabel
        self.yUnit = yUnit
        self.yIsPercent = yIsPercent
        self.intervalStyle = intervalStyle
        self.style = style
    }

    /// Renders the chart as a standalone SVG document.
    public func svg() -> String {
        let s = style
        var b = SVGBuilder(width: s.width, height: s.height)
        var legend: [LegendItem] = []
        if series.count > 1 {
            legend = series.enumerated().map { LegendItem(label: $1.name, mark: .band(color: $1.color ?? s.color(at: $0))) }
        }
        legend.append(intervalStyle == .band
            ? LegendItem(label: "shaded: 95% interval", mark: .band(color: s.grey))
            : LegendItem(label: "bars: 95% interval", mark: .errorBar(color: s.grey)))
        let top = ChartLayout.drawHeader(into: &b, title: title, legend: legend, style: s, width: s.width)
        let bottomY = s.height - ChartLayout.xGutter(style: s)

        let pts = series.flatMap(\.points).filter { $0.x.isFinite && $0.mean.isFinite }
        let ys = pts.flatMap { [$0.mean, $0.lower, $0.upper] }
        let yr = ChartLayout.finiteRange(ys) ?? (0, 1)
        let yAxis = Axis(label: yLabel, unit: yUnit, dataMin: yr.min, dataMax: yr.max,
                         targetTicks: ChartLayout.tickTarget(length: bottomY - top, spacing: 40), isPercent: yIsPercent)
        let left = ChartLayout.yGutter(yAxis, style: s)
        let plot = PlotRect(x: left, y: top, width: s.width - left - s.padding.right, height: max(20, bottomY - top))
        let xr = ChartLayout.finiteRange(pts.map(\.x)) ?? (0, 1)
        // A little room at both ends keeps the first and last error bars off the axes.
        let pad = xr.max > xr.min ? (xr.max - xr.min) * 0.04 : 0.5
        let xAxis = Axis(label: xLabel, unit: xUnit, fixed: (xr.min - pad)...(xr.max + pad),
                         targetTicks: ChartLayout.tickTarget(length: plot.width, spacing: 70))

        ChartLayout.drawYAxis(into: &b, axis: yAxis, plot: plot, style: s)
        ChartLayout.drawXAxis(into: &b, axis: xAxis, plot: plot, style: s)

        let dodgeStep = intervalStyle == .errorBars && series.count > 1 ? 4.0 : 0
        for (i, line) in series.enumerated() {
            let color = line.color ?? s.color(at: i)
            let dodge = (Double(i) - Double(series.count - 1) / 2) * dodgeStep
            let valid = line.points.filter { $0.x.isFinite && $0.mean.isFinite }.sorted { $0.x < $1.x }
            let px = { (p: IntervalPoint) in xAxis.position(p.x, from: plot.x, to: plot.maxX) + dodge }
            let py = { (v: Double) in yAxis.position(v, from: plot.maxY, to: plot.y) }
            b.openGroup(cssClass: "series", title: line.name)
            if intervalStyle == .band {
                let banded = valid.filter { $0.lower.isFinite && $0.upper.isFinite }
                if banded.count > 1 {
                    var p = PathData()
                    for (k, pt) in banded.enumerated() {
                        if k == 0 { p.move(px(pt), py(pt.upper)) } else { p.line(px(pt), py(pt.upper)) }
                    }
                    for pt in banded.reversed() { p.line(px(pt), py(pt.lower)) }
                    p.close()
                    b.path(p, fill: color, opacity: 0.2, cssClass: "interval-band")
                }
            }
            if joinsPoints {
                b.polyline(points: valid.map { (x: px($0), y: py($0.mean)) }, stroke: color, strokeWidth: 1.5, cssClass: "line")
            }
            for pt in valid {
                let tip = "\(line.name): \(xAxis.tickLabelPrecise(pt.x)) → \(yAxis.tickLabelPrecise(pt.mean))"
                    + " [\(yAxis.tickLabelPrecise(pt.lower)), \(yAxis.tickLabelPrecise(pt.upper))]"
                if intervalStyle == .errorBars, pt.lower.isFinite, pt.upper.isFinite {
                    let x = px(pt)
                    b.line(x1: x, y1: py(pt.lower), x2: x, y2: py(pt.upper), stroke: color, strokeWidth: 1.5, cssClass: "error-bar")
                    b.line(x1: x - 4, y1: py(pt.lower), x2: x + 4, y2: py(pt.lower), stroke: color, strokeWidth: 1.5)
                    b.line(x1: x - 4, y1: py(pt.upper), x2: x + 4, y2: py(pt.upper), stroke: color, strokeWidth: 1.5)
                }
                b.circle(cx: px(pt), cy: py(pt.mean), r: 3, fill: color, stroke: "#FFFFFF", strokeWidth: 1, cssClass: "mean", title: tip)
            }
            b.closeGroup()
        }
        return b.document(title: title, fontFamily: s.fontFamily)
    }
}
