import ArgumentParser
import Foundation
import GitBenchKit

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show a benchmark's run sets, baseline moves and reference events as one timeline, newest first.",
        discussion: """
            Each run set shows its commit, host, n, mean ± 95% CI and, for a candidate, the verdict it earned against \
            the baseline this host had when it was measured, with the relative change, its interval and p. --runs lists \
            every repetition instead.
            Example: git bench history compress_speed --since 2026-11-01 --limit 20 --format markdown
            """)

    @Argument(help: "The benchmark.", completion: .benchmarks)
    var benchmark: String

    @Option(name: .long, help: "Only entries at or after this date (YYYY-MM-DD or ISO 8601, UTC).")
    var since: String?

    @Option(name: .long, help: "Only runs and baseline moves at a commit starting with this prefix.")
    var gitSha: String?

    @Option(name: .long, help: "At most this many entries (run sets, or repetitions with --runs, and events together).")
    var limit: Int?

    @Flag(name: .long, help: "List every repetition rather than one line per run set.")
    var runs = false

    @OptionGroup var report: ReportFormatOptions
    @OptionGroup var options: ProjectOptions

    func validate() throws {
        if runs, let format = report.format, format != .table, format != .json {
            throw ValidationError("'--runs' prints a table or JSON; `git bench export --format \(format.rawValue)` writes every repetition")
        }
        if let limit, limit < 1 { throw ValidationError("'--limit' must be at least 1 (got \(limit))") }
        if let since, !Timestamp.startsWithCalendarDay(since) {
            throw ValidationError("'--since' must be a date that exists, like 2026-11-01 (got \(since))")
        }
        if let gitSha, gitSha.range(of: "^[0-9a-fA-F]{1,40}$", options: .regularExpression) == nil {
            throw ValidationError("'--git-sha' must be a hex commit prefix (got \(gitSha))")
        }
    }

    func run() throws {
        try CLI.perform {
            let harness = try CLI.harness(for: options.output)
            let project = try CLI.project(options, harness: harness)
            _ = try project.benchmark(named: benchmark)
            guard !runs else {
                let history = try harness.history(project: project.name, benchmark: benchmark, since: since, shaPrefix: gitSha, limit: limit)
                return try options.output.print(history) { HistoryTimeline.render(history) }
            }
            let timeline = try harness.timeline(benchmark, in: project, query: .init(since: since, shaPrefix: gitSha, limit: limit))
            let format = report.resolved(options.output)
            ReportFormatOptions.print(try TimelineReport.render(timeline, format: format), format: format)
        }
    }
}
