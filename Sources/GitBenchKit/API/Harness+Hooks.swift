import Foundation

/// One line git feeds the pre-push hook on stdin: `<local ref> <local sha> <remote ref> <remote sha>`.
public struct PushedRef: Sendable, Equatable {
    public var localRef: String
    public var localSHA: String
    public var remoteRef: String
    public var remoteSHA: String

    /// A branch deletion (`git push origin :branch`) pushes no commit: its local sha is all zeros.
    public var isDeletion: Bool { localSHA.allSatisfy { $0 == "0" } }

    /// Parses git's pre-push stdin; blank and malformed lines are ignored (git never sends them).
    public static func parse(_ text: String) -> [PushedRef] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard fields.count == 4 else { return nil }
            return PushedRef(localRef: fields[0], localSHA: fields[1], remoteRef: fields[2], remoteSHA: fields[3])
        }
    }
}

/// What the pre-push hook decided.
public struct PrePushDecision: Sendable, Equatable {
    /// Regressions (or correctness failures) on pushed tips: any of these blocks the push.
    public var regressions: [RegressionCheck]
    /// Benchmarks with no verdict on a pushed tip, as `project/benchmark@sha10`.
    public var missing: [String]
    /// `missing` blocks the push (`bench.prePush.missing = block`).
    public var blocksOnMissing: Bool

    public var isAllowed: Bool { regressions.isEmpty && (missing.isEmpty || !blocksOnMissing) }
}

/// The hooks' behaviour: post-commit queues, pre-push checks notes. Neither ever runs in the foreground for long
/// unless `bench.prePush.missing = run` asks for it.
extension Harness {
    /// The post-commit hook's foreground half: re-runs this executable as `git-bench hook post-commit --detached
    /// --commit SHA` in a new session, in the current directory, with its output discarded until it finds the
    /// harness home, and returns. `git commit` waits only for that process start: finding the project, the home,
    /// the affected benchmarks and queueing the job all happen in the detached half (`postCommit(in:commit:)`).
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

    /// Checks every pushed tip (deletions ignored) against the `hooks = ["pre-push"]` benchmarks: a verdict note
    /// that is a regression blocks; a tip without a verdict follows `missing` (warn: allow; block: block; run:
    /// compute the verdict now from stored runs, running the benchmark first when the tip is HEAD and has none).
    public func prePush(_ refs: [PushedRef], in project: ProjectContext, missing policy: PrePushMissing) throws -> PrePushDecision {
        let hooked = project.manifest.benchmarks.filter { $0.hooks.contains(.prePush) }.map(\.name)
        var decision = PrePushDecision(regressions: [], missing: [], blocksOnMissing: policy == .block)
        guard !hooked.isEmpty else { return decision }
        let tips = Array(Set(refs.filter { !$0.isDeletion }.map(\.localSHA))).sorted()
        for tip in tips {
            for check in try self.check(revision: tip, benchmarks: hooked, in: project) {
                if check.source == .note {
                    if check.outcome == .fail { decision.regressions.append(check) }
                    continue
                }
                switch policy {
                case .warn, .block:
                    decision.missing.append("\(check.project)/\(check.benchmark)@\(tip.prefix(10))")
                case .run:
                    let computed = try evaluateForPush(check, tip: tip, in: project)
                    if computed.outcome == .fail { decision.regressions.append(computed) }
                    if computed.outcome == .needsMoreData { decision.missing.append("\(check.project)/\(check.benchmark)@\(tip.prefix(10))") }
                }
            }
        }
        return decision
    }

    /// `bench.prePush.missing = run`: when the tip is HEAD and the computed check lacks data, run the benchmark in
    /// the foreground, evaluate, and record the verdict note, so the next push finds it.
    private func evaluateForPush(_ check: RegressionCheck, tip: String, in project: ProjectContext) throws -> RegressionCheck {
        guard check.outcome == .needsMoreData, try Repository.open(at: project.root).headCommit().hex == tip else { return check }
        _ = try run(RunRequest(benchmarks: [check.benchmark]), in: project)
        let outcome = try evaluateAndRecord([check.benchmark], in: project)
        if let warning = outcome.note.warning { console.warning(warning) }
        return try self.check(revision: tip, benchmarks: [check.benchmark], in: project).first ?? check
    }
}
