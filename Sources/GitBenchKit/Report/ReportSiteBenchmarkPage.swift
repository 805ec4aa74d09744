import Foundation

/// A benchmark's page: the run-set means over time with their intervals, verdicts, baseline moves and tags; the
/// latest candidate's repetitions against its baseline's; each candidate's change with its interval; the timeline
/// as a table. It draws the newest `ReportSitePages.runSetLimit` run sets and says so when there are more.
enum ReportSiteBenchmarkPage {
    static func html(_ entry: ReportSite.BenchmarkEntry, siteTitle: String, generatedAt: String) -> String {
        let timeline = entry.timeline
        let unit = timeline.unit
        let limit = ReportSitePages.runSetLimit
        // Oldest first: the x axis runs left to right in time.
        let shown = Array(timeline.runSets.prefix(limit).reversed())
        var body = ""
        body.reserveCapacity(64 * 1024 + shown.count * 1500)
        body += "<p class=\"meta\">\(Markup.escape(timeline.tier.rawValue)) benchmark, \(Markup.escape(timeline.direction.rawValue))"
        if let unit, !unit.isEmpty { body += ", unit \(Markup.escape(unit))" }
        body += ". \(timeline.runSets.count) run set\(timeline.runSets.count == 1 ? "" : "s")"
        if let badge = entry.badge { body += " " + ReportSiteHTML.badge(badge) }
        body += "</p>"
        if timeline.runSets.count > shown.count {
            body += "<p class=\"note\">Showing the newest \(shown.count) of \(timeline.runSets.count) run sets.</p>"
        }

        let trajectory = trajectoryChart(timeline, shown: shown)
        ReportSiteHTML.figure(&body, caption: "Run-set mean over time", key: ReportSiteHTML.verdictKey, svg: trajectory.svg(id: "trajectory"), table: trajectory.table(id: "trajectory"),
                              rows: trajectory.series.reduce(0) { $0 + $1.points.count } + trajectory.rules.count)
        let distribution = distributionChart(timeline)
        ReportSiteHTML.figure(&body, caption: "Latest candidate against its baseline", svg: distribution.svg(id: "distribution"),
                              table: distribution.table(id: "distribution"), rows: distribution.groups.reduce(0) { $0 + $1.values.count })
        let changes = changeChart(timeline, shown: shown)
        ReportSiteHTML.figure(&body, caption: "Change against the baseline per candidate run set (%)", key: "Bars: relative change of the mean, whiskers: its 95% interval; colour: the verdict.", svg: changes.svg(id: "change"),
                              table: changes.table(id: "change"), rows: changes.categories.count)
        timelineTable(&body, timeline: timeline, shown: shown)
        return ReportSiteHTML.page(title: "\(timeline.project) / \(timeline.benchmark)", siteTitle: siteTitle, generatedAt: generatedAt,
                                   isIndex: false, body: body)
    }

    /// A run set's tone: a baseline muted, a candidate by its verdict.
    static func tone(_ point: RunSetPoint) -> ChartTone {
        point.role == .baseline ? .muted : ReportSiteHTML.tone(point.verdict)
    }

    static func note(_ point: RunSetPoint) -> String {
        var words = [point.role == .baseline ? "baseline" : (point.verdict?.kind.rawValue ?? "candidate")]
        if point.isDirty { words.append("dirty") }
        return words.joined(separator: ", ")
    }

