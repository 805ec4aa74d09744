import Foundation
import Testing

@testable import GitBenchKit

@Suite struct GateTests {
    static let baselineSHA = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678"
    static let candidateSHA = "9a8b7c6d5e4f30211203f4e5d6c7b8a9f0e1d2c3"

    /// A quality benchmark with benchstone's floors of 3 per side.
    static func benchmark(
        direction: MetricDirection = .minimize, policy: GatePolicy = .sigma, promotionSigma: Double? = 2.0,
        promotionZ: Double? = nil, floor: Int = 3, minEffect: Double? = nil, compat: GateCompat = .calibrated
    ) -> Benchmark {
        Benchmark(
            name: "fake_quality", entryPoint: "bench/quality.py", tier: .quality, metricDirection: direction,
            repetitions: floor, baselineSeeds: (0..<floor).map { Int64($0 + 1) }, promotionSigma: promotionSigma,
            promotionZ: promotionZ, gatePolicy: policy, minEffect: minEffect, gateCompat: compat)
    }

    static func baseline(_ metrics: [Double]) -> MetricGroup {
        MetricGroup(commit: .test(baselineSHA), metaSeed: 4427, metrics: metrics)
    }

    static func candidate(_ metrics: [Double]) -> MetricGroup {
        MetricGroup(commit: .test(candidateSHA), metaSeed: 9001, metrics: metrics)
    }

    // MARK: Stochastic tiers

    @Test func missingBaselineGivesNoBaseline() {
        let verdict = Gate.judge(
            project: "FakeProject", benchmark: Self.benchmark(), baseline: nil, candidate: Self.candidate([0.8, 0.85, 0.75]),
            host: "ci-1")
        #expect(verdict.kind == .noBaseline)
        #expect(verdict.reason == "no baseline set for FakeProject/fake_quality; `git bench baseline establish fake_quality` sets one")
        #expect(verdict.statistic == nil)
        #expect(verdict.baseline == nil)
        #expect(verdict.candidate?.n == 3)
        #expect(verdict.host == "ci-1")
    }

    @Test func baselineBelowItsFloorNeedsMoreData() {
        let verdict = Gate.judge(
            project: "FakeProject", benchmark: Self.benchmark(), baseline: Self.baseline([1.0]),
            candidate: Self.candidate([0.8, 0.85, 0.75]), host: nil)
        #expect(verdict.kind == .needsMoreData)
        #expect(verdict.reason == "baseline has 1 ok run(s) at a1b2c3d4e5, need 2")
        #expect(verdict.statistic == nil)
        #expect(verdict.pValue == nil)
        #expect(verdict.baseline == GroupSummary(commit: .test(Self.baselineSHA), metaSeed: 4427, n: 1, mean: 1.0, median: 1.0, stddev: nil))
    }

    @Test func candidateBelowItsFloorNeedsMoreData() {
        let verdict = Gate.judge(
            project: "FakeProject", benchmark: Self.benchmark(), baseline: Self.baseline([1.0, 1.1, 0.9]),
            candidate: Self.candidate([0.8]), host: nil)
        #expect(verdict.kind == .needsMoreData)
        #expect(verdict.reason == "candidate has 1 ok run(s), need 3")
    }

    @Test func benchstoneCompatPromotesWhenZReachesTheThreshold() throws {
        // directed z = +sqrt(9.6) = +3.0984 (see StatisticsTests); p = 1 - Phi(3.0984) = 0.0009728868468695743.
        let verdict = Gate.judge(
            project: "FakeProject", benchmark: Self.benchmark(compat: .benchstone), baseline: Self.baseline([1.0, 1.1, 0.9]),
            candidate: Self.candidate([0.8, 0.85, 0.75]), host: "ci-1")
        #expect(verdict.kind == .promote)
        #expect(verdict.gate == .sigma)
        #expect(verdict.reason == "sigma +3.098 >= threshold 2.000 (direction=minimize); noisy: at n=3/3 the gate can only see a change of about 18.34% with 80% power, more than 5%; add repetitions")
        #expect(abs(try #require(verdict.statistic) - 3.0983866769659336) < 1e-9)
        #expect(abs(try #require(verdict.pValue) - 0.0009728868468695743) < 1e-12)
        #expect(verdict.threshold == 2.0)
        #expect(verdict.direction == .minimize)
        let change = try #require(verdict.change)
        #expect(change.basis == .mean)
        #expect(abs(change.estimate - -0.2) < 1e-12)
        let baseline = try #require(verdict.baseline)
        #expect(baseline.commit?.hex == Self.baselineSHA)
        #expect(baseline.metaSeed == 4427)
        #expect(baseline.n == 3)
        #expect(abs(try #require(baseline.mean) - 1.0) < 1e-12)
        #expect(baseline.median == 1.0)
        #expect(abs(try #require(baseline.stddev) - 0.1) < 1e-12)
        #expect(verdict.candidate?.metaSeed == 9001)
        #expect(verdict.test == .benchstoneZ)
    }

