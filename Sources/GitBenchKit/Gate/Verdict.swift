/// The categorical answer of a gate, with everything a script needs to act on it.
public struct Verdict: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case promote = "PROMOTE"
        case reject = "REJECT"
        case needsMoreData = "NEEDS_MORE_DATA"
        case noBaseline = "NO_BASELINE"
        case pass = "PASS"
        case fail = "FAIL"
        case noReference = "NO_REFERENCE"
        /// The freshness guard: the working tree no longer matches the runs being compared (a dirty tree, a drifted
        /// corpus, or a change under `[project] tracked_paths`), so the runs do not describe this tree. Exit 5.
        case stale = "STALE"
    }

    /// Which gate produced the verdict.
    public enum GateKind: String, Sendable, Codable {
        case sigma
        case mannWhitney = "mann_whitney"
        case correctness
        /// `git bench ab`: two commits measured alternately, judged by their block contrasts.
        case interleaved
    }

    public var project: String
    public var benchmark: String
    public var kind: Kind
    public var gate: GateKind
    /// Direction-signed z (positive = candidate improved); nil when no comparison happened.
    public var statistic: Double?
    public var threshold: Double?
    public var direction: MetricDirection?
    public var baseline: GroupSummary?
    public var candidate: GroupSummary?
    /// Relative change of the candidate against the baseline, with a 95% interval.
    public var change: RelativeChange?
    /// One-sided p-value of "candidate improved", from `test`.
    public var pValue: Double?
    /// One-sided p-value of "candidate got worse", from `test`: what `check` decides on.
    public var regressionPValue: Double? = nil
    /// The degrees of freedom of a Welch t test.
    public var degreesOfFreedom: Double? = nil
    /// The one-sided level the p-values are compared with, `1 − Φ(threshold)`.
    public var alpha: Double? = nil
    /// The test the p-values come from.
    public var test: SignificanceTest? = nil
    /// Benjamini–Hochberg adjusted p-value, set by `evaluate --adjust`.
    public var adjustedPValue: Double?
    public var minEffect: Double?
    /// The smallest relative change the gate could detect with 80% power at these sample sizes and this noise
    /// (`Gate.detectableChange`); nil when no comparison happened.
    public var detectableChange: Double? = nil
    /// Set when failed candidate repetitions decided the verdict (a REJECT): how many of the candidate's repetitions
    /// failed. `check` reads it as a regression.
    public var failedRuns: Int? = nil
    public var referenceHash: String?
    public var candidateHash: String?
    public var host: String?
    /// One human sentence saying why.
    public var reason: String
    /// Set by `run --until-decided`: the look the verdict comes from and its adjusted threshold.
    public var sequential: SequentialLook? = nil
    /// A correctness FAIL's artifacts compared (paths, first differing byte, a unified diff for text).
    public var artifactDifference: ArtifactDifference? = nil

    public init(
        project: String, benchmark: String, kind: Kind, gate: GateKind, statistic: Double? = nil, threshold: Double? = nil,
        direction: MetricDirection? = nil, baseline: GroupSummary? = nil, candidate: GroupSummary? = nil,
        change: RelativeChange? = nil, pValue: Double? = nil, adjustedPValue: Double? = nil, minEffect: Double? = nil,
        referenceHash: String? = nil, candidateHash: String? = nil, host: String? = nil, reason: String
    ) {
        self.project = project
        self.benchmark = benchmark
        self.kind = kind
        self.gate = gate
        self.statistic = statistic
        self.threshold = threshold
        self.direction = direction
        self.baseline = baseline
        self.candidate = candidate
        self.change = change
        self.pValue = pValue
        self.adjustedPValue = adjustedPValue
        self.minEffect = minEffect
        self.referenceHash = referenceHash
        self.candidateHash = candidateHash
        self.host = host
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case project, benchmark, kind, gate, statistic, threshold, direction, baseline, candidate, change
        case pValue = "p_value"
        case regressionPValue = "p_value_regression"
        case degreesOfFreedom = "df"
        case alpha, test
        case adjustedPValue = "adjusted_p_value"
        case minEffect = "min_effect"
        case failedRuns = "failed_runs"
        case detectableChange = "detectable_change"
        case referenceHash = "reference_hash"
        case candidateHash = "candidate_hash"
        case host, reason, sequential
        case artifactDifference = "artifact_difference"
    }
}

