import Foundation

/// What the report's pages share: the page shell and its style sheet, verdict tones, badge pills and number text.
enum ReportSiteHTML {
    /// A complete page: doctype, language, charset, viewport, the inline style sheet, a nav link to the index
    /// (except on the index), the heading and `body`.
    static func page(title: String, siteTitle: String, generatedAt: String, isIndex: Bool, body: String) -> String {
        var out = ""
        out.reserveCapacity(body.utf8.count + 8192)
        out += "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"color-scheme\" content=\"light dark\">"
        out += "<title>\(Markup.escape(title))</title><style>\n\(css)\n\(ChartStyle.css)\n</style></head><body>"
        out += "<header>"
        if !isIndex { out += "<nav><a href=\"index.html\">← \(Markup.escape(siteTitle)): all benchmarks</a></nav>" }
        out += "<h1>\(Markup.escape(title))</h1><p class=\"meta\">Generated \(Markup.escape(generatedAt)) by git bench report</p></header><main>"
        out += body
        out += "</main></body></html>\n"
        return out
    }

    static let css = """
    :root{color-scheme:light dark;--fg:#1f2328;--muted:#59636e;--bg:#ffffff;--panel:#f6f8fa;--border:#d1d9e0;--link:#0969da}
    @media (prefers-color-scheme: dark){:root{--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;--panel:#151b23;--border:#3d444d;--link:#4493f8}}
    *{box-sizing:border-box}
    body{margin:0;padding:16px 24px 40px;background:var(--bg);color:var(--fg);font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif}
    header,main{max-width:1200px;margin:0 auto}
    h1{font-size:22px;margin:4px 0 2px;overflow-wrap:anywhere}
    h2{font-size:17px;margin:22px 0 6px}
    .meta,.note{color:var(--muted);margin:2px 0 8px}
    a{color:var(--link)}
    nav{font-size:13px}
    figure{margin:8px 0 18px;padding:10px 12px;background:var(--panel);border:1px solid var(--border);border-radius:8px;--chart-bg:var(--panel)}
    figcaption{font-weight:600;margin-bottom:2px}
    .key{margin:0;color:var(--muted);font-size:12px}
    .key b{font-weight:700}
    details{margin-top:6px}
    summary{cursor:pointer;color:var(--muted);font-size:13px}
    table{border-collapse:collapse;margin:6px 0;font-size:13px}
    caption{text-align:left;color:var(--muted);padding:2px 0}
    th,td{border-bottom:1px solid var(--border);padding:3px 8px;text-align:left;vertical-align:middle}
    th{font-weight:600}
    td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
    .wide{overflow-x:auto}
    td.when{white-space:nowrap}
    .verdict{font-weight:700}
    span.tone-good,span.tone-bad,span.tone-warn,span.tone-neutral,span.tone-muted,b.tone-good,b.tone-bad,b.tone-warn,b.tone-neutral,b.tone-muted{fill:none;stroke:none}
    .badge{display:inline-flex;border-radius:4px;overflow:hidden;font:11px/18px Verdana,system-ui,sans-serif;white-space:nowrap}
    .badge span{padding:0 6px;color:#fff;text-shadow:0 1px 0 rgba(0,0,0,.3)}
    .badge .badge-label{background:#555}
    code{font-size:12px}
    """

    /// The tone of a verdict kind: PROMOTE and PASS good, REJECT and FAIL bad, the undecided ones a warning.
    static func tone(_ kind: Verdict.Kind?) -> ChartTone {
        switch kind {
        case .promote?, .pass?: return .good
        case .reject?, .fail?: return .bad
        case .needsMoreData?, .stale?: return .warn
        case .noBaseline?, .noReference?, nil: return .neutral
        }
    }

    /// A candidate's tone by how `check` and `summary` read its verdict (`BenchmarkChange.outcome`): improved good,
    /// significantly worse bad, not enough data warn, and a REJECT that only failed to improve neutral, so a page of
    /// unchanged run sets is not a page of red.
    static func tone(_ verdict: Verdict?) -> ChartTone {
        guard let verdict else { return .neutral }
        switch BenchmarkChange.outcome(of: verdict) {
        case .improved: return .good
        case .regressed: return .bad
        case .unchanged: return .neutral
        case .notEnoughData: return verdict.kind == .noBaseline || verdict.kind == .noReference ? .neutral : .warn
        }
    }

    /// What the trajectory's colours mean, in the same colours.
    static let verdictKey = "<b class=\"tone-good\">●</b> improved (PROMOTE) <b class=\"tone-bad\">●</b> regressed "
        + "<b class=\"tone-neutral\">●</b> no significant change <b class=\"tone-warn\">●</b> NEEDS_MORE_DATA "
        + "<b class=\"tone-muted\">●</b> baseline ○ dirty tree; dashed lines: baseline moves and tags"