    static func trajectoryChart(_ timeline: BenchmarkTimeline, shown: [RunSetPoint]) -> LineChart {
        let unit = timeline.unit
        let labels = shown.map { ReportSiteHTML.shortCommit($0.commit) + "\n" + ReportSiteHTML.day($0.startedAt) }
        var points: [LineChart.Point] = []
        points.reserveCapacity(shown.count)
        for (index, point) in shown.enumerated() {
            guard let mean = point.summary.mean else { continue }
            let interval = point.summary.meanInterval
            var title = "\(point.commit)\n\(point.startedAt) on \(point.host)\(point.isDirty ? " (dirty tree)" : "")\n"
            title += "mean \(ReportSiteHTML.value(mean, unit: unit))"
            if let interval { title += ", 95% CI \(ChartNumber.short(interval.lower))–\(ChartNumber.short(interval.upper))" }
            title += ", n \(point.summary.n)\n\(note(point))"
            if let change = point.verdict?.change { title += " " + ReportSiteHTML.change(change) }
            points.append(LineChart.Point(x: Double(index), y: mean, low: interval?.lower, high: interval?.upper,
                                          label: "\(ReportSiteHTML.shortCommit(point.commit)) \(point.startedAt)", title: title,
                                          tone: tone(point), hollow: point.isDirty, note: note(point)))
        }
        return LineChart(title: "\(timeline.project)/\(timeline.benchmark): run-set mean with its 95% interval",
                         description: "Each point is one run set, oldest on the left; colour shows the verdict, rings mark dirty trees, dashed lines mark baseline moves and tags.",
                         xAxis: .ordinal(title: "run set (commit, date)", labels: labels),
                         yTitle: ReportSiteHTML.axisTitle("mean", unit: unit), series: [LineChart.Series(name: "run-set mean", points: points)],
                         rules: rules(timeline, shown: shown))
    }

    /// A rule half-way between the run sets around each baseline move, and one at each run set whose commit has a
    /// tag (at its first run set only).
    static func rules(_ timeline: BenchmarkTimeline, shown: [RunSetPoint]) -> [LineChart.Rule] {
        guard let first = shown.first else { return [] }
        var rules: [LineChart.Rule] = []
        let starts = shown.map(\.startedAt)
        for event in timeline.baselineEvents.reversed() where event.createdAt >= first.startedAt {
            // The first run set measured after the move; the rule stands just before it.
            let after = starts.firstIndex { $0 > event.createdAt } ?? starts.count
            rules.append(LineChart.Rule(x: Double(after) - 0.5,
                                        label: "baseline \(event.action.rawValue) \(ReportSiteHTML.shortCommit(event.commit.hex))"))
        }
        var tagged = Set<String>()
        for (index, point) in shown.enumerated() {
            let fresh = point.tags.filter { tagged.insert($0).inserted }
            if !fresh.isEmpty { rules.append(LineChart.Rule(x: Double(index), label: fresh.joined(separator: ", "))) }
        }
        return rules
    }

    /// The newest candidate run set and its baseline: the run set at the verdict's baseline commit, else the newest
    /// baseline run set before it. With no candidate, the newest run set alone.
    static func comparedPair(_ timeline: BenchmarkTimeline) -> (baseline: RunSetPoint?, candidate: RunSetPoint?) {
        guard let candidateIndex = timeline.runSets.firstIndex(where: { $0.role == .candidate }) else {
            return (nil, timeline.runSets.first)
        }
        let candidate = timeline.runSets[candidateIndex]
        let older = timeline.runSets[(candidateIndex + 1)...]
        if let commit = candidate.verdict?.baseline?.commit?.hex, let match = older.first(where: { $0.commit == commit }) {
            return (match, candidate)
        }
        return (older.first { $0.role == .baseline }, candidate)
    }

    static func distributionChart(_ timeline: BenchmarkTimeline) -> DistributionChart {
        let pair = comparedPair(timeline)
        var groups: [DistributionChart.Group] = []
        if let baseline = pair.baseline {
            groups.append(.init(name: "baseline \(ReportSiteHTML.shortCommit(baseline.commit)) (\(ReportSiteHTML.day(baseline.startedAt)))",
                                values: baseline.metrics, tone: .muted))
        }
        if let candidate = pair.candidate {
            let role = candidate.role == .candidate ? "candidate" : "baseline"
            groups.append(.init(name: "\(role) \(ReportSiteHTML.shortCommit(candidate.commit)) (\(ReportSiteHTML.day(candidate.startedAt)))",
                                values: candidate.metrics, tone: candidate.role == .candidate ? ReportSiteHTML.tone(candidate.verdict) : .muted))
        }
        return DistributionChart(title: "\(timeline.project)/\(timeline.benchmark): repetitions of the latest candidate and its baseline",
                                 description: "Every repetition as a dot over a box from the first to the third quartile, whiskers to the extremes.",
                                 yTitle: ReportSiteHTML.axisTitle("metric", unit: timeline.unit), groups: groups)
    }

