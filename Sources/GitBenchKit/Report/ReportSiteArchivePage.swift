import Foundation

/// An archived bench's page, the seed's trajectory charts: overall over time, each category over time, the latest
/// run of each stage side by side, with the BENCH_PARITY.yaml releases marked on the time axis.
enum ReportSiteArchivePage {
    /// How the bench's numbers read: as percents when every run's metric is a fraction, else as themselves with
    /// the unit of the runs that name one.
    struct Scale {
        let isPercent: Bool
        let unit: String?

        init(_ runs: [TrajectoryPoint]) {
            isPercent = runs.allSatisfy { $0.metricKind == .fraction }
            unit = runs.lazy.compactMap(\.unit).first { !$0.isEmpty }
        }

        func value(_ raw: Double) -> Double { isPercent ? raw * 100 : raw }
        func axis(_ name: String) -> String { isPercent ? "\(name) (%)" : ReportSiteHTML.axisTitle(name, unit: unit) }
        func text(_ raw: Double?) -> String {
            guard let raw else { return "–" }
            return isPercent ? ChartNumber.short(raw * 100) + "%" : ReportSiteHTML.value(raw, unit: unit)
        }
    }

    static func html(_ bench: ReportSite.ArchivedBench, siteTitle: String, generatedAt: String) -> String {
        let runs = Array(bench.trajectory.runs.suffix(ReportSitePages.runLimit))
        let scale = Scale(runs)
        var body = ""
        body.reserveCapacity(32 * 1024 + runs.count * 1500)
        body += "<p class=\"meta\">Archived trajectory, updated \(Markup.escape(bench.trajectory.updatedAt)). \(bench.trajectory.runs.count) run"
        body += bench.trajectory.runs.count == 1 ? "" : "s"
        if let badge = bench.badge { body += " " + ReportSiteHTML.badge(badge) }
        body += "</p>"
        if bench.trajectory.runs.count > runs.count {
            body += "<p class=\"note\">Showing the newest \(runs.count) of \(bench.trajectory.runs.count) runs.</p>"
        }
        let overall = overallChart(bench, runs: runs, scale: scale)
        ReportSiteHTML.figure(&body, caption: "Overall over time", key: "○ smoke runs; dashed lines: BENCH_PARITY.yaml releases", svg: overall.svg(id: "overall"), table: overall.table(id: "overall"),
                              rows: overall.series.reduce(0) { $0 + $1.points.count } + overall.rules.count)
        let categories = categoryChart(bench, runs: runs, scale: scale)
        ReportSiteHTML.figure(&body, caption: "Per category over time", svg: categories.svg(id: "categories"), table: categories.table(id: "categories"),
                              rows: categories.series.reduce(0) { $0 + $1.points.count } + categories.rules.count)
        let stages = stageChart(bench, runs: runs, scale: scale)
        ReportSiteHTML.figure(&body, caption: "Latest run per stage", svg: stages.svg(id: "stages"), table: stages.table(id: "stages"),
                              rows: stages.categories.count)
        return ReportSiteHTML.page(title: "archive: \(bench.bench)", siteTitle: siteTitle, generatedAt: generatedAt, isIndex: false, body: body)
    }

    /// A run's tone: smoke runs muted, a git-bench run by its verdict word.
    static func tone(_ run: TrajectoryPoint) -> ChartTone {
        if run.isSmoke { return .muted }
        return ReportSiteHTML.tone(run.verdict.flatMap(Verdict.Kind.init(rawValue:)))
    }

    static func releaseRules(_ bench: ReportSite.ArchivedBench) -> [LineChart.Rule] {
        bench.releases.compactMap { release in
            guard let x = ChartTime.seconds(release.releasedAt) else { return nil }
            let version = release.version.hasPrefix("v") ? release.version : "v" + release.version
            return LineChart.Rule(x: x, label: "\(release.package) \(version)")
        }
    }

    static func overallChart(_ bench: ReportSite.ArchivedBench, runs: [TrajectoryPoint], scale: Scale) -> LineChart {
        var points: [LineChart.Point] = []
        for run in runs {
            guard let overall = run.overall, let x = ChartTime.seconds(run.date) else { continue }
            var title = "\(run.date) \(run.stage) \(run.sha)\noverall \(scale.text(overall))"
            if let n = run.nQuestions { title += ", \(n) questions" }
            if let label = run.shipLabel { title += "\nship label \(label)" }
            if let verdict = run.verdict { title += "\n\(verdict)" }
            var note = [run.stage]
            if run.isSmoke { note.append("smoke") }
            if let label = run.shipLabel { note.append(label) }
            points.append(LineChart.Point(x: x, y: scale.value(overall), label: "\(run.date) \(String(run.sha.prefix(7)))", title: title,
                                          tone: tone(run), hollow: run.isSmoke, note: note.joined(separator: ", ")))
        }
        return LineChart(title: "\(bench.bench): overall over time",
                         description: "One point per archived run; rings mark smoke runs, dashed lines mark releases.",
                         xAxis: .time(title: "date"), yTitle: scale.axis("overall"),
                         series: [LineChart.Series(name: "overall", points: points)], rules: releaseRules(bench))
    }

    static func categoryChart(_ bench: ReportSite.ArchivedBench, runs: [TrajectoryPoint], scale: Scale) -> LineChart {
        let names = Set(runs.flatMap(\.categories.keys)).sorted()
        let series = names.map { name in
            LineChart.Series(name: name, points: runs.compactMap { run in
                guard let value = run.categories[name], let x = ChartTime.seconds(run.date) else { return nil }
                return LineChart.Point(x: x, y: scale.value(value), label: "\(run.date) \(String(run.sha.prefix(7)))",
                                       title: "\(name) \(scale.text(value))\n\(run.date) \(run.stage) \(run.sha)", hollow: run.isSmoke, note: run.stage)
            })
        }
        return LineChart(title: "\(bench.bench): each category over time", description: "One line per category; dashed lines mark releases.",
                         xAxis: .time(title: "date"), yTitle: scale.axis("category"), series: series, rules: releaseRules(bench))
    }

    /// The latest run of each stage, stages in the order they first ran.
    static func stageChart(_ bench: ReportSite.ArchivedBench, runs: [TrajectoryPoint], scale: Scale) -> BarChart {
        var order: [String] = []
        var latest: [String: TrajectoryPoint] = [:]
        for run in runs where run.overall != nil {
            if latest[run.stage] == nil { order.append(run.stage) }
            latest[run.stage] = run
        }
        let categories = order.compactMap { stage -> BarChart.Category? in
            guard let run = latest[stage], let overall = run.overall else { return nil }
            return BarChart.Category(label: stage, bars: [BarChart.Bar(value: scale.value(overall),
                                                                       title: "\(stage): \(scale.text(overall))\n\(run.date) \(run.sha)",
                                                                       tone: tone(run), note: run.date)])
        }
        return BarChart(title: "\(bench.bench): latest run per stage", description: "The overall score of the newest run of each stage.",
                        xTitle: "stage", yTitle: scale.axis("overall"), series: ["overall"], categories: categories)
    }
}
