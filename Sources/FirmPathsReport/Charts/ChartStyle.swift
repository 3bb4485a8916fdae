/// Visual settings shared by every chart, so a whole report looks consistent in print and on screen.
public struct ChartStyle: Sendable, Equatable {
    /// Outer padding around a chart, in SVG user units (pixels at 100 % zoom).
    public struct Insets: Sendable, Equatable {
        public var top: Double
        public var right: Double
        public var bottom: Double
        public var left: Double

        /// Creates insets; values are the free space kept between the SVG edge and any drawing.
        public init(top: Double, right: Double, bottom: Double, left: Double) {
            self.top = top
            self.right = right
            self.bottom = bottom
            self.left = left
        }
    }

    /// Okabe-Ito colours, reordered so the weak yellow comes last because it is hard to see as a line on white paper.
    public static let okabeIto: [String] = [
        "#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#000000", "#F0E442",
    ]

    /// Total SVG width; 640 fits an A4 page with margins at a readable scale.
    public var width: Double
    /// Total SVG height for charts whose height does not depend on the data.
    public var height: Double
    /// Free space around the drawing; axis labels and legends are laid out inside it.
    public var padding: Insets
    /// Font size of tick labels, legends and axis labels.
    public var fontSize: Double
    /// Font size of the chart title.
    public var titleFontSize: Double
    /// Series colours, used in order and repeated when there are more series than colours.
    public var palette: [String]
    /// Neutral colour for "other" categories and secondary marks.
    public var grey: String
    /// Colour of all text, slightly softer than pure black.
    public var textColor: String
    /// Colour of light grid lines, faint enough not to compete with data.
    public var gridColor: String
    /// Colour of axis lines and tick marks.
    public var axisColor: String
    /// CSS font stack; system fonts only so reports never fetch external fonts.
    public var fontFamily: String

    /// Creates a style; defaults give a 640x320 chart with a colour-blind-safe palette and text
    /// large enough to read on a projector (14 units in a 640-unit chart: about 2 % of the width).
    public init(
        width: Double = 640,
        height: Double = 320,
        padding: Insets = Insets(top: 12, right: 24, bottom: 10, left: 12),
        fontSize: Double = 14,
        titleFontSize: Double = 17,
        palette: [String] = ChartStyle.okabeIto,
        grey: String = "#999999",
        textColor: String = "#222222",
        gridColor: String = "#E3E3E3",
        axisColor: String = "#555555",
        fontFamily: String = "system-ui, sans-serif"
    ) {
        self.width = width
        self.height = height
        self.padding = padding
        self.fontSize = fontSize
        self.titleFontSize = titleFontSize
        self.palette = palette
        self.grey = grey
        self.textColor = textColor
        self.gridColor = gridColor
        self.axisColor = axisColor
        self.fontFamily = fontFamily
    }

    /// The default report style.
    public static let standard = ChartStyle()

    /// The palette colour for series `index`, cycling so any number of series gets a colour.
    public func color(at index: Int) -> String {
        guard !palette.isEmpty else { return "#000000" }
        let i = ((index % palette.count) + palette.count) % palette.count
        return palette[i]
    }
}
