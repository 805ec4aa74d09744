import Testing

@testable import GitBenchKit

/// The permutation test of the means, pinned against an independent computation: Python's itertools enumerated every
/// split for the counts, and inverted the test directly (re-running it on candidate − δ at each crossing point) for
/// the interval bounds.
@Suite struct PermutationTestTests {
    @Test func exactTailsAndIntervalAtFiveAPiece() throws {
        let result = try #require(PermutationTest.meanDifference(
            baseline: [5.1, 4.9, 5.3, 5.0, 5.2], candidate: [4.8, 4.7, 5.05, 4.6, 4.95], confidence: 0.95))
        #expect(result.isExact && result.splits == 252)
        #expect(abs(result.upper - 248.0 / 252) < 1e-14)
        #expect(abs(result.lower - 6.0 / 252) < 1e-14)
        let interval = try #require(result.interval)
        #expect(abs(interval.lowerBound - -0.55) < 1e-9)
        #expect(abs(interval.upperBound - -0.025) < 1e-9)
        #expect(result.level == 0.95)
    }

    @Test func theSmallerBaselineIsDrawnAndGivesTheSameAnswer() throws {
        // 3v6: 84 splits, drawn from the baseline's side.
        let result = try #require(PermutationTest.meanDifference(
            baseline: [10.0, 10.4, 9.7], candidate: [9.1, 9.9, 9.5, 9.6, 10.2, 9.3], confidence: 0.95))
        #expect(result.splits == 84)
        #expect(abs(result.upper - 79.0 / 84) < 1e-14)
        #expect(abs(result.lower - 8.0 / 84) < 1e-14)
        let interval = try #require(result.interval)
        #expect(abs(interval.lowerBound - -1.1) < 1e-9)
        #expect(abs(interval.upperBound - 0.2) < 1e-9)
    }

    @Test func sampledSplitsAreSeededByTheDataAndAgreeWithTheExactCount() throws {
        // 10v10 has 184,756 splits; all of them give P(candidate sum <= observed) = 5,946 / 184,756 = 0.03218.
        let baseline = [100.3, 98.2, 101.1, 99.7, 100.9, 97.8, 100.4, 99.1, 101.6, 100.0]
        let candidate = [99.2, 98.8, 100.1, 97.9, 99.5, 98.4, 100.2, 98.9, 99.0, 97.6]
        let first = try #require(PermutationTest.meanDifference(baseline: baseline, candidate: candidate, confidence: 0.95))
        let again = try #require(PermutationTest.meanDifference(baseline: baseline, candidate: candidate, confidence: 0.95))
        #expect(!first.isExact && first.splits == PermutationTest.resamples + 1)
        #expect(first == again)
        // Four standard errors of 5,000 draws.
        #expect(abs(first.lower - 5_946.0 / 184_756) < 4 * (0.0322 * 0.9678 / 5_000).squareRoot())
    }

    @Test func tiesAtTheObservedSumCountOnBothSides() throws {
        let result = try #require(PermutationTest.meanDifference(baseline: [1, 1, 1, 1], candidate: [1, 1, 1, 1], confidence: 0.95))
        #expect(result.upper == 1 && result.lower == 1)
    }

    @Test func tooFewSplitsForTheLevelGiveTheWidestIntervalAtItsOwnLevel() throws {
        // 3v3: 20 splits; no 95% interval exists, the widest covers 1 - 2/20 = 90%.
        let result = try #require(PermutationTest.meanDifference(baseline: [10, 11, 12], candidate: [9, 10.5, 13], confidence: 0.95))
        #expect(abs(result.level - 0.9) < 1e-12)
        #expect(result.interval != nil)
        #expect(!PermutationTest.canReach(Gate.alpha(threshold: 2), baselineCount: 3, candidateCount: 3))
        #expect(PermutationTest.canReach(Gate.alpha(threshold: 2), baselineCount: 4, candidateCount: 4))
    }

    @Test func splitCountsAreBinomialCoefficients() {
        #expect(PermutationTest.splitCount(5, 5) == 252)
        #expect(PermutationTest.splitCount(3, 10) == 286)
        #expect(PermutationTest.splitCount(20, 20) == 137_846_528_820)
        #expect(PermutationTest.splitCount(500, 500) == Int.max)
    }
}
