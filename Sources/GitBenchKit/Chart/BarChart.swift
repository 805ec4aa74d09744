import Foundation

/// Bars from a zero line, one per category or one per series within each category, each with an optional interval
/// drawn as a whisker.
public struct BarChart: Sendable {
    public struct Bar: Sendable, Equatable {
        public var value: Double
        public var low: Double?
        public var high: Double?
        public var title: String
        public var tone: ChartTone
        public var note: String

        public init(value: Double, low: Double? = nil, high: Double? = nil, title: String, tone: ChartTone = .neutral, note: String = "") {
            self.value = value
            self.low = low
            self.high = high
            self.title = title
            self.tone = tone
            self.note = note
        }
    }

    /// One x position: its label and one bar per series (nil where a series has none).
    public struct Category: Sendable, Equatable {
        public var label: String
        public var bars: [Bar?]

        public init(label: String, bars: [Bar?]) {
            self.label = label
            self.bars = bars
        }
    }

    public var title: String
    public var description: String
    public var xTitle: String
    public var yTitle: String
    /// Series names; with more than one, bars of a category stand side by side in series colours with a legend.
    public var series: [String]
    public var categories: [Category]

    public init(title: String, description: String, xTitle: String, yTitle: String, series: [String], categories: [Category]) {
        self.title = title
        self.description = description
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.series = series
        self.categories = categories
    }

    /// The bars that are drawn: a bar whose value is not finite is dropped, a bound that is not finite is dropped alone.
    var finiteCategories: [Category] {
        categories.map { category in
            Category(label: category.label, bars: category.bars.map { bar in
                guard var bar, bar.value.isFinite else { return nil }
                if let low = bar.low, !low.isFinite { bar.low = nil }
                if let high = bar.high, !high.isFinite { bar.high = nil }
                return bar
            })
        }
    }

    public func svg(id: String) -> String {
        let many = series.count > 1
        let canvas = ChartCanvas(top: many ? 44 : 30)
        let categories = finiteCategories
        let bars = categories.flatMap { $0.bars.compactMap { $0 } }
        var out = ""
        out.reserveCapacity(2048 + bars.count * 300)
        canvas.open(&out, id: id, title: title, description: description)
        guard !bars.isEmpty else {
            canvas.placeholder(&out)
            return out + "</svg>"
        }
        let values = bars.flatMap { [$0.value, $0.low ?? $0.value, $0.high ?? $0.value] }
        let scale = LinearScale(covering: values, including: [0], range: (canvas.plotBottom, canvas.plotTop))
        canvas.yAxis(&out, scale: scale, title: yTitle)
        canvas.xAxisLine(&out, title: xTitle)
        let zero = Markup.px(scale.position(0))
        out += "<line class=\"zero\" x1=\"\(Markup.px(canvas.plotLeft))\" x2=\"\(Markup.px(canvas.plotRight))\" y1=\"\(zero)\" y2=\"\(zero)\"/>"
        if many { canvas.legend(&out, names: series) }
        let slot = canvas.plotWidth / Double(categories.count)
        let seriesCount = Swift.max(1, series.count)
        let groupWidth = Swift.min(slot * 0.8, Double(seriesCount) * 48)
        let barWidth = groupWidth / Double(seriesCount)
        let labels = categories.map(\.label)
        let shown = canvas.labelledIndices(count: categories.count, characters: ChartCanvas.widestLine(labels))
        for (index, category) in categories.enumerated() {
            let center = canvas.plotLeft + slot * (Double(index) + 0.5)
            if shown.contains(index) { canvas.xLabel(&out, x: center, text: category.label) }
            for (seriesIndex, bar) in category.bars.enumerated() {
                guard let bar else { continue }
                let left = center - groupWidth / 2 + Double(seriesIndex) * barWidth
                let toneClass = (many && bar.tone == .neutral) ? "s\(seriesIndex % 8)" : bar.tone.cssClass
                let top = scale.position(Swift.max(bar.value, 0))
                let bottom = scale.position(Swift.min(bar.value, 0))
                out += "<g class=\"mark\" data-label=\"\(Markup.escape(category.label))\""
                if many { out += " data-series=\"\(Markup.escape(series[seriesIndex % series.count]))\"" }
                out += " data-y=\"\(Markup.raw(bar.value))\""
                if let low = bar.low { out += " data-low=\"\(Markup.raw(low))\"" }
                if let high = bar.high { out += " data-high=\"\(Markup.raw(high))\"" }
                out += "><title>\(Markup.escape(bar.title))</title>"
                out += "<rect class=\"bar \(toneClass)\" x=\"\(Markup.px(left + barWidth * 0.1))\" y=\"\(Markup.px(top))\" width=\"\(Markup.px(barWidth * 0.8))\" "
                out += "height=\"\(Markup.px(Swift.max(1, bottom - top)))\"/>"
                if let low = bar.low, let high = bar.high {
                    let x = Markup.px(left + barWidth / 2)
                    out += "<line class=\"whisker \(toneClass)\" x1=\"\(x)\" x2=\"\(x)\" y1=\"\(Markup.px(scale.position(low)))\" y2=\"\(Markup.px(scale.position(high)))\"/>"
                }
                out += "</g>"
            }
        }
        return out + "</svg>"
    }

    /// One row per drawn bar: category, series (with several), value, interval, note.
    public func table(id: String) -> String {
        let many = series.count > 1
        let categories = finiteCategories
        var headers = [xTitle]
        if many { headers.append("series") }
        headers += [yTitle, "low", "high", "note"]
        var table = ChartTable(id: id, caption: title, headers: headers, rowCapacity: categories.count * Swift.max(1, series.count))
        for category in categories {
            for (seriesIndex, bar) in category.bars.enumerated() {
                guard let bar else { continue }
                var cells: [ChartTable.Cell] = [.text(category.label)]
                if many { cells.append(.text(series[seriesIndex % series.count])) }
                cells += [.number(bar.value), .number(bar.low), .number(bar.high), .text(bar.note)]
                table.row(cells)
            }
        }
        return table.finished()
    }
}
