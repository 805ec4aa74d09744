import Foundation

/// What `compare` prints: per benchmark the verdict and how it moved, the relative change with its interval and
/// p-value, both sides' mean ± CI and n, and a text box plot of each side on a shared scale.
///
///     A: v0.14.0 (1a2b3c4d5e)
///     B: 5a3e7109db
///
///     Sample/quality  REJECT  regressed  +5.41% [+2.10%, +8.70%]  p 0.0031
///       A  1 ± 0.002 s   n=6  ├─[═|]─┤
///       B  1.055 ± 0.003 s  n=6                      ├[═|═]┤
public enum ComparisonReport {
    public static func render(_ comparison: Comparison, format: ReportFormat) throws -> String {
        switch format {
        case .json: return try JSONDocument.render(comparison)
        case .csv: return ChangeRows.csv(comparison.changes)
        case .table: return text(comparison)
        case .markdown: return markdown(comparison)
        }
    }

    static func text(_ comparison: Comparison) -> String {
        var out = "A: \(comparison.base)\nB: \(comparison.head)\n"
        if comparison.changes.isEmpty { return out + "\nno benchmark to compare\n" }
        for change in comparison.changes {
            out += "\n\(change.project)/\(change.benchmark)  \(change.verdict.kind.rawValue)  \(ChangeRows.outcome(change.outcome))  "
                + "\(ReportNumber.change(change.verdict.change))  p \(ReportNumber.probability(change.pValue))\n"
            let sides = [("A", change.base), ("B", change.head)]
            var table = ReportTable(columns: ["", "", "", ""])
            let scale = BoxPlotText.range(sides.map { $0.1?.quartiles })
            for (name, point) in sides {
                guard let point else {
                    table.rows.append([name, "not measured", "", ""])
                    continue
                }
                let plot = scale.flatMap { scale in point.quartiles.map { BoxPlotText.draw($0, low: scale.low, high: scale.high) } } ?? ""
                table.rows.append([name, ReportNumber.mean(point.summary, unit: change.unit), "n=\(point.summary.n)", plot])
            }
            out += table.text(indent: "  ", showsHeader: false)
            if let scale {
                out += "    scale \(ReportNumber.value(scale.low)) … \(ReportNumber.value(scale.high))\(change.unit.map { " " + $0 } ?? "")\n"
            }
            for warning in change.warnings { out += "  warning: \(warning)\n" }
            if change.outcome == .notEnoughData { out += "  \(change.verdict.reason)\n" }
        }
        return out
    }

    static func markdown(_ comparison: Comparison) -> String {
        var out = "**A:** \(RunExportWriter.markdownCell(comparison.base)) · **B:** \(RunExportWriter.markdownCell(comparison.head))\n\n"
        out += ChangeRows.table(comparison.changes, distribution: true).markdown()
        let warnings = comparison.changes.flatMap { change in change.warnings.map { "\(change.project)/\(change.benchmark): \($0)" } }
        if !warnings.isEmpty { out += "\n" + warnings.map { "- ⚠ \(RunExportWriter.markdownCell($0))\n" }.joined() }
        return out
    }
}

/// The rows `compare` and `summary` share: one per benchmark.
enum ChangeRows {
    static func outcome(_ outcome: BenchmarkChange.Outcome) -> String {
        switch outcome {
        case .regressed: return "regressed"
        case .improved: return "improved"
        case .unchanged: return "unchanged"
        case .notEnoughData: return "not enough data"
        }
    }

    static func sizes(_ change: BenchmarkChange) -> String {
        "\(change.base.map { "\($0.summary.n)" } ?? "-") → \(change.head.map { "\($0.summary.n)" } ?? "-")"
    }

    /// For people: the verdict, the change with its interval, p, z, both means and n.
    static func table(_ changes: [BenchmarkChange], distribution: Bool) -> ReportTable {
        var columns = ["benchmark", "outcome", "verdict", "change [95% CI]", "p", "z", "A mean", "B mean", "n (A → B)"]
        if distribution { columns.append("distribution (A / B)") }
        var table = ReportTable(columns: columns, numeric: [4, 5, 6, 7])
        for change in changes {
            var row = ["\(change.project)/\(change.benchmark)", outcome(change.outcome), change.verdict.kind.rawValue, ReportNumber.change(change.verdict.change),
                       ReportNumber.probability(change.pValue), change.verdict.statistic.map { String(format: "%+.2f", $0) } ?? "-",
                       change.base.map { ReportNumber.mean($0.summary, unit: change.unit) } ?? "-",
                       change.head.map { ReportNumber.mean($0.summary, unit: change.unit) } ?? "-", sizes(change)]
            if distribution {
                let scale = BoxPlotText.range([change.base?.quartiles, change.head?.quartiles])
                let plots = [change.base, change.head].map { point in
                    scale.flatMap { scale in point?.quartiles.map { "`" + BoxPlotText.draw($0, low: scale.low, high: scale.high, width: 20) + "`" } } ?? "-"
                }
                row.append(plots.joined(separator: "<br>"))
            }
            table.rows.append(row)
        }
        return table
    }

    /// Exact values for scripts: both sides' summaries and quartiles, the verdict and the change.
    static func csv(_ changes: [BenchmarkChange]) -> String {
        let side = ["commit", "host", "run_set_id", "dirty", "n", "failed", "mean", "ci_low", "ci_high", "stddev", "min", "q1", "median", "q3", "max"]
        var table = ReportTable(columns: ["project", "benchmark", "unit", "direction"] + side.map { "a_" + $0 } + side.map { "b_" + $0 }
                                + ["verdict", "outcome", "change", "change_low", "change_high", "p_value", "statistic", "threshold", "warnings"])
        func cells(_ point: RunSetPoint?) -> [String] {
            guard let point else { return Array(repeating: "", count: side.count) }
            let summary = point.summary
            return [point.commit, point.host, point.runSetID, point.isDirty ? "true" : "false", "\(summary.n)", "\(point.failed)",
                    ReportNumber.exact(summary.mean), ReportNumber.exact(summary.meanInterval?.lower), ReportNumber.exact(summary.meanInterval?.upper),
                    ReportNumber.exact(summary.stddev), ReportNumber.exact(point.quartiles?.min), ReportNumber.exact(point.quartiles?.q1),
                    ReportNumber.exact(point.quartiles?.median), ReportNumber.exact(point.quartiles?.q3), ReportNumber.exact(point.quartiles?.max)]
        }
        for change in changes {
            let verdict = change.verdict
            table.rows.append([change.project, change.benchmark, change.unit ?? "", change.direction?.rawValue ?? ""] + cells(change.base) + cells(change.head)
                              + [verdict.kind.rawValue, change.outcome.rawValue, ReportNumber.exact(verdict.change?.estimate),
                                 ReportNumber.exact(verdict.change?.lower), ReportNumber.exact(verdict.change?.upper), ReportNumber.exact(change.pValue),
                                 ReportNumber.exact(verdict.statistic), ReportNumber.exact(verdict.threshold), change.warnings.joined(separator: "; ")])
        }
        return table.csv()
    }
}
