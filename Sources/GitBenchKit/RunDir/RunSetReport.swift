import Foundation

/// Renders `RUN_REPORT.md` from a run set's summary and provenance. It only formats: every number comes from the
/// `RunSummary` (computed in Gate/), nothing is recomputed here.
public enum RunSetReport {
    /// The Markdown report.
    public static func markdown(summary: RunSummary, provenance: RunProvenance) -> String {
        var lines: [String] = []
        lines.append("# Run report: \(summary.project)/\(summary.benchmark)")
        lines.append("")
        let tree = provenance.git.isDirty ? "dirty" : "clean"
        let seeds = summary.metaSeed.map { "meta_seed \($0)" } ?? "baseline seeds"
        lines.append("Run set `\(summary.runSetID)` at commit `\(provenance.git.sha.hex)` (\(tree)) on host `\(provenance.host)`; "
                     + "\(summary.role.rawValue), \(seeds).")
        lines.append("")
        lines.append("| measure | value |")
        lines.append("|---|---|")
        var repetitions = "\(summary.okCount) ok, \(summary.errorCount) error of \(summary.planned) planned"
        if summary.superseded > 0 { repetitions += "; \(summary.superseded) superseded row(s)" }
        if !summary.missingIndices.isEmpty { repetitions += "; missing \(summary.missingIndices.map(String.init).joined(separator: ", "))" }
        lines.append("| repetitions | \(repetitions) |")
        let metric = summary.metric
        lines.append("| mean | \(number(metric.mean)) |")
        lines.append("| median | \(number(metric.median)) |")
        lines.append("| stddev | \(number(metric.stddev)) |")
        lines.append("| CV | \(metric.coefficientOfVariation.map { String(format: "%.2f%%", $0 * 100) } ?? "-") |")
        lines.append("| min / max | \(number(metric.min)) / \(number(metric.max)) |")
        lines.append("| p95 | \(number(metric.p95)) |")
        let interval = metric.meanInterval.map { "[\(number($0.lower)), \(number($0.upper))]" } ?? "-"
        lines.append("| 95% CI of the mean | \(interval) |")
        lines.append("| max wall clock | \(summary.maxWallClockSeconds.map { String(format: "%.3f s", $0) } ?? "-") |")
        lines.append("| total wall clock | \(String(format: "%.3f s", summary.totalWallClockSeconds)) |")
        lines.append("| total CPU (user + system) | \(summary.totalCPUSeconds.map { String(format: "%.3f s", $0) } ?? "-") |")
        lines.append("| max peak RSS | \(summary.maxPeakRSSBytes.map(bytes) ?? "-") |")
        lines.append("| artifact bytes | \(summary.totalArtifactBytes) |")

        if let verdict = summary.verdict {
            lines.append("")
            lines.append("## Verdict (--until-decided)")
            lines.append("")
            lines.append("**\(verdict.kind.rawValue)**: \(verdict.reason)")
            if let look = verdict.sequential {
                lines.append("")
                lines.append("Look \(look.look) of \(look.plannedLooks) at \(look.repetitions) repetitions (budget \(look.budget)); threshold "
                             + String(format: "%.3f adjusted to %.3f", look.nominalThreshold, look.adjustedThreshold)
                             + " (\(look.method), alpha \(String(format: "%.4g", look.alpha))); stopped: \(look.stoppedBecause).")
            }
        }

        if !summary.failureReasons.isEmpty {
            lines.append("")
            lines.append("## Failures")
            lines.append("")
            lines.append("| count | message |")
            lines.append("|---|---|")
            for reason in summary.failureReasons { lines.append("| \(reason.count) | \(cell(reason.message)) |") }
        }

        let machine = provenance.machine
        lines.append("")
        lines.append("## Machine")
        lines.append("")
        lines.append("- OS: \(machine.osName) \(machine.osRelease) (\(machine.architecture))")
        lines.append("- CPU: \(machine.cpuModel ?? "unknown") × \(machine.cpuCount)")
        lines.append("- memory: \(machine.memoryTotalBytes.map(bytes) ?? "unknown")")
        lines.append("- git-bench \(provenance.versions.gitBench), libgit2 \(provenance.versions.libgit2), SQLite \(provenance.versions.sqlite)")
        lines.append("- manifest \(provenance.manifestHash)" + (provenance.corpusFingerprint.map { ", corpus \($0)" } ?? ""))

        lines.append("")
        lines.append("## Attempts")
        lines.append("")
        lines.append("| # | started | ended | status | repetitions | command |")
        lines.append("|---|---|---|---|---|---|")
        for attempt in provenance.attempts {
            lines.append("| \(attempt.number) | \(attempt.startedAt) | \(attempt.endedAt ?? "-") | \(attempt.status.rawValue) | "
                         + "\(attempt.indices.count) | `\(cell(attempt.argv.joined(separator: " ")))` |")
        }
        lines.append("")
        return lines.joined(separator: "\n")
    }

    private static func number(_ value: Double?) -> String {
        value.map { String(format: "%.6g", $0) } ?? "-"
    }

    private static func bytes(_ value: Int64) -> String {
        value >= 1 << 20 ? String(format: "%.1f MiB", Double(value) / Double(1 << 20)) : String(format: "%.1f KiB", Double(value) / 1024)
    }

    /// A table cell: no pipes or newlines.
    private static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
