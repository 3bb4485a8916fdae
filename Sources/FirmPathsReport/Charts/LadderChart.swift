import Foundation

/// A change of establishment mode in one market at a point in time.
public struct ModeChange: Sendable, Equatable {
    /// Time of the change, in years.
    public var time: Double
    /// New mode, 0 (none) to 4 (production abroad); other values are clamped.
    public var mode: Int

    /// Creates a mode change.
    public init(time: Double, mode: Int) {
        self.time = time
        self.mode = mode
    }
}

/// One market row of a `LadderChart`.
public struct LadderLane: Sendable, Equatable {
    /// Row label, e.g. "DE-N1 (PD 0.25)".
    public var label: String
    /// Step function of the mode: each change holds until the next one.
    public var changes: [ModeChange]

    /// Creates a lane.
    public init(label: String, changes: [ModeChange]) {
        self.label = label
        self.changes = changes
    }
}

/// Kinds of events marked on a ladder; each has its own symbol and colour so they differ in grey-scale print too.
public enum LadderEventKind: String, Sendable, CaseIterable {
    case enter
    case upgrade
    case downgrade
    case exit
    case backsource
    case surprise
    case opportunism

    /// Legend text.
    public var displayName: String {
        switch self {
        case .enter: return "enter"
        case .upgrade: return "upgrade"
        case .downgrade: return "downgrade"
        case .exit: return "exit"
        case .backsource: return "back-source"
        case .surprise: return "surprise"
        case .opportunism: return "opportunism"
        }
    }

    /// Marker symbol.
    public var shape: MarkerShape {
        switch self {
        case .enter: return .triangleRight
        case .upgrade: return .triangleUp
        case .downgrade: return .triangleDown
        case .exit: return .cross
        case .backsource: return .diamond
        case .surprise: return .square
        case .opportunism: return .circle
        }
    }

    /// Marker fill colour from the Okabe-Ito palette.
    public var color: String {
        switch self {
        case .enter: return "#009E73"
        case .upgrade: return "#E69F00"
        case .downgrade: return "#D55E00"
        case .exit: return "#000000"
        case .backsource: return "#CC79A7"
        case .surprise: return "#F0E442"
        case .opportunism: return "#56B4E9"
        }
    }
}

/// An event drawn as a symbol on a lane, with its text as a hover tooltip.
public struct LadderEvent: Sendable, Equatable {
    /// When it happened, in years.
    public var time: Double
    /// Index into `LadderChart.lanes`.
    public var lane: Int
    /// What happened.
    public var kind: LadderEventKind
    /// Short explanation shown on hover, e.g. "agent → subsidiary after 3 good years".
    public var text: String

    /// Creates an event.
    public init(time: Double, lane: Int, kind: LadderEventKind, text: String) {
        self.time = time
        self.lane = lane
        self.kind = kind
        self.text = text
    }
}

/// One firm's establishment mode per market over time: the "ladder" of the establishment chain.
///
/// Lanes are drawn top to bottom in the given order, which callers set by psychic distance,
/// so the chart shows whether the firm climbed the ladder in near markets first.
public struct LadderChart: Sendable {
    /// Names of modes 0 to 4, used in the legend and tooltips.
    public static let modeNames = ["none", "irregular export", "agent/distributor", "subsidiary/partnered", "production abroad"]
    /// Okabe-Ito hues, distinguishable with colour-blindness and on a projector; the band's
    /// height also grows with the mode, so the ladder reads in grey-scale print too.
    public static let modeColors = ["#FFFFFF", "#56B4E9", "#009E73", "#E69F00", "#D55E00"]

    /// Chart title.
    public var title: String
    /// Markets, closest first.
    public var lanes: [LadderLane]
    /// Events to mark; events on lanes beyond `maxLanes` are not drawn.
    public var events: [LadderEvent]
    /// Time span to show; nil spans the data plus one year so the last state stays visible.
    public var timeRange: ClosedRange<Double>?
    /// X axis label.
    public var xLabel: String
    /// X axis unit.
    public var xUnit: String?
    /// Height of one lane.
    public var laneHeight: Double
    /// Most lanes drawn; the rest are summarised as "… and N more markets" to keep the chart printable.
    public var maxLanes: Int
    /// When the firm was founded and closed, in the chart's time; drawn as marked vertical lines,
    /// with the time outside the firm's life shaded. Nil: not shown.
    public var founded: Double?
    public var died: Double?
    /// Visual settings; `height` is ignored because it follows the lane count.
    public var style: ChartStyle

