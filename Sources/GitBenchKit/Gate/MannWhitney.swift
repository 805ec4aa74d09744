import Foundation
import Synchronization

/// Exact p-values of the Mann–Whitney (Wilcoxon rank-sum) test.
///
/// Under "nothing changed" every way of splitting the pooled values into a baseline of n₁ and a candidate of n₂ is
/// equally likely, so the null distribution of the baseline's rank sum is the distribution of the sum of n₁ of the N
/// pooled (mid)ranks drawn without replacement. Without ties it depends on the sizes only and is cached; with ties it
/// is the exact conditional (permutation) distribution given the tie pattern, built per call. Beyond `exactLimit`
/// values (`exactLimitWithTies` with ties) the normal approximation with the tie-corrected variance and a continuity
/// correction is used (Lehmann, *Nonparametrics*, 1975, §1.3–1.4).
public enum MannWhitney {
    /// Largest pooled size whose tie-free distribution is computed exactly (once per pair of sizes).
    public static let exactLimit = 50
    /// Largest pooled size whose conditional distribution is computed exactly when values tie (once per call).
    public static let exactLimitWithTies = 40

    /// The two one-sided p-values of the baseline's rank sum.
    public struct Tails: Sendable, Equatable {
        /// P(W_b ≥ observed): the baseline ranks high, i.e. the candidate's values are smaller.
        public var upper: Double
        /// P(W_b ≤ observed): the candidate's values are larger.
        public var lower: Double
        /// False when the normal approximation was used.
        public var isExact: Bool
    }

    /// The tails of the baseline's rank sum; nil when either side is empty.
    public static func tails(baseline: [Double], candidate: [Double]) -> Tails? {
        guard !baseline.isEmpty, !candidate.isEmpty else { return nil }
        let pooled = baseline + candidate
        let (ranks, tieTerm) = Statistics.averageRanks(pooled)
        // Doubled midranks are integers (a midrank is a multiple of 1/2).
        let doubled = ranks.map { Int(($0 * 2).rounded()) }
        let observed = doubled[0..<baseline.count].reduce(0, +)
        let n = pooled.count
        let hasTies = tieTerm > 0
        guard n <= (hasTies ? exactLimitWithTies : exactLimit) else {
            return normalTails(observedDoubled: observed, n1: baseline.count, n2: candidate.count, tieTerm: tieTerm)
        }
        // Build the distribution for the smaller side; the other's sum is the total minus it.
        let useBaseline = baseline.count <= candidate.count
        let k = useBaseline ? baseline.count : candidate.count
        let total = n * (n + 1)
        let distribution = hasTies ? Distribution(values: doubled, choose: k) : cachedTieFree(n: n, k: k)
        if useBaseline {
            return Tails(upper: distribution.atLeast(observed), lower: distribution.atMost(observed), isExact: true)
        }
        let other = total - observed
        return Tails(upper: distribution.atMost(other), lower: distribution.atLeast(other), isExact: true)
    }

    /// The smallest one-sided p-value any data without ties can give at these sizes: `1 / C(n₁+n₂, n₁)`.
    public static func smallestPValue(_ n1: Int, _ n2: Int) -> Double {
        guard n1 > 0, n2 > 0 else { return 1 }
        return exp(lgamma(Double(n1 + 1)) + lgamma(Double(n2 + 1)) - lgamma(Double(n1 + n2 + 1)))
    }

    /// The smallest equal size per side whose smallest p-value is at most `alpha`.
    public static func smallestEqualSize(reaching alpha: Double) -> Int {
        var n = 1
        while smallestPValue(n, n) > alpha, n < 1_000 { n += 1 }
        return n
    }

    /// The fewest candidate values that let a baseline of `baselineCount` reach `alpha`.
    public static func smallestCandidateSize(reaching alpha: Double, baselineCount: Int) -> Int? {
        guard baselineCount > 0 else { return nil }
        var n2 = 1
        while smallestPValue(baselineCount, n2) > alpha {
            n2 += 1
            if n2 > 100_000 { return nil }
        }
        return n2
    }

