import Foundation

/// A rectangle in SVG coordinates, used for the plot area.
struct PlotRect: Sendable {
    var x: Double
    var y: Double
    var width: Double
    var height: Double
    var maxX: Double { x + width }
    var maxY: Double { y + height }
}

/// Symbols for event markers and legends; distinct shapes keep kinds apart in grey-scale print.
public enum MarkerShape: String, Sendable, CaseIterable {
    case circle
    case square
    case diamond
    case triangleUp
    case triangleDown
    case triangleRight
    case cross

    /// Path outline of the shape centred on (cx, cy) with half-size r.
    func path(cx: Double, cy: Double, r: Double) -> PathData {
        var p = PathData()
        switch self {
        case .circle:
            // Octagon approximation keeps every marker a single path element.
            for k in 0..<12 {
                let t = Double(k) / 12 * 2 * Double.pi
                if k == 0 { p.move(cx + r * cos(t), cy + r * sin(t)) } else { p.line(cx + r * cos(t), cy + r * sin(t)) }
            }
            p.close()
        case .square:
            let s = r * 0.85
            p.move(cx - s, cy - s); p.line(cx + s, cy - s); p.line(cx + s, cy + s); p.line(cx - s, cy + s); p.close()
        case .diamond:
            p.move(cx, cy - r * 1.15); p.line(cx + r, cy); p.line(cx, cy + r * 1.15); p.line(cx - r, cy); p.close()
        case .triangleUp:
            p.move(cx, cy - r * 1.1); p.line(cx + r, cy + r * 0.8); p.line(cx - r, cy + r * 0.8); p.close()
        case .triangleDown:
            p.move(cx, cy + r * 1.1); p.line(cx + r, cy - r * 0.8); p.line(cx - r, cy - r * 0.8); p.close()
        case .triangleRight:
            p.move(cx + r * 1.1, cy); p.line(cx - r * 0.8, cy - r); p.line(cx - r * 0.8, cy + r); p.close()
        case .cross:
            let a = r, w = r * 0.38
            p.move(cx - a, cy - a + w); p.line(cx - a + w, cy - a); p.line(cx, cy - w)
            p.line(cx + a - w, cy - a); p.line(cx + a, cy - a + w); p.line(cx + w, cy)
            p.line(cx + a, cy + a - w); p.line(cx + a - w, cy + a); p.line(cx, cy + w)
            p.line(cx - a + w, cy + a); p.line(cx - a, cy + a - w); p.line(cx - w, cy)
            p.close()
        }
        return p
    }
}

/// How a legend entry is drawn.
enum LegendMark: Sendable {
    case swatch(fill: String, stroke: String?)
    case line(color: String, dashed: Bool)
    case marker(MarkerShape, color: String)
    case band(color: String)
    case errorBar(color: String)
    case heading
}

/// One legend entry.
struct LegendItem: Sendable {
    var label: String
    var mark: LegendMark
}

/// Layout helpers shared by all charts; text widths are estimated because SVG has no layout engine.
enum ChartLayout {
    /// Approximate width of text in a sans-serif font; deliberately generous so labels do not collide.
    static func textWidth(_ text: String, size: Double) -> Double {
        Double(text.count) * size * charWidth
    }

    /// Average glyph width as a fraction of font size, measured on system-ui with some slack.
    static let charWidth = 0.56

    /// Shortens text to fit a width, ending with an ellipsis; the full text should go in a tooltip.
    static func truncate(_ text: String, width: Double, size: Double) -> String {
        // Text measured to fit is never cut, whatever the average character width says.
        guard textWidth(text, size: size) > width else { return text }
        let maxChars = Int(width / (size * charWidth))
        guard text.count > maxChars, maxChars > 1 else { return text }
        return String(text.prefix(maxChars - 1)) + "…"
    }

    /// Breaks text into lines no wider than `width`, so long titles stay inside the SVG.
    static func wrap(_ text: String, width: Double, size: Double) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if textWidth(candidate, size: size) > width, !current.isEmpty {
                lines.append(current)
                current = String(word)
            } else {
                current = candidate
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines.isEmpty ? [""] : lines
    }