    /// Creates a ladder chart description.
    public init(
        title: String, lanes: [LadderLane], events: [LadderEvent] = [], timeRange: ClosedRange<Double>? = nil,
        xLabel: String = "Time", xUnit: String? = "years", laneHeight: Double = 18, maxLanes: Int = 30,
        founded: Double? = nil, died: Double? = nil, style: ChartStyle = .standard
    ) {
        self.founded = founded
        self.died = died
        self.title = title
        self.lanes = lanes
        self.events = events
        self.timeRange = timeRange
        self.xLabel = xLabel
        self.xUnit = xUnit
        self.laneHeight = laneHeight
        self.maxLanes = maxLanes
        self.style = style
    }

    /// Number of lanes actually drawn.
    public var shownLaneCount: Int { min(lanes.count, max(0, maxLanes)) }

    /// Renders the chart as a standalone SVG document whose height grows with the number of lanes.
    public func svg() -> String {
        let s = style
        let laneH = laneHeight.isFinite && laneHeight >= 8 ? laneHeight : 18
        var b = SVGBuilder(width: s.width, height: s.height)
        let shown = shownLaneCount
        let shownEvents = events.filter { $0.lane >= 0 && $0.lane < shown && $0.time.isFinite }

        var legend = [LegendItem(label: "Mode:", mark: .heading)]
        for m in 0...4 {
            legend.append(LegendItem(label: "\(m) \(Self.modeNames[m])",
                                     mark: .swatch(fill: Self.modeColors[m], stroke: m == 0 ? s.grey : nil)))
        }
        let kinds = LadderEventKind.allCases.filter { k in shownEvents.contains { $0.kind == k } }
        if !kinds.isEmpty {
            legend.append(LegendItem(label: "Events:", mark: .heading))
            legend += kinds.map { LegendItem(label: $0.displayName, mark: .marker($0.shape, color: $0.color)) }
        }
        let lifeMarks = [(founded, "founded"), (died, "closed")].compactMap { t, label in t.flatMap { $0.isFinite ? ($0, label) : nil } }
        // Room above the lanes for the founding and closing labels.
        let top = ChartLayout.drawHeader(into: &b, title: title, legend: legend, style: s, width: s.width)
            + (lifeMarks.isEmpty ? 0 : s.fontSize * 1.3)

        let labelWidth = min(220, lanes.prefix(shown).map { ChartLayout.textWidth($0.label, size: s.fontSize) }.max() ?? 40)
        let left = s.padding.left + labelWidth + 8
        let plot = PlotRect(x: left, y: top, width: s.width - left - s.padding.right, height: Double(max(shown, 1)) * laneH)
        let hidden = lanes.count - shown
        b.height = plot.maxY + ChartLayout.xGutter(style: s) + (hidden > 0 ? s.fontSize * 1.8 : 0)

        let range = resolvedTimeRange()
        let xAxis = Axis(label: xLabel, unit: xUnit, fixed: range,
                         targetTicks: ChartLayout.tickTarget(length: plot.width, spacing: 60))

        // Lane stripes first, then grid, so year lines stay visible across empty lanes.
        for i in 0..<shown where i % 2 == 1 {
            b.rect(x: plot.x, y: plot.y + Double(i) * laneH, width: plot.width, height: laneH, fill: "#F4F4F4")
        }
        ChartLayout.drawXAxis(into: &b, axis: xAxis, plot: plot, style: s, grid: true)
        drawLife(into: &b, marks: lifeMarks, axis: xAxis, plot: plot, range: range)

        for (i, lane) in lanes.prefix(shown).enumerated() {
            let y0 = plot.y + Double(i) * laneH
            b.openGroup(cssClass: "lane", title: lane.label)
            let shortLabel = ChartLayout.truncate(lane.label, width: labelWidth, size: s.fontSize)
            b.text(shortLabel, x: plot.x - 6, y: y0 + laneH / 2 + s.fontSize * 0.35, anchor: .end,
                   size: s.fontSize, fill: s.textColor, cssClass: "lane-label")
            for band in Self.bands(lane.changes, until: range.upperBound) where band.mode > 0 {
                let x0 = xAxis.position(max(band.start, range.lowerBound), from: plot.x, to: plot.maxX)
                let x1 = xAxis.position(min(band.end, range.upperBound), from: plot.x, to: plot.maxX)
                guard x1 > x0 else { continue }
                // Mode 1 still gets 40 % of the lane so irregular export is visible in print.
                let h = (laneH - 4) * Double(band.mode + 1) / 5
                let tip = "\(lane.label): \(band.mode) \(Self.modeNames[band.mode]), "
                    + "\(Axis.format(band.start, step: 0.1))–\(Axis.format(band.end, step: 0.1))"
                b.rect(x: x0, y: y0 + laneH - 2 - h, width: x1 - x0, height: h,
                       fill: Self.modeColors[band.mode], cssClass: "mode-band", title: tip)
            }
            b.closeGroup()
        }
        b.line(x1: plot.x, y1: plot.y, x2: plot.x, y2: plot.maxY, stroke: s.axisColor, strokeWidth: 1)

        var seen: [String: Int] = [:]
        b.openGroup(cssClass: "events")
        for e in shownEvents where range.contains(e.time) {
            // Events at the same time and lane are nudged sideways so each stays visible.
            let key = "\(e.lane)@\(SVGBuilder.number(e.time))"
            let k = seen[key, default: 0]
            seen[key] = k + 1
            let cx = xAxis.position(e.time, from: plot.x, to: plot.maxX) + Double(k) * 8
            let cy = plot.y + (Double(e.lane) + 0.5) * laneH
            let tip = "\(Axis.format(e.time, step: 0.1)) \(e.kind.displayName): \(e.text)"
            b.openGroup(cssClass: "event event-\(e.kind.rawValue)", title: tip)
            b.path(e.kind.shape.path(cx: cx, cy: cy, r: min(5, laneH * 0.3)), fill: e.kind.color, stroke: "#1A1A1A", strokeWidth: 0.8)
            b.closeGroup()
        }
        b.closeGroup()

        if hidden > 0 {
            b.text("… and \(hidden) more market\(hidden == 1 ? "" : "s")", x: s.padding.left,
                   y: b.height - s.padding.bottom, size: s.fontSize, weight: "600", fill: s.textColor, cssClass: "more-lanes")
        }
        return b.document(title: title, fontFamily: s.fontFamily)
    }