    @Test func atThreeAPieceWelchsTDecides() throws {
        // 3v3 has 20 splits, too few for the permutation test to reach alpha, so Welch's t decides: the same
        // z = +3.098 has df = 50/17 = 2.941 and one-sided p 0.02739 (scipy ttest_ind(equal_var=False,
        // alternative="greater")), above alpha 0.02275, where benchstone's rule PROMOTEs it. The interval is the
        // permutation test's widest, at the 90% it reaches.
        let verdict = Gate.judge(
            project: "FakeProject", benchmark: Self.benchmark(), baseline: Self.baseline([1.0, 1.1, 0.9]),
            candidate: Self.candidate([0.8, 0.85, 0.75]), host: "ci-1")
        #expect(verdict.kind == .reject)
        #expect(verdict.test == .welchT)
        #expect(abs(try #require(verdict.statistic) - 3.0983866769659336) < 1e-9)
        #expect(abs(try #require(verdict.pValue) - 0.027393383020538217) < 1e-10)
        #expect(abs(try #require(verdict.regressionPValue) - (1 - 0.027393383020538217)) < 1e-10)
        #expect(abs(try #require(verdict.degreesOfFreedom) - 50.0 / 17) < 1e-12)
        #expect(abs(try #require(verdict.alpha) - 0.022750131948179195) < 1e-15)
        #expect(verdict.reason.hasPrefix("sigma +3.098: one-sided p 0.02739 > alpha 0.02275 (welch-t, df 2.94; threshold 2.000, direction=minimize)"))
        #expect(abs((verdict.change?.confidence ?? 0) - 0.9) < 1e-12 && verdict.change?.method == "permutation")
    }

    @Test func calibratedSigmaDecidesByThePermutationTestOfTheMeans() throws {
        // 6v8: 49 of the C(14, 8) = 3,003 splits give a candidate sum at most the observed one (enumerated
        // independently in Python), so p = 49/3003 = 0.01632 <= alpha 0.02275.
        let verdict = Gate.judge(
            project: "FakeProject", benchmark: Self.benchmark(floor: 6), baseline: Self.baseline([10.2, 9.8, 10.5, 10.1, 9.9, 10.4]),
            candidate: Self.candidate([9.9, 9.6, 10.0, 9.7, 9.5, 9.8, 9.9, 10.1]), host: nil)
        #expect(verdict.kind == .promote)
        #expect(verdict.test == .permutationExact)
        #expect(abs(try #require(verdict.statistic) - 2.539946344635717) < 1e-9)
        #expect(abs(try #require(verdict.pValue) - 49.0 / 3003) < 1e-14)
        #expect(abs(try #require(verdict.regressionPValue) - 2977.0 / 3003) < 1e-14)
        #expect(verdict.degreesOfFreedom == nil)
        #expect(verdict.change?.method == "permutation" && verdict.change?.confidence == 0.95)
        #expect(verdict.reason == "sigma +2.540: one-sided p 0.01632 <= alpha 0.02275 (permutation-exact; threshold 2.000, direction=minimize)")
    }

