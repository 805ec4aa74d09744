import ArgumentParser
import Foundation
import GitBenchKit

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import another harness's history into the store.",
        discussion: "Example: git bench import benchstone ~/.local/share/benchstone/store.db --references ~/.local/share/benchstone/references",
        subcommands: [BenchstoneCommand.self])

    struct BenchstoneCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "benchstone",
            abstract: "Import a benchstone store: its runs, baseline pointers and frozen references.",
            discussion: """
                Every row keeps benchstone's id (metadata.benchstone_run_id), host and timestamp; artifacts are copied after \
                their SHA-256 is checked. Importing the same store again adds nothing.
                Example: git bench import benchstone ~/.local/share/benchstone/store.db
                """)

        @Argument(help: "benchstone's store.db (opened read-only).")
        var store: String

        @Option(name: .long, help: ArgumentHelp("benchstone's references directory (default: references/ beside the store).", valueName: "DIR"))
        var references: String?

        @OptionGroup var output: OutputOptions

        func run() throws {
            try CLI.perform {
                let harness = try CLI.harness(for: output)
                let console = harness.console
                let start = Date()
                var shown = Date.distantPast
                // On a terminal only: a log would get a line per thousand runs.
                let progress: ((Int, Int) -> Void)? = console.isTTY && console.showsProgress ? { done, total in
                    guard Date().timeIntervalSince(shown) >= 0.2 || done == total else { return }
                    shown = Date()
                    console.ticker(ImportProgressLine.render(done: done, total: total, elapsedSeconds: shown.timeIntervalSince(start)))
                } : nil
                let report = try harness.importBenchstone(store: URL(fileURLWithPath: store),
                                                          references: references.map { URL(fileURLWithPath: $0) }, progress: progress)
                console.clearTicker()
                try output.print(report) { ImportSummary.render(report) }
            }
        }
    }
}
