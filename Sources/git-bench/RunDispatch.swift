import ArgumentParser
import Foundation
import GitBenchKit

/// `--background` / `--foreground` on `run` and `baseline establish`.
enum RunPlacement: String, EnumerableFlag {
    case background, foreground

    static func help(for value: RunPlacement) -> ArgumentHelp? {
        switch value {
        case .background: return "Queue the run as a background job and return at once (default when a benchmark sets background_required)."
        case .foreground: return "Run here and wait for the result (the default otherwise)."
        }
    }
}

extension JobID: ExpressibleByArgument {
    public init?(argument: String) {
        guard let value = Int64(argument), value > 0 else { return nil }
        self.init(value)
    }
}

/// Sends a run to the foreground (holding a job row for capacity) or to a background worker.
enum RunDispatch {
    /// Runs `request` here and returns its outcome, or queues it as a background job, prints the job and returns nil.
    static func run(_ request: RunRequest, in project: ProjectContext, harness: Harness, placement: RunPlacement?, format: OutputFormat) throws -> RunOutcome? {
        let inBackground = placement.map { $0 == .background } ?? harness.prefersBackground(request, in: project)
        guard inBackground else { return try harness.runForeground(request, in: project, exitCode: ExitStatus.code(forRun:)) }
        let job = try harness.submit(request, in: project)
        try format.print(job) { JobNotice.started(job) }
        return nil
    }
}

extension ExitStatus {
    /// What a run exits with: 0 when every repetition is ok, 65 when one is an error row, else its error's code.
    static func code(forRun result: Result<RunOutcome, Error>) -> Int32 {
        switch result {
        case .success(let outcome): return outcome.hasFailedRepetitions ? dataError : 0
        case .failure(let error): return code(for: error)
        }
    }
}
