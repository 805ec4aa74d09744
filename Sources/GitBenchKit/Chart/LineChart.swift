import Foundation

/// Named series of points over a linear, time or ordinal x axis: each point with an optional interval (a band under
/// the line and whiskers), a tone, a hover title; vertical rules with labels mark events on the x axis.
public struct LineChart: Sendable {
    public struct Point: Sendable, Equatable {
        public var x: Double
        public var y: Double
        public var low: Double?
        public var high: Double?
        /// How the x value reads in the table (a date, a short commit).
        public var label: String
        /// The hover text.
        public var title: String
        public var tone: ChartTone
        /// Drawn as a ring rather than a dot (a dirty tree, a smoke run).
        public var hollow: Bool
        /// A last table column (a verdict).
        public var note: String

        public init(x: Double, y: Double, low: Double? = nil, high: Double? = nil, label: String, title: String, tone: ChartTone = .neutral,
                    hollow: Bool = false, note: String = "") {
            self.x = x
            self.y = y
            self.low = low
            self.high = high
            self.label = label
            self.title = title
            self.tone = tone
            self.hollow = hollow
            self.note = note
        }
    }

    public struct Series: Sendable, Equatable {
        public var name: String
        public var points: [Point]

        public init(name: String, points: [Point]) {
            self.name = name
            self.points = points
        }
    }

    /// A vertical line at `x` labelled `label` (a baseline move, a tag, a release).
    public struct Rule: Sendable, Equatable {
        public var x: Double
        public var label: String

        public init(x: Double, label: String) {
            self.x = x
            self.label = label
        }
    }

    public var title: String
    public var description: String
    public var xAxis: ChartXAxis
    /// The y axis title with its unit, "metric (s)".
    public var yTitle: String
    public var series: [Series]
    public var rules: [Rule]

    public init(title: String, description: String, xAxis: ChartXAxis, yTitle: String, series: [Series], rules: [Rule] = []) {
        self.title = title
        self.description = description
        self.xAxis = xAxis
        self.yTitle = yTitle
        self.series = series
        self.rules = rules
    }

    /// The series with every point whose x, y or bound is not finite dropped (a bound that is not finite is
    /// dropped alone).
    var finiteSeries: [Series] {
        series.map { series in
            Series(name: series.name, points: series.points.compactMap { point in
                guard point.x.isFinite, point.y.isFinite else { return nil }
                var point = point
                if let low = point.low, !low.isFinite { point.low = nil }
                if let high = point.high, !high.isFinite { point.high = nil }
                return point
            })
        }
    }