    @Test func gateCompatWelchDecidesByWelchsT() throws {
        // The same 6v8: Welch t = 2.5399, df 8.8947, one-sided p 0.015997 (scipy ttest_ind(equal_var=False)).
        var benchmark = Self.benchmark(floor: 6)
        benchmark.gateCompat = .welch
        let verdict = Gate.judge(
            project: "FakeProject", benchmark: benchmark, baseline: Self.baseline([10.2, 9.8, 10.5, 10.1, 9.9, 10.4]),
            candidate: Self.candidate([9.9, 9.6, 10.0, 9.7, 9.5, 9.8, 9.9, 10.1]), host: nil)
        #expect(verdict.kind == .promote)
        #expect(verdict.test == .welchT)
        #expect(abs(try #require(verdict.pValue) - 0.01599732112035963) < 1e-10)
        #expect(abs(try #require(verdict.degreesOfFreedom) - 8.894715892128577) < 1e-9)
        #expect(verdict.change?.method == "welch-t")
    }

    @Test func benchstoneCompatRejectsBelowTheThreshold() {
        // The same drop is a regression for a maximized metric: z = -3.098.
        let verdict = Gate.judge(
            project: "FakeProject", benchmark: Self.benchmark(direction: .maximize, compat: .benchstone), baseline: Self.baseline([1.0, 1.1, 0.9]),
            candidate: Self.candidate([0.8, 0.85, 0.75]), host: nil)
        #expect(verdict.kind == .reject)
        #expect(verdict.reason == "sigma -3.098 < threshold 2.000 (direction=maximize); noisy: at n=3/3 the gate can only see a change of about 18.34% with 80% power, more than 5%; add repetitions")
        #expect(abs((verdict.pValue ?? 0) - (1 - 0.0009728868468695743)) < 1e-12)
    }

    @Test func infiniteSigmaGivesAPValueOfZero() {
        let verdict = Gate.judge(
            project: "FakeProject", benchmark: Self.benchmark(), baseline: Self.baseline([2, 2, 2]),
            candidate: Self.candidate([1, 1, 1]), host: nil)
        #expect(verdict.kind == .promote)
        #expect(verdict.statistic == .infinity)
        #expect(verdict.pValue == 0)
        #expect(verdict.regressionPValue == 1)
        #expect(verdict.reason == "sigma +inf: one-sided p 0 <= alpha 0.02275 (welch-t; threshold 2.000, direction=minimize)")
    }

    @Test func mannWhitneyFallsBackToPromotionSigmaAndPromotes() throws {
        // Tie-corrected z = +1.517 for a maximized metric (see StatisticsTests); no promotion_z, so the
        // threshold is promotion_sigma = 1.5.
        let verdict = Gate.judge(
            project: "FakeProject",
            benchmark: Self.benchmark(direction: .maximize, policy: .mannWhitney, promotionSigma: 1.5, floor: 4, compat: .benchstone),
            baseline: Self.baseline([1, 2, 2, 3]), candidate: Self.candidate([2, 3, 3, 4]), host: nil)
        #expect(verdict.kind == .promote)
        #expect(verdict.gate == .mannWhitney)
        #expect(verdict.threshold == 1.5)
        #expect(verdict.reason == "mann_whitney z +1.517 >= threshold 1.500 (direction=maximize); noisy: at n=4/4 the gate can only see a change of about 67.60% with 80% power, more than 5%; add repetitions")
        #expect(verdict.change?.basis == .median)
        #expect(verdict.change?.method == "hodges-lehmann")
    }

    @Test func mannWhitneyPrefersPromotionZAndRejects() throws {
        // Exact conditional p with ties: 10 of the C(8,4) = 70 splits give a baseline rank sum at most the observed
        // one (enumerated independently), so p = 1/7.
        let verdict = Gate.judge(
            project: "FakeProject",
            benchmark: Self.benchmark(direction: .maximize, policy: .mannWhitney, promotionSigma: 1.5, promotionZ: 2.0, floor: 4),
            baseline: Self.baseline([1, 2, 2, 3]), candidate: Self.candidate([2, 3, 3, 4]), host: nil)
        #expect(verdict.kind == .reject)
        #expect(verdict.threshold == 2.0)
        #expect(verdict.test == .mannWhitneyExact)
        #expect(abs(try #require(verdict.pValue) - 10.0 / 70) < 1e-12)
        #expect(abs(try #require(verdict.regressionPValue) - 69.0 / 70) < 1e-12)
        #expect(verdict.reason == "mann_whitney z +1.517: one-sided p 0.1429 > alpha 0.02275 (mann-whitney-exact; threshold 2.000, direction=maximize); noisy: at n=4/4 the gate can only see a change of about 82.03% with 80% power, more than 5%; add repetitions")
    }

