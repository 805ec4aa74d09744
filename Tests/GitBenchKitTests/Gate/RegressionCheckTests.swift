import Foundation
import Testing
@testable import GitBenchKit

/// `check` is two-sided: only a significant regression (beyond min_effect) or a correctness FAIL fails.
@Suite struct RegressionCheckTests {
    static func verdict(
        _ kind: Verdict.Kind, z: Double?, direction: MetricDirection = .minimize, interval: (Double, Double)? = nil, minEffect: Double? = nil
    ) -> Verdict {
        Verdict(project: "P", benchmark: "q", kind: kind, gate: .sigma, statistic: z, threshold: 2, direction: direction,
                change: interval.map { RelativeChange(basis: .mean, estimate: ($0.0 + $0.1) / 2, lower: $0.0, upper: $0.1, method: "welch-t") },
                minEffect: minEffect, reason: "")
    }

    static func outcome(_ verdict: Verdict) -> RegressionCheck.Outcome {
        RegressionCheck.judge(verdict, commit: .test("a"), source: .computed).outcome
    }

    @Test func significantRegressionFails() {
        let check = RegressionCheck.judge(Self.verdict(.reject, z: -3.5), commit: .test("abc"), source: .note)
        #expect(check.outcome == .fail)
        #expect(check.reason == "significant regression: z -3.500 <= -2.000 (direction=minimize)")
        #expect(check.source == .note && check.verdict.kind == .reject)
    }

    @Test func aCalibratedVerdictIsCheckedByItsRegressionPValue() throws {
        // 3v3, candidate 20% slower on a minimized metric: z = -3.098 clears benchstone's -2, but on Welch's t (df
        // 2.94) the one-sided p of "got worse" is 0.02739 > alpha 0.02275, so the two-sided check passes it.
        let benchmark = Benchmark(name: "q", entryPoint: "bench/q.sh", tier: .quality, metricDirection: .maximize, repetitions: 3,
                                  baselineSeeds: [1, 2, 3], promotionSigma: 2)
        let verdict = Gate.judge(project: "P", benchmark: benchmark,
                                 baseline: MetricGroup(commit: .test("b"), metaSeed: 1, metrics: [1.0, 1.1, 0.9]),
                                 candidate: MetricGroup(commit: .test("c"), metaSeed: 2, metrics: [0.8, 0.85, 0.75]), host: nil)
        let check = RegressionCheck.judge(verdict, commit: .test("c"), source: .computed)
        #expect(check.outcome == .pass)
        #expect(check.reason == "not a significant regression: z -3.098, one-sided p 0.02739 > alpha 0.02275 (direction=maximize)")

        var compat = benchmark
        compat.gateCompat = .benchstone
        let old = Gate.judge(project: "P", benchmark: compat, baseline: MetricGroup(commit: .test("b"), metaSeed: 1, metrics: [1.0, 1.1, 0.9]),
                             candidate: MetricGroup(commit: .test("c"), metaSeed: 2, metrics: [0.8, 0.85, 0.75]), host: nil)
        #expect(Self.outcome(old) == .fail)

        // Five a side make the same drop significant on t too.
        let five = Gate.judge(project: "P", benchmark: benchmark,
                              baseline: MetricGroup(commit: .test("b"), metaSeed: 1, metrics: [1.0, 1.1, 0.9, 1.05, 0.95]),
                              candidate: MetricGroup(commit: .test("c"), metaSeed: 2, metrics: [0.8, 0.85, 0.75, 0.82, 0.78]), host: nil)
        let failing = RegressionCheck.judge(five, commit: .test("c"), source: .computed)
        #expect(failing.outcome == .fail)
        #expect(failing.reason.hasPrefix("significant regression: z -"))
        #expect(failing.reason.contains("<= alpha 0.02275"))
    }

    @Test func rejectThatIsNotARegressionPasses() {
        let check = RegressionCheck.judge(Self.verdict(.reject, z: -1.99), commit: .test("abc"), source: .computed)
        #expect(check.outcome == .pass)
        #expect(check.reason == "not a significant regression: z -1.990 > -2.000 (direction=minimize)")
    }

    @Test func statisticExactlyAtMinusThresholdIsARegression() {
        #expect(Self.outcome(Self.verdict(.reject, z: -2.0)) == .fail)
    }

    @Test func improvementPasses() {
        #expect(Self.outcome(Self.verdict(.promote, z: 4)) == .pass)
    }

    @Test func minimizeRegressionMustClearMinEffectWithItsWholeInterval() {
        #expect(Self.outcome(Self.verdict(.reject, z: -4, interval: (0.03, 0.09), minEffect: 0.05)) == .pass)
        #expect(Self.outcome(Self.verdict(.reject, z: -4, interval: (0.05, 0.09), minEffect: 0.05)) == .fail)
        #expect(Self.outcome(Self.verdict(.reject, z: -4, interval: nil, minEffect: 0.05)) == .pass)
    }

    @Test func maximizeRegressionMustClearMinEffectOnTheLowSide() {
        #expect(Self.outcome(Self.verdict(.reject, z: -4, direction: .maximize, interval: (-0.09, -0.06), minEffect: 0.05)) == .fail)
        #expect(Self.outcome(Self.verdict(.reject, z: -4, direction: .maximize, interval: (-0.09, -0.01), minEffect: 0.05)) == .pass)
    }

    @Test func reasonNamesTheIntervalAndMinEffect() {
        let check = RegressionCheck.judge(Self.verdict(.reject, z: -4, interval: (0.03, 0.09), minEffect: 0.05), commit: .test("abc"), source: .computed)
        #expect(check.reason == "significant regression: z -4.000 <= -2.000 (direction=minimize), but the 95% interval [+3.00%, +9.00%] is not entirely beyond min_effect 5.00%")
    }

    @Test func theJSONStaysFlatAndReadsBack() throws {
        let check = RegressionCheck.judge(Self.verdict(.reject, z: -3.5), commit: .test("abc"), source: .note)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(check), as: UTF8.self)
        #expect(text == #"{"benchmark":"q","commit":"abc0000000000000000000000000000000000000","direction":"minimize","gate":"sigma","#
                + #""outcome":"FAIL","project":"P","reason":"significant regression: z -3.500 <= -2.000 (direction=minimize)","#
                + #""source":"note","statistic":-3.5,"threshold":2,"verdict":"REJECT"}"#)
        let back = try JSONDecoder().decode(RegressionCheck.self, from: Data(text.utf8))
        #expect(back.commit == check.commit && back.outcome == .fail && back.source == .note && back.reason == check.reason)
        #expect(back.verdict.kind == .reject && back.verdict.statistic == -3.5 && back.verdict.threshold == 2 && back.project == "P")
    }

    @Test func correctnessFailFailsAndPassPasses() {
        let fail = Verdict(project: "P", benchmark: "exact", kind: .fail, gate: .correctness, reason: "")
        let pass = Verdict(project: "P", benchmark: "exact", kind: .pass, gate: .correctness, reason: "")
        #expect(Self.outcome(fail) == .fail)
        #expect(Self.outcome(pass) == .pass)
    }

    @Test func missingBaselineReferenceOrRunsNeedMoreData() {
        for kind in [Verdict.Kind.needsMoreData, .noBaseline, .noReference] {
            #expect(Self.outcome(Self.verdict(kind, z: nil)) == .needsMoreData, "\(kind)")
        }
    }
}
