import ArgumentParser
import Foundation
import GitBenchKit

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the run store's hash chains and recorded tips; exit 1 names the first row that does not hold.",
        discussion: """
            The runs, baseline events and reference events are hash-chained; store.sqlite3.tip beside the store \
            records each chain's tip, so rows missing from the end are found too.

            Example: git bench verify --against-notes
            """)

    @Flag(name: .long, help: "Also check the store tips this host recorded in the verdict notes of the repository here.")
    var againstNotes = false

    @OptionGroup var output: OutputOptions

    func run() throws {
        try CLI.perform {
            let report = try CLI.harness(for: output).verify(notesFrom: againstNotes ? CLI.currentDirectory : nil)
            try output.print(report) { ChainCheckLine.render(report) }
            if !report.isIntact { throw ExitCode(1) }
        }
    }
}
