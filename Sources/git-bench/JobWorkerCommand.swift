import ArgumentParser
import Foundation
import GitBenchKit

/// The detached process behind `--background`; started by `run`/`baseline establish`, never by people.
struct JobWorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "job-worker",
        abstract: "Run a queued background job (internal: started by --background).",
        shouldDisplay: false)

    @Argument(help: "The job id.")
    var job: JobID

    func run() throws {
        try CLI.perform {
            Interrupts.shared.install()
            let harness = try CLI.harness(showsProgress: true)
            let outcome = try harness.runJob(job, exitCode: ExitStatus.code(forRun:))
            try RunOutput.print(outcome, format: .text)
            try RunOutput.failIfAnyRepetitionFailed(outcome)
        }
    }
}
