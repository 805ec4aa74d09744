import Foundation

/// What `history` prints: one row per run set (its verdict, mean ± CI, n, host and dirty marker) with the baseline
/// pointer moves and reference events in place, newest first.
///
///     Sample/quality (maximize)
///     date                      event              commit      host  n  mean           verdict  change [95% CI]            p       notes
///     2026-03-01T12:10:00.000Z  candidate          5a3e7109db  ci    6  1.055 ± 0.003  REJECT (regressed)  +5.41% [+2.10%, +8.70%]  0.0031  bench_…
///     2026-03-01T12:00:00.000Z  baseline establish fb7abc811a  ci                                                                    meta_seed=none
public enum TimelineReport {
    public static func render(_ timeline: BenchmarkTimeline, format: ReportFormat) throws -> String {
        switch format {
        case .json: return try JSONDocument.render(timeline)
        case .csv: return csv(timeline)
        case .table: return heading(timeline) + "\n" + table(timeline).text()
        case .markdown: return "### " + RunExportWriter.markdownCell(heading(timeline)) + "\n\n" + table(timeline).markdown()
        }
    }

    static func heading(_ timeline: BenchmarkTimeline) -> String {
        let unit = timeline.unit.map { ", unit \($0)" } ?? ""
        return "\(timeline.project)/\(timeline.benchmark) (\(timeline.tier == .correctness ? "correctness" : timeline.direction.rawValue)\(unit))"
    }

    static func table(_ timeline: BenchmarkTimeline) -> ReportTable {
        var table = ReportTable(columns: ["date", "event", "commit", "host", "n", "mean", "verdict", "change [95% CI]", "p", "notes"],
                                numeric: [4, 5, 8])
        for entry in timeline.timeline {
            switch entry {
            case .runSet(let point):
                var notes = [point.runSetID]
                if point.isDirty { notes.append("dirty") }
                if point.failed > 0 { notes.append("\(point.failed) failed") }
                if !point.tags.isEmpty { notes.append("tags: " + point.tags.joined(separator: ", ")) }
                table.rows.append([point.startedAt, point.role.rawValue, String(point.commit.prefix(10)) + (point.isDirty ? "+" : ""), point.host,
                                   "\(point.summary.n)", ReportNumber.mean(point.summary, unit: timeline.unit),
                                   point.verdict.map(verdictText) ?? "-", ReportNumber.change(point.verdict?.change),
                                   ReportNumber.probability(point.verdict.flatMap(BenchmarkChange.pValue(of:))), notes.joined(separator: "; ")])
            case .baseline(let event):
                table.rows.append([event.createdAt, "baseline \(event.action.rawValue)", event.commit.short, event.host, "", "", "", "", "",
                                   "meta_seed=\(event.metaSeed.map(String.init) ?? "none")" + (event.notes.map { "; \($0)" } ?? "")])
            case .reference(let event):
                table.rows.append([event.createdAt, "reference \(event.action.rawValue)", "", "", "", "", "", "", "",
                                   "\(event.contentHash.prefix(19))… from run \(event.fromRunID)" + (event.reason.map { "; \($0)" } ?? "")])
            }
        }
        return table
    }

    /// `REJECT (regressed)`: the verdict and how `check` reads it.
    static func verdictText(_ verdict: Verdict) -> String {
        let outcome = BenchmarkChange.outcome(of: verdict)
        return outcome == .notEnoughData ? verdict.kind.rawValue : "\(verdict.kind.rawValue) (\(ChangeRows.outcome(outcome)))"
    }

    /// Exact values, one column per number, so a spreadsheet or pandas reads them as numbers.
    static func csv(_ timeline: BenchmarkTimeline) -> String {
        var table = ReportTable(columns: ["kind", "timestamp", "project", "benchmark", "commit", "host", "dirty", "role", "run_set_id", "meta_seed",
                                          "n", "failed", "mean", "ci_low", "ci_high", "median", "stddev", "min", "max", "unit", "verdict",
                                          "outcome", "change", "change_low", "change_high", "p_value", "tags", "detail"])
        for entry in timeline.timeline {
            var row = Array(repeating: "", count: table.columns.count)
            row[2] = timeline.project
            row[3] = timeline.benchmark
            switch entry {
            case .runSet(let point):
                let summary = point.summary
                row[0] = "run_set"
                row[1] = point.startedAt
                row[4] = point.commit
                row[5] = point.host
                row[6] = point.isDirty ? "true" : "false"
                row[7] = point.role.rawValue
                row[8] = point.runSetID
                row[9] = point.metaSeed.map(String.init) ?? ""
                row[10] = "\(summary.n)"
                row[11] = "\(point.failed)"
                (row[12], row[13], row[14]) = (ReportNumber.exact(summary.mean), ReportNumber.exact(summary.meanInterval?.lower),
                                               ReportNumber.exact(summary.meanInterval?.upper))
                (row[15], row[16], row[17], row[18]) = (ReportNumber.exact(summary.median), ReportNumber.exact(summary.stddev),
                                                        ReportNumber.exact(summary.min), ReportNumber.exact(summary.max))
                row[19] = timeline.unit ?? ""
                row[20] = point.verdict?.kind.rawValue ?? ""
                row[21] = point.verdict.map { BenchmarkChange.outcome(of: $0).rawValue } ?? ""
                (row[22], row[23], row[24]) = (ReportNumber.exact(point.verdict?.change?.estimate), ReportNumber.exact(point.verdict?.change?.lower),
                                               ReportNumber.exact(point.verdict?.change?.upper))
                row[25] = ReportNumber.exact(point.verdict.flatMap(BenchmarkChange.pValue(of:)))
                row[26] = point.tags.joined(separator: " ")
            case .baseline(let event):
                row[0] = "baseline_\(event.action.rawValue)"
                row[1] = event.createdAt
                row[4] = event.commit.hex
                row[5] = event.host
                row[8] = event.runSetID ?? ""
                row[9] = event.metaSeed.map(String.init) ?? ""
                row[27] = event.notes ?? ""
            case .reference(let event):
                row[0] = "reference_\(event.action.rawValue)"
                row[1] = event.createdAt
                row[27] = "\(event.contentHash) from run \(event.fromRunID)" + (event.reason.map { ": \($0)" } ?? "")
            }
            table.rows.append(row)
        }
        return table.csv()
    }
}
