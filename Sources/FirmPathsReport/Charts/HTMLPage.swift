import Foundation

/// A simple table for a report: header cells and rows of text cells, all escaped.
public struct HTMLTable: Sendable, Equatable {
    /// Column headers.
    public var headers: [String]
    /// Rows; short rows are padded with empty cells so columns stay aligned.
    public var rows: [[String]]
    /// Optional caption above the table.
    public var caption: String?

    /// Creates a table.
    public init(headers: [String], rows: [[String]], caption: String? = nil) {
        self.headers = headers
        self.rows = rows
        self.caption = caption
    }
}

/// A figure: one chart SVG (from this module's charts) with a caption.
public struct HTMLFigure: Sendable, Equatable {
    /// SVG markup produced by a chart's `svg()`; inserted as is, so it must come from trusted code.
    public var svg: String
    /// Caption below the chart.
    public var caption: String
    /// What the chart shows only on hover (its tooltips), listed under it in print.
    public var notes: [String]

    /// Creates a figure.
    public init(svg: String, caption: String, notes: [String] = []) {
        self.svg = svg
        self.caption = caption
        self.notes = notes
    }
}

/// Content blocks of a report section.
public enum HTMLBlock: Sendable, Equatable {
    /// A sub-heading inside a section.
    case subheading(String)
    /// A paragraph of plain text.
    case paragraph(String)
    /// One chart with caption.
    case figure(HTMLFigure)
    /// Several charts next to each other (wrapping on narrow screens), e.g. small multiples.
    case figureRow([HTMLFigure])
    /// A table.
    case table(HTMLTable)
    /// Terms with their definitions (a glossary).
    case definitions([HTMLDefinition])
}

/// A term and what it means.
public struct HTMLDefinition: Sendable, Equatable {
    public var term: String
    public var definition: String

    public init(term: String, definition: String) {
        self.term = term
        self.definition = definition
    }
}

/// A titled part of a report.
public struct HTMLSection: Sendable, Equatable {
    /// Section heading.
    public var heading: String
    /// Blocks in order.
    public var blocks: [HTMLBlock]

    /// Creates a section.
    public init(heading: String, blocks: [HTMLBlock] = []) {
        self.heading = heading
        self.blocks = blocks
    }
}

/// A self-contained HTML5 report: no scripts and no external URLs, so it opens offline and archives safely.
public struct HTMLPage: Sendable, Equatable {
    /// Document title and top heading.
    public var title: String
    /// Optional paragraph under the title.
    public var intro: String?
    /// Sections in order.
    public var sections: [HTMLSection]
    /// Footer line, e.g. tool version and seed, so a printout can be traced to its run.
    public var footer: String?

    /// Creates a page.
    public init(title: String, intro: String? = nil, sections: [HTMLSection] = [], footer: String? = nil) {
        self.title = title
        self.intro = intro
        self.sections = sections
        self.footer = footer
    }

    /// Print-friendly CSS: A4 pages, figures and tables never split across pages, and what a
    /// chart shows only on hover listed under it.
    static let css = """
    body { font-family: system-ui, sans-serif; color: #222; max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; line-height: 1.45; }
    h1 { font-size: 1.6rem; margin-bottom: 0.3rem; }
    h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; }
    h3 { font-size: 1.05rem; margin-top: 1.2rem; }
    figure { margin: 1rem 0; break-inside: avoid; page-break-inside: avoid; }
    figure svg { max-width: 100%; height: auto; }
    figcaption { font-size: 0.9rem; color: #444; margin-top: 0.3rem; }
    .figure-row { display: flex; flex-wrap: wrap; gap: 1rem; }
    .figure-row figure { flex: 1 1 20rem; margin: 0.5rem 0; }
    table { border-collapse: collapse; margin: 1rem 0; font-size: 0.9rem; break-inside: avoid; page-break-inside: avoid; }
    caption { text-align: left; font-weight: 600; margin-bottom: 0.3rem; }
    th, td { border: 1px solid #bbb; padding: 0.25rem 0.6rem; text-align: left; }
    th { background: #f0f0f0; }
    footer { margin-top: 2.5rem; border-top: 1px solid #ccc; padding-top: 0.4rem; font-size: 0.8rem; color: #555; }
    dl.glossary dt { font-weight: 600; margin-top: 0.6rem; }
    dl.glossary dd { margin-left: 1.2rem; }
    .hover-notes { display: none; }
    @page { size: A4; margin: 15mm 14mm; }
    @media print {
      body { max-width: none; margin: 0; font-size: 10.5pt; }
      .hover-notes { display: block; font-size: 8.5pt; color: #333; columns: 2; column-gap: 1.5rem; margin: 0.3rem 0 0 1.2rem; padding: 0; }
      figure:has(.hover-notes) { break-inside: auto; page-break-inside: auto; }
      figure svg { break-inside: avoid; }
      h2 { break-after: avoid; page-break-after: avoid; }
      h3 { break-after: avoid; page-break-after: avoid; }
      figure, table { break-inside: avoid; page-break-inside: avoid; }
      .figure-row { display: block; }
    }
    """

