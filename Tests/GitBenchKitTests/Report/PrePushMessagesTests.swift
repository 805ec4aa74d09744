import Testing
@testable import GitBenchKit

/// What the pre-push hook tells the person pushing.
@Suite struct PrePushMessagesTests {
    static let regression = RegressionCheck.judge(
        Verdict(project: "Sample", benchmark: "quality", kind: .reject, gate: .sigma, statistic: -20.82, threshold: 2, direction: .minimize, reason: ""),
        commit: ReportFixture.head, source: .note)

    @Test func aRegressionBlocksAndSaysHowToPushAnyway() {
        let decision = PrePushDecision(regressions: [Self.regression], missing: ["Sample/speed@5a3e7109db"], missingPolicy: .warn)
        #expect(PrePushMessages.render(decision) == [
            "push blocked: Sample/quality at 5a3e7109db: FAIL — significant regression: z -20.820 <= -2.000 (direction=minimize)",
            "warning: no verdict for Sample/speed@5a3e7109db (bench.prePush.missing = warn)",
            "to push anyway: git push --no-verify, or GIT_BENCH_SKIP=1 git push",
        ])
    }

    @Test func missingVerdictsBlockOnlyWhenThePolicySaysBlock() {
        let missing = ["Sample/quality@5a3e7109db", "Sample/speed@fb7abc811a"]
        #expect(PrePushMessages.render(PrePushDecision(regressions: [], missing: missing, missingPolicy: .block)) == [
            "push blocked: no verdict for Sample/quality@5a3e7109db, Sample/speed@fb7abc811a (bench.prePush.missing = block)",
            "to push anyway: git push --no-verify, or GIT_BENCH_SKIP=1 git push",
        ])
        #expect(PrePushMessages.render(PrePushDecision(regressions: [], missing: [], missingPolicy: .block)) == [])
    }
}
