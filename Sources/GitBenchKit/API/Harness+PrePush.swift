import Foundation

/// The pre-push hook: a pushed tip with a regression verdict blocks the push; one without a verdict follows
/// `bench.prePush.missing`.
extension Harness {
    /// `prePush(_:in:missing:)` with the project's `bench.prePush.missing` (git config, `git -c` included).
    /// Throws `ConfigError.invalidValue` for a value git-bench cannot use, and `GitError.readConfig`.
    public func prePush(_ refs: [PushedRef], in project: ProjectContext) throws -> PrePushDecision {
        try prePush(refs, in: project, missing: BenchConfig.load(from: project.root).prePushMissing())
    }

    /// Checks every pushed tip (deletions ignored) against the `hooks = ["pre-push"]` benchmarks: a verdict note
    /// that is a regression blocks; a tip without a verdict follows `missing` (warn: allow; block: block; run:
    /// compute the verdict now from stored runs, running the benchmark first when the tip is HEAD and has none).
    public func prePush(_ refs: [PushedRef], in project: ProjectContext, missing policy: PrePushMissing) throws -> PrePushDecision {
        let hooked = project.manifest.benchmarks.filter { $0.hooks.contains(.prePush) }.map(\.name)
        var decision = PrePushDecision(regressions: [], missing: [], missingPolicy: policy)
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
    /// the foreground, evaluate, and record the verdict note, so the next push finds it. A note that cannot be
    /// written is an error here (the hook then stops the push): the next push would otherwise run it all again.
    private func evaluateForPush(_ check: RegressionCheck, tip: String, in project: ProjectContext) throws -> RegressionCheck {
        let head = try Repository.open(at: project.root).headCommit()
        guard check.outcome == .needsMoreData, head.hex == tip else { return check }
        _ = try run(RunRequest(benchmarks: [check.benchmark]), in: project)
        let verdicts = try evaluation.verdicts([check.benchmark], in: project, commit: head, options: EvaluateOptions())
        if let write = try pipeline.recordVerdicts(verdicts, on: head, in: project), let warning = EvaluationOutcome.NoteOutcome.written(write).warning {
            console.warning(warning)
        }
        return try self.check(revision: tip, benchmarks: [check.benchmark], in: project).first ?? check
    }
}
