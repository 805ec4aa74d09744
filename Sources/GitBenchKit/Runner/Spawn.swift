import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The one place git-bench starts a process: `posix_spawn` with what every child needs — stdin from /dev/null,
/// stdout and stderr appended to files (created 0600), the signals git-bench may ignore or handle reset to their
/// defaults, an empty signal mask — and either its own process group (a runner: a timeout or an interrupt kills
/// everything it started) or its own session (a detached worker: no controlling terminal, so a closed terminal or
/// Ctrl-C in the caller's shell never reaches it).
enum Spawn {
    enum Grouping {
        case processGroup
        /// Also marks every inherited descriptor above stderr close-on-exec: a detached worker would otherwise hold
        /// the caller's pipes (a test's output, say) open for as long as it runs.
        case session
    }

    /// glibc's `POSIX_SPAWN_SETSID` (spawn.h, since 2.26); Swift's Glibc module does not import the macro.
    private static let setSessionFlag: Int32 = 0x80

    /// Starts `executable` with `arguments` (argv[0] included) and returns its pid without waiting for it.
    /// `stderr` nil sends stderr where stdout goes. Throws `RunnerError.spawn` naming `description` (default: the
    /// arguments).
    static func start(_ executable: String, _ arguments: [String], environment: [String: String], stdout: String, stderr: String?,
                      grouping: Grouping, description: String? = nil) throws -> pid_t {
        var fileActions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&fileActions)
        defer { posix_spawn_file_actions_destroy(&fileActions) }
        posix_spawn_file_actions_addopen(&fileActions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&fileActions, 1, stdout, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        if let stderr {
            posix_spawn_file_actions_addopen(&fileActions, 2, stderr, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        } else {
            posix_spawn_file_actions_adddup2(&fileActions, 1, 2)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Ignored signals survive exec (handled ones do not): reset every one git-bench may ignore.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGPIPE, SIGHUP, SIGQUIT] { sigaddset(&defaults, signal) }
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &mask)
        var flags = POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK
        switch grouping {
        case .processGroup:
            posix_spawnattr_setpgroup(&attributes, 0)
            flags |= POSIX_SPAWN_SETPGROUP
        case .session:
            flags |= setSessionFlag
            closeOnExecAboveStandardStreams()
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))

        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }

        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &fileActions, &attributes, &argv, &envp)
        guard status == 0 else {
            throw RunnerError.spawn(command: description ?? arguments.joined(separator: " "), reason: String(cString: strerror(status)))
        }
        return pid
    }

    private static func closeOnExecAboveStandardStreams() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") else { return }
        for descriptor in names.compactMap({ Int32($0) }) where descriptor > 2 {
            let flags = fcntl(descriptor, F_GETFD)
            if flags >= 0 { _ = fcntl(descriptor, F_SETFD, flags | FD_CLOEXEC) }
        }
    }
}
