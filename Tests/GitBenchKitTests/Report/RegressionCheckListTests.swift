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
        ]
        #expect(RegressionCheckList.render(checks) == """
            Sample/quality: FAIL at 5a3e7109db (REJECT, from the note): significant regression: z -20.820 <= -2.000 (direction=minimize)
            Sample/speed: NEEDS_MORE_DATA at 5a3e7109db (NO_BASELINE, computed): NO_BASELINE: cannot tell whether it regressed

            """)
        #expect(RegressionCheckList.render([]) == "")
    }
}
