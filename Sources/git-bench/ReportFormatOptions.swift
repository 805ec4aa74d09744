import ArgumentParser
import GitBenchKit

extension ReportFormat: ExpressibleByArgument {}

/// `--format table|json|csv|markdown` of the reports; `--json` is the same as `--format json`.
struct ReportFormatOptions: ParsableArguments {
    @Option(name: .long, help: "table, json, csv or markdown.")
    var format: ReportFormat?

    /// The format asked for, `fallback` when none.
    func resolved(_ output: OutputOptions, fallback: ReportFormat = .table) -> ReportFormat {
        output.json ? .json : (format ?? fallback)
    }

    /// Prints `render(format)`, coloured for a terminal only as a table.
    static func print(_ text: String, format: ReportFormat) {
        Swift.print(format == .table ? CLI.colored(text) : text, terminator: "")
    }
}
