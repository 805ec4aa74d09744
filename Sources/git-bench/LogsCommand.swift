import ArgumentParser
import Foundation
import GitBenchKit

struct LogsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs",
        abstract: "Print a background job's output.",
        discussion: """
            With -f, keep printing what the job appends until it ends (done, failed, cancelled or lost), then exit as the \
            job did: 0 when it is done, else its own exit code (130 for a cancelled run), or 75 when it ended without one \
            (cancelled before it started, or lost), with one line on stderr saying how it ended.
            Example: git bench logs 12 -f
            """)

    @Argument(help: "The job id (see git bench status).")
    var job: JobID

    @Flag(name: [.short, .customLong("follow")], help: "Follow the log until the job ends.")
    var follow = false

    func run() throws {
        try CLI.perform {
            let ended = try CLI.harness(showsProgress: false).streamJobLog(job, follow: follow) { FileHandle.standardOutput.write($0) }
            // Following is waiting for the job, so it answers as `wait` would: a job that did not finish well is not 0.
            if follow, let code = ExitStatus.code(forFollowed: ended) { throw CLI.failure(JobNotice.ended(ended), exitCode: code) }
        }
    }
}