/// The test behind a stochastic verdict's p-values.
public enum SignificanceTest: String, Sendable, Codable, CaseIterable {
    /// The permutation test of the means over every split of the pooled repetitions (the calibrated sigma gate).
    case permutationExact = "permutation-exact"
    /// The same test over random splits seeded by the data, when there are too many to enumerate.
    case permutationSampled = "permutation-sampled"
    /// Welch's t test with Welch–Satterthwaite degrees of freedom (the calibrated sigma gate below the permutation
    /// test's reach, or `gate_compat = "welch"`).
    case welchT = "welch-t"
    /// The Mann–Whitney test with its exact (conditional, with ties) null distribution.
    case mannWhitneyExact = "mann-whitney-exact"
    /// The Mann–Whitney test by the normal approximation with a continuity correction (large samples).
    case mannWhitneyNormal = "mann-whitney-normal"
    /// The sign-flip test of `ab`'s block contrasts, over every flip or over data-seeded random ones.
    case signFlipExact = "sign-flip-exact"
    case signFlipSampled = "sign-flip-sampled"
    /// The one-sample t test of `ab`'s block contrasts, when there are too few blocks for the flips to reach α.
    case pairedT = "paired-t"
    /// `gate_compat = "benchstone"`: the normal tail of benchstone's z, decided by `z ≥ threshold`.
    case benchstoneZ = "benchstone-z"
}

/// Summary of one side of a comparison.
public struct GroupSummary: Sendable, Equatable, Codable {
    /// The commit the group was measured at; nil when it is known only abbreviated (a verdict read from a note).
    public var commit: ObjectID?
    public var metaSeed: Int64?
    public var n: Int
    public var mean: Double?
    public var median: Double?
    public var stddev: Double?

    public init(commit: ObjectID?, metaSeed: Int64?, n: Int, mean: Double?, median: Double?, stddev: Double?) {
        self.commit = commit
        self.metaSeed = metaSeed
        self.n = n
        self.mean = mean
        self.median = median
        self.stddev = stddev
    }

    enum CodingKeys: String, CodingKey {
        case commit = "sha"
        case metaSeed = "meta_seed"
        case n, mean, median, stddev
    }
}

/// `(candidate - baseline) / baseline` of the mean (sigma gate) or median (Mann-Whitney gate), with its interval.
public struct RelativeChange: Sendable, Equatable, Codable {
    public enum Basis: String, Sendable, Codable { case mean, median }
    public var basis: Basis
    public var estimate: Double
    public var lower: Double
    public var upper: Double
    public var confidence: Double
    /// How the interval was computed, e.g. "welch-t" or "hodges-lehmann".
    public var method: String

    public init(basis: Basis, estimate: Double, lower: Double, upper: Double, confidence: Double = 0.95, method: String) {
        self.basis = basis
        self.estimate = estimate
        self.lower = lower
        self.upper = upper
        self.confidence = confidence
        self.method = method
    }
}

/// The measured metrics of one side of a comparison, as the gate receives them.
public struct MetricGroup: Sendable, Equatable {
    /// The commit the rows were measured at.
    public var commit: ObjectID
    public var metaSeed: Int64?
    /// Metrics of the `ok` repetitions only.
    public var metrics: [Double]
    /// The messages of the repetitions that failed (error rows that count), in order.
    public var failures: [String]

    public init(commit: ObjectID, metaSeed: Int64?, metrics: [Double], failures: [String] = []) {
        self.commit = commit
        self.metaSeed = metaSeed
        self.metrics = metrics
        self.failures = failures
    }
}
