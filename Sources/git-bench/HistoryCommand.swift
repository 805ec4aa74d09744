import ArgumentParser
import Foundation
import GitBenchKit

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show a benchmark's runs, baseline moves and reference events as one timeline, newest first.",
        discussion: "Example: git bench history compress_speed --since 2026-11-01 --limit 20")

    @Argument(help: "The benchmark.", completion: .benchmarks)
    var benchmark: String

    @Option(name: .long, help: "Only entries at or after this date (YYYY-MM-DD or ISO 8601, UTC).")
    var since: String?

    @Option(name: .long, help: "Only runs and baseline moves at a commit starting with this prefix.")
    var gitSha: String?

    @Option(name: .long, help: "At most this many entries (runs and events together).")
    var limit: Int?

    @OptionGroup var options: ProjectOptions

    func validate() throws {
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
            let history = try harness.history(project: project.name, benchmark: benchmark, since: since, shaPrefix: gitSha, limit: limit)
            try options.output.print(history) { HistoryTimeline.render(history) }
        }
    }
}
