import ArgumentParser
import Foundation
import GitBenchKit

struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Summarize a revision's or range's verdicts for a PR or CI job summary; exit with the worst verdict's code.",
        discussion: """
            With no range: HEAD against the baseline, as `evaluate` judges it. With one revision: that commit. With A..B: \
            for each benchmark the newest commit of the range it was measured at, against A's own runs when A was \
            measured, else the baseline. Leads with the counts (regressed, improved, unchanged, not enough data), lists \
            the significant changes first and names every benchmark without enough data and every host mismatch.
            Exit status: 1 when anything regressed, else 2 when anything lacks data, else 0.
            Example: git bench summary origin/main..HEAD --format markdown >> "$GITHUB_STEP_SUMMARY"
            """)

    @Argument(help: "A revision or range (A..B); default HEAD.")
    var range: String?

    @Flag(name: .long, help: "Count rows measured on a dirty tree.")
    var includeDirty = false

    @Option(name: .long, help: "Judge against this host's baseline (one `archive pull` brought in).")
    var host: String?

    @OptionGroup var report: ReportFormatOptions
    @OptionGroup var options: ProjectOptions

    func run() throws {
        try CLI.perform {
            let harness = try CLI.harness(for: options.output)
            let project = try CLI.project(options, harness: harness)
            let summary = try harness.summary(range: range, in: project, options: EvaluateOptions(includeDirty: includeDirty, baselineHost: host))
            let format = report.resolved(options.output)
            ReportFormatOptions.print(try ChangeSummaryReport.render(summary, format: format), format: format)
            switch summary.worst {
            case .regressed: throw ExitCode(1)
            case .notEnoughData: throw ExitCode(2)
            case .improved, .unchanged, nil: return
            }
        }
    }
}