    public func svg(id: String) -> String {
        let canvas = ChartCanvas(top: series.count > 1 ? 44 : 30)
        let series = finiteSeries
        let points = series.flatMap(\.points)
        var out = ""
        out.reserveCapacity(2048 + points.count * 260 + rules.count * 200)
        canvas.open(&out, id: id, title: title, description: description)
        guard !points.isEmpty else {
            canvas.placeholder(&out)
            return out + "</svg>"
        }
        let ys = points.flatMap { [$0.y, $0.low ?? $0.y, $0.high ?? $0.y] }
        let yScale = LinearScale(covering: ys, including: LineChart.breathingRoom(ys), range: (canvas.plotBottom, canvas.plotTop))
        let rules = self.rules.filter { $0.x.isFinite }
        let xPosition = xMapping(canvas: canvas, xs: points.map(\.x) + rules.map(\.x))
        canvas.yAxis(&out, scale: yScale, title: yTitle)
        xTicks(&out, canvas: canvas, mapping: xPosition)
        canvas.xAxisLine(&out, title: xAxis.title)
        if series.count > 1 { canvas.legend(&out, names: series.map(\.name)) }
        // Rule labels go on top of everything, data included.
        let ruleLabels = drawRules(&out, canvas: canvas, rules: rules, x: xPosition.map)

        for (index, series) in series.enumerated() {
            let seriesClass = "s\(index % 8)"
            let sorted = series.points.sorted { $0.x < $1.x }
            let bounded = sorted.filter { $0.low != nil && $0.high != nil }
            if bounded.count > 1 {
                out += "<path class=\"band \(seriesClass)\" d=\"M"
                for (n, point) in bounded.enumerated() {
                    out += (n == 0 ? "" : "L") + Markup.px(xPosition.map(point.x)) + "," + Markup.px(yScale.position(point.high ?? point.y))
                }
                for point in bounded.reversed() {
                    out += "L" + Markup.px(xPosition.map(point.x)) + "," + Markup.px(yScale.position(point.low ?? point.y))
                }
                out += "Z\"/>"
            }
            if sorted.count > 1 {
                out += "<polyline class=\"line \(seriesClass)\" points=\""
                for (n, point) in sorted.enumerated() {
                    out += (n == 0 ? "" : " ") + Markup.px(xPosition.map(point.x)) + "," + Markup.px(yScale.position(point.y))
                }
                out += "\"/>"
            }
            let name = Markup.escape(series.name)
            for point in sorted {
                let x = Markup.px(xPosition.map(point.x))
                let toneClass = (point.tone == .neutral && self.series.count > 1) ? seriesClass : point.tone.cssClass
                out += "<g class=\"mark\"" + (self.series.count > 1 ? " data-series=\"\(name)\"" : "") + " data-x=\"\(Markup.raw(point.x))\" data-y=\"\(Markup.raw(point.y))\""
                if let low = point.low { out += " data-low=\"\(Markup.raw(low))\"" }
                if let high = point.high { out += " data-high=\"\(Markup.raw(high))\"" }
                out += " data-label=\"\(Markup.escape(point.label))\"><title>\(Markup.escape(point.title))</title>"
                // A series with a band shows its intervals there; whiskers only for points the band does not cover.
                if bounded.count <= 1, let low = point.low, let high = point.high {
                    out += "<line class=\"whisker \(toneClass)\" x1=\"\(x)\" x2=\"\(x)\" y1=\"\(Markup.px(yScale.position(low)))\" y2=\"\(Markup.px(yScale.position(high)))\"/>"
                }
                out += "<circle class=\"point \(toneClass)\(point.hollow ? " hollow" : "")\" cx=\"\(x)\" cy=\"\(Markup.px(yScale.position(point.y)))\" r=\"3.5\"/></g>"
            }
        }
        return out + ruleLabels + "</svg>"
    }

    /// Values 3% of the span beyond the extremes, so no mark sits on the frame's edge.
    static func breathingRoom(_ values: [Double]) -> [Double] {
        guard let lowest = values.min(), let highest = values.max(), highest > lowest else { return [] }
        let pad = (highest - lowest) * 0.03
        return [lowest - pad, highest + pad]
    }

    /// One row per drawn point (series, x, y, interval, note), then one per rule.
    public func table(id: String) -> String {
        let series = finiteSeries
        let many = series.count > 1
        var headers = many ? ["series"] : []
        headers += [xAxis.title, yTitle, "low", "high", "note"]
        let count = series.reduce(0) { $0 + $1.points.count }
        var table = ChartTable(id: id, caption: title, headers: headers, rowCapacity: count + rules.count)
        for series in series {
            for point in series.points.sorted(by: { $0.x < $1.x }) {
                var cells: [ChartTable.Cell] = many ? [.text(series.name)] : []
                cells += [.text(point.label), .number(point.y), .number(point.low), .number(point.high), .text(point.note)]
                table.row(cells, attributes: "data-x=\"\(Markup.raw(point.x))\"")
            }
        }
        for rule in rules where rule.x.isFinite {
            var cells: [ChartTable.Cell] = many ? [.text("event")] : []
            cells += [.text(xLabel(rule.x)), .text(""), .text(""), .text(""), .text(rule.label)]
            table.row(cells, attributes: "class=\"event\" data-x=\"\(Markup.raw(rule.x))\"")
        }
        return table.finished()
    }

    /// How an x value reads: its date on a time axis, its label on an ordinal one.
    func xLabel(_ x: Double) -> String {
        switch xAxis {
        case .linear: return ChartNumber.short(x)
        case .time: return ChartTime.date(x)
        case .ordinal(_, let labels):
            let index = Int(x.rounded())
            return labels.indices.contains(index) ? labels[index].replacingOccurrences(of: "\n", with: " ") : ChartNumber.short(x)
        }
    }

    struct XMapping {
        let lower: Double
        let upper: Double
        let start: Double
        let end: Double
        func map(_ x: Double) -> Double { start + (x - lower) / (upper - lower) * (end - start) }
    }

