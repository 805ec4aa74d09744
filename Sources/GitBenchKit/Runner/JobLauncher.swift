import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Starts the detached worker of a background job (and the post-commit hook's background half): this same
/// executable, re-run as `git-bench job-worker ID`,
/// in a new session (so it has no controlling terminal and a closed terminal or Ctrl-C in the caller's shell never
/// reaches it), with stdin on /dev/null and stdout and stderr appended to the job's 0600 log.
enum JobLauncher {
    /// glibc's `POSIX_SPAWN_SETSID` (spawn.h, since 2.26); Swift's Glibc module does not import the macro.
    static let setSessionFlag: Int32 = 0x80

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
        let executable = try workerExecutable()
        var fileActions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&fileActions)
        defer { posix_spawn_file_actions_destroy(&fileActions) }
        posix_spawn_file_actions_addopen(&fileActions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&fileActions, 1, log?.path ?? "/dev/null", O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_adddup2(&fileActions, 1, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The caller may ignore SIGINT/SIGTERM (Interrupts does), and ignored signals survive exec: reset them.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGPIPE, SIGHUP, SIGQUIT] { sigaddset(&defaults, signal) }
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(&attributes, Int16(setSessionFlag | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        // A descriptor the worker inherits (a test's output pipe, say) would keep that pipe open for the whole job.
        closeOnExecAboveStandardStreams()

        var argv: [UnsafeMutablePointer<CChar>?] = (["git-bench"] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }

        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &fileActions, &attributes, &argv, &envp)
        guard status == 0 else {
            throw RunnerError.spawn(command: "\(executable) \(arguments.joined(separator: " "))", reason: String(cString: strerror(status)))
        }
        return pid
    }

    /// `/proc/self/exe` resolves in the child to the very binary the caller runs, even if it was replaced on disk since.
    private static func workerExecutable() throws -> String {
        if FileManager.default.fileExists(atPath: "/proc/self/exe") { return "/proc/self/exe" }
        guard let path = Bundle.main.executablePath else {
            throw RunnerError.spawn(command: workerSubcommand, reason: "cannot find the git-bench executable to re-run")
        }
        return path
    }

    private static func closeOnExecAboveStandardStreams() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") else { return }
        for descriptor in names.compactMap({ Int32($0) }) where descriptor > 2 {
            let flags = fcntl(descriptor, F_GETFD)
            if flags >= 0 { _ = fcntl(descriptor, F_SETFD, flags | FD_CLOEXEC) }
        }
    }
}
