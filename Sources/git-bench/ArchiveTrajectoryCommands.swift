import ArgumentParser
import Foundation
import GitBenchKit

struct ArchiveRebuildTrajectoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild-trajectory",
        abstract: "Merge each day's entry objects into its manifest, then rewrite every trajectory/<bench>.json and badges/<bench>.json.",
        discussion: """
            Idempotent: run it after a public bucket was wiped, or after archivers raced on a store whose conditional writes \
            are not atomic. A corrupt manifest is reported and left alone; its day's runs come from their entry objects.
            Example: git bench archive rebuild-trajectory
            """)

    @OptionGroup var output: OutputOptions

    func run() throws {
        try CLI.perform {
            let harness = try CLI.harness(for: output)
            let configuration = try harness.archiveConfiguration(from: CLI.currentDirectory)
            let project = try? harness.project(named: nil, from: CLI.currentDirectory)
            let outcome = try harness.rebuildTrajectories(configuration: configuration, project: project)
            try output.print(outcome) { ArchiveText.render(rebuild: outcome) }
        }
    }
}

struct ArchiveTrajectoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trajectory",
        abstract: "Print every archived run per bench as a Markdown table: date, stage, sha, overall, n, categories, ship label.",
        discussion: """
            Read-only: the day manifests and any entry objects they lack are read, nothing is written.
            Example: git bench archive trajectory --bench locomo
            """)

    @Option(name: .long, help: "Only this bench.")
    var bench: String?

    @OptionGroup var output: OutputOptions

    func run() throws {
        try CLI.perform {
            let harness = try CLI.harness(for: output)
            let configuration = try harness.archiveConfiguration(from: CLI.currentDirectory)
            let trajectories = try harness.trajectories(configuration: configuration, bench: bench)
            try output.print(["trajectories": trajectories.map(\.json)]) { TrajectoryTable.markdown(trajectories) }
        }
    }
}

struct ArchiveFetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Download archived results into benchmark-results/_r2/<date>/<stage>/<bench>/ for inspection.",
        discussion: """
            Each object is checked against the SHA-256 its manifest entry recorded and written gunzipped; files already \
            there are kept. rescan never reads _r2/.
            Example: git bench archive fetch --bench locomo --latest
            """)

    @Option(name: .long, help: "The bench (with --latest).")
    var bench: String?

    @Flag(name: .long, help: "The newest result of --bench.")
    var latest = false

    @Option(name: .long, help: ArgumentHelp("Every result archived on this UTC day.", valueName: "YYYY-MM-DD"))
    var date: String?

    @Option(name: .long, help: "Every result of this stage, across all days.")
    var stage: String?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        let chosen = [latest || bench != nil, date != nil, stage != nil].filter { $0 }.count
        guard chosen == 1 else { throw ValidationError("give exactly one of '--bench B --latest', '--date D' or '--stage S'") }
        if latest != (bench != nil) { throw ValidationError("'--latest' and '--bench' go together") }
    }

    func run() throws {
        try CLI.perform {
            let harness = try CLI.harness(for: output)
            let configuration = try harness.archiveConfiguration(from: CLI.currentDirectory)
            let selection: ArchiveFetchSelection = if let bench { .latest(bench: bench) } else if let date { .date(date) } else { .stage(stage ?? "") }
            let repository = try Repository.discover(from: CLI.currentDirectory)
            let outcome = try harness.fetchArchive(selection, into: repository.workdir ?? CLI.currentDirectory, configuration: configuration)
            try output.print(outcome) { outcome.files.map { $0 + "\n" }.joined() + "\(outcome.files.count) file(s)\n" }
        }
    }
}

struct ArchiveRefreshLabelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refresh-labels",
        abstract: "Patch the _SHIP_LABEL.json of archived benchmark-results/ directories into the day manifests, then refresh the badges.",
        discussion: """
            Nothing is uploaded again: the entries _ARCHIVED names get ship_label, ship_marked_at and ship_rationale (or lose \
            them when the label file is gone).
            Example: git bench archive refresh-labels
            """)

    @OptionGroup var options: ProjectOptions

    func run() throws {
        try CLI.perform {
            let harness = try CLI.harness(for: options.output)
            let project = try CLI.project(options, harness: harness)
            let configuration = try harness.archiveConfiguration(from: CLI.currentDirectory)
            let changed = try harness.refreshLabels(in: project, configuration: configuration)
            try options.output.print(["changed": changed]) { changed.map { "relabelled \($0)\n" }.joined() + "\(changed.count) entr\(changed.count == 1 ? "y" : "ies") relabelled\n" }
        }
    }
}
