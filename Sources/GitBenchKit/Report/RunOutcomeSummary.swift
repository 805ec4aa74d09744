/// What `run`, `baseline establish`, `resume` and a background job print when they end: the benchmarks path-aware
/// selection skipped, then per run set its counts, commit, meta seed and id, its verdict (`--until-decided`) and the
/// baseline it set.
///
///     skipped Sample/speed: no change under its paths since 1a2b3c4d5e
///     Sample/quality: 6 ok, 0 error  git_sha=fb7abc811a  meta_seed=none  run_set=bench_5faf4020_20260301_120000
///     baseline set: Sample/quality -> fb7abc811a (6 ok run(s))
public enum RunOutcomeSummary {
    /// The summary of `outcome`, every line ending in a newline.
    public static func render(_ outcome: RunOutcome) -> String {
        var text = outcome.skipped.map { "skipped \($0.project)/\($0.benchmark): \($0.reason)\n" }.joined()
        for runSet in outcome.runSets {
            text += "\(runSet.project)/\(runSet.benchmark): \(runSet.okCount) ok, \(runSet.errorCount) error  git_sha=\(runSet.commit.short)"
                + "  meta_seed=\(runSet.metaSeed.map(String.init) ?? "none")  run_set=\(runSet.id)\n"
            if let verdict = runSet.verdict { text += VerdictBlock.render(verdict) }
            if let event = runSet.baselineEvent {
                text += "baseline set: \(runSet.project)/\(runSet.benchmark) -> \(event.commit.short) (\(runSet.okCount) ok run(s))\n"
            }
        }
        return text
    }

    /// The error a run with failed repetitions ends on, naming the first; nil when every repetition that counts is ok.
    ///
    ///     2 of 6 repetition(s) failed (stored as error rows); first: Sample/crash rep 0: runner exited with status 3
    public static func failure(_ outcome: RunOutcome) -> String? {
        let failed = outcome.failedRepetitions
        guard let first = failed.first else { return nil }
        return "\(failed.count) of \(outcome.countedRepetitionCount) repetition(s) failed (stored as error rows); first: "
            + "\(first.project)/\(first.benchmark) rep \(first.repetitionIndex): \(first.message ?? "unknown")"
    }
}
