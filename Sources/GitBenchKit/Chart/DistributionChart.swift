import Foundation

/// Two or more groups of values side by side: every value as a jittered dot (the jitter is a fixed sequence, so the
/// same data draws the same picture) over a box from the first to the third quartile, the median across it and
/// whiskers to the minimum and maximum.
public struct DistributionChart: Sendable {
    public struct Group: Sendable, Equatable {
        public var name: String
        public var values: [Double]
        public var tone: ChartTone

        public init(name: String, values: [Double], tone: ChartTone = .neutral) {
            self.name = name
            self.values = values
            self.tone = tone
        }
    }

    public var title: String
    public var description: String
    public var yTitle: String
    public var groups: [Group]

    public init(title: String, description: String, yTitle: String, groups: [Group]) {
        self.title = title
        self.description = description
        self.yTitle = yTitle
        self.groups = groups
    }

    var finiteGroups: [Group] { groups.map { Group(name: $0.name, values: $0.values.filter(\.isFinite), tone: $0.tone) } }

    /// Minimum, quartiles (type 7) and maximum of `values`; nil when empty.
    static func fiveNumbers(_ values: [Double]) -> (min: Double, q1: Double, median: Double, q3: Double, max: Double)? {
        let sorted = values.sorted()
        guard let first = sorted.first, let last = sorted.last else { return nil }
        func quantile(_ p: Double) -> Double {
            let h = Double(sorted.count - 1) * p
            let lower = Int(h.rounded(.down))
            let upper = Swift.min(lower + 1, sorted.count - 1)
            return sorted[lower] + (h - Double(lower)) * (sorted[upper] - sorted[lower])
        }
        return (first, quantile(0.25), quantile(0.5), quantile(0.75), last)
    }

    public func svg(id: String) -> String {
        let canvas = ChartCanvas(height: 300)
        let groups = finiteGroups
        let count = groups.reduce(0) { $0 + $1.values.count }
        var out = ""
        out.reserveCapacity(2048 + count * 150)
        canvas.open(&out, id: id, title: title, description: description)
        guard count > 0 else {
            canvas.placeholder(&out)
            return out + "</svg>"
        }
        let values = groups.flatMap(\.values)
        let scale = LinearScale(covering: values, including: LineChart.breathingRoom(values), range: (canvas.plotBottom, canvas.plotTop))
        canvas.yAxis(&out, scale: scale, title: yTitle)
        canvas.xAxisLine(&out, title: "group")
        let slot = canvas.plotWidth / Double(groups.count)
        let boxWidth = Swift.min(120, slot * 0.5)
        for (index, group) in groups.enumerated() {
            let center = canvas.plotLeft + slot * (Double(index) + 0.5)
            canvas.xLabel(&out, x: center, text: group.name.count > 40 ? String(group.name.prefix(39)) + "…" : group.name)
            let name = Markup.escape(group.name)
            let tone = group.tone.cssClass
            if let five = DistributionChart.fiveNumbers(group.values) {
                let left = center - boxWidth / 2
                let right = center + boxWidth / 2
                out += "<g class=\"box-plot\" data-label=\"\(name)\" data-min=\"\(Markup.raw(five.min))\" data-q1=\"\(Markup.raw(five.q1))\" "
                out += "data-median=\"\(Markup.raw(five.median))\" data-q3=\"\(Markup.raw(five.q3))\" data-max=\"\(Markup.raw(five.max))\">"
                out += "<title>\(name): min \(ChartNumber.short(five.min)), q1 \(ChartNumber.short(five.q1)), median \(ChartNumber.short(five.median)), "
                out += "q3 \(ChartNumber.short(five.q3)), max \(ChartNumber.short(five.max))</title>"
                let c = Markup.px(center)
                out += "<line class=\"whisker \(tone)\" x1=\"\(c)\" x2=\"\(c)\" y1=\"\(Markup.px(scale.position(five.min)))\" y2=\"\(Markup.px(scale.position(five.q1)))\"/>"
                out += "<line class=\"whisker \(tone)\" x1=\"\(c)\" x2=\"\(c)\" y1=\"\(Markup.px(scale.position(five.q3)))\" y2=\"\(Markup.px(scale.position(five.max)))\"/>"
                for value in [five.min, five.max] {
                    let y = Markup.px(scale.position(value))
                    out += "<line class=\"whisker \(tone)\" x1=\"\(Markup.px(center - boxWidth / 4))\" x2=\"\(Markup.px(center + boxWidth / 4))\" y1=\"\(y)\" y2=\"\(y)\"/>"
                }
                let top = scale.position(five.q3)
                out += "<rect class=\"box \(tone)\" x=\"\(Markup.px(left))\" y=\"\(Markup.px(top))\" width=\"\(Markup.px(boxWidth))\" "
                out += "height=\"\(Markup.px(Swift.max(1, scale.position(five.q1) - top)))\"/>"
                let median = Markup.px(scale.position(five.median))
                out += "<line class=\"whisker \(tone)\" stroke-width=\"2.5\" x1=\"\(Markup.px(left))\" x2=\"\(Markup.px(right))\" y1=\"\(median)\" y2=\"\(median)\"/></g>"
            }
            for (n, value) in group.values.enumerated() {
                // The golden-ratio sequence spreads any number of dots evenly over the box's width.
                let jitter = (Double(n) * 0.618_033_988_749_895).truncatingRemainder(dividingBy: 1) - 0.5
                let x = center + jitter * boxWidth * 0.9
                out += "<circle class=\"strip \(tone)\" data-label=\"\(name)\" data-y=\"\(Markup.raw(value))\" cx=\"\(Markup.px(x))\" "
                out += "cy=\"\(Markup.px(scale.position(value)))\" r=\"2.6\"><title>\(name) #\(n + 1): \(ChartNumber.short(value))</title></circle>"
            }
        }
        return out + "</svg>"
    }

    /// One row per value: group, its position in the group, the value.
    public func table(id: String) -> String {
        let groups = finiteGroups
        var table = ChartTable(id: id, caption: title, headers: ["group", "#", yTitle], rowCapacity: groups.reduce(0) { $0 + $1.values.count })
        for group in groups {
            for (n, value) in group.values.enumerated() {
                table.row([.text(group.name), .text(String(n + 1)), .number(value)])
            }
        }
        return table.finished()
    }
}
