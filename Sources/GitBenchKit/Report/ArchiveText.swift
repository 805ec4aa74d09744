import Foundation

/// The text of the `archive` commands: one line per result archived, failed or skipped, then what was refreshed.
public enum ArchiveText {
    /// `archived bench_… → runs/2026-05-08/local-ad-hoc/parse/results-20260508T140309Z-1a2b3c4.json.gz`, one line per
    /// run set, then the failures, skips, refreshed public objects and warnings, and a closing count.
    public static func render(_ outcome: ArchiveOutcome) -> String {
        if outcome.dryRun {
            var out = ""
            for item in outcome.planned { out += "would archive \(item.label) → \(item.resultKey)\n" }
            for item in outcome.skipped { out += "skipped \(item.label): \(item.reason)\n" }
            out += "dry run: \(outcome.planned.count) to archive, \(outcome.skipped.count) skipped; nothing written\n"
            return out
        }
        var out = render(outcome.report, skipped: outcome.skipped.map { ($0.label, $0.reason) })
        out += "archive: \(outcome.archive)\n"
        return out
    }

    /// The lines of one upload; `skipped` are (label, reason) pairs left out before it.
    public static func render(_ report: ArchiveReport, skipped: [(String, String)]) -> String {
        var out = ""
        for item in report.archived {
            out += "\(item.alreadyArchived ? "already archived" : "archived") \(item.label) → \(item.entry.resultKey)\n"
        }
        for failure in report.failures { out += "FAILED \(failure.label): \(failure.reason)\n" }
        for (label, reason) in skipped { out += "skipped \(label): \(reason)\n" }
        for key in report.published { out += "refreshed \(key)\n" }
        for warning in report.warnings { out += "warning: \(warning)\n" }
        let newly = report.archived.filter { !$0.alreadyArchived }.count
        out += "\(newly) archived, \(report.archived.count - newly) already there, \(report.failures.count) failed, \(skipped.count) skipped; "
            + "\(report.objectsWritten) object(s) written\n"
        return out
    }

    /// `archive selftest`: one line per check of each store, `ok`/`FAILED`, then the verdict on conditional writes.
    public static func render(selftest results: [(store: String, outcome: ArchiveProbe.Outcome)]) -> String {
        var out = ""
        for (store, outcome) in results {
            for check in outcome.checks {
                out += "\(check.passed ? "ok" : "FAILED") \(store): \(check.name): \(check.detail)\n"
            }
            if outcome.reachable && !outcome.honoursConditionalWrites {
                out += "warning: \(store) ignores conditional writes and cannot be trusted with concurrent writers; "
                    + "archives write entry objects only, and `archive rebuild-trajectory` merges them\n"
            }
        }
        return out
    }
}

extension ArchiveText {
    /// `archive pull`: `pulled 3 run set(s): 60 row(s), 1 baseline event(s); 2 already here`, then the ids.
    public static func render(pull outcome: ArchivePull.Outcome) -> String {
        var out = "pulled \(outcome.pulled.count) run set(s): \(outcome.runs.written) row(s), \(outcome.baselineEvents.written) baseline event(s); "
            + "\(outcome.alreadyHere.count) already here\n"
        for id in outcome.pulled { out += "  \(id)\n" }
        return out
    }
}

extension ArchiveText {
    /// `archive rebuild-trajectory`: the days read and repaired, the keys written, the warnings.
    public static func render(rebuild outcome: TrajectoryRebuildOutcome) -> String {
        var out = ""
        for key in outcome.written { out += "wrote \(key)\n" }
        for warning in outcome.warnings { out += "warning: \(warning)\n" }
        out += "\(outcome.daysRead) day(s), \(outcome.entries) run(s); \(outcome.daysRepaired.count) manifest(s) repaired; \(outcome.written.count) object(s) written\n"
        return out
    }
}
