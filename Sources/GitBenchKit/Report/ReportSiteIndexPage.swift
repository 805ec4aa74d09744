import Foundation

/// `index.html`: every benchmark with its latest verdict, mean and sparkline, then every archived bench.
enum ReportSiteIndexPage {
    /// How many of the newest run-set means (or runs) a sparkline draws.
    static let sparklineLength = 60

    /// A sparkline's accessible name: what it shows, how many values, their range and the latest, since a sparkline
    /// has no table of its own.
    static func trendTitle(_ what: String, _ values: [Double], unit: String?) -> String {
        let finite = values.filter(\.isFinite)
        guard let lowest = finite.min(), let highest = finite.max(), let last = finite.last else { return "\(what): no data" }
        let suffix = unit.map { $0 == "%" ? "%" : " " + $0 } ?? ""
        return "\(what), oldest to newest: \(finite.count) value\(finite.count == 1 ? "" : "s") from \(ChartNumber.short(lowest))\(suffix) "
            + "to \(ChartNumber.short(highest))\(suffix), latest \(ChartNumber.short(last))\(suffix)"
    }

    static func html(_ site: ReportSite, names: (benchmarks: [String], archived: [String])) -> String {
        var body = ""
        body.reserveCapacity(4096 + site.benchmarks.count * 2500 + site.archived.count * 2500)
        body += "<h2>Benchmarks</h2>"
        if site.benchmarks.isEmpty {
            body += "<p class=\"note\">The store holds no benchmark.</p>"
        } else {
            body += "<div class=\"wide\"><table class=\"benchmarks\"><caption>Every benchmark with its latest run set</caption><thead><tr>"
            for header in ["project", "benchmark", "latest verdict", "latest mean ± CI", "n", "run sets", "trend", "badge"] {
                body += "<th scope=\"col\">\(header)</th>"
            }
            body += "</tr></thead><tbody>"
            for (entry, name) in zip(site.benchmarks, names.benchmarks) {
                let timeline = entry.timeline
                let latest = timeline.runSets.first
                body += "<tr><td>\(Markup.escape(timeline.project))</td><td><a href=\"\(Markup.escape(name))\">\(Markup.escape(timeline.benchmark))</a></td>"
                body += "<td>\(ReportSiteHTML.verdict(timeline.latestVerdict))</td>"
                body += "<td class=\"num\"\(ReportSiteHTML.dataValue(latest?.summary.mean))>"
                body += latest.map { Markup.escape(ReportSiteHTML.meanWithInterval($0.summary, unit: timeline.unit)) } ?? "–"
                body += "</td><td class=\"num\">\(latest.map { String($0.summary.n) } ?? "")</td><td class=\"num\">\(timeline.runSets.count)</td><td>"
                let means = timeline.runSets.prefix(sparklineLength).reversed().compactMap(\.summary.mean)
                body += Sparkline(values: means, title: trendTitle("\(timeline.project)/\(timeline.benchmark): run-set means", means, unit: timeline.unit)).svg()
                body += "</td><td>\(ReportSiteHTML.badge(entry.badge))</td></tr>"
            }
            body += "</tbody></table></div>"
        }
        if !site.archived.isEmpty {
            body += "<h2>Archived benches</h2><div class=\"wide\"><table class=\"archived\"><caption>Every bench of the archive with its latest run</caption><thead><tr>"
            for header in ["bench", "latest overall", "latest run", "runs", "trend", "badge"] { body += "<th scope=\"col\">\(header)</th>" }
            body += "</tr></thead><tbody>"
            for (bench, name) in zip(site.archived, names.archived) {
                let runs = bench.trajectory.runs
                let scale = ReportSiteArchivePage.Scale(runs)
                let latest = runs.last { $0.overall != nil }
                body += "<tr><td><a href=\"\(Markup.escape(name))\">\(Markup.escape(bench.bench))</a></td>"
                body += "<td class=\"num\"\(ReportSiteHTML.dataValue(latest?.overall))>\(Markup.escape(scale.text(latest?.overall)))</td>"
                body += "<td>\(Markup.escape(latest.map { "\($0.date) \($0.stage)" } ?? ""))</td><td class=\"num\">\(runs.count)</td><td>"
                let values = runs.compactMap(\.overall).suffix(sparklineLength).map(scale.value)
                body += Sparkline(values: Array(values), title: trendTitle("\(bench.bench): overall", Array(values), unit: scale.isPercent ? "%" : scale.unit)).svg()
                body += "</td><td>\(ReportSiteHTML.badge(bench.badge))</td></tr>"
            }
            body += "</tbody></table></div>"
        }
        return ReportSiteHTML.page(title: site.title, siteTitle: site.title, generatedAt: site.generatedAt, isIndex: true, body: body)
    }
}