    @Test func mannWhitneyAtSizesThatCannotReachAlphaNeedsMoreData() {
        // 3v3: the most extreme split has p = 1/C(6,3) = 0.05 > 0.02275, so no data could PROMOTE.
        let verdict = Gate.judge(
            project: "FakeProject", benchmark: Self.benchmark(policy: .mannWhitney), baseline: Self.baseline([3, 4, 5]),
            candidate: Self.candidate([0, 1, 2]), host: nil)
        #expect(verdict.kind == .needsMoreData)
        #expect(verdict.pValue == 0.05)
        #expect(verdict.reason == "mann_whitney at n=3/3 cannot reach alpha 0.02275 (threshold 2.000): its smallest one-sided p-value is 0.05; it needs at least 4/4 runs (or 3/5 with 3 baseline run(s)), or gate_policy = \"sigma\"")
    }

    @Test func mannWhitneyAtFourAPieceCanPromote() throws {
        // 4v4, complete separation: p = 1/70 = 0.01429 <= 0.02275.
        let verdict = Gate.judge(
            project: "FakeProject", benchmark: Self.benchmark(policy: .mannWhitney, floor: 4), baseline: Self.baseline([4, 5, 6, 7]),
            candidate: Self.candidate([0, 1, 2, 3]), host: nil)
        #expect(verdict.kind == .promote)
        #expect(abs(try #require(verdict.pValue) - 1.0 / 70) < 1e-15)
    }

