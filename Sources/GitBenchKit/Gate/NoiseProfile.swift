import Foundation

/// What `git bench calibrate` learns from repetitions of unchanged code: how noisy the benchmark is, whether the
/// machine drifts, and how many repetitions each gate needs to see a given change.
public struct NoiseProfile: Sendable, Equatable, Codable {
    public var n: Int
    public var mean: Double
    public var median: Double
    /// Sample standard deviation over |mean|.
    public var cv: Double?
    /// Median absolute deviation, scaled by 1.4826 (a normal's σ), over |median|: the spread outliers cannot inflate.
    public var robustCV: Double?
    /// Share of repetitions outside Tukey's fences (1.5 IQR beyond the quartiles).
    public var outlierShare: Double
    /// Second half's mean against the first half's, as a relative change, with Welch's two-sided p.
    public var halfDrift: Double?
    public var halfDriftPValue: Double?
    /// Theil–Sen slope over the repetition order, relative to the median, per repetition.
    public var trendPerRepetition: Double?
    /// Two-sided p of Kendall's tau between value and order (Mann–Kendall trend test, normal approximation with ties).
    public var trendPValue: Double?

    enum CodingKeys: String, CodingKey {
        case n, mean, median, cv
        case robustCV = "robust_cv"
        case outlierShare = "outlier_share"
        case halfDrift = "half_drift"
        case halfDriftPValue = "half_drift_p_value"
        case trendPerRepetition = "trend_per_repetition"
        case trendPValue = "trend_p_value"
    }

    /// The drift the trend test calls significant at 5%, two-sided.
    public var drifts: Bool { (trendPValue ?? 1) < 0.05 }

    /// The profile of `values` in the order they were measured; nil with fewer than 4.
    public static func of(_ values: [Double]) -> NoiseProfile? {
        let n = values.count
        guard n >= 4 else { return nil }
        let mean = Statistics.mean(values)
        let median = Statistics.median(values)
        let sd = Statistics.sampleStddev(values)
        let deviations = values.map { abs($0 - median) }
        let mad = Statistics.median(deviations) * 1.4826
        let q1 = Statistics.quantile(values, 0.25) ?? median
        let q3 = Statistics.quantile(values, 0.75) ?? median
        let fence = 1.5 * (q3 - q1)
        let outliers = values.filter { $0 < q1 - fence || $0 > q3 + fence }.count
        let first = Array(values.prefix(n / 2))
        let second = Array(values.suffix(n - n / 2))
        let halfChange = mean != 0 ? (Statistics.mean(second) - Statistics.mean(first)) / abs(Statistics.mean(first)) : nil
        var halfP: Double?
        if let df = Statistics.welchDegreesOfFreedom(first, second) {
            let t = Statistics.directedZ(baseline: first, candidate: second, direction: .maximize)
            halfP = 2 * Statistics.studentTCDF(-abs(t), degreesOfFreedom: df)
        }
        return NoiseProfile(
            n: n, mean: mean, median: median, cv: mean != 0 ? sd / abs(mean) : nil, robustCV: median != 0 ? mad / abs(median) : nil,
            outlierShare: Double(outliers) / Double(n), halfDrift: halfChange, halfDriftPValue: halfP,
            trendPerRepetition: median != 0 ? theilSenSlope(values) / abs(median) : nil, trendPValue: mannKendallPValue(values))
    }

    /// The median of the pairwise slopes `(x_j − x_i)/(j − i)`.
    static func theilSenSlope(_ values: [Double]) -> Double {
        var slopes: [Double] = []
        for i in values.indices {
            for j in values.indices where j > i { slopes.append((values[j] - values[i]) / Double(j - i)) }
        }
        return Statistics.median(slopes)
    }

