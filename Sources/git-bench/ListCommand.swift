import ArgumentParser
import Foundation
import GitBenchKit

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the project's benchmarks: tier, repetitions, threads, gpu, corpus state and baseline.",
        discussion: "Example: git bench list --json")

    @OptionGroup var options: ProjectOptions

    func run() throws {
        try CLI.perform {
            let harness = try CLI.harness(for: options.output)
            let project = try CLI.project(options, harness: harness, showWarnings: true)
            let listing = try ProjectListing(project, evaluation: harness.evaluation)
            try options.output.print(listing) { BenchmarkTable.render(listing) }
        }
    }
}