    /// Wraps a category label at spaces and after "/", e.g. "subsidiary/" + "partnered", so bars need no rotated labels.
    static func wrapLabel(_ text: String, width: Double, size: Double) -> [String] {
        var tokens: [String] = []
        for word in text.split(separator: " ") {
            var part = ""
            for ch in word {
                part.append(ch)
                if ch == "/" { tokens.append(part); part = "" }
            }
            if !part.isEmpty { tokens.append(part) }
            tokens[tokens.count - 1] += " "
        }
        var lines: [String] = []
        var current = ""
        for token in tokens {
            let candidate = current + token
            if textWidth(candidate.trimmingCharacters(in: .whitespaces), size: size) > width, !current.isEmpty {
                lines.append(current.trimmingCharacters(in: .whitespaces))
                current = token
            } else {
                current = candidate
            }
        }
        let last = current.trimmingCharacters(in: .whitespaces)
        if !last.isEmpty { lines.append(last) }
        return lines
    }

    static let legendMarkWidth: Double = 18

    /// Splits legend items into rows that fit the width; returns x offsets per item.
    static func legendRows(_ items: [LegendItem], width: Double, style: ChartStyle) -> [[(item: LegendItem, x: Double)]] {
        var rows: [[(item: LegendItem, x: Double)]] = []
        var row: [(item: LegendItem, x: Double)] = []
        var x: Double = 0
        for item in items {
            let w = itemWidth(item, style: style)
            var startsGroup = false
            if case .heading = item.mark { startsGroup = true }
            // A heading starts a new row so grouped legends (modes, events) read as separate keys.
            if (x + w > width || startsGroup), !row.isEmpty {
                rows.append(row)
                row = []
                x = 0
            }
            row.append((item, x))
            x += w + 16
        }
        if !row.isEmpty { rows.append(row) }
        return rows
    }

    private static func itemWidth(_ item: LegendItem, style: ChartStyle) -> Double {
        let text = textWidth(item.label, size: style.fontSize)
        if case .heading = item.mark { return text }
        return legendMarkWidth + 5 + text
    }

    /// Draws the title and legend at the top; returns the y where the plot may begin.
    ///
    /// Legends sit above the plot, never inside it, so they cannot cover data.
    static func drawHeader(
        into b: inout SVGBuilder, title: String, legend: [LegendItem], style: ChartStyle, width: Double
    ) -> Double {
        let x0 = style.padding.left
        let available = width - style.padding.left - style.padding.right
        var y = style.padding.top
        // Bold glyphs run about 8 % wider than regular ones.
        for line in wrap(title, width: available, size: style.titleFontSize * 1.08) {
            y += style.titleFontSize
            b.text(line, x: x0, y: y, size: style.titleFontSize, weight: "600", fill: style.textColor, cssClass: "chart-title")
            y += 4
        }
        if !legend.isEmpty {
            y += 6
            b.openGroup(cssClass: "legend")
            for row in legendRows(legend, width: available, style: style) {
                let cy = y + style.fontSize * 0.6
                for (item, dx) in row {
                    drawLegendItem(into: &b, item: item, x: x0 + dx, cy: cy, style: style)
                }
                y += style.fontSize + 8
            }
            b.closeGroup()
        }
        return y + 8
    }

    private static func drawLegendItem(into b: inout SVGBuilder, item: LegendItem, x: Double, cy: Double, style: ChartStyle) {
        let w = legendMarkWidth
        let textX = x + w + 5
        switch item.mark {
        case .heading:
            b.text(item.label, x: x, y: cy + style.fontSize * 0.35, size: style.fontSize, weight: "600", fill: style.textColor)
            return
        case let .swatch(fill, stroke):
            b.rect(x: x + 3, y: cy - 6, width: 12, height: 12, fill: fill, stroke: stroke, strokeWidth: 1)
        case let .line(color, dashed):
            b.line(x1: x, y1: cy, x2: x + w, y2: cy, stroke: color, strokeWidth: 2.5, dash: dashed ? "6 4" : nil)
        case let .marker(shape, color):
            b.path(shape.path(cx: x + w / 2, cy: cy, r: 5), fill: color, stroke: "#1A1A1A", strokeWidth: 0.8)
        case let .errorBar(color):
            b.line(x1: x + w / 2, y1: cy - 6, x2: x + w / 2, y2: cy + 6, stroke: color, strokeWidth: 1.5)
            b.line(x1: x + w / 2 - 4, y1: cy - 6, x2: x + w / 2 + 4, y2: cy - 6, stroke: color, strokeWidth: 1.5)
            b.line(x1: x + w / 2 - 4, y1: cy + 6, x2: x + w / 2 + 4, y2: cy + 6, stroke: color, strokeWidth: 1.5)
            b.circle(cx: x + w / 2, cy: cy, r: 2.5, fill: color)
        case let .band(color):
            b.rect(x: x, y: cy - 5, width: w, height: 10, fill: color, opacity: 0.25)
            b.line(x1: x, y1: cy, x2: x + w, y2: cy, stroke: color, strokeWidth: 2)
        }
        b.text(item.label, x: textX, y: cy + style.fontSize * 0.35, size: style.fontSize, fill: style.textColor)
    }