    /// Mann–Kendall: S = Σ sign(x_j − x_i) over i < j, variance with the tie correction, continuity-corrected z.
    static func mannKendallPValue(_ values: [Double]) -> Double {
        let n = Double(values.count)
        var s = 0.0
        for i in values.indices {
            for j in values.indices where j > i { s += values[j] > values[i] ? 1 : (values[j] < values[i] ? -1 : 0) }
        }
        var counts: [Double: Int] = [:]
        for value in values { counts[value, default: 0] += 1 }
        let ties = counts.values.reduce(0.0) { total, t in let t = Double(t); return total + t * (t - 1) * (2 * t + 5) }
        let variance = (n * (n - 1) * (2 * n + 5) - ties) / 18
        guard variance > 0 else { return 1 }
        let z = s == 0 ? 0 : (abs(s) - 1) / variance.squareRoot()
        return min(1, 2 * Statistics.normalCDF(-z))
    }
}

/// The power of a gate to PROMOTE a given improvement, estimated by resampling repetitions of unchanged code.
public struct PowerEstimate: Sendable, Equatable, Codable {
    public var gate: String
    /// Repetitions a side.
    public var baseline: Int
    public var candidate: Int
    public var power: Double

    /// The share of `trials` resampled pairs that `judge` PROMOTEs when the candidate is improved by `effect` (a
    /// fraction, in the benchmark's direction): baseline and candidate are drawn with replacement from `values`, so
    /// the real shape of the noise (skew, a slow mode) is what the gate faces. Deterministic for given inputs.
    public static func estimate(values: [Double], benchmark: Benchmark, baseline nb: Int, candidate nc: Int, effect: Double, trials: Int,
                                seed: UInt64) -> Double {
        guard !values.isEmpty, trials > 0 else { return 0 }
        var benchmark = benchmark
        benchmark.repetitions = nc
        if benchmark.gatePolicy == .sigma, benchmark.gateCompat == .calibrated,
           PermutationTest.splitCount(nb, nc) > PowerEstimate.permutationSplits {
            // Past a thousand splits a verdict enumerates or samples thousands of them; there the permutation test's
            // power and Welch's t's agree within the resampling error (BENCHMARKS.md's power table has both), at a
            // thousandth of the cost.
            benchmark.gateCompat = .welch
        }
        var random = SplitSeededRandom(seed: seed)
        let factor = (benchmark.metricDirection ?? .minimize) == .minimize ? 1 - effect : 1 + effect
        let commit = ObjectID(hex: String(repeating: "0", count: 40))!
        var promotes = 0
        for _ in 0..<trials {
            let a = (0..<nb).map { _ in values[Int(random.next() % UInt64(values.count))] }
            let b = (0..<nc).map { _ in values[Int(random.next() % UInt64(values.count))] * factor }
            let verdict = Gate.judge(project: "calibrate", benchmark: benchmark, baseline: MetricGroup(commit: commit, metaSeed: 1, metrics: a),
                                     candidate: MetricGroup(commit: commit, metaSeed: 2, metrics: b), host: nil, withInterval: false)
            if verdict.kind == .promote { promotes += 1 }
        }
        return Double(promotes) / Double(trials)
    }

    /// The smallest equal size per side from `grid` whose estimated power reaches `target`, or nil when none does.
    public static func repetitionsNeeded(values: [Double], benchmark: Benchmark, effect: Double, target: Double, trials: Int,
                                         grid: [Int] = PowerEstimate.grid) -> Int? {
        // Power grows with n: bisect over the grid.
        var low = 0
        var high = grid.count - 1
        func reaches(_ index: Int) -> Bool {
            var sized = benchmark
            sized.repetitions = grid[index]
            return estimate(values: values, benchmark: sized, baseline: grid[index], candidate: grid[index], effect: effect, trials: trials,
                            seed: UInt64(grid[index])) >= target
        }
        guard reaches(high) else { return nil }
        while low < high {
            let middle = (low + high) / 2
            if reaches(middle) { high = middle } else { low = middle + 1 }
        }
        return grid[low]
    }

    /// Up to this many splits the sigma gate's power is estimated with its own permutation test, beyond with Welch's t.
    public static let permutationSplits = 1_000

    /// Sizes `repetitionsNeeded` considers.
    public static let grid = [4, 5, 6, 8, 10, 12, 16, 20, 25, 30, 40, 50, 64, 80, 100]
}