    /// A verdict word in its outcome's colour, with the outcome beside a REJECT: `REJECT · regressed`.
    static func verdict(_ verdict: Verdict?) -> String {
        guard let verdict else { return "" }
        let outcome = BenchmarkChange.outcome(of: verdict)
        let suffix = verdict.kind == .reject ? " · \(outcome == .regressed ? "regressed" : "unchanged")" : ""
        return "<span class=\"verdict \(tone(verdict).cssClass)\">\(verdict.kind.rawValue)\(suffix)</span>"
    }

    /// A verdict word in its colour.
    static func verdict(_ kind: Verdict.Kind?) -> String {
        guard let kind else { return "" }
        return "<span class=\"verdict \(tone(kind).cssClass)\">\(kind.rawValue)</span>"
    }

    /// The shields.io colour names as hex; a hex colour passes through; anything else is light grey.
    static func badgeColor(_ name: String) -> String {
        let names = ["brightgreen": "#4c1", "success": "#4c1", "green": "#97ca00", "yellowgreen": "#a4a61d", "yellow": "#dfb317",
                     "orange": "#fe7d37", "important": "#fe7d37", "red": "#e05d44", "critical": "#e05d44", "lightgrey": "#9f9f9f",
                     "lightgray": "#9f9f9f", "inactive": "#9f9f9f", "grey": "#555", "gray": "#555", "blue": "#007ec6",
                     "informational": "#007ec6", "blueviolet": "#8a2be2"]
        let lowered = name.lowercased()
        if let hex = names[lowered] { return hex }
        let digits = lowered.hasPrefix("#") ? String(lowered.dropFirst()) : lowered
        if [3, 6].contains(digits.count), digits.allSatisfy(\.isHexDigit) { return "#" + digits }
        return "#9f9f9f"
    }

    /// The badge as a two-part pill, label | message, the message on the badge's colour.
    static func badge(_ badge: Badge?) -> String {
        guard let badge else { return "" }
        return "<span class=\"badge\" role=\"img\" aria-label=\"\(Markup.escape(badge.label)): \(Markup.escape(badge.message))\">"
            + "<span class=\"badge-label\">\(Markup.escape(badge.label))</span>"
            + "<span class=\"badge-message\" style=\"background:\(badgeColor(badge.color))\">\(Markup.escape(badge.message))</span></span>"
    }

    /// ` data-value="…"` with `value`'s round-trip text, or nothing when there is no finite value.
    static func dataValue(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        return " data-value=\"\(Markup.raw(value))\""
    }

    /// `value` with its unit: `1.014 s`, `12.5`.
    static func value(_ value: Double?, unit: String?) -> String {
        guard let value, value.isFinite else { return "–" }
        guard let unit, !unit.isEmpty else { return ChartNumber.short(value) }
        return ChartNumber.short(value) + " " + unit
    }

    /// `mean ± half-width unit`, from a run set's summary.
    static func meanWithInterval(_ summary: SampleDescription, unit: String?) -> String {
        guard let mean = summary.mean else { return "–" }
        guard let interval = summary.meanInterval, interval.lower.isFinite, interval.upper.isFinite else { return value(mean, unit: unit) }
        let half = (interval.upper - interval.lower) / 2
        let suffix = (unit?.isEmpty == false) ? " " + (unit ?? "") : ""
        return "\(ChartNumber.short(mean)) ± \(ChartNumber.short(half))\(suffix)"
    }

    /// A relative change as a signed percent with its interval: `+1.2% [−0.4%, +2.8%]`.
    static func change(_ change: RelativeChange?) -> String {
        guard let change else { return "" }
        return "\(percent(change.estimate)) [\(percent(change.lower)), \(percent(change.upper))]"
    }

    static func percent(_ fraction: Double) -> String {
        guard fraction.isFinite else { return "–" }
        let text = String(format: "%+.2f%%", fraction * 100)
        return text == "-0.00%" ? "+0.00%" : text
    }

    /// The axis title for a measure: `mean (s)`, or `mean` with no unit.
    static func axisTitle(_ name: String, unit: String?) -> String {
        guard let unit, !unit.isEmpty else { return name }
        return "\(name) (\(unit))"
    }

    static func shortCommit(_ commit: String) -> String { String(commit.prefix(7)) }

    /// `YYYY-MM-DD` of an ISO timestamp.
    static func day(_ timestamp: String) -> String { String(timestamp.prefix(10)) }

    /// A chart followed by its data table, folded.
    static func figure(_ out: inout String, caption: String, key: String = "", svg: String, table: String, rows: Int) {
        out += "<figure><figcaption>\(Markup.escape(caption))</figcaption>"
        if !key.isEmpty { out += "<p class=\"key\">\(key)</p>" }
        out += svg
        out += "<details><summary>Data table (\(rows) row\(rows == 1 ? "" : "s"))</summary><div class=\"wide\">"
        out += table
        out += "</div></details></figure>"
    }
}
