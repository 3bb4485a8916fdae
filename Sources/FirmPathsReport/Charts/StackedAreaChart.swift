import Foundation

/// One layer of a `StackedAreaChart`, e.g. the firms in one establishment mode.
public struct AreaLayer: Sendable, Equatable {
    /// Legend name.
    public var name: String
    /// One value per x position; non-finite or negative values count as zero.
    public var values: [Double]
    /// Overrides the palette colour.
    public var color: String?

    /// Creates a layer.
    public init(name: String, values: [Double], color: String? = nil) {
        self.name = name
        self.values = values
        self.color = color
    }
}

/// Stacked areas over a numeric x axis, showing how a population splits into groups over time.
public struct StackedAreaChart: Sendable {
    /// Whether layers hold shares of a whole or raw counts.
    public enum Scale: Sendable, Equatable {
        /// Each column is normalised to sum to 1 and the y axis reads 0-100 %.
        case shares
        /// Values are stacked as given.
        case counts
    }

    /// Chart title.
    public var title: String
    /// X positions, e.g. years.
    public var x: [Double]
    /// Layers from bottom to top.
    public var layers: [AreaLayer]
    /// Shares or counts.
    public var scale: Scale
    /// X axis label.
    public var xLabel: String
    /// X axis unit.
    public var xUnit: String?
    /// Y axis label.
    public var yLabel: String
    /// Y axis unit for counts, e.g. "firms"; shares always read as percent.
    public var yUnit: String?
    /// Visual settings.
    public var style: ChartStyle

    /// Creates a stacked area chart description.
    public init(
        title: String, x: [Double], layers: [AreaLayer], scale: Scale = .shares,
        xLabel: String, xUnit: String? = nil, yLabel: String, yUnit: String? = nil, style: ChartStyle = .standard
    ) {
        self.title = title
        self.x = x
        self.layers = layers
        self.scale = scale
        self.xLabel = xLabel
        self.xUnit = xUnit
        self.yLabel = yLabel
        self.yUnit = yUnit
        self.style = style
    }

    /// Cumulative layer tops per layer and x position; with `.shares` the last layer is 1 wherever any value is positive.
    public func cumulative() -> [[Double]] {
        let n = x.count
        var clean = layers.map { layer in
            (0..<n).map { i in
                let v = i < layer.values.count ? layer.values[i] : 0
                return v.isFinite && v > 0 ? v : 0
            }
        }
        if scale == .shares {
            for i in 0..<n {
                let total = clean.reduce(0) { $0 + $1[i] }
                guard total > 0 else { continue }
                for l in clean.indices { clean[l][i] /= total }
            }
        }
        var result: [[Double]] = []
        var running = [Double](repeating: 0, count: n)
        for layer in clean {
            for i in 0..<n { running[i] += layer[i] }
            result.append(running)
        }
        return result
    }

    /// Renders the chart as a standalone SVG document.
    public func svg() -> String {
        let s = style
        var b = SVGBuilder(width: s.width, height: s.height)
        let legend = layers.count > 1
            ? layers.enumerated().map { LegendItem(label: $1.name, mark: .swatch(fill: $1.color ?? s.color(at: $0), stroke: nil)) }
            : []
        let top = ChartLayout.drawHeader(into: &b, title: title, legend: legend, style: s, width: s.width)
        let bottomY = s.height - ChartLayout.xGutter(style: s)
        let yTarget = ChartLayout.tickTarget(length: bottomY - top, spacing: 40)

        // Only columns with a finite x can be drawn.
        let columns = x.indices.filter { x[$0].isFinite }
        let tops = cumulative()
        let yAxis: Axis
        switch scale {
        case .shares:
            yAxis = Axis(label: yLabel, unit: nil, fixed: 0...1, targetTicks: yTarget, isPercent: true)
        case .counts:
            let maxTop = tops.last.map { t in columns.map { t[$0] }.max() ?? 0 } ?? 0
            yAxis = Axis(label: yLabel, unit: yUnit, dataMin: 0, dataMax: maxTop, targetTicks: yTarget, includeZero: true)
        }
        let left = ChartLayout.yGutter(yAxis, style: s)
        let plot = PlotRect(x: left, y: top, width: s.width - left - s.padding.right, height: max(20, bottomY - top))
        let xr = ChartLayout.finiteRange(columns.map { x[$0] }) ?? (0, 1)
        let xTarget = ChartLayout.tickTarget(length: plot.width, spacing: 70)
        let xAxis = xr.max > xr.min
            ? Axis(label: xLabel, unit: xUnit, fixed: xr.min...xr.max, targetTicks: xTarget)
            : Axis(label: xLabel, unit: xUnit, dataMin: xr.min, dataMax: xr.max, targetTicks: xTarget)

        b.openGroup(cssClass: "layers")
        for (l, layer) in layers.enumerated() where !columns.isEmpty {
            let upper = tops[l]
            var p = PathData()
            for (k, i) in columns.enumerated() {
                let px = xAxis.position(x[i], from: plot.x, to: plot.maxX)
                let py = yAxis.position(upper[i], from: plot.maxY, to: plot.y)
                if k == 0 { p.move(px, py) } else { p.line(px, py) }
            }
            for i in columns.reversed() {
                let lower = l == 0 ? 0 : tops[l - 1][i]
                p.line(xAxis.position(x[i], from: plot.x, to: plot.maxX), yAxis.position(lower, from: plot.maxY, to: plot.y))
            }
            p.close()
            // A thin white edge separates adjacent layers when colours print similarly.
            b.path(p, fill: layer.color ?? s.color(at: l), stroke: "#FFFFFF", strokeWidth: 0.75, cssClass: "layer", title: layer.name)
        }
        b.closeGroup()
        ChartLayout.drawYAxis(into: &b, axis: yAxis, plot: plot, style: s)
        ChartLayout.drawXAxis(into: &b, axis: xAxis, plot: plot, style: s)
        return b.document(title: title, fontFamily: s.fontFamily)
    }
}
