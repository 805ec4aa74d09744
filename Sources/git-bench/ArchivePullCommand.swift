import ArgumentParser
import Foundation
import GitBenchKit

struct ArchivePullCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "Import archived run sets into the local store (keyed by the host that measured them); a second pull adds nothing.",
        discussion: """
            Each result must hash to what its manifest entry recorded (65 otherwise, and nothing is imported). Then \
            evaluate --host H judges against host H's baseline.
            Example: git bench archive pull --sha $(git merge-base HEAD origin/main) && git bench evaluate --host ci-runner-1
            """)

    @Option(name: .long, help: "Only this project's run sets.")
    var project: String?

    @Option(name: .long, help: ArgumentHelp("Only run sets from this UTC day on.", valueName: "YYYY-MM-DD"))
    var since: String?

    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp("Only run sets measured at this commit (repeatable).", valueName: "rev"))
    var sha: [String] = []

    @OptionGroup var output: OutputOptions

    func run() throws {
        try CLI.perform {
            let harness = try CLI.harness(for: output)
            var commits: [String] = []
            if !sha.isEmpty {
                let repository = try Repository.discover(from: CLI.currentDirectory)
                commits = try sha.map { try repository.resolveCommit($0).hex }
            }
            let configuration = try harness.archiveConfiguration(from: CLI.currentDirectory)
            let outcome = try harness.pullArchive(ArchivePull.Filter(project: project, since: since, commits: commits), configuration: configuration)
            try output.print(outcome) { ArchiveText.render(pull: outcome) }
        }
    }
}