    /// Shades the time before founding and after closing, and marks both moments with a labelled line.
    func drawLife(into b: inout SVGBuilder, marks: [(time: Double, label: String)], axis: Axis, plot: PlotRect,
                  range: ClosedRange<Double>) {
        guard !marks.isEmpty else { return }
        let s = style
        func x(_ t: Double) -> Double { axis.position(min(max(t, range.lowerBound), range.upperBound), from: plot.x, to: plot.maxX) }
        b.openGroup(cssClass: "life")
        if let founded, founded > range.lowerBound {
            b.rect(x: plot.x, y: plot.y, width: x(founded) - plot.x, height: plot.height, fill: "#DDDDDD", opacity: 0.6,
                   cssClass: "before-founding", title: "not yet founded")
        }
        if let died, died < range.upperBound {
            b.rect(x: x(died), y: plot.y, width: plot.maxX - x(died), height: plot.height, fill: "#DDDDDD", opacity: 0.6,
                   cssClass: "after-closing", title: "closed")
        }
        for (time, label) in marks where range.contains(time) {
            let at = x(time)
            b.line(x1: at, y1: plot.y - s.fontSize * 0.4, x2: at, y2: plot.maxY, stroke: "#000000", strokeWidth: 1.5, dash: "4 3",
                   cssClass: "life-mark")
            let anchor: TextAnchor = at > plot.maxX - 60 ? .end : .start
            b.text("\(label) \(Axis.format(time, step: 0.25))", x: at + (anchor == .end ? -3 : 3), y: plot.y - s.fontSize * 0.45,
                   anchor: anchor, size: s.fontSize * 0.9, weight: "600", fill: s.textColor, cssClass: "life-label")
        }
        b.closeGroup()
    }

    /// The time span drawn: the given range, or the data span plus one year.
    func resolvedTimeRange() -> ClosedRange<Double> {
        if let timeRange, timeRange.lowerBound.isFinite, timeRange.upperBound.isFinite, timeRange.upperBound > timeRange.lowerBound {
            return timeRange
        }
        let times = lanes.flatMap { $0.changes.map(\.time) } + events.map(\.time)
        guard let r = ChartLayout.finiteRange(times) else { return 0...1 }
        return r.min...(r.max + 1)
    }

    /// Turns change points into constant-mode intervals, sorted by time; the last holds until `end`.
    static func bands(_ changes: [ModeChange], until end: Double) -> [(start: Double, end: Double, mode: Int)] {
        let sorted = changes.filter { $0.time.isFinite }.sorted { $0.time < $1.time }
        var result: [(start: Double, end: Double, mode: Int)] = []
        for (i, c) in sorted.enumerated() {
            let stop = i + 1 < sorted.count ? sorted[i + 1].time : max(end, c.time)
            result.append((c.time, stop, min(4, max(0, c.mode))))
        }
        return result
    }
}
