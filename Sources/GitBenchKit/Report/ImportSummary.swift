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

/// The line `import benchstone` keeps rewriting on a terminal while it reads the source's runs.
public enum ImportProgressLine {
    /// "importing runs: 340,000 of 1,000,000 (34%), 21,400 runs/s, about 0:31 left"; "…, finishing" once every run
    /// is read.
    public static func render(done: Int, total: Int, elapsedSeconds: Double) -> String {
        let percent = total > 0 ? min(100, done * 100 / total) : 100
        var line = "importing runs: \(grouped(done)) of \(grouped(total)) (\(percent)%)"
        if elapsedSeconds > 0 && done > 0 {
            let rate = Double(done) / elapsedSeconds
            line += ", \(grouped(Int(rate))) runs/s"
            if done < total { line += ", about \(ElapsedTime.clock(Double(total - done) / rate)) left" }
        }
        // Building the indexes and committing a large import still take a while after the last row.
        if done >= total { line += ", finishing" }
        return line
    }

    /// 1234567 → "1,234,567".
    static func grouped(_ number: Int) -> String {
        let digits = Array(String(number.magnitude))
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return (number < 0 ? "-" : "") + text
    }
}
