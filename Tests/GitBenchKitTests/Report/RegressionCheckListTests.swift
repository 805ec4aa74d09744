import Testing
@testable import GitBenchKit

/// The lines `check` prints.
@Suite struct RegressionCheckListTests {
    @Test func eachCheckNamesItsOutcomeCommitVerdictAndSource() {
        let regression = Verdict(project: "Sample", benchmark: "quality", kind: .reject, gate: .sigma, statistic: -20.82, threshold: 2,
                                 direction: .minimize, reason: "")
        let checks = [
            RegressionCheck.judge(regression, commit: ReportFixture.head, source: .note),
            RegressionCheck.judge(ReportFixture.noBaseline, commit: ReportFixture.head, source: .computed),
            RegressionCheck.judge(Verdict(project: "Sample", benchmark: "slow", kind: .needsMoreData, gate: .sigma,
                                          reason: "candidate has 0 ok run(s), need 6"), commit: ReportFixture.head, source: .computed),
            RegressionCheck.judge(Verdict(project: "Sample", benchmark: "slow", kind: .needsMoreData, gate: .sigma,
                                          reason: "from the verdict note: Sample/slow: NEEDS_MORE_DATA"), commit: ReportFixture.head, source: .note),
        ]
        // Each word once: the verdict's kind only where it differs from the outcome, and a computed verdict's own reason.
        #expect(RegressionCheckList.render(checks) == """
            Sample/quality: FAIL at 5a3e7109db (REJECT, from the note): significant regression: z -20.820 <= -2.000 (direction=minimize)
            Sample/speed: NEEDS_MORE_DATA at 5a3e7109db (NO_BASELINE, computed): cannot tell whether it regressed: \(ReportFixture.noBaseline.reason)
            Sample/slow: NEEDS_MORE_DATA at 5a3e7109db (computed): cannot tell whether it regressed: candidate has 0 ok run(s), need 6
            Sample/slow: NEEDS_MORE_DATA at 5a3e7109db (from the note): cannot tell whether it regressed

            """)
        #expect(RegressionCheckList.render([]) == "")
    }
}
