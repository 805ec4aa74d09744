import Foundation

/// A small line of values in order (oldest first), for a table cell: no axes, the last value dotted.
public struct Sparkline: Sendable {
    public var values: [Double]
    /// The accessible name and hover text.
    public var title: String

    public init(values: [Double], title: String) {
        self.values = values
        self.title = title
    }

    public func svg() -> String {
        let values = self.values.filter(\.isFinite)
        let width = 120.0
        let height = 24.0
        var out = ""
        out.reserveCapacity(200 + values.count * 30)
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"spark\" viewBox=\"0 0 120 24\" role=\"img\" aria-label=\"\(Markup.escape(title))\">"
        out += "<title>\(Markup.escape(title))</title>"
        guard let lowest = values.min(), let highest = values.max(), let last = values.last else {
            return out + "<text x=\"2\" y=\"16\" class=\"placeholder\" font-size=\"10\">no data</text></svg>"
        }
        let span = highest - lowest
        func x(_ index: Int) -> Double { values.count == 1 ? width / 2 : 2 + Double(index) / Double(values.count - 1) * (width - 6) }
        func y(_ value: Double) -> Double { span == 0 ? height / 2 : height - 3 - (value - lowest) / span * (height - 6) }
        if values.count > 1 {
            out += "<polyline class=\"line\" data-values=\""
            for (index, value) in values.enumerated() { out += (index == 0 ? "" : " ") + Markup.raw(value) }
            out += "\" points=\""
            for (index, value) in values.enumerated() { out += (index == 0 ? "" : " ") + Markup.px(x(index)) + "," + Markup.px(y(value)) }
            out += "\"/>"
        }
        out += "<circle class=\"last\" data-y=\"\(Markup.raw(last))\" cx=\"\(Markup.px(x(values.count - 1)))\" cy=\"\(Markup.px(y(last)))\" r=\"2.2\"/>"
        return out + "</svg>"
    }
}
