import ArgumentParser
import Foundation
import GitBenchKit

struct ArchiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive",
        abstract: "Upload results to the archive (file:// or S3-compatible): gzipped results, day manifests, trajectories, badges.",
        discussion: """
            The archive is git config bench.archive.url (file://DIR or s3://BUCKET with GIT_BENCH_S3_ENDPOINT and AWS_* keys), \
            or the six R2_* variables, else file://$GIT_BENCH_HOME/archive. run archives by itself when an archive is configured \
            (GIT_BENCH_ARCHIVE_DISABLE=1 opts out).
            Example: git bench archive --stage weekly-ci && git bench archive trajectory
            """,
        subcommands: [ArchiveUploadCommand.self, ArchiveRescanCommand.self, ArchivePullCommand.self, ArchiveFetchCommand.self, ArchiveRebuildTrajectoryCommand.self,
                      ArchiveRefreshLabelsCommand.self, ArchiveTrajectoryCommand.self, ArchiveSelftestCommand.self],
        defaultSubcommand: ArchiveUploadCommand.self)
}

struct ArchiveUploadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upload",
        abstract: "Archive run sets (all finished, not yet archived ones of the project when none are named).",
        discussion: """
            Each run set becomes runs/<date>/<stage>/<benchmark>/results-<ts>-<sha7>.json.gz (a git_bench_result document), \
            its entry object and a line in the day's manifest; then latest/, the trajectory and the badge are refreshed.
            Example: git bench archive bench_1a2b3c4d_20260301_120000 --stage pr-42
            """)

    @Argument(help: "Run-set ids to archive.")
    var runSets: [String] = []

    @Option(name: .long, help: "The stage label (default: git config bench.archive.stage, else local-ad-hoc).")
    var stage: String?

    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("External harness result files (Mem0 harness, PageIndex) to archive under --stage.", valueName: "file"))
    var files: [String] = []

    @Option(name: .long, help: ArgumentHelp("The bench of --files that do not name one (PageIndex results).", valueName: "bench"))
    var bench: String?

    @Option(name: .long, help: ArgumentHelp("The Mem0 cutoff to read (default: max_tokens_8192, then max_tokens_4096, then top_20).", valueName: "cutoff"))
    var cutoff: String?

    @Flag(name: .long, help: "Archive run sets again even when their _ARCHIVED marker says they are.")
    var force = false

    @OptionGroup var options: ProjectOptions

    func validate() throws {
        for id in runSets where !RunSetDirectory.isRunSetID(id) {
            throw ValidationError("'\(id)' is not a run-set id (bench_<8 hex>_<YYYYmmdd_HHMMSS>)")
        }
    }

    func run() throws {
        try CLI.perform {
            let harness = try CLI.harness(for: options.output)
            let project = try CLI.project(options, harness: harness)
            let configuration = try harness.archiveConfiguration(from: CLI.currentDirectory)
            let files = self.files.map { URL(fileURLWithPath: $0, relativeTo: CLI.currentDirectory).standardizedFileURL }
            let request = ArchiveRequest(runSets: runSets.map(RunSetID.init(value:)), unarchivedRunSets: runSets.isEmpty && files.isEmpty, files: files, filesBench: bench,
                                         stage: stage, force: force, cutoff: cutoff)
            let outcome = try harness.archive(request, in: project, configuration: configuration, progress: ArchiveProgress.reporter(for: options.output))
            try options.output.print(outcome) { ArchiveText.render(outcome) }
            if let failure = outcome.report.failures.first { throw CLI.failure("\(outcome.report.failures.count) not archived: \(failure.reason)", exitCode: ExitStatus.unavailable) }
        }
    }
}

/// A progress line on a terminal for uploads of more than a handful of objects.
enum ArchiveProgress {
    static func reporter(for output: OutputOptions) -> (@Sendable (Int, Int) -> Void)? {
        guard output.showsProgress, isatty(STDERR_FILENO) != 0 else { return nil }
        return { done, total in
            guard total > 5 else { return }
            let line = "\rarchive: \(done)/\(total) result object(s)" + (done == total ? "\n" : "")
            FileHandle.standardError.write(Data(line.utf8))
        }
    }
}
