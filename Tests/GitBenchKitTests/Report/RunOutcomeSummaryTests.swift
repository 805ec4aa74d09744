import Testing
@testable import GitBenchKit

/// What a run prints when it ends, and the error it ends on when a repetition failed.
@Suite struct RunOutcomeSummaryTests {
    static func runSet(_ records: [RunRecord], metaSeed: Int64?, baselineEvent: BaselinePointer? = nil, verdict: Verdict? = nil) -> RunSet {
        RunSet(id: RunSetID(value: "bench_00000000_20260101_000000"), project: "Sample", benchmark: "slow", commit: ReportFixture.base,
               isDirty: false, host: "h", metaSeed: metaSeed, role: .candidate, records: records, baselineEvent: baselineEvent, verdict: verdict)
    }

    @Test func skippedBenchmarksComeFirstThenEachRunSetWithItsVerdictAndBaseline() {
        let skipped = SkippedBenchmark(project: "Sample", benchmark: "speed", base: ReportFixture.base, tip: ReportFixture.head,
                                       reason: "no change under its paths since fb7abc811a")
        let established = Self.runSet([.sample(id: 1), .sample(id: 2, index: 1)], metaSeed: nil,
                                      baselineEvent: ReportFixture.pointer(.establish, commit: ReportFixture.base, metaSeed: nil))
        let decided = Self.runSet([.sample(id: 3), .sample(id: 4, index: 1, status: .error, message: "boom")], metaSeed: 9,
                                  verdict: ReportFixture.noBaseline)
        #expect(RunOutcomeSummary.render(RunOutcome(runSets: [established, decided], skipped: [skipped])) == """
            skipped Sample/speed: no change under its paths since fb7abc811a
            Sample/slow: 2 ok, 0 error  git_sha=fb7abc811a  meta_seed=none  run_set=bench_00000000_20260101_000000
            baseline set: Sample/slow -> fb7abc811a (2 ok run(s))
            Sample/slow: 1 ok, 1 error  git_sha=fb7abc811a  meta_seed=9  run_set=bench_00000000_20260101_000000
            Sample/speed: NO_BASELINE mann_whitney thr=2.00 minimize
              reason: no baseline set for Sample/speed

            """)
    }

    @Test func theFailureNamesTheCountOfFailedRepetitionsOutOfThoseThatCountAndTheFirst() {
        // Row 2 was interrupted and re-run as row 3: only the newest row of a repetition counts.
        let outcome = RunOutcome(runSets: [
            Self.runSet([.sample(id: 1), .sample(id: 2, index: 1, status: .interrupted), .sample(id: 3, index: 1, status: .error)], metaSeed: 1),
            Self.runSet([.sample(id: 4, status: .error, message: "corpus shard 3 unreadable")], metaSeed: 2),
        ])
        #expect(RunOutcomeSummary.failure(outcome)
                == "2 of 3 repetition(s) failed (stored as error rows); first: Sample/slow rep 1: unknown")
        #expect(RunOutcomeSummary.failure(RunOutcome(runSets: [Self.runSet([.sample(id: 1)], metaSeed: 1)])) == nil)
    }
}
