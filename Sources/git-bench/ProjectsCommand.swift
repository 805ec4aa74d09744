import ArgumentParser
import Foundation
import GitBenchKit

struct ProjectsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "projects",
        abstract: "List the registered projects: name, number of benchmarks and repository root.",
        discussion: """
            A project whose manifest cannot be read now (its repository moved, its manifest broke) shows why instead of a count.
            Example: git bench projects --json
            """)

    @OptionGroup var output: OutputOptions

    func run() throws {
        try CLI.perform {
            let projects = try CLI.harness(for: output).projects()
            try output.print(["projects": projects]) { ProjectTable.render(projects) }
        }
    }
}
