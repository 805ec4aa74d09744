import Foundation

/// The permutation test of a difference in means, and the confidence interval that inverts it.
///
/// When nothing changed, the baseline and candidate repetitions are exchangeable: every way of splitting the pooled
/// values into a baseline of n_b and a candidate of n_c is equally likely. The candidate's sum is the statistic (the
/// difference of means is an increasing function of it), and its one-sided p-value is the share of splits whose
/// candidate sum is at least (or at most) the observed one. That makes the false-PROMOTE rate at most α for any noise
/// distribution, skewed or bimodal, at any sizes — which Welch's t, whose tails assume normal means, does not manage
/// with few unequal repetitions (see BENCHMARKS.md).
///
/// Up to `exactLimit` splits are all enumerated; beyond, `resamples` random splits are drawn, seeded from the data so
/// the same runs always give the same verdict, and the p-value counts the observed split too, `(1 + k) / (B + 1)`,
/// which keeps it valid at any B (Phipson & Smyth 2010).
///
/// The interval is the set of shifts δ the test does not reject at (1 − confidence)/2 per side when δ is taken off the
/// candidate (Tritchler 1984): each split S with m of the original candidates crosses the observed statistic at
/// `δ_S = (sum_C − sum_S) / (n_c − m)`, so the bounds are order statistics of those crossings, just as the
/// Hodges–Lehmann interval's are of the pairwise differences.
public enum PermutationTest {
    /// Largest number of splits enumerated exactly.
    public static let exactLimit = 20_000
    /// Random splits drawn beyond `exactLimit`.
    public static let resamples = 4_999

    public struct Result: Sendable, Equatable {
        /// P(candidate sum ≥ observed): evidence that the candidate's values are larger.
        public var upper: Double
        /// P(candidate sum ≤ observed): evidence that they are smaller.
        public var lower: Double
        /// The interval of the shift `mean_c − mean_b` (absolute units), nil with fewer than 3 splits.
        public var interval: ClosedRange<Double>?
        /// The interval's level: the confidence asked for, or the most the splits allow (90% at 3v3).
        public var level: Double
        /// Splits the p-values are over, the observed one included.
        public var splits: Int
        public var isExact: Bool
    }

    /// Number of distinct splits, `C(n_b + n_c, n_c)`, saturating at `Int.max`.
    public static func splitCount(_ nb: Int, _ nc: Int) -> Int {
        guard nb >= 0, nc >= 0 else { return 0 }
        var result = 1.0
        for i in 0..<min(nb, nc) { result = result * Double(nb + nc - i) / Double(i + 1) }
        return result >= 9.0e18 ? Int.max : Int(result.rounded())
    }

    /// True when the test has enough splits to reach a one-sided `alpha`: the smallest p-value, 1/splits (or
    /// 1/(resamples + 1)), is at most alpha.
    public static func canReach(_ alpha: Double, baselineCount nb: Int, candidateCount nc: Int) -> Bool {
        let splits = min(splitCount(nb, nc), resamples + 1)
        return Double(splits) * alpha >= 1
    }

    /// The test and interval; nil when either side is empty.
    public static func meanDifference(baseline: [Double], candidate: [Double], confidence: Double) -> Result? {
        let nb = baseline.count
        let nc = candidate.count
        guard nb > 0, nc > 0 else { return nil }
        let pooled = candidate + baseline
        let observed = candidate.reduce(0, +)
        // Sums that differ only by rounding are equal: a split that rearranges equal values is as extreme as the
        // observed one, not more or less.
        let scale = pooled.reduce(0) { max($0, abs($1)) }
        let tolerance = 1e-10 * max(scale, .leastNormalMagnitude) * Double(nc)
        let total = splitCount(nb, nc)
        let isExact = total <= exactLimit
        let visits = isExact ? total : resamples
        var atLeast = 0
        var atMost = 0
        // Each visited split's candidate sum and how many original candidates it holds.
        var sums = [Double](repeating: 0, count: visits)
        var originals = [Int32](repeating: 0, count: visits)
        // Draw the smaller side: the candidate's sum is then the pooled total minus it.
        let drawsCandidate = nc <= nb
        let side = drawsCandidate ? candidate + baseline : baseline + candidate
        let k = drawsCandidate ? nc : nb
        if isExact {
            enumerateSplits(side, choose: k, sums: &sums, originals: &originals)
        } else {
            sampleSplits(side, choose: k, seed: dataSeed(baseline, candidate), sums: &sums, originals: &originals)
            // The observed split counts once, as the +1 of (1 + k) / (B + 1).
            atLeast = 1
            atMost = 1
        }
        if !drawsCandidate {
            // A drawn baseline holding b of the original baselines leaves a candidate holding nc − (nb − b) originals.
            let pooledTotal = pooled.reduce(0, +)
            for index in 0..<visits {
                sums[index] = pooledTotal - sums[index]
                originals[index] = Int32(nc - nb) + originals[index]
            }
        }
        var crossings: [Double] = []
        crossings.reserveCapacity(visits)
        for index in 0..<visits {
            let sum = sums[index]
            if sum >= observed - tolerance { atLeast += 1 }
            if sum <= observed + tolerance { atMost += 1 }
            // The observed split (all candidates) never crosses itself.
            let held = Int(originals[index])
            if held < nc { crossings.append((observed - sum) / Double(nc - held)) }
        }
        let splits = isExact ? total : resamples + 1
        let bounds = interval(crossings: &crossings, splits: splits, confidence: confidence)
        return Result(upper: Double(atLeast) / Double(splits), lower: Double(atMost) / Double(splits), interval: bounds?.range,
                      level: bounds?.level ?? confidence, splits: splits, isExact: isExact)
    }