    /// Renders the complete HTML document.
    public func render() -> String {
        let e = SVGBuilder.escape
        var h = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        h += "<title>\(e(title))</title>\n<style>\n\(Self.css)\n</style>\n</head>\n<body>\n"
        h += "<h1>\(e(title))</h1>\n"
        if let intro { h += "<p>\(e(intro))</p>\n" }
        for section in sections {
            h += "<section>\n<h2>\(e(section.heading))</h2>\n"
            for block in section.blocks { h += Self.render(block) }
            h += "</section>\n"
        }
        if let footer { h += "<footer>\(e(footer))</footer>\n" }
        h += "</body>\n</html>\n"
        return h
    }

    static func render(_ block: HTMLBlock) -> String {
        let e = SVGBuilder.escape
        switch block {
        case let .subheading(text):
            return "<h3>\(e(text))</h3>\n"
        case let .paragraph(text):
            return "<p>\(e(text))</p>\n"
        case let .figure(figure):
            return render(figure)
        case let .figureRow(figures):
            return "<div class=\"figure-row\">\n" + figures.map(render).joined() + "</div>\n"
        case let .definitions(items):
            return "<dl class=\"glossary\">\n" + items.map { "<dt>\(e($0.term))</dt><dd>\(e($0.definition))</dd>\n" }.joined()
                + "</dl>\n"
        case let .table(table):
            var t = "<table>\n"
            if let caption = table.caption { t += "<caption>\(e(caption))</caption>\n" }
            t += "<thead><tr>" + table.headers.map { "<th>\(e($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
            let width = max(table.headers.count, table.rows.map(\.count).max() ?? 0)
            for row in table.rows {
                let cells = row + Array(repeating: "", count: max(0, width - row.count))
                t += "<tr>" + cells.map { "<td>\(e($0))</td>" }.joined() + "</tr>\n"
            }
            return t + "</tbody>\n</table>\n"
        }
    }

    static func render(_ figure: HTMLFigure) -> String {
        var h = "<figure>\n\(inlineSVG(figure.svg))<figcaption>\(SVGBuilder.escape(figure.caption))</figcaption>\n"
        if !figure.notes.isEmpty {
            h += "<ol class=\"hover-notes\">\n" + figure.notes.map { "<li>\(SVGBuilder.escape($0))</li>\n" }.joined() + "</ol>\n"
        }
        return h + "</figure>\n"
    }

    /// Prepares chart SVG for inline use: HTML5 puts `<svg>` in the SVG namespace itself,
    /// so the `xmlns` URL is dropped and the page holds no external URL at all; scripts are refused.
    static func inlineSVG(_ svg: String) -> String {
        let cleaned = svg
            .replacingOccurrences(of: " xmlns=\"http://www.w3.org/2000/svg\"", with: "")
            .replacingOccurrences(of: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", with: "")
        if cleaned.range(of: "<script", options: .caseInsensitive) != nil {
            return "<p>[chart omitted: it contained a script]</p>\n"
        }
        return cleaned
    }
}