    @Test func promoteWhoseIntervalDoesNotClearMinEffectBecomesReject() {
        // z = +3.098 passes benchstone's sigma gate, but the Welch interval [-40.78%, +0.78%] (df 50/17, see
        // StatisticsTests) does not lie below -5%.
        let verdict = Gate.judge(
            project: "FakeProject", benchmark: Self.benchmark(minEffect: 0.05, compat: .benchstone), baseline: Self.baseline([1.0, 1.1, 0.9]),
            candidate: Self.candidate([0.8, 0.85, 0.75]), host: nil)
        #expect(verdict.kind == .reject)
        #expect(verdict.minEffect == 0.05)
        #expect(
            verdict.reason
                == "sigma +3.098 >= threshold 2.000 (direction=minimize), but the 95% interval [-40.78%, +0.78%] does not clear min_effect 5.00%; noisy: at n=3/3 the gate can only see a change of about 18.34% with 80% power, more than min_effect 5.00%; add repetitions"
        )
    }

    @Test func promoteWhoseIntervalClearsMinEffectStaysPromote() {
        // Tight samples: the interval is about [-21.0%, -19.0%], entirely below -5%.
        let verdict = Gate.judge(
            project: "FakeProject", benchmark: Self.benchmark(minEffect: 0.05),
            baseline: Self.baseline([1.00, 1.01, 0.99, 1.00, 1.00]), candidate: Self.candidate([0.80, 0.81, 0.79, 0.80, 0.80]),
            host: nil)
        #expect(verdict.kind == .promote)
        // Complete separation at 5v5: only the observed split of 252 is as extreme, p = 1/252.
        #expect(abs((verdict.pValue ?? 1) - 1.0 / 252) < 1e-15)
        #expect(verdict.reason == "sigma +44.721: one-sided p 0.003968 <= alpha 0.02275 (permutation-exact; threshold 2.000, direction=minimize)")
    }

    @Test func verdictEncodesToJSONWithSnakeCaseKeys() throws {
        let verdict = Gate.judge(
            project: "FakeProject", benchmark: Self.benchmark(floor: 4), baseline: Self.baseline([1.0, 1.1, 0.9, 1.0]),
            candidate: Self.candidate([0.8, 0.85, 0.75, 0.8]), host: "ci-1")
        let data = try JSONEncoder().encode(verdict)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(
            Set(object.keys)
                == [
                    "project", "benchmark", "kind", "gate", "statistic", "threshold", "direction", "baseline", "candidate",
                    "change", "p_value", "p_value_regression", "alpha", "test", "detectable_change", "host", "reason",
                ])
        #expect(object["test"] as? String == "permutation-exact")
        #expect(object["kind"] as? String == "PROMOTE")
        let baseline = try #require(object["baseline"] as? [String: Any])
        #expect(Set(baseline.keys) == ["sha", "meta_seed", "n", "mean", "median", "stddev"])
        #expect(try JSONDecoder().decode(Verdict.self, from: data) == verdict)
    }

    // MARK: Correctness tier

    @Test func correctnessWithoutReferenceGivesNoReference() {
        let verdict = Gate.judgeCorrectness(
            project: "FakeProject", benchmark: Self.correctnessBenchmark, referenceHash: nil, candidateHash: "sha256:aa",
            candidate: .test(Self.candidateSHA), host: nil)
        #expect(verdict.kind == .noReference)
        #expect(verdict.gate == .correctness)
        #expect(verdict.reason == "no reference hash recorded for FakeProject/fake_correct; `git bench freeze-reference fake_correct` freezes the newest run's artifact")
    }

    @Test func correctnessWithoutCandidateArtifactNeedsMoreData() {
        let verdict = Gate.judgeCorrectness(
            project: "FakeProject", benchmark: Self.correctnessBenchmark, referenceHash: "sha256:aa", candidateHash: nil,
            candidate: .test(Self.candidateSHA), host: nil)
        #expect(verdict.kind == .needsMoreData)
        #expect(verdict.reason == "no ok candidate run with an artifact at 9a8b7c6d5e")
    }

    @Test func correctnessWithMatchingHashPasses() {
        let verdict = Gate.judgeCorrectness(
            project: "FakeProject", benchmark: Self.correctnessBenchmark, referenceHash: "sha256:aa", candidateHash: "sha256:aa",
            candidate: .test(Self.candidateSHA), host: "ci-1")
        #expect(verdict.kind == .pass)
        #expect(verdict.referenceHash == "sha256:aa")
        #expect(verdict.candidateHash == "sha256:aa")
        #expect(verdict.host == "ci-1")
        #expect(verdict.reason == "artifact hash at 9a8b7c6d5e matches the reference")
    }

    @Test func correctnessWithDifferentHashFails() {
        let verdict = Gate.judgeCorrectness(
            project: "FakeProject", benchmark: Self.correctnessBenchmark, referenceHash: "sha256:aa", candidateHash: "sha256:bb",
            candidate: .test(Self.candidateSHA), host: nil)
        #expect(verdict.kind == .fail)
        #expect(verdict.reason == "artifact hash sha256:bb at 9a8b7c6d5e differs from reference sha256:aa")
    }

    static let correctnessBenchmark = Benchmark(name: "fake_correct", entryPoint: "bench/correct.py", tier: .correctness)

    // MARK: evaluate --adjust

    /// A stochastic verdict as `judge` would leave it, with `pValue = 1 - Phi(z)`.
    static func stochastic(_ name: String, z: Double, threshold: Double = 2.0) -> Verdict {
        Verdict(
            project: "FakeProject", benchmark: name, kind: z >= threshold ? .promote : .reject, gate: .sigma, statistic: z,
            threshold: threshold, direction: .minimize, pValue: Statistics.normalCDF(-z), reason: "sigma z")
    }

    @Test func benjaminiHochbergDemotesABorderlinePromoteAmongNullsAndKeepsAStrongOne() throws {
        // p-values: borderline z = 2.1 → 0.017864; nulls 0.5, 0.6, 0.3, 0.8 (z from their p); strong z = 5 → 2.87e-7.
        // m = 6. Borderline is rank 2: 0.017864 * 6 / 2 = 0.053593 > alpha = 1 - Phi(2) = 0.022750 → REJECT.
        // Strong is rank 1: 2.87e-7 * 6 = 1.72e-6 ≤ alpha → stays PROMOTE. The correctness verdict is not in the family.
        let nulls = [0.5, 0.6, 0.3, 0.8].enumerated().map { index, p in
            Self.stochastic("null_\(index)", z: -Statistics.normalQuantile(p))
        }
        let pass = Verdict(project: "FakeProject", benchmark: "fake_correct", kind: .pass, gate: .correctness, reason: "match")
        let input = [Self.stochastic("borderline", z: 2.1)] + nulls + [pass, Self.stochastic("strong", z: 5.0)]

        let output = Gate.adjustForMultipleTesting(input)

        #expect(output.map(\.benchmark) == input.map(\.benchmark))
        let borderline = output[0]
        #expect(borderline.kind == .reject)
        #expect(abs(try #require(borderline.adjustedPValue) - 0.05359326168844963) < 1e-12)
        #expect(borderline.reason == "sigma z, but Benjamini-Hochberg adjusted p 0.05359 > alpha 0.02275 across 6 stochastic verdicts")
        let strong = output[6]
        #expect(strong.kind == .promote)
        #expect(strong.reason == "sigma z")
        #expect(abs(try #require(strong.adjustedPValue) - 1.7199094312751598e-06) < 1e-15)
        #expect(output[5] == pass)
        // Null adjusted values: ranks 3..6 give 0.6, 0.75 → 0.72 (step-up minimum), 0.72, 0.8.
        let nullAdjusted = output[1...4].map { $0.adjustedPValue ?? -1 }
        for (a, e) in zip(nullAdjusted, [0.72, 0.72, 0.6, 0.8]) { #expect(abs(a - e) < 1e-12) }
        #expect(output[1...4].allSatisfy { $0.kind == .reject })
    }

    @Test func aSinglePromoteSurvivesTheAdjustment() {
        let input = [Self.stochastic("only", z: 2.1)]
        let output = Gate.adjustForMultipleTesting(input)
        #expect(output[0].kind == .promote)
        #expect(output[0].adjustedPValue == input[0].pValue)
    }
}

