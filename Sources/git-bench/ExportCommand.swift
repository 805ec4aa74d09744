import ArgumentParser
import Foundation
import GitBenchKit

extension RunExportFormat: ExpressibleByArgument {}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write every repetition with its provenance (commit, dirty, host, seeds, run set, wall, CPU, peak RSS, status, message).",
        discussion: """
            Formats: csv (RFC 4180, opens in a spreadsheet), json (one array), jsonl (one object per line), markdown. Rows \
            are streamed oldest first, so a million of them never sit in memory. Every project's rows unless --project.
            Example: git bench export --format csv --benchmark compress_speed --since 2026-11-01 > runs.csv
            """)

    @Option(name: .long, help: "csv, json, jsonl or markdown.")
    var format: RunExportFormat = .csv

    @Option(name: .long, help: "Only rows at or after this date (YYYY-MM-DD or ISO 8601, UTC).")
    var since: String?

    @Option(name: .long, help: "Only this benchmark's rows.", completion: .benchmarks)
    var benchmark: String?

    @Option(name: .long, help: "Only this project's rows.")
    var project: String?

    func validate() throws {
        if let since, !Timestamp.startsWithCalendarDay(since) {
            throw ValidationError("'--since' must be a date that exists, like 2026-11-01 (got \(since))")
        }
    }

    func run() throws {
        try CLI.perform {
            let harness = try CLI.harness(showsProgress: false)
            let output = FileHandle.standardOutput
            var writer = RunExportWriter(format: format) { output.write($0) }
            writer.begin()
            try harness.exportRows(RunStore.RunSelection(project: project, benchmark: benchmark, since: since)) { writer.write($0) }
            writer.end()
        }
    }
}
