import ArgumentParser
import Foundation
import GitBenchKit

struct LogsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs",
        abstract: "Print a background job's output.",
        discussion: """
            With -f, keep printing what the job appends until it ends (done, failed, cancelled or lost).
            Example: git bench logs 12 -f
            """)

    @Argument(help: "The job id (see git bench status).")
    var job: JobID

    @Flag(name: [.short, .customLong("follow")], help: "Follow the log until the job ends.")
    var follow = false

    func run() throws {
        try CLI.perform {
            try CLI.harness(showsProgress: false).streamJobLog(job, follow: follow) { FileHandle.standardOutput.write($0) }
        }
    }
}
