import ArgumentParser
import Foundation
import GitBenchKit

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Judge B against A per benchmark: both summaries, the change with its CI and p-value, the verdict, a box plot.",
        discussion: """
            A and B are run-set ids, commits, branches, tags (bench/m19, v0.14.0) or `baseline` (the baseline pointer). \
            A commit stands for the newest complete candidate group measured there (this host's, else any host's with a \
            warning). The verdict is the gate's, as if B were the candidate and A the baseline; against `baseline` it is \
            exactly `evaluate`'s.
            Example: git bench compare v0.14.0 HEAD --only-changed --format markdown
            """)

    @Argument(help: "The base side (A).")
    var base: String

    @Argument(help: "The side judged against A (B).")
    var head: String

    @Argument(help: "Only these benchmarks (default: every benchmark A or B measured).", completion: .benchmarks)
    var benchmarks: [String] = []

    @Flag(name: .long, help: "Show only the benchmarks that significantly regressed or improved.")
    var onlyChanged = false

    @Flag(name: .long, help: "Count rows measured on a dirty tree.")
    var includeDirty = false

    @OptionGroup var report: ReportFormatOptions
    @OptionGroup var options: ProjectOptions

    func run() throws {
        try CLI.perform {
            let harness = try CLI.harness(for: options.output)
            let project = try CLI.project(options, harness: harness)
            var comparison = try harness.compare(base, head, benchmarks: benchmarks, in: project, options: EvaluateOptions(includeDirty: includeDirty))
            if onlyChanged { comparison = comparison.onlyChanged }
            let format = report.resolved(options.output)
            ReportFormatOptions.print(try ComparisonReport.render(comparison, format: format), format: format)
        }
    }
}
