import Foundation

/// The descriptive numbers of one sample, as a run set's `summary.json` reports them.
///
/// Every field that is undefined for the sample (the mean of nothing, the spread of one value, a coefficient of
/// variation around a zero mean) is nil rather than NaN, so the value always encodes as JSON.
public struct SampleDescription: Sendable, Equatable, Codable {
    public var n: Int
    public var mean: Double?
    public var median: Double?
    /// Sample standard deviation (n-1 divisor); nil below two values.
    public var stddev: Double?
    /// `stddev / |mean|`; nil below two values or when the mean is 0.
    public var coefficientOfVariation: Double?
    public var min: Double?
    public var max: Double?
    /// The 95th percentile by linear interpolation between order statistics (Hyndman & Fan type 7).
    public var p95: Double?
    /// The 95% Student t interval of the mean; nil below two values.
    public var meanInterval: MeanInterval?

    public init(n: Int, mean: Double?, median: Double?, stddev: Double?, coefficientOfVariation: Double?, min: Double?, max: Double?,
                p95: Double?, meanInterval: MeanInterval?) {
        self.n = n
        self.mean = mean
        self.median = median
        self.stddev = stddev
        self.coefficientOfVariation = coefficientOfVariation
        self.min = min
        self.max = max
        self.p95 = p95
        self.meanInterval = meanInterval
    }

    enum CodingKeys: String, CodingKey {
        case n, mean, median, stddev
        case coefficientOfVariation = "cv"
        case min, max, p95
        case meanInterval = "mean_ci"
    }
}

/// A confidence interval of a mean.
public struct MeanInterval: Sendable, Equatable, Codable {
    public var lower: Double
    public var upper: Double
    public var confidence: Double
    /// How it was computed ("student-t").
    public var method: String

    public init(lower: Double, upper: Double, confidence: Double, method: String) {
        self.lower = lower
        self.upper = upper
        self.confidence = confidence
        self.method = method
    }
}

extension Statistics {
    /// The `p`-th quantile (`0 ≤ p ≤ 1`) by linear interpolation between order statistics: the value at 0-based
    /// position `h = (n - 1) p`, interpolated between `x_(floor h)` and `x_(ceil h)` (Hyndman & Fan 1996, type 7 — the
    /// default of R and NumPy). Returns nil for an empty sample or `p` outside [0, 1].
    public static func quantile(_ xs: [Double], _ p: Double) -> Double? {
        guard !xs.isEmpty, p >= 0, p <= 1 else { return nil }
        let sorted = xs.sorted()
        let h = Double(sorted.count - 1) * p
        let low = Int(h.rounded(.down))
        let high = Swift.min(low + 1, sorted.count - 1)
        return sorted[low] + (h - Double(low)) * (sorted[high] - sorted[low])
    }

    /// The Student t interval of the mean, `mean ± t_{(1+confidence)/2, n-1} · s / sqrt(n)`.
    /// Returns nil below two values or when `confidence` is not in (0, 1); a constant sample gives a zero-width interval.
    public static func meanInterval(_ xs: [Double], confidence: Double) -> MeanInterval? {
        guard xs.count >= 2, confidence > 0, confidence < 1 else { return nil }
        let (mean, se) = meanSE(xs)
        let t = studentTQuantile(1 - (1 - confidence) / 2, degreesOfFreedom: Double(xs.count - 1))
        return MeanInterval(lower: mean - t * se, upper: mean + t * se, confidence: confidence, method: "student-t")
    }

    /// Everything `summary.json` reports about a sample: n, mean, median, stddev, CV, min, max, p95 and the 95% interval
    /// of the mean.
    public static func describe(_ xs: [Double]) -> SampleDescription {
        guard !xs.isEmpty else {
            return SampleDescription(n: 0, mean: nil, median: nil, stddev: nil, coefficientOfVariation: nil, min: nil, max: nil, p95: nil,
                                     meanInterval: nil)
        }
        let m = mean(xs)
        let s: Double? = xs.count >= 2 ? sampleStddev(xs) : nil
        let cv = s.flatMap { m != 0 ? $0 / abs(m) : nil }
        return SampleDescription(n: xs.count, mean: m, median: median(xs), stddev: s, coefficientOfVariation: cv, min: xs.min(),
                                 max: xs.max(), p95: quantile(xs, 0.95), meanInterval: meanInterval(xs, confidence: 0.95))
    }
}
