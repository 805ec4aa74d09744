/// What `projects` prints: one row per registered project with its number of benchmarks and its root, or why its
/// manifest cannot be read.
///
///     project  benchmarks  root
///     Sample   7           /src/sample
///     Old      -           /src/old (no bench/manifest.toml in /src/old)
public enum ProjectTable {
    /// The table of `projects`, by name as given; a hint when there are none.
    public static func render(_ projects: [ProjectSummary]) -> String {
        guard !projects.isEmpty else { return "no registered projects; `git bench register` in a repository registers one\n" }
        let width = max(7, projects.map(\.name.count).max() ?? 0)
        func pad(_ text: String, _ width: Int) -> String { text.padding(toLength: width, withPad: " ", startingAt: 0) }
        var lines = [pad("project", width) + "  benchmarks  root"]
        for project in projects {
            let count = project.benchmarks.map(String.init) ?? "-"
            lines.append(pad(project.name, width) + "  " + pad(count, 10) + "  " + project.path + (project.problem.map { " (\($0))" } ?? ""))
        }
        return lines.map { $0 + "\n" }.joined()
    }
}
