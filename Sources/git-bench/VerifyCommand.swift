import ArgumentParser
import Foundation
import GitBenchKit

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the run store's hash chain; exit 1 names the first row that does not hold.",
        discussion: "Example: git bench verify")

    @OptionGroup var output: OutputOptions

    func run() throws {
        try CLI.perform {
            let report = try CLI.harness(for: output).verify()
            try output.print(report) { ChainCheckLine.render(report) }
            if !report.isIntact { throw ExitCode(1) }
        }
    }
}
