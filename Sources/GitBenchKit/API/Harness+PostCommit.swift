import Foundation

/// The post-commit hook: a detached process queues the benchmarks the new commit touched as one background job.
extension Harness {
    /// The post-commit hook's foreground half: re-runs this executable as `git-bench hook post-commit --detached
    /// --commit SHA` in a new session, in the current directory, with its output discarded until it finds the
    /// harness home, and returns. `git commit` waits only for that process start: finding the project, the home,
    /// the affected benchmarks and queueing the job all happen in the detached half (`queuePostCommit(_:from:)`).
    /// The installed hook passes `commit` (from `git rev-parse HEAD`), which spares this process reading the
    /// repository; without it, HEAD of the repository around `directory` is used.
    public static func detachPostCommit(_ commit: ObjectID?, from directory: URL,
                                        environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let head = try commit ?? Repository.discover(from: directory).headCommit()
        _ = try JobLauncher.spawnDetached(["hook", GitHook.postCommit.rawValue, "--detached", "--commit", head.hex], log: nil,
                                          environment: environment)
    }

    /// Queues the project's `hooks = ["post-commit"]` benchmarks touched by `commit` (default: HEAD's commit) as one
    /// background job, pinned to that commit (it runs in a temporary worktree, so later edits cannot leak into it).
    /// Returns the job, or nil when no benchmark is affected.
    public func postCommit(in project: ProjectContext, commit: ObjectID? = nil) throws -> Job? {
        let head = try commit ?? Repository.open(at: project.root).headCommit()
        let hooked = project.manifest.benchmarks.filter { $0.hooks.contains(.postCommit) }
        guard !hooked.isEmpty else { return nil }
        let affected = try benchmarksAffected(by: .commit(head), in: project, among: hooked).run
        guard !affected.isEmpty else { return nil }
        let request = RunRequest(benchmarks: affected.map(\.name), atRevision: head.hex)
        return try submit(request, in: project)
    }

    /// Appends one line to `logs/hooks.log`: the detached post-commit half has no terminal to report to.
    public func logHookOutcome(_ hook: GitHook, commit: ObjectID, _ message: String) throws {
        try home.ensureDirectory(home.hookLog.deletingLastPathComponent())
        let line = "\(Timestamp.string(Date())) \(hook.rawValue) \(commit.hex.prefix(10)): \(message)\n"
        try SecureFile.append(home.hookLog, contents: Data(line.utf8))
    }

    /// The post-commit hook's detached half (`git-bench hook post-commit --detached --commit SHA`): queues `commit`'s
    /// job in the registered project around `directory` (`postCommit(in:commit:)`) and records what happened in
    /// `logs/hooks.log`, because nobody sees this process's output. A repository git-bench does not measure stays
    /// silent; any other failure is logged instead of thrown. Throws only when the log cannot be written.
    public func queuePostCommit(_ commit: ObjectID, from directory: URL) throws {
        do {
            let project = try project(named: nil, from: directory)
            let job = try postCommit(in: project, commit: commit)
            try logHookOutcome(.postCommit, commit: commit, job.map {
                "queued job \($0.id) (\($0.benchmarks.joined(separator: ", ")))"
            } ?? "no post-commit benchmark is affected; nothing queued")
        } catch HarnessError.notRegistered {
            return  // hooks installed in a repository git-bench does not measure stay silent
        } catch {
            try logHookOutcome(.postCommit, commit: commit, "not queued: \(error)")
        }
    }
}
