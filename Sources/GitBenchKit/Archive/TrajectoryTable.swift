import Foundation

/// `archive trajectory [--bench B]`: the seed's "how have we trended" view, one Markdown table per bench.
///
/// Columns: date, stage, sha, overall, n, one column per category (the union of the bench's category names, sorted
/// by code point), ship label. Fractions print as percents with one decimal, other measures with their unit (as on the
/// badge); `n` is `n_questions`, or a git-bench run set's repetitions; an empty cell is `—`. Rows keep trajectory
/// order, so the same runs always give the same bytes.
public enum TrajectoryTable {
    public static func markdown(_ trajectories: [Trajectory]) -> String {
        guard !trajectories.isEmpty else { return "No archived runs.\n" }
        return trajectories.map(table).joined(separator: "\n")
    }

    private static func table(_ trajectory: Trajectory) -> String {
        var out = "## \(cell(trajectory.bench))\n\n"
        let runs = trajectory.runs.sorted(by: TrajectoryPoint.precedes)
        guard !runs.isEmpty else { return out + "No archived runs.\n" }
        let categories = Set(runs.flatMap(\.categories.keys)).sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) { $0.value < $1.value } }
        let header = ["date", "stage", "sha", "overall", "n"] + categories + ["ship label"]
        let alignment = ["---", "---", "---", "---:", "---:"] + categories.map { _ in "---:" } + ["---"]
        out += row(header.map(cell)) + row(alignment)
        for run in runs {
            let n = (run.nQuestions ?? run.n).map(String.init)
            let cells = [run.date, run.stage, run.sha, run.overall.map { value(run, $0) }, n]
                + categories.map { name in run.categories[name].map { value(run, $0) } }
                + [run.shipLabel]
            out += row(cells.map { $0.map(cell) ?? "—" })
        }
        return out
    }

    private static func value(_ run: TrajectoryPoint, _ number: Double) -> String {
        switch run.metricKind {
        case .fraction: return Badge.percent(number)
        case .measure(let unit): return Badge.measure(number, unit: unit)
        }
    }

    private static func row(_ cells: [String]) -> String {
        "| " + cells.joined(separator: " | ") + " |\n"
    }

    /// A table cell: `|` escaped, line breaks as spaces, so a free-text label cannot break the table.
    private static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\r\n", with: " ")
            .replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
    }
}
