import Foundation

/// One run set of a benchmark as the reports show it: where and when it was measured, its repetitions, their summary,
/// and, for a candidate, the verdict it earned against the baseline pointer this host had when it was measured.
public struct RunSetPoint: Sendable, Equatable, Codable {
    public var runSetID: String
    /// The full commit id the rows were measured at.
    public var commit: String
    /// The first repetition's timestamp (ISO 8601, UTC, milliseconds).
    public var startedAt: String
    public var host: String
    public var isDirty: Bool
    public var role: RunRecord.Role
    public var metaSeed: Int64?
    /// The metrics of the `ok` repetitions, in repetition order.
    public var metrics: [Double]
    /// How many repetitions failed.
    public var failed: Int
    /// n, mean, median, spread and the 95% interval of the mean of `metrics`.
    public var summary: SampleDescription
    /// Quartiles of `metrics` (type 7), for box plots; nil for an empty run set.
    public var quartiles: Quartiles?
    /// The candidate judged against the baseline in force when it was measured; nil for a baseline run set, a
    /// correctness benchmark or a run set with no baseline to judge against.
    public var verdict: Verdict?
    /// Tags pointing at `commit` (`bench/m19`, `v0.14.0`), sorted.
    public var tags: [String]

    public init(runSetID: String, commit: String, startedAt: String, host: String, isDirty: Bool, role: RunRecord.Role, metaSeed: Int64?,
                metrics: [Double], failed: Int, verdict: Verdict? = nil, tags: [String] = []) {
        self.runSetID = runSetID
        self.commit = commit
        self.startedAt = startedAt
        self.host = host
        self.isDirty = isDirty
        self.role = role
        self.metaSeed = metaSeed
        self.metrics = metrics
        self.failed = failed
        self.summary = Statistics.describe(metrics)
        self.quartiles = Quartiles(metrics)
        self.verdict = verdict
        self.tags = tags
    }

    enum CodingKeys: String, CodingKey {
        case runSetID = "run_set_id"
        case commit, host, role, metrics, failed, summary, quartiles, verdict, tags
        case startedAt = "started_at"
        case isDirty = "dirty"
        case metaSeed = "meta_seed"
    }
}

/// Minimum, quartiles and maximum of a sample: the five numbers of a box plot.
public struct Quartiles: Sendable, Equatable, Codable {
    public var min: Double
    public var q1: Double
    public var median: Double
    public var q3: Double
    public var max: Double

    public init(min: Double, q1: Double, median: Double, q3: Double, max: Double) {
        self.min = min
        self.q1 = q1
        self.median = median
        self.q3 = q3
        self.max = max
    }

    /// Nil for an empty sample.
    public init?(_ xs: [Double]) {
        let sorted = xs.sorted()
        guard let first = sorted.first, let last = sorted.last,
              let q1 = Statistics.quantile(sorted, 0.25), let median = Statistics.quantile(sorted, 0.5), let q3 = Statistics.quantile(sorted, 0.75)
        else { return nil }
        self.init(min: first, q1: q1, median: median, q3: q3, max: last)
    }
}