    static func changeChart(_ timeline: BenchmarkTimeline, shown: [RunSetPoint]) -> BarChart {
        var categories: [BarChart.Category] = []
        for point in shown {
            guard point.role == .candidate, let verdict = point.verdict, let change = verdict.change else { continue }
            let title = "\(ReportSiteHTML.shortCommit(point.commit)) \(point.startedAt)\n\(verdict.kind.rawValue) \(ReportSiteHTML.change(change))"
                + (verdict.pValue.map { ", p \(ChartNumber.short($0))" } ?? "")
            let bar = BarChart.Bar(value: change.estimate * 100, low: change.lower * 100, high: change.upper * 100, title: title,
                                   tone: ReportSiteHTML.tone(verdict), note: verdict.kind.rawValue)
            categories.append(BarChart.Category(label: ReportSiteHTML.shortCommit(point.commit) + "\n" + ReportSiteHTML.day(point.startedAt), bars: [bar]))
        }
        return BarChart(title: "\(timeline.project)/\(timeline.benchmark): relative change of each candidate with its 95% interval",
                        description: "Bars show the change of the candidate against its baseline in percent, whiskers its interval; colour shows the verdict.",
                        xTitle: "candidate run set (commit, date)", yTitle: "change (%)", series: ["change"], categories: categories)
    }

    /// `YYYY-MM-DD HH:MM` of an ISO timestamp (the full one is the cell's title).
    static func minute(_ timestamp: String) -> String {
        String(timestamp.prefix(16)).replacingOccurrences(of: "T", with: " ")
    }

    static func timelineTable(_ out: inout String, timeline: BenchmarkTimeline, shown: [RunSetPoint]) {
        out += "<h2>Timeline</h2><div class=\"wide\"><table class=\"timeline\"><caption>Run sets, newest first"
        if timeline.runSets.count > shown.count { out += " (newest \(shown.count) of \(timeline.runSets.count))" }
        out += "</caption><thead><tr><th scope=\"col\">date</th><th scope=\"col\">commit</th><th scope=\"col\">role</th><th scope=\"col\">host</th>"
        out += "<th scope=\"col\">dirty</th><th scope=\"col\">n</th><th scope=\"col\">\(Markup.escape(ReportSiteHTML.axisTitle("mean ± CI", unit: timeline.unit)))</th>"
        out += "<th scope=\"col\">verdict</th><th scope=\"col\">change</th><th scope=\"col\">p</th></tr></thead><tbody>"
        for point in shown.reversed() {
            out += "<tr><td class=\"when\" title=\"\(Markup.escape(point.startedAt))\">\(Markup.escape(minute(point.startedAt)))</td><td><code title=\"\(Markup.escape(point.commit))\">\(Markup.escape(ReportSiteHTML.shortCommit(point.commit)))</code>"
            if !point.tags.isEmpty { out += " " + Markup.escape(point.tags.joined(separator: ", ")) }
            out += "</td><td>\(point.role.rawValue)</td><td>\(Markup.escape(point.host))</td><td>\(point.isDirty ? "dirty" : "")</td>"
            out += "<td class=\"num\">\(point.summary.n)\(point.failed > 0 ? " (+\(point.failed) failed)" : "")</td>"
            out += "<td class=\"num\"\(ReportSiteHTML.dataValue(point.summary.mean))>"
            out += "\(Markup.escape(ReportSiteHTML.meanWithInterval(point.summary, unit: nil)))</td>"
            out += "<td>\(ReportSiteHTML.verdict(point.verdict))</td><td class=\"num\">\(ReportSiteHTML.change(point.verdict?.change))</td>"
            out += "<td class=\"num\">\(point.verdict?.pValue.map(ChartNumber.short) ?? "")</td></tr>"
        }
        out += "</tbody></table></div>"
    }
}
