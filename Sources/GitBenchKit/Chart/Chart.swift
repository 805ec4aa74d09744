// Chart/ draws charts as SVG text for the static HTML report: a linear scale with 1-2-5 ticks and time or ordinal x
// axes (`LinearScale`, `ChartXAxis`), `LineChart` (series with interval bands, toned points and labelled event rules),
// `Sparkline`, `DistributionChart` (strip plot with boxes) and `BarChart` (bars with interval whiskers around zero).
// It knows nothing of benchmarks: callers hand it numbers, labels and tones. Every mark carries its raw value in
// `data-` attributes, every chart has an HTML table of the same rows, colours come from CSS custom properties
// (`ChartStyle.css`) so one page reads in light and dark mode, and all text is escaped. Non-finite values are dropped.
import Foundation

/// How a mark is coloured: a CSS class the page's style sheet maps to a colour.
public enum ChartTone: String, Sendable, Equatable, CaseIterable {
    case neutral, good, bad, warn, muted

    var cssClass: String { "tone-\(rawValue)" }
}

/// Escaping for text and attribute values, the same for XML (SVG) and HTML.
public enum Markup {
    /// `text` with `& < > " '` replaced by entities, so it can stand in an element or a quoted attribute. Control
    /// characters XML forbids are dropped.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The shortest text that reads back as `value` (Swift's round-trip description), for `data-` attributes.
    public static func raw(_ value: Double) -> String { "\(value)" }

    /// A pixel coordinate with at most two decimals.
    static func px(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        return "\(rounded)"
    }
}

/// Short labels for numbers: ticks with as many decimals as their step needs, values with four significant digits.
public enum ChartNumber {
    /// `value` as a tick label for ticks `step` apart: `0.25`, `1.5`, `40`, `12k`, `3.5M`.
    public static func tick(_ value: Double, step: Double) -> String {
        let magnitude = Swift.max(abs(value), abs(step))
        if magnitude >= 1e4 {
            let (scale, suffix) = [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")].first { magnitude >= $0.0 } ?? (1e3, "k")
            return fixed(value / scale, decimals: decimals(for: step / scale)) + suffix
        }
        return fixed(value, decimals: decimals(for: step))
    }

    /// `value` with four significant digits and no exponent between 1e-4 and 1e9: `1.014`, `0.0177`, `12345`.
    public static func short(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        if value == 0 { return "0" }
        let magnitude = abs(value)
        if magnitude >= 1e9 || magnitude < 1e-4 { return String(format: "%.3g", value) }
        let digits = Swift.max(0, 3 - Int(floor(log10(magnitude))))
        var text = String(format: "%.\(digits)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    static func decimals(for step: Double) -> Int {
        guard step.isFinite, step > 0 else { return 0 }
        return Swift.max(0, Int(-floor(log10(step) + 1e-9)))
    }

    static func fixed(_ value: Double, decimals: Int) -> String {
        let text = String(format: "%.\(Swift.min(decimals, 12))f", value)
        return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
    }
}

/// The chart style sheet: colour variables for light and dark mode and the classes marks use. A page includes it
/// once in its `<style>`.
public enum ChartStyle {
    public static let css = """
    :root{--chart-fg:#1f2328;--chart-muted-fg:#59636e;--chart-grid:#d8dee4;--chart-axis:#59636e;--chart-bg:#ffffff;\
    --tone-neutral:#0969da;--tone-good:#1a7f37;--tone-bad:#cf222e;--tone-warn:#bf8700;--tone-muted:#818b98;\
    --s0:#0969da;--s1:#bc4c00;--s2:#1a7f37;--s3:#8250df;--s4:#cf222e;--s5:#1b7c83;--s6:#bf3989;--s7:#6e7781;--rule:#8250df}
    @media (prefers-color-scheme: dark){:root{--chart-fg:#e6edf3;--chart-muted-fg:#9198a1;--chart-grid:#30363d;--chart-axis:#9198a1;\
    --chart-bg:#0d1117;--tone-neutral:#4493f8;--tone-good:#3fb950;--tone-bad:#f85149;--tone-warn:#d29922;--tone-muted:#7d8590;\
    --s0:#4493f8;--s1:#f0883e;--s2:#3fb950;--s3:#ab7df8;--s4:#f85149;--s5:#39c5cf;--s6:#f778ba;--s7:#9198a1;--rule:#ab7df8}}
    svg.chart{display:block;width:100%;height:auto;font:11px system-ui,-apple-system,"Segoe UI",sans-serif}
    svg.chart text{fill:var(--chart-fg)}
    svg.chart .axis-title,svg.chart .tick-label{fill:var(--chart-muted-fg)}
    svg.chart .grid{stroke:var(--chart-grid);stroke-width:1}
    svg.chart .axis{stroke:var(--chart-axis);stroke-width:1}
    svg.chart .zero{stroke:var(--chart-axis);stroke-width:1.5}
    svg.chart .placeholder{fill:var(--chart-muted-fg);font-size:14px}
    svg.chart .line{fill:none;stroke-width:1.5;opacity:.9}
    svg.chart .band{stroke:none;opacity:.16}
    svg.chart .whisker{stroke-width:1.2;fill:none}
    svg.chart .point{stroke:var(--chart-bg);stroke-width:1}
    svg.chart .point.hollow{fill:var(--chart-bg)!important;stroke:currentColor;stroke-width:1.8}
    svg.chart .strip{opacity:.7;stroke:none}
    svg.chart .box{fill-opacity:.12;stroke-width:1.5}
    svg.chart .bar{fill-opacity:.75;stroke-width:1}
    svg.chart .rule{stroke:var(--rule);stroke-width:1;stroke-dasharray:4 3}
    svg.chart .rule-label{fill:var(--rule);font-size:10px;paint-order:stroke;stroke:var(--chart-bg);stroke-width:3px;stroke-linejoin:round}
    svg.chart .legend-swatch{stroke:none}
    svg.spark{display:inline-block;vertical-align:middle;width:120px;height:24px}
    svg.spark .line{fill:none;stroke:var(--tone-neutral);stroke-width:1.3}
    svg.spark .last{fill:var(--tone-neutral)}
    svg.spark .placeholder{fill:var(--chart-muted-fg)}
    .tone-neutral{fill:var(--tone-neutral);stroke:var(--tone-neutral);color:var(--tone-neutral)}
    .tone-good{fill:var(--tone-good);stroke:var(--tone-good);color:var(--tone-good)}
    .tone-bad{fill:var(--tone-bad);stroke:var(--tone-bad);color:var(--tone-bad)}
    .tone-warn{fill:var(--tone-warn);stroke:var(--tone-warn);color:var(--tone-warn)}
    .tone-muted{fill:var(--tone-muted);stroke:var(--tone-muted);color:var(--tone-muted)}
    .s0{fill:var(--s0);stroke:var(--s0);color:var(--s0)}.s1{fill:var(--s1);stroke:var(--s1);color:var(--s1)}
    .s2{fill:var(--s2);stroke:var(--s2);color:var(--s2)}.s3{fill:var(--s3);stroke:var(--s3);color:var(--s3)}
    .s4{fill:var(--s4);stroke:var(--s4);color:var(--s4)}.s5{fill:var(--s5);stroke:var(--s5);color:var(--s5)}
    .s6{fill:var(--s6);stroke:var(--s6);color:var(--s6)}.s7{fill:var(--s7);stroke:var(--s7);color:var(--s7)}
    """
}
