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
    /// A benchmark with `paths` is skipped for a tip whose changes since the baseline's commit touch none of them,
    /// as post-commit and `run --changed-since` skip it: a docs-only push is neither blocked nor measured.
    public func prePush(_ refs: [PushedRef], in project: ProjectContext, missing policy: PrePushMissing) throws -> PrePushDecision {
        let hooked = project.manifest.benchmarks.filter { $0.hooks.contains(.prePush) }
        var decision = PrePushDecision(regressions: [], missing: [], missingPolicy: policy)
        guard !hooked.isEmpty else { return decision }
        let repository = try Repository.open(at: project.root)
        let tips = Array(Set(refs.filter { !$0.isDeletion }.map(\.localSHA))).sorted()
        for tip in tips {
            var checked: [String] = []
            for benchmark in hooked {
                if let skipped = try untouched(benchmark, tip: tip, in: project, repository: repository) {
                    decision.skipped.append(skipped)
                } else {
                    checked.append(benchmark.name)
                }
            }
            guard !checked.isEmpty else { continue }
            for check in try self.check(revision: tip, benchmarks: checked, in: project) {
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

    /// Why `benchmark` needs no check at `tip`: its changes since the commit of this host's baseline touch none of its
    /// `paths`. Nil (check it) without `paths`, without a baseline, or when a changed path matches.
    private func untouched(_ benchmark: Benchmark, tip: String, in project: ProjectContext, repository: Repository) throws -> String? {
        guard !benchmark.paths.isEmpty,
              let base = try store.currentBaseline(project: project.name, benchmark: benchmark.name, host: host)?.commit else { return nil }
        let commit = try repository.resolveCommit(tip)
        let scope = ChangeScope.between(base: base, tip: commit)
        guard try PathSelection.partition([benchmark], by: scope, in: repository).run.isEmpty else { return nil }
        return "\(project.name)/\(benchmark.name)@\(commit.short): no change under its paths \(scope.phrase)"
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
