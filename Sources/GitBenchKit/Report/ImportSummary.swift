/// What `import benchstone` prints for people: the source, what was read, written and already there per table, the
/// artifacts copied and the projects found.
public enum ImportSummary {
    /// The summary, one line per fact, each ending in a newline.
    public static func render(_ report: BenchstoneImportReport) -> String {
        var lines = ["imported \(report.store) as \(report.source)"]
        for (table, tally) in [("runs", report.counts.runs), ("baseline_events", report.counts.baselineEvents),
                               ("reference_events", report.counts.referenceEvents)] {
            lines.append("  \(table): \(tally.read) read, \(tally.written) written, \(tally.alreadyImported) already imported")
        }
        let missing = report.runArtifactsMissing > 0 ? ", \(report.runArtifactsMissing) run artifact(s) missing in benchstone (hashes kept)" : ""
        lines.append("  artifacts: \(report.artifactsCopied) copied\(missing)")
        lines.append("  projects: \(report.projects.isEmpty ? "none" : report.projects.joined(separator: ", "))")
        return lines.map { $0 + "\n" }.joined()
    }
}
