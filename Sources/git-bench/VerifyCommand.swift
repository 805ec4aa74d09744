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
            if output.json {
                try CLI.printJSON(report)
            } else if report.isIntact {
                print("OK: \(report.checkedRows) run(s), hash chain intact")
            } else if let row = report.firstBadRowID {
                print("BROKEN at row \(row): \(report.problem ?? "")")
            } else {
                print("BROKEN: sqlite integrity_check says \(report.integrity ?? "nothing")")
            }
            if !report.isIntact { throw ExitCode(1) }
        }
    }
}
