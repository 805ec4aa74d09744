import ArgumentParser
import Foundation
import GitBenchKit

struct ArchiveRescanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rescan",
        abstract: "Archive everything not archived yet: the project's run sets and benchmark-results/<harness>/<bench>/<project>/.",
        discussion: """
            Directories and run sets with _ARCHIVED are skipped (--force archives them again), and so are smoke runs (a stage \
            containing "smoke", or fewer than 30 questions) unless --include-smoke. Every other skip is printed with its reason. \
            A run whose upload failed after run is uploaded here.
            Example: git bench archive rescan --dry-run
            """)

    @Flag(name: .long, help: "Print what would be archived; write nothing (no object, no marker).")
    var dryRun = false

    @Flag(name: .long, help: "Archive again what _ARCHIVED says is archived.")
    var force = false

    @Flag(name: .long, help: "Archive smoke runs too.")
    var includeSmoke = false

    @Option(name: .long, help: ArgumentHelp("The Mem0 cutoff to read (default: max_tokens_8192, then max_tokens_4096, then top_20).", valueName: "cutoff"))
    var cutoff: String?

    @OptionGroup var options: ProjectOptions

    func run() throws {
        try CLI.perform {
            let harness = try CLI.harness(for: options.output)
            let project = try CLI.project(options, harness: harness)
            let configuration = try harness.archiveConfiguration(from: CLI.currentDirectory)
            let request = ArchiveRequest(unarchivedRunSets: true, canonicalLayout: true, force: force, includeSmoke: includeSmoke, cutoff: cutoff, dryRun: dryRun)
            let outcome = try harness.archive(request, in: project, configuration: configuration, progress: ArchiveProgress.reporter(for: options.output))
            try options.output.print(outcome) { ArchiveText.render(outcome) }
            if let failure = outcome.report.failures.first {
                throw CLI.failure("\(outcome.report.failures.count) not archived: \(failure.reason)", exitCode: ExitStatus.unavailable)
            }
        }
    }
}
