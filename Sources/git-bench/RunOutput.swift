import ArgumentParser
import GitBenchKit

/// How `run`, `baseline establish`, `resume` and a job's worker end: the outcome on stdout, then the exit code.
enum RunOutput {
    /// JSON is always `{"run_sets": […], "skipped": […]}`, with or without `--changed-since`.
    static func print(_ outcome: RunOutcome, format: OutputFormat) throws {
        try format.print(outcome) { RunOutcomeSummary.render(outcome) }
    }

    /// Every repetition is stored either way; a failed one still makes the command exit 65 so scripts notice.
    static func failIfAnyRepetitionFailed(_ outcome: RunOutcome) throws {
        guard let message = RunOutcomeSummary.failure(outcome) else { return }
        throw CLI.failure(message, exitCode: ExitStatus.dataError)
    }
}
