import ArgumentParser
import Foundation
import GitBenchKit

struct CancelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Stop a pending or running job; its finished repetitions stay.",
        discussion: """
            The job's process group gets SIGTERM (the repetition in flight is stored as an error row "interrupted"),
            then SIGKILL after 10 s. A job that has already ended exits 64; an unknown id exits 66.
            Example: git bench cancel 12
            """)

    @Argument(help: "The job id (see git bench status).")
    var job: JobID

    @OptionGroup var output: OutputOptions

    func run() throws {
        try CLI.perform {
            let cancelled = try CLI.harness(for: output).cancel(job)
            try output.print(cancelled) { JobNotice.cancelled(cancelled) }
        }
    }
}