    func xMapping(canvas: ChartCanvas, xs: [Double]) -> XMapping {
        switch xAxis {
        case .ordinal(_, let labels):
            let count = Swift.max(labels.count, Int((xs.max() ?? 0).rounded()) + 1)
            let slot = canvas.plotWidth / Double(Swift.max(count, 1))
            return XMapping(lower: 0, upper: Double(Swift.max(count - 1, 1)), start: canvas.plotLeft + slot / 2,
                            end: count > 1 ? canvas.plotRight - slot / 2 : canvas.plotLeft + slot / 2 + 1)
        case .linear, .time:
            var lower = xs.min() ?? 0
            var upper = xs.max() ?? 1
            let isTime = { if case .time = xAxis { return true } else { return false } }()
            if lower == upper {
                let pad = isTime ? 86_400.0 : (lower == 0 ? 1 : abs(lower) * 0.1)
                lower -= pad
                upper += pad
            }
            let margin = (upper - lower) * 0.03
            return XMapping(lower: lower - margin, upper: upper + margin, start: canvas.plotLeft, end: canvas.plotRight)
        }
    }

    func xTicks(_ out: inout String, canvas: ChartCanvas, mapping: XMapping) {
        switch xAxis {
        case .ordinal(_, let labels):
            let shown = canvas.labelledIndices(count: labels.count, characters: ChartCanvas.widestLine(labels))
            for (index, label) in labels.enumerated() where shown.contains(index) {
                canvas.xLabel(&out, x: mapping.map(Double(index)), text: label)
            }
        case .time:
            let count = Swift.max(2, Int(canvas.plotWidth / 90))
            for tick in ChartTime.ticks(lower: mapping.lower, upper: mapping.upper, count: count) {
                let x = Markup.px(mapping.map(tick))
                out += "<line class=\"grid\" x1=\"\(x)\" x2=\"\(x)\" y1=\"\(Markup.px(canvas.plotTop))\" y2=\"\(Markup.px(canvas.plotBottom))\"/>"
                canvas.xLabel(&out, x: mapping.map(tick), text: ChartTime.date(tick))
            }
        case .linear:
            let scale = LinearScale(covering: [mapping.lower, mapping.upper], tickCount: Swift.max(2, Int(canvas.plotWidth / 80)),
                                    range: (canvas.plotLeft, canvas.plotRight))
            for (tick, label) in zip(scale.ticks, scale.tickLabels) where tick >= mapping.lower && tick <= mapping.upper {
                canvas.xLabel(&out, x: mapping.map(tick), text: label)
            }
        }
    }

    /// Dashed vertical lines; each label goes on the first of three rows where it does not overlap the previous
    /// one, or is left to the line's hover title when none has room. Returns the labels, for the caller to draw
    /// last, so no line or mark crosses them.
    func drawRules(_ out: inout String, canvas: ChartCanvas, rules: [Rule], x map: (Double) -> Double) -> String {
        var rowEnds = [-Double.infinity, -Double.infinity, -Double.infinity]
        var labels = ""
        for rule in rules.sorted(by: { $0.x < $1.x }) {
            let x = map(rule.x)
            let label = rule.label.count > 28 ? String(rule.label.prefix(27)) + "…" : rule.label
            out += "<g class=\"event\" data-x=\"\(Markup.raw(rule.x))\" data-label=\"\(Markup.escape(rule.label))\"><title>\(Markup.escape(rule.label))</title>"
            out += "<line class=\"rule\" x1=\"\(Markup.px(x))\" x2=\"\(Markup.px(x))\" y1=\"\(Markup.px(canvas.plotTop))\" y2=\"\(Markup.px(canvas.plotBottom))\"/></g>"
            let width = Double(label.count) * 5.8 + 6
            let flip = x + width > canvas.plotRight
            let start = flip ? x - width : x
            if let row = rowEnds.indices.first(where: { rowEnds[$0] < start }) {
                rowEnds[row] = start + width
                let y = canvas.plotTop + 10 + Double(row) * 11
                labels += "<text class=\"rule-label\" x=\"\(Markup.px(flip ? x - 3 : x + 3))\" y=\"\(Markup.px(y))\"\(flip ? " text-anchor=\"end\"" : "")>"
                labels += "<title>\(Markup.escape(rule.label))</title>\(Markup.escape(label))</text>"
            }
        }
        return labels
    }
}
