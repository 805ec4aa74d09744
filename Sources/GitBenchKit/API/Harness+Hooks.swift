import Foundation

/// What every hook decides before it does anything: whether to run at all, and for which project. The hooks
/// themselves: Harness+PostCommit.swift queues, Harness+PrePush.swift checks notes; neither runs in the foreground
/// for long unless `bench.prePush.missing = run` asks for it.
extension Harness {
    /// True when `GIT_BENCH_SKIP` is set to anything but empty or `0`: every hook then does nothing.
    public static func isHookSkipped(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        environment["GIT_BENCH_SKIP"].map { !$0.isEmpty && $0 != "0" } ?? false
    }

    /// The registered project around `directory` that `hook` acts for, or nil: a hook in an unregistered repository
    /// stays silent, and one whose project cannot be loaded (a broken manifest, say) says so in one console line
    /// (`git-bench: warning: pre-push checks skipped: …`) and lets git go on.
    public func hookProject(for hook: GitHook, from directory: URL) -> ProjectContext? {
        do {
            return try project(named: nil, from: directory)
        } catch HarnessError.notRegistered {
            return nil
        } catch {
            console.announce("warning: \(hook.rawValue) checks skipped: \(error)")
            return nil
        }
    }
}
