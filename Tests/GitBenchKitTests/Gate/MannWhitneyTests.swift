import Testing

@testable import GitBenchKit

/// Exact Mann–Whitney p-values and the Hodges–Lehmann interval's order statistic, pinned against an independent
/// computation: every tail below was counted by enumerating all C(n1+n2, n1) splits of the pooled ranks in Python
/// (scipy.stats.rankdata for midranks), the no-tie ones also agree with scipy's `mannwhitneyu(method="exact")`, and
/// the U distribution by the textbook recurrence f(m, n, u) = f(m−1, n, u−n) + f(m, n−1, u).
@Suite struct MannWhitneyTests {
    func tails(_ baseline: [Double], _ candidate: [Double]) throws -> MannWhitney.Tails {
        try #require(MannWhitney.tails(baseline: baseline, candidate: candidate))
    }

    @Test func exactTailsAtFourAPieceWithoutTies() throws {
        // scipy: mannwhitneyu(b, c, method="exact", alternative="less").pvalue = 0.05714 = 4/70.
        let t = try tails([1.1, 2.3, 2.2, 3.5], [2.4, 3.6, 3.3, 4.0])
        #expect(t.isExact)
        #expect(abs(t.upper - 68.0 / 70) < 1e-14)
        #expect(abs(t.lower - 4.0 / 70) < 1e-14)
    }

    @Test func exactTailsAtFiveAPieceWithoutTies() throws {
        // scipy: alternative="greater" gives 0.027778 = 7/252.
        let t = try tails([5.1, 4.9, 5.3, 5.0, 5.2], [4.8, 4.7, 5.05, 4.6, 4.95])
        #expect(abs(t.upper - 7.0 / 252) < 1e-14)
        #expect(abs(t.lower - 248.0 / 252) < 1e-14)
    }

    @Test func exactConditionalTailsWithTies() throws {
        let fourAPiece = try tails([1, 2, 2, 3], [2, 3, 3, 4])
        #expect(fourAPiece.isExact)
        #expect(abs(fourAPiece.upper - 69.0 / 70) < 1e-14)
        #expect(abs(fourAPiece.lower - 10.0 / 70) < 1e-14)
        let fiveAPiece = try tails([5, 4, 5, 6, 5], [4, 4, 5, 3, 4])
        #expect(abs(fiveAPiece.upper - 17.0 / 252) < 1e-14)
        #expect(abs(fiveAPiece.lower - 251.0 / 252) < 1e-14)
    }

    @Test func theSmallerSideMayBeTheCandidate() throws {
        // Swapping the roles swaps the tails, whichever side the distribution is built for.
        let forward = try tails([1, 2, 3, 4, 5, 6, 7], [2.5, 8, 9])
        let backward = try tails([2.5, 8, 9], [1, 2, 3, 4, 5, 6, 7])
        #expect(abs(forward.upper - backward.lower) < 1e-14)
        #expect(abs(forward.lower - backward.upper) < 1e-14)
    }

    @Test func allValuesTiedGiveNoEvidence() throws {
        let t = try tails([3, 3, 3], [3, 3, 3, 3])
        #expect(t.upper == 1 && t.lower == 1)
    }

    @Test func largeSamplesUseTheNormalApproximation() throws {
        let baseline = (0..<60).map { Double($0) }
        let candidate = (0..<60).map { Double($0) + 0.5 }
        let t = try tails(baseline, candidate)
        #expect(!t.isExact)
        #expect(t.upper > 0.5 && t.lower < 0.5)
    }

    @Test func nullDistributionMatchesTheRecurrence() throws {
        #expect(abs(try #require(MannWhitney.nullCDF(17, n1: 10, n2: 10)) - 0.0057481218471930546) < 1e-15)
        #expect(abs(try #require(MannWhitney.nullCDF(17, n1: 5, n2: 20)) - 0.011820063993977038) < 1e-15)
        #expect(abs(try #require(MannWhitney.nullCDF(17, n1: 20, n2: 20)) - 8.792386796932911e-09) < 1e-20)
        #expect(MannWhitney.nullCDF(0, n1: 60, n2: 60) == nil)
    }

    @Test func smallestPValueAndTheSizesThatReachAlpha() {
        #expect(abs(MannWhitney.smallestPValue(3, 3) - 0.05) < 1e-15)
        #expect(abs(MannWhitney.smallestPValue(4, 4) - 1.0 / 70) < 1e-15)
        let alpha = Gate.alpha(threshold: 2)
        #expect(MannWhitney.smallestEqualSize(reaching: alpha) == 4)
        // C(3 + 5, 3) = 56 ≥ 1/alpha = 43.96 > C(3 + 4, 3) = 35.
        #expect(MannWhitney.smallestCandidateSize(reaching: alpha, baselineCount: 3) == 5)
    }

    @Test func hodgesLehmannIndexIsTheExactOrderStatistic() {
        // Largest k with P(U <= k) <= 0.025: 5v5 → 2 (4/252; 7/252 is over), 10v10 → 23, 5v20 → 20, 3v10 → 3, 20v20 → 127.
        for (n1, n2, k) in [(5, 5, 2), (10, 10, 23), (5, 20, 20), (3, 10, 3), (20, 20, 127), (4, 4, 0)] {
            let index = Statistics.hodgesLehmannIndex(n1: n1, n2: n2, confidence: 0.95)
            #expect(index.k == k, "\(n1)v\(n2)")
            #expect(index.level == 0.95)
        }
    }

    @Test func anIntervalThatCannotReachItsLevelSaysTheLevelItHas() throws {
        // 3v3: P(U = 0) = 1/20 > 0.025, so the widest interval covers 1 - 2/20 = 90%, and says so.
        let change = try #require(Statistics.relativeMedianChange(baseline: [10, 11, 12], candidate: [9, 10.5, 13], confidence: 0.95))
        #expect(abs(change.confidence - 0.9) < 1e-12)
        #expect(abs(change.lower - (9 - 12) / 11.0) < 1e-12)
        #expect(abs(change.upper - (13 - 10) / 11.0) < 1e-12)
    }
}
