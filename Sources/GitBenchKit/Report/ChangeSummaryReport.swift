import Foundation

/// What `summary` prints, for a PR comment or `$GITHUB_STEP_SUMMARY`: the verdict counts first, then only the
/// significant changes (regressions first, each with its change, interval, p, z and n), then every benchmark that
/// lacks data and every host mismatch by name, and the unchanged last, folded.
public enum ChangeSummaryReport {
    public static func render(_ summary: ChangeSummary, format: ReportFormat) throws -> String {
        switch format {
        case .json: return try JSONDocument.render(summary)
        case .csv: return ChangeRows.csv(summary.changes)
        case .table: return text(summary)
        case .markdown: return markdown(summary)
        }
    }

    /// `1 regressed, 0 improved, 8 unchanged, 1 not enough data`.
    public static func counts(_ summary: ChangeSummary) -> String {
        "\(summary.count(.regressed)) regressed, \(summary.count(.improved)) improved, \(summary.count(.unchanged)) unchanged, "
            + "\(summary.count(.notEnoughData)) not enough data"
    }

    static func text(_ summary: ChangeSummary) -> String {
        var out = "git-bench: \(counts(summary))\n\(summary.head) against \(summary.base)\n"
        guard !summary.changes.isEmpty else { return out + "\nno benchmark\n" }
        out += "\n" + ChangeRows.table(summary.changes, distribution: false).text()
        for change in summary.changes where change.outcome == .notEnoughData {
            out += "\(change.verdict.kind.rawValue) \(change.project)/\(change.benchmark): \(change.verdict.reason)\n"
        }
        for change in summary.changes { for warning in change.warnings { out += "warning: \(change.project)/\(change.benchmark): \(warning)\n" } }
        return out
    }

    static func markdown(_ summary: ChangeSummary) -> String {
        let cell = RunExportWriter.markdownCell
        var out = "## git-bench: \(counts(summary))\n\n\(cell(summary.head)) against \(cell(summary.base)).\n"
        let significant = summary.changes.filter { $0.outcome == .regressed || $0.outcome == .improved }
        if !significant.isEmpty {
            out += "\n### Significant changes\n\n" + ChangeRows.table(significant, distribution: false).markdown()
        }
        let lacking = summary.changes.filter { $0.outcome == .notEnoughData }
        if !lacking.isEmpty {
            out += "\n### Not enough data\n\n"
            for change in lacking { out += "- **\(change.verdict.kind.rawValue)** \(cell(change.project))/\(cell(change.benchmark)): \(cell(change.verdict.reason))\n" }
        }
        let mismatched = summary.changes.filter { !$0.warnings.isEmpty }
        if !mismatched.isEmpty {
            out += "\n### Warnings\n\n"
            for change in mismatched { for warning in change.warnings { out += "- \(cell(change.project))/\(cell(change.benchmark)): \(cell(warning))\n" } }
        }
        let unchanged = summary.changes.filter { $0.outcome == .unchanged }
        if !unchanged.isEmpty {
            out += "\n<details><summary>\(unchanged.count) unchanged</summary>\n\n" + ChangeRows.table(unchanged, distribution: false).markdown()
                + "\n</details>\n"
        }
        return out
    }
}
