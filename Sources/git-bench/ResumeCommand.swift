import ArgumentParser
import Foundation
import GitBenchKit

struct ResumeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Finish an interrupted run set: run only its missing repetitions, with the same seeds.",
        discussion: """
            Runs at the run set's commit with its meta seed and run-set id; refuses (77) when HEAD moved or the tree \
            changed. The attempt is added to the run set's history and its summary, report and manifest are rewritten.

            Example: git bench resume bench_1a2b3c4d_20260301_120000
            """)

    @Argument(help: "The run set's id (bench_<8 hex>_<YYYYmmdd_HHMMSS>).")
    var runSetID: String

    @Flag(name: .long, help: "Also write <run-set-id>.zip beside the run set's directory.")
    var compress = false

    @OptionGroup var output: OutputOptions

    func run() throws {
        try CLI.perform {
            Interrupts.shared.install()
            let outcome = RunOutcome(runSets: [try CLI.harness(for: output).resume(RunSetID(value: runSetID), compress: compress)])
            try RunOutput.print(outcome, format: output.format)
            try RunOutput.failIfAnyRepetitionFailed(outcome)
        }
    }
}
