import ArgumentParser
import GitBenchKit

/// How `run`, `baseline establish`, `resume` and a job's worker end: the outcome on stdout, then the exit code.
enum RunOutput {
    /// JSON is the array of run sets, or `{"run_sets": […], "skipped": […]}` when `listsSkipped` (`--changed-since`).
    static func print(_ outcome: RunOutcome, format: OutputFormat, listsSkipped: Bool = false) throws {
        if listsSkipped {
            try format.print(outcome) { RunOutcomeSummary.render(outcome) }
        } else {
            try format.print(outcome.runSets) { RunOutcomeSummary.render(outcome) }
        }
    }

    /// Every repetition is stored either way; a failed one still makes the command exit 65 so scripts notice.
    static func failIfAnyRepetitionFailed(_ outcome: RunOutcome) throws {
        guard let message = RunOutcomeSummary.failure(outcome) else { return }
        throw CLI.failure(message, exitCode: ExitStatus.dataError)
    }
}