    /// `P(U ≤ u)` for the tie-free null distribution of U = W − n₁(n₁+1)/2 at these sizes; nil beyond `exactLimit`.
    public static func nullCDF(_ u: Int, n1: Int, n2: Int) -> Double? {
        guard n1 > 0, n2 > 0, n1 + n2 <= exactLimit else { return nil }
        let k = min(n1, n2)
        // Doubled rank sums: W = 2(U + k(k+1)/2). U is symmetric, so either side's U has this distribution.
        return cachedTieFree(n: n1 + n2, k: k).atMost(2 * (u + k * (k + 1) / 2))
    }

    // MARK: - Distributions

    /// The distribution of the sum of `k` of `values` drawn without replacement, kept as cumulative counts from each
    /// end, so either tail is one lookup and a tiny tail is never a difference of two large numbers.
    struct Distribution: Sendable {
        /// `atMostCounts[s]`: how many k-subsets sum to at most s; `atLeastCounts[s]`: to at least s. Counts are
        /// Doubles: they only ever add, so they keep full relative precision even past 2⁵³.
        let atMostCounts: [Double]
        let atLeastCounts: [Double]
        let total: Double

        init(values: [Int], choose k: Int) {
            let maxSum = values.reduce(0, +)
            // ways[j][s]: j values chosen so far with sum s; rows are laid out in one array. Plain loops over a raw
            // buffer: this runs once per pair of sizes, but a debug build would otherwise spend seconds here.
            let width = maxSum + 1
            var ways = [Double](repeating: 0, count: (k + 1) * width)
            ways.withUnsafeMutableBufferPointer { ways in
                ways[0] = 1
                var reach = 0
                var index = 0
                while index < values.count {
                    let value = values[index]
                    reach += value
                    var j = min(index + 1, k)
                    while j >= 1 {
                        let row = j * width
                        let previous = (j - 1) * width - value
                        var s = reach
                        while s >= value {
                            ways[row + s] += ways[previous + s]
                            s -= 1
                        }
                        j -= 1
                    }
                    index += 1
                }
            }
            let counts = ways[(k * width)...]
            var running = 0.0
            atMostCounts = counts.map { running += $0; return running }
            running = 0
            atLeastCounts = counts.reversed().map { running += $0; return running }.reversed()
            total = running
        }

        /// P(sum ≥ s).
        func atLeast(_ s: Int) -> Double {
            guard s > 0 else { return 1 }
            guard s < atLeastCounts.count else { return 0 }
            return min(1, atLeastCounts[s] / total)
        }

        /// P(sum ≤ s).
        func atMost(_ s: Int) -> Double {
            guard s >= 0 else { return 0 }
            guard s < atMostCounts.count else { return 1 }
            return min(1, atMostCounts[s] / total)
        }
    }

    private static let tieFreeCache = Mutex<[Int: Distribution]>([:])

    /// The tie-free distribution (doubled ranks 2, 4, …, 2n) for choosing k of n, computed once per (n, k).
    static func cachedTieFree(n: Int, k: Int) -> Distribution {
        let key = n << 16 | k
        if let cached = tieFreeCache.withLock({ $0[key] }) { return cached }
        let distribution = Distribution(values: (1...n).map { 2 * $0 }, choose: k)
        tieFreeCache.withLock { $0[key] = distribution }
        return distribution
    }

    /// The normal approximation with the tie-corrected variance and a continuity correction of 1/2 on U.
    static func normalTails(observedDoubled: Int, n1: Int, n2: Int, tieTerm: Double) -> Tails {
        let a = Double(n1)
        let b = Double(n2)
        let n = a + b
        let u = Double(observedDoubled) / 2 - a * (a + 1) / 2
        let mu = a * b / 2
        let variance = a * b / 12 * ((n + 1) - tieTerm / (n * (n - 1)))
        guard variance > 0 else { return Tails(upper: 1, lower: 1, isExact: false) }
        let sd = variance.squareRoot()
        let upper = Statistics.normalCDF(-(u - mu - 0.5) / sd)
        let lower = Statistics.normalCDF((u - mu + 0.5) / sd)
        return Tails(upper: min(1, upper), lower: min(1, lower), isExact: false)
    }
}
