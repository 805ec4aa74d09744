import Foundation

/// The plot area inside a chart's view box and the SVG pieces every chart shares: the opening tag with its
/// accessible title, y grid and labels, axis titles, ordinal labels and the "no data" placeholder.
struct ChartCanvas {
    var width = 960.0
    var height = 320.0
    var left = 68.0
    var right = 20.0
    var top = 30.0
    var bottom = 52.0

    var plotLeft: Double { left }
    var plotRight: Double { width - right }
    var plotTop: Double { top }
    var plotBottom: Double { height - bottom }
    var plotWidth: Double { plotRight - plotLeft }

    /// `<svg …>` with `<title>` and `<desc>` the `aria-labelledby` points at.
    func open(_ out: inout String, id: String, title: String, description: String) {
        let safeID = ChartCanvas.identifier(id)
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"\(safeID)\" viewBox=\"0 0 \(Markup.px(width)) \(Markup.px(height))\" "
        out += "role=\"img\" aria-labelledby=\"\(safeID)-title \(safeID)-desc\"><title id=\"\(safeID)-title\">\(Markup.escape(title))</title>"
        out += "<desc id=\"\(safeID)-desc\">\(Markup.escape(description))</desc>"
    }

    func placeholder(_ out: inout String) {
        out += "<text class=\"placeholder\" x=\"\(Markup.px(width / 2))\" y=\"\(Markup.px(height / 2))\" text-anchor=\"middle\">no data</text>"
    }

    /// Horizontal grid lines with their labels, the y axis line and its title.
    func yAxis(_ out: inout String, scale: LinearScale, title: String) {
        let labels = scale.tickLabels
        for (tick, label) in zip(scale.ticks, labels) {
            let y = Markup.px(scale.position(tick))
            out += "<line class=\"grid\" x1=\"\(Markup.px(plotLeft))\" x2=\"\(Markup.px(plotRight))\" y1=\"\(y)\" y2=\"\(y)\"/>"
            out += "<text class=\"tick-label\" x=\"\(Markup.px(plotLeft - 6))\" y=\"\(y)\" dy=\"0.32em\" text-anchor=\"end\">\(Markup.escape(label))</text>"
        }
        out += "<line class=\"axis\" x1=\"\(Markup.px(plotLeft))\" x2=\"\(Markup.px(plotLeft))\" y1=\"\(Markup.px(plotTop))\" y2=\"\(Markup.px(plotBottom))\"/>"
        let middle = Markup.px((plotTop + plotBottom) / 2)
        out += "<text class=\"axis-title\" transform=\"translate(14 \(middle)) rotate(-90)\" text-anchor=\"middle\">\(Markup.escape(title))</text>"
    }

    /// The x axis line and its title below the labels.
    func xAxisLine(_ out: inout String, title: String) {
        out += "<line class=\"axis\" x1=\"\(Markup.px(plotLeft))\" x2=\"\(Markup.px(plotRight))\" y1=\"\(Markup.px(plotBottom))\" y2=\"\(Markup.px(plotBottom))\"/>"
        out += "<text class=\"axis-title\" x=\"\(Markup.px((plotLeft + plotRight) / 2))\" y=\"\(Markup.px(height - 6))\" text-anchor=\"middle\">\(Markup.escape(title))</text>"
    }

    /// One label under the plot at `x`; a "\n" starts a second line. A label that would run past the view box's
    /// edge is anchored to that edge instead of centred.
    func xLabel(_ out: inout String, x: Double, text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(2)
        let halfWidth = Double(lines.map(\.count).max() ?? 0) * 3.4
        var anchor = "middle"
        var position = x
        if x + halfWidth > width - 2 {
            anchor = "end"
            position = width - 2
        } else if x - halfWidth < 2 {
            anchor = "start"
            position = 2
        }
        let at = Markup.px(position)
        out += "<text class=\"tick-label\" x=\"\(at)\" y=\"\(Markup.px(plotBottom + 14))\" text-anchor=\"\(anchor)\">"
        for (index, line) in lines.enumerated() {
            out += index == 0 ? "<tspan>" : "<tspan x=\"\(at)\" dy=\"1.15em\">"
            out += Markup.escape(String(line)) + "</tspan>"
        }
        out += "</text>"
    }

    /// Colour swatches with the series names, in a row above the plot.
    func legend(_ out: inout String, names: [String]) {
        var x = plotLeft
        let y = 14.0
        for (index, name) in names.enumerated() {
            let label = name.count > 24 ? String(name.prefix(23)) + "…" : name
            let width = Double(label.count) * 7.2 + 30
            if x + width > plotRight { break }
            out += "<rect class=\"legend-swatch s\(index % 8)\" x=\"\(Markup.px(x))\" y=\"\(Markup.px(y - 8))\" width=\"12\" height=\"10\" rx=\"2\"/>"
            out += "<text x=\"\(Markup.px(x + 16))\" y=\"\(Markup.px(y))\">\(Markup.escape(label))</text>"
            x += width
        }
    }

    /// Which of `count` ordinal labels to draw so that labels `characters` wide do not overlap: every k-th, counted
    /// back from the last (the newest is always labelled).
    func labelledIndices(count: Int, characters: Int) -> Set<Int> {
        guard count > 0 else { return [] }
        let labelWidth = Double(Swift.max(characters, 3)) * 6.4 + 10
        let slot = plotWidth / Double(count)
        let every = Swift.max(1, Int((labelWidth / slot).rounded(.up)))
        // The last label may be pushed left to stay inside the view box, so its neighbour keeps half a label more room.
        return Set(stride(from: count - 1, through: 0, by: -every).filter { $0 == count - 1 || Double(count - 1 - $0) * slot >= labelWidth * 1.5 })
    }

    /// Longest line among `labels`, in characters.
    static func widestLine(_ labels: [String]) -> Int {
        labels.map { $0.split(separator: "\n").map(\.count).max() ?? 0 }.max() ?? 0
    }

    /// `id` reduced to characters an XML id may hold.
    static func identifier(_ id: String) -> String {
        let allowed = id.unicodeScalars.map { scalar -> Character in
            (("0"..."9").contains(scalar) || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "-" || scalar == "_")
                ? Character(scalar) : "_"
        }
        let text = String(allowed)
        return text.first.map { $0.isLetter } == true ? text : "c" + text
    }
}

/// The accessible table that follows a chart: a caption, one header row, one row per data mark.
struct ChartTable {
    private var out = ""

    /// A table whose id is `<id>-table`, so a page can point at it from its chart.
    init(id: String, caption: String, headers: [String], rowCapacity: Int) {
        out.reserveCapacity(256 + rowCapacity * 160)
        out += "<table class=\"data\" id=\"\(ChartCanvas.identifier(id))-table\"><caption>\(Markup.escape(caption))</caption><thead><tr>"
        for header in headers { out += "<th scope=\"col\">\(Markup.escape(header))</th>" }
        out += "</tr></thead><tbody>"
    }

    enum Cell {
        case text(String)
        case number(Double?)
    }

    mutating func row(_ cells: [Cell], attributes: String = "") {
        out += attributes.isEmpty ? "<tr>" : "<tr \(attributes)>"
        for cell in cells {
            switch cell {
            case .text(let text): out += "<td>\(Markup.escape(text))</td>"
            case .number(let value?) where value.isFinite:
                out += "<td class=\"num\" data-value=\"\(Markup.raw(value))\">\(ChartNumber.short(value))</td>"
            case .number: out += "<td class=\"num\"></td>"
            }
        }
        out += "</tr>"
    }

    /// The table, closed.
    func finished() -> String { out + "</tbody></table>" }
}
