import Foundation

/// What `history` prints: the benchmark, then one timeline newest first, runs and events together.
///
///     Sample/quality
///       2026-03-01T12:10:00.000Z  run 29 5a3e7109db candidate seed=404285457 metric=1.489285299 wall=0.012s
///       2026-03-01T12:05:00.000Z  reference freeze sha256:ad7c2832fa17… from run 30
///       2026-03-01T12:00:00.000Z  baseline establish -> fb7abc811a host=ci meta_seed=none
public enum HistoryTimeline {
    /// The timeline of `history`, every line ending in a newline.
    public static func render(_ history: History) -> String {
        var lines = ["\(history.project)/\(history.benchmark)"]
        for entry in history.timeline {
            switch entry {
            case .baseline(let event):
                lines.append("  \(event.createdAt)  baseline \(event.action.rawValue) -> \(event.commit.short) host=\(event.host)"
                             + " meta_seed=\(event.metaSeed.map(String.init) ?? "none")\(event.notes.map { "  notes: \($0)" } ?? "")")
            case .reference(let event):
                lines.append("  \(event.createdAt)  reference \(event.action.rawValue) \(event.contentHash.prefix(19))… from run \(event.fromRunID)"
                             + (event.reason.map { "  reason: \($0)" } ?? ""))
            case .run(let run):
                let outcome = run.status == .ok ? "metric=\(run.metric.map(MetricText.string) ?? "-")" : "error: \(run.message ?? "")"
                lines.append("  \(run.timestamp)  run \(run.id) \(run.shortSHA)\(run.isDirty ? "+dirty" : "") \(run.role.rawValue) seed=\(run.seed)"
                             + " \(outcome) wall=\(String(format: "%.3f", run.wallClockSeconds))s")
            }
        }
        return lines.map { $0 + "\n" }.joined()
    }
}
