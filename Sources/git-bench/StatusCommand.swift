import ArgumentParser
import Foundation
import GitBenchKit

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show background jobs and foreground runs, newest first.",
        discussion: """
            Pending and running jobs hold threads (GIT_BENCH_MAX_THREADS) and GPUs (GIT_BENCH_GPU_COUNT).
            A job whose process died without recording an end is shown, and recorded, as lost.
            Temporary worktrees a killed --at-sha run left behind are removed, as every --at-sha does first.
            Example: git bench status --all --limit 50
            """)

    @Flag(name: .long, help: "Show the jobs of every project, not only this one.")
    var all = false

    @Option(name: .long, help: "Show at most this many jobs, plus every pending or running one (0: all).")
    var limit = 20

    @OptionGroup var options: ProjectOptions

    func validate() throws {
        if limit < 0 { throw ValidationError("'--limit' must be 0 (all) or more (got \(limit))") }
        if all && options.project != nil { throw ValidationError("'--all' and '--project' are mutually exclusive") }
    }

    func run() throws {
        try CLI.perform {
            let harness = try CLI.harness(for: options.output)
            let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            let project = all ? nil : try harness.projectName(options.project, around: here)
            try harness.pruneStaleWorktrees(project: project)
            let jobs = try harness.jobs(project: project, limit: limit == 0 ? nil : limit)
            try options.output.print(["jobs": jobs]) { JobTable.render(jobs, showsProject: all, now: Date()) }
        }
    }
}
