/// What the pre-push hook tells the person pushing, one line each, for `Console.announce` (which prefixes
/// `git-bench: `, since the lines land among git's own output).
///
///     not checked: Sample/slow@5a3e7109db: no change under its paths since fb7abc811a
///     push blocked: Sample/quality at 5a3e7109db: FAIL — significant regression: z -20.820 <= -2.000 (direction=minimize)
///     warning: no verdict for Sample/speed@5a3e7109db (bench.prePush.missing = warn)
///     to push anyway: git push --no-verify, or GIT_BENCH_SKIP=1 git push
public enum PrePushMessages {
    /// The benchmarks a tip's changes did not touch, then the regressions, then the missing verdicts, then, when the push is blocked, how to push anyway; empty when
    /// there is nothing to say.
    public static func render(_ decision: PrePushDecision) -> [String] {
        var lines = decision.skipped.map { "not checked: \($0)" }
        lines += decision.regressions.map {
            // `check`'s word for it (FAIL), not the verdict's (REJECT): the hook and `check` answer the same question.
            "push blocked: \($0.project)/\($0.benchmark) at \($0.commit.short): \($0.outcome.rawValue) — \($0.reason)"
        }
        if !decision.missing.isEmpty {
            let verb = decision.blocksOnMissing ? "push blocked" : "warning"
            lines.append("\(verb): no verdict for \(decision.missing.joined(separator: ", ")) (bench.prePush.missing = \(decision.missingPolicy.rawValue))")
        }
        if !decision.isAllowed { lines.append("to push anyway: git push --no-verify, or GIT_BENCH_SKIP=1 git push") }
        return lines
    }
}