    /// Every k-subset of `pooled` in lexicographic order of indexes (indexes below k are the original candidates):
    /// its sum and how many originals it holds, one subset per slot.
    static func enumerateSplits(_ pooled: [Double], choose k: Int, sums: inout [Double], originals: inout [Int32]) {
        let n = pooled.count
        var chosen = Array(0..<k)
        var slot = 0
        while true {
            var sum = 0.0
            var held: Int32 = 0
            for index in chosen {
                sum += pooled[index]
                if index < k { held += 1 }
            }
            sums[slot] = sum
            originals[slot] = held
            slot += 1
            // Advance to the next combination: bump the rightmost index that can move, reset the ones after it.
            var position = k - 1
            while position >= 0, chosen[position] == n - k + position { position -= 1 }
            if position < 0 { return }
            chosen[position] += 1
            for next in (position + 1)..<k { chosen[next] = chosen[next - 1] + 1 }
        }
    }

    /// `sums.count` uniformly random k-subsets of `pooled`, from a generator seeded with `seed`.
    static func sampleSplits(_ pooled: [Double], choose k: Int, seed: UInt64, sums: inout [Double], originals: inout [Int32]) {
        var random = SplitSeededRandom(seed: seed)
        var order = Array(pooled.indices)
        let n = pooled.count
        // The hot loop of every sampled verdict (and of the calibration study): no bounds checks or uniqueness checks.
        pooled.withUnsafeBufferPointer { values in
            order.withUnsafeMutableBufferPointer { order in
                for slot in sums.indices {
                    var sum = 0.0
                    var held: Int32 = 0
                    // A partial Fisher–Yates shuffle: the first k positions are a uniform random k-subset.
                    for position in 0..<k {
                        // Lemire's multiply-shift: a uniform index below n − position without a division.
                        let pick = position + Int(random.next().multipliedFullWidth(by: UInt64(n - position)).high)
                        let chosen = order[pick]
                        order[pick] = order[position]
                        order[position] = chosen
                        sum += values[chosen]
                        if chosen < k { held += 1 }
                    }
                    sums[slot] = sum
                    originals[slot] = held
                }
            }
        }
    }

    /// `[δ_(j), δ_(N−j+1)]` over the crossings, j = ⌊splits · (1 − confidence)/2⌋: the shifts neither one-sided test
    /// rejects. When j is 0, j = 1 and the level the splits do reach, `1 − 2/splits`.
    static func interval(crossings: inout [Double], splits: Int, confidence: Double) -> (range: ClosedRange<Double>, level: Double)? {
        var j = Int((Double(splits) * (1 - confidence) / 2 + 1e-9).rounded(.down))
        var level = confidence
        if j == 0 {
            // Too few splits for this confidence (3v3 has 20): the widest interval, at the level it has.
            j = 1
            level = 1 - 2 / Double(splits)
        }
        guard level > 0, crossings.count >= 2 * j else { return nil }
        let lower = select(&crossings, j - 1)
        let upper = select(&crossings, crossings.count - j)
        return (min(lower, upper)...max(lower, upper), level)
    }

    /// The k-th smallest element (0-based), partially reordering `values` (Hoare's quickselect, median-of-three pivot).
    static func select(_ values: inout [Double], _ k: Int) -> Double {
        var low = 0
        var high = values.count - 1
        while low < high {
            let middle = low + (high - low) / 2
            let pivot = Swift.max(Swift.min(values[low], values[middle]), Swift.min(Swift.max(values[low], values[middle]), values[high]))
            var i = low
            var j = high
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j { values.swapAt(i, j); i += 1; j -= 1 }
            }
            if k <= j { high = j } else if k >= i { low = i } else { return values[k] }
        }
        return values[k]
    }

    /// A seed from the values' bits (FNV-1a), so a verdict is a function of its runs.
    static func dataSeed(_ baseline: [Double], _ candidate: [Double]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for value in baseline + [.nan] + candidate {
            hash = (hash ^ value.bitPattern) &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014): small, fast and the same on every platform, for data-seeded resampling.
struct SplitSeededRandom: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
