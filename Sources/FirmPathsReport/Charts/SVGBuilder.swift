import Foundation

/// Horizontal text alignment, mapped to SVG `text-anchor`.
public enum TextAnchor: String, Sendable {
    case start
    case middle
    case end
}

/// Appends SVG elements to a string so charts stay pure functions with no XML library.
///
/// All numbers pass through `SVGBuilder.number(_:)` and all text through
/// `SVGBuilder.escape(_:)`, so callers cannot emit NaN, infinities or broken markup.
public struct SVGBuilder: Sendable {
    /// Elements added so far, without the enclosing `<svg>` element.
    public private(set) var body: String = ""
    /// Width of the final document.
    public let width: Double
    /// Height of the final document; charts whose height follows the data set it after laying out.
    public var height: Double

    /// Creates an empty drawing of the given size.
    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    // MARK: - Formatting

    /// Escapes `&`, `<`, `>` and both quotes, because labels come from user scenario files.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// Formats a coordinate with at most two decimals; non-finite values become 0 so output is always valid.
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let clamped = min(max(value, -1e9), 1e9)
        let rounded = (clamped * 100).rounded() / 100
        if rounded == 0 { return "0" }
        var s = String(format: "%.2f", rounded)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }

    // MARK: - Elements

    /// Appends raw, already-valid markup; used for `<defs>` and nested builders.
    public mutating func raw(_ markup: String) {
        body += markup
    }

    /// Draws a rectangle; `title` becomes a hover tooltip.
    public mutating func rect(
        x: Double, y: Double, width: Double, height: Double,
        fill: String, stroke: String? = nil, strokeWidth: Double = 1,
        opacity: Double? = nil, cssClass: String? = nil, title: String? = nil
    ) {
        var a = "x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" width=\"\(Self.number(max(0, width)))\" height=\"\(Self.number(max(0, height)))\""
        a += paint(fill: fill, stroke: stroke, strokeWidth: strokeWidth, dash: nil, opacity: opacity, cssClass: cssClass)
        element("rect", attributes: a, title: title)
    }

    /// Draws a straight line segment.
    public mutating func line(
        x1: Double, y1: Double, x2: Double, y2: Double,
        stroke: String, strokeWidth: Double = 1, dash: String? = nil, cssClass: String? = nil
    ) {
        var a = "x1=\"\(Self.number(x1))\" y1=\"\(Self.number(y1))\" x2=\"\(Self.number(x2))\" y2=\"\(Self.number(y2))\""
        a += paint(fill: nil, stroke: stroke, strokeWidth: strokeWidth, dash: dash, opacity: nil, cssClass: cssClass)
        element("line", attributes: a, title: nil)
    }

    /// Draws an open polyline; non-finite points are dropped rather than emitted.
    public mutating func polyline(
        points: [(x: Double, y: Double)], stroke: String, strokeWidth: Double = 2,
        dash: String? = nil, cssClass: String? = nil, title: String? = nil
    ) {
        let pts = points.filter { $0.x.isFinite && $0.y.isFinite }
            .map { "\(Self.number($0.x)),\(Self.number($0.y))" }
            .joined(separator: " ")
        var a = "points=\"\(pts)\""
        a += paint(fill: "none", stroke: stroke, strokeWidth: strokeWidth, dash: dash, opacity: nil, cssClass: cssClass)
        a += " stroke-linejoin=\"round\" stroke-linecap=\"round\""
        element("polyline", attributes: a, title: title)
    }

    /// Draws a path from data built with `PathData`.
    public mutating func path(
        _ data: PathData, fill: String, stroke: String? = nil, strokeWidth: Double = 1,
        dash: String? = nil, opacity: Double? = nil, cssClass: String? = nil, title: String? = nil
    ) {
        var a = "d=\"\(data.string)\""
        a += paint(fill: fill, stroke: stroke, strokeWidth: strokeWidth, dash: dash, opacity: opacity, cssClass: cssClass)
        if stroke != nil { a += " stroke-linejoin=\"round\"" }
        element("path", attributes: a, title: title)
    }

    /// Draws a circle.
    public mutating func circle(
        cx: Double, cy: Double, r: Double, fill: String, stroke: String? = nil,
        strokeWidth: Double = 1, cssClass: String? = nil, title: String? = nil
    ) {
        var a = "cx=\"\(Self.number(cx))\" cy=\"\(Self.number(cy))\" r=\"\(Self.number(max(0, r)))\""
        a += paint(fill: fill, stroke: stroke, strokeWidth: strokeWidth, dash: nil, opacity: nil, cssClass: cssClass)
        element("circle", attributes: a, title: title)
    }

    /// Draws escaped text; `rotate` turns it around its anchor point (e.g. -90 for a y axis label).
    public mutating func text(
        _ string: String, x: Double, y: Double, anchor: TextAnchor = .start,
        size: Double, weight: String? = nil, fill: String, rotate: Double? = nil,
        cssClass: String? = nil, title: String? = nil
    ) {
        var a = "x=\"\(Self.number(x))\" y=\"\(Self.number(y))\""
        if anchor != .start { a += " text-anchor=\"\(anchor.rawValue)\"" }
        a += " font-size=\"\(Self.number(size))\" fill=\"\(Self.escape(fill))\""
        if let weight { a += " font-weight=\"\(Self.escape(weight))\"" }
        if let rotate, rotate.isFinite, rotate != 0 {
            a += " transform=\"rotate(\(Self.number(rotate)) \(Self.number(x)) \(Self.number(y)))\""
        }
        if let cssClass { a += " class=\"\(Self.escape(cssClass))\"" }
        let tip = title.map { "<title>\(Self.escape($0))</title>" } ?? ""
        body += "<text \(a)>\(tip)\(Self.escape(string))</text>\n"
    }

    /// Opens a `<g>` group; pair with `closeGroup()`. A title gives the whole group one tooltip.
    public mutating func openGroup(cssClass: String? = nil, title: String? = nil) {
        var a = ""
        if let cssClass { a += " class=\"\(Self.escape(cssClass))\"" }
        body += "<g\(a)>"
        if let title { body += "<title>\(Self.escape(title))</title>" }
        body += "\n"
    }

    /// Closes the innermost group opened with `openGroup`.
    public mutating func closeGroup() {
        body += "</g>\n"
    }

    /// Wraps the body in an `<svg>` root with an accessible title and a white background.
    ///
    /// The white background keeps charts legible when printed or exported as images.
    public func document(title: String, description: String? = nil, fontFamily: String) -> String {
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Self.number(width))\" height=\"\(Self.number(height))\""
        s += " viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\" role=\"img\""
        s += " style=\"font-family: \(Self.escape(fontFamily))\">\n"
        s += "<title>\(Self.escape(title))</title>\n"
        if let description { s += "<desc>\(Self.escape(description))</desc>\n" }
        s += "<rect class=\"background\" x=\"0\" y=\"0\" width=\"\(Self.number(width))\" height=\"\(Self.number(height))\" fill=\"#FFFFFF\"/>\n"
        s += body
        s += "</svg>\n"
        return s
    }

    // MARK: - Private

    private func paint(
        fill: String?, stroke: String?, strokeWidth: Double, dash: String?, opacity: Double?, cssClass: String?
    ) -> String {
        var a = ""
        if let fill { a += " fill=\"\(Self.escape(fill))\"" }
        if let stroke {
            a += " stroke=\"\(Self.escape(stroke))\" stroke-width=\"\(Self.number(strokeWidth))\""
        }
        if let dash { a += " stroke-dasharray=\"\(Self.escape(dash))\"" }
        if let opacity { a += " opacity=\"\(Self.number(min(1, max(0, opacity))))\"" }
        if let cssClass { a += " class=\"\(Self.escape(cssClass))\"" }
        return a
    }

    private mutating func element(_ name: String, attributes: String, title: String?) {
        if let title {
            body += "<\(name) \(attributes)><title>\(Self.escape(title))</title></\(name)>\n"
        } else {
            body += "<\(name) \(attributes)/>\n"
        }
    }
}

/// Builds SVG path `d` strings with safe number formatting, skipping non-finite points.
public struct PathData: Sendable {
    /// The accumulated path commands.
    public private(set) var string: String = ""

    /// Creates an empty path.
    public init() {}

    /// Starts a new sub-path at a point.
    public mutating func move(_ x: Double, _ y: Double) {
        guard x.isFinite, y.isFinite else { return }
        append("M\(SVGBuilder.number(x)) \(SVGBuilder.number(y))")
    }

    /// Draws a straight segment to a point.
    public mutating func line(_ x: Double, _ y: Double) {
        guard x.isFinite, y.isFinite else { return }
        append("L\(SVGBuilder.number(x)) \(SVGBuilder.number(y))")
    }

    /// Closes the current sub-path.
    public mutating func close() {
        append("Z")
    }

    /// True when nothing has been drawn, so callers can skip empty elements.
    public var isEmpty: Bool { string.isEmpty }

    private mutating func append(_ command: String) {
        if !string.isEmpty { string += " " }
        string += command
    }
}