    /// Width needed left of the plot for y tick labels and the rotated y axis title.
    static func yGutter(_ axis: Axis, style: ChartStyle) -> Double {
        let widest = axis.ticks.map { textWidth(axis.tickLabel($0), size: style.fontSize) }.max() ?? 0
        return style.padding.left + style.fontSize * 1.5 + widest + 10
    }

    /// Height needed below the plot for x tick labels and the x axis title.
    static func xGutter(style: ChartStyle) -> Double {
        style.padding.bottom + style.fontSize * 2 + 12 + style.fontSize * 0.6
    }

    /// Draws horizontal grid lines, y ticks, tick labels and the rotated y axis title.
    static func drawYAxis(into b: inout SVGBuilder, axis: Axis, plot: PlotRect, style: ChartStyle) {
        b.openGroup(cssClass: "y-axis")
        for t in axis.ticks {
            let y = axis.position(t, from: plot.maxY, to: plot.y)
            b.line(x1: plot.x, y1: y, x2: plot.maxX, y2: y, stroke: style.gridColor, strokeWidth: 1, cssClass: "grid")
            b.line(x1: plot.x - 4, y1: y, x2: plot.x, y2: y, stroke: style.axisColor, strokeWidth: 1)
            b.text(axis.tickLabel(t), x: plot.x - 7, y: y + style.fontSize * 0.35, anchor: .end,
                   size: style.fontSize, fill: style.textColor, cssClass: "tick-label")
        }
        b.line(x1: plot.x, y1: plot.y, x2: plot.x, y2: plot.maxY, stroke: style.axisColor, strokeWidth: 1)
        let cx = style.padding.left + style.fontSize * 0.9
        // Short plots (small multiples) cut the title rather than letting it run into the chart title.
        let yTitle = ChartLayout.truncate(axis.title, width: plot.height + 30, size: style.fontSize)
        b.text(yTitle, x: cx, y: plot.y + plot.height / 2, anchor: .middle, size: style.fontSize,
               fill: style.textColor, rotate: -90, cssClass: "axis-title", title: yTitle == axis.title ? nil : axis.title)
        b.closeGroup()
    }

    /// Draws the x axis line, ticks, tick labels and centred axis title below the plot.
    static func drawXAxis(into b: inout SVGBuilder, axis: Axis, plot: PlotRect, style: ChartStyle, grid: Bool = false) {
        b.openGroup(cssClass: "x-axis")
        for t in axis.ticks {
            let x = axis.position(t, from: plot.x, to: plot.maxX)
            if grid {
                b.line(x1: x, y1: plot.y, x2: x, y2: plot.maxY, stroke: style.gridColor, strokeWidth: 1, cssClass: "grid")
            }
            b.line(x1: x, y1: plot.maxY, x2: x, y2: plot.maxY + 4, stroke: style.axisColor, strokeWidth: 1)
            b.text(axis.tickLabel(t), x: x, y: plot.maxY + 6 + style.fontSize, anchor: .middle,
                   size: style.fontSize, fill: style.textColor, cssClass: "tick-label")
        }
        b.line(x1: plot.x, y1: plot.maxY, x2: plot.maxX, y2: plot.maxY, stroke: style.axisColor, strokeWidth: 1)
        b.text(axis.title, x: plot.x + plot.width / 2, y: plot.maxY + 12 + style.fontSize * 2.2, anchor: .middle,
               size: style.fontSize, fill: style.textColor, cssClass: "axis-title")
        b.closeGroup()
    }

    /// Number of ticks that fit a length without labels colliding.
    static func tickTarget(length: Double, spacing: Double) -> Int {
        guard length.isFinite, length > 0 else { return 2 }
        return max(2, min(10, Int(length / spacing)))
    }

    /// Min and max of the finite values, or nil if there are none.
    static func finiteRange(_ values: [Double]) -> (min: Double, max: Double)? {
        let finite = values.filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max() else { return nil }
        return (lo, hi)
    }
}
