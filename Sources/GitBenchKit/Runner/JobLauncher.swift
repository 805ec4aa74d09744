import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Starts the detached worker of a background job (and the post-commit hook's background half): this same
/// executable, re-run as `git-bench job-worker ID`, in a new session (see `Spawn`), with stdout and stderr appended
/// to the job's 0600 log.
enum JobLauncher {
    /// The hidden subcommand the worker runs.
    static let workerSubcommand = "job-worker"

    /// Spawns the worker for `job` and returns its pid without waiting for it.
    /// `environment` is passed whole; the worker changes to the project root itself (posix_spawn cannot, portably).
    static func spawnWorker(for job: JobID, log: URL, environment: [String: String]) throws -> pid_t {
        try spawnDetached([workerSubcommand, String(job.value)], log: log, environment: environment)
    }

    /// Spawns `git-bench ARGUMENTS` detached, in the caller's directory, with stdout and stderr appended to `log`
    /// (or discarded when nil), and returns its pid without waiting for it.
    static func spawnDetached(_ arguments: [String], log: URL?, environment: [String: String]) throws -> pid_t {
        try Spawn.start(try workerExecutable(), ["git-bench"] + arguments, environment: environment, stdout: log?.path ?? "/dev/null",
                        stderr: nil, grouping: .session)
    }

    /// `/proc/self/exe` resolves in the child to the very binary the caller runs, even if it was replaced on disk since.
    private static func workerExecutable() throws -> String {
        if FileManager.default.fileExists(atPath: "/proc/self/exe") { return "/proc/self/exe" }
        guard let path = Bundle.main.executablePath else {
            throw RunnerError.spawn(command: workerSubcommand, reason: "cannot find the git-bench executable to re-run")
        }
        return path
    }
}
