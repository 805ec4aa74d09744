import Foundation

/// What `releases` prints: one row per released package version, newest first, with each bench's frozen score and its
/// change from the package's previous release.
///
///     package             version  cycle  released    locomo                            longmemeval
///     astrocyte           0.14.0   m19    2026-05-30  84.10% (n=200, 2 runs) +1.20 pp   72.50% (n=?, 2 runs)
///     astrocyte           0.13.0   m18b   2026-04-02  82.90% (n=200, 2 runs)            -
public enum ReleasesTable {
    /// The table; when there is no release, one line saying so (`fileExists` tells a missing file from an empty one).
    public static func render(_ history: ReleaseHistory, fileExists: Bool) -> String {
        guard !history.releases.isEmpty else {
            return fileExists ? "no releases recorded in \(BenchParity.fileName)\n"
                : "no \(BenchParity.fileName) in this repository: no releases recorded\n"
        }
        let header = ["package", "version", "cycle", "released"] + history.benches
        let rows = history.releases.map { entry in
            [entry.package, entry.version, entry.benchCycle, entry.releasedAt] + history.benches.map { cell(entry.scores[$0]) }
        }
        var widths = header.map(\.count)
        for row in rows {
            for (index, text) in row.enumerated() { widths[index] = max(widths[index], text.count) }
        }
        return ([header] + rows).map { row in
            let padded = row.enumerated().map { index, text in
                index == row.count - 1 ? text : text.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }
            return String(padded.joined(separator: "  ").reversed().drop { $0 == " " }.reversed()) + "\n"
        }.joined()
    }

    /// `84.10% (n=200, 2 runs) +1.20 pp`: a fraction as a percentage; `n=?` when the runs disagreed.
    static func cell(_ score: ReleaseHistory.BenchScore?) -> String {
        guard let score else { return "-" }
        let fraction = (0...1).contains(score.overall)
        let value = fraction ? String(format: "%.2f%%", score.overall * 100) : String(format: "%.4f", score.overall)
        let n = score.nQuestions.map(String.init) ?? "?"
        let runs = score.runs.map { $0 == 1 ? "1 run" : "\($0) runs" } ?? "? runs"
        var text = "\(value) (n=\(n), \(runs))"
        if let change = score.change {
            switch change.unit {
            case .percentagePoints: text += String(format: " %+.2f pp", change.delta)
            case .points: text += String(format: " %+.4f", change.delta)
            }
        }
        return text
    }
}