/// How small a change the gate can see at a group's size and noise, and when it says so.
@Suite struct DetectableChangeTests {
    @Test func theMinimumDetectableChangeIsTheNormalApproximation() throws {
        // sd 1 a side, n 3 a side, mean 10: (2 + z_0.8) × sqrt(1/3 + 1/3) / 10.
        let detectable = try #require(Gate.detectableChange(baseline: [9, 10, 11], candidate: [9, 10, 11], threshold: 2))
        #expect(abs(detectable - (2 + 0.8416212335729143) * (2.0 / 3).squareRoot() / 10) < 1e-12)
        #expect(Gate.detectableChange(baseline: [1], candidate: [1, 2], threshold: 2) == nil)
        #expect(Gate.detectableChange(baseline: [-1, 1], candidate: [1, 2], threshold: 2) == nil)
    }

    @Test func theRepetitionsNeededGrowWithTheSquareOfTheNoise() {
        #expect(Gate.repetitionsToDetect(0.05, cv: 0.1, threshold: 2) == 65)
        #expect(Gate.repetitionsToDetect(0.05, cv: 0.05, threshold: 2) == 17)
    }

    @Test func aQuietComparisonCarriesTheFigureButNoWarning() {
        let benchmark = Benchmark(name: "q", entryPoint: "q", tier: .quality, metricDirection: .minimize, repetitions: 4,
                                  baselineSeeds: [1, 2, 3, 4], promotionSigma: 2)
        let commit = ObjectID.test("a")
        let verdict = Gate.judge(project: "P", benchmark: benchmark,
                                 baseline: MetricGroup(commit: commit, metaSeed: nil, metrics: [1.000, 1.001, 0.999, 1.000]),
                                 candidate: MetricGroup(commit: commit, metaSeed: 1, metrics: [0.990, 0.991, 0.989, 0.990]), host: nil)
        #expect((verdict.detectableChange ?? 1) < 0.01)
        #expect(!verdict.reason.contains("noisy"))
    }
}
