// Manifest/ owns the `bench/manifest.toml` model and its validation.
// It is pure: it takes the file's bytes and returns values or a `ManifestError`; it never touches git or the store.

/// A parsed, validated `bench/manifest.toml` (benchstone's format plus git-bench's extensions).
public struct Manifest: Sendable, Equatable {
    public var project: ProjectSpec
    public var benchmarks: [Benchmark]
    public var release: ReleaseSpec?
    /// `sha256:<hex>` of the manifest's raw bytes, recorded on every run.
    public var contentHash: String
    /// Non-fatal findings (unknown keys, benchstone's floor warnings), one line each.
    public var warnings: [String]

    public init(project: ProjectSpec, benchmarks: [Benchmark], release: ReleaseSpec? = nil, contentHash: String, warnings: [String] = []) {
        self.project = project
        self.benchmarks = benchmarks
        self.release = release
        self.contentHash = contentHash
        self.warnings = warnings
    }

    /// The benchmark with this name, or nil.
    public func benchmark(named name: String) -> Benchmark? {
        benchmarks.first { $0.name == name }
    }
}

/// The `[project]` table.
public struct ProjectSpec: Sendable, Equatable, Codable {
    public var name: String
    public var language: String
    /// Shell template with `{entry_point}`, `{config_path}` and `{output_path}` placeholders.
    public var invocation: String
    /// Files and directories (relative to the project root) whose bytes the freshness guard hashes into every stored
    /// row and compares at `evaluate` time, so a change `git status` cannot see (an ignored file, say) makes the
    /// verdict STALE. benchstone 0.3's key; default `["bench/"]`.
    public var trackedPaths: [String]

    /// The decision rule of every stochastic benchmark that does not set its own `gate_compat`.
    public var gateCompat: GateCompat

    /// The default of `tracked_paths`.
    public static let defaultTrackedPaths = ["bench/"]

    public init(name: String, language: String, invocation: String, trackedPaths: [String] = ProjectSpec.defaultTrackedPaths,
                gateCompat: GateCompat = .calibrated) {
        self.name = name
        self.language = language
        self.invocation = invocation
        self.trackedPaths = trackedPaths
        self.gateCompat = gateCompat
    }
}

/// The optional `[release]` table.
public struct ReleaseSpec: Sendable, Equatable, Codable {
    public var packages: [String]
    public init(packages: [String]) { self.packages = packages }
}

public enum Tier: String, Sendable, Codable, CaseIterable { case correctness, performance, quality }
public enum MetricDirection: String, Sendable, Codable, CaseIterable { case minimize, maximize }
public enum GPUMode: String, Sendable, Codable, CaseIterable { case none, direct, ollama }
public enum GatePolicy: String, Sendable, Codable, CaseIterable {
    case sigma
    case mannWhitney = "mann_whitney"
}
/// How a stochastic gate turns its statistic into a decision (`gate_compat`).
public enum GateCompat: String, Sendable, Codable, CaseIterable {
    /// The default: decide by an exact test's p-value at α = 1 − Φ(threshold) (sigma: the permutation test of the
    /// means; mann_whitney: the exact rank-sum distribution), so the false-PROMOTE rate is at most what the threshold
    /// says at every sample size and for any noise distribution.
    case calibrated
    /// The sigma gate decides by Welch's t p-value (normal theory: close to α for normal noise, off for skewed noise
    /// at unequal sizes); mann_whitney as calibrated.
    case welch
    /// benchstone's rule, byte for byte: PROMOTE iff the normal z reaches the threshold.
    case benchstone
}
/// How a corpus is fingerprinted: `bytes` (one file), `spec` (`corpus_spec.toml` in a directory), `dir` (the whole tree).
public enum CorpusType: String, Sendable, Codable, CaseIterable { case bytes, spec, dir }
public enum HookName: String, Sendable, Codable, CaseIterable {
    case postCommit = "post-commit"
    case prePush = "pre-push"
}

/// One `[[benchmarks]]` entry, with benchstone's defaults applied.
public struct Benchmark: Sendable, Equatable {
    public var name: String
    public var entryPoint: String
    public var tier: Tier
    public var deterministic: Bool
    /// Required for performance and quality tiers.
    public var metricDirection: MetricDirection?
    public var expectedRuntimeSeconds: Int?
    public var threads: Int
    public var gpu: GPUMode
    public var backgroundRequired: Bool
    public var repetitions: Int
    public var baselineSeeds: [Int64]
    public var promotionSigma: Double?
    public var promotionZ: Double?
    public var gatePolicy: GatePolicy
    public var corpusPath: String?
    public var corpusHash: String?
    public var corpusType: CorpusType?
    public var referencePolicy: String?
    // git-bench extensions
    public var timeoutSeconds: Double?
    /// Relative change (0.02 = 2%) below which nothing counts as significant.
    public var minEffect: Double?
    public var paths: [String]
    public var hooks: [HookName]
    /// When the first `failFast` repetitions of a run set all fail, the rest are not run (each is stored as an error
    /// row saying so): a candidate that no longer works should not spend repetitions × timeout finding out. 0 turns
    /// it off. Default 2.
    public var failFast: Int
    /// The default of `fail_fast`.
    public static let defaultFailFast = 2
    /// The most repetitions a run set may plan (`repetitions`, `-n`, `--budget`): far beyond any real need, and small
    /// enough that planning them never exhausts memory.
    public static let maximumRepetitions = 100_000
    /// The decision rule (`gate_compat`, the benchmark's or `[project]`'s).
    public var gateCompat: GateCompat
    /// The metric's unit (`unit`, optional): badges and reports print values with it (`0.84 s`).
    public var unit: String?

    public init(
        name: String, entryPoint: String, tier: Tier, deterministic: Bool? = nil,
        metricDirection: MetricDirection? = nil, expectedRuntimeSeconds: Int? = nil, threads: Int = 1,
        gpu: GPUMode = .none, backgroundRequired: Bool = false, repetitions: Int = 1, baselineSeeds: [Int64] = [],
        promotionSigma: Double? = nil, promotionZ: Double? = nil, gatePolicy: GatePolicy = .sigma,
        corpusPath: String? = nil, corpusHash: String? = nil, corpusType: CorpusType? = nil, referencePolicy: String? = nil,
        timeoutSeconds: Double? = nil, minEffect: Double? = nil, paths: [String] = [], hooks: [HookName] = [],
        failFast: Int = Benchmark.defaultFailFast, gateCompat: GateCompat = .calibrated, unit: String? = nil
    ) {
        self.name = name
        self.entryPoint = entryPoint
        self.tier = tier
        self.deterministic = deterministic ?? (tier == .correctness)
        self.metricDirection = metricDirection
        self.expectedRuntimeSeconds = expectedRuntimeSeconds
        self.threads = threads
        self.gpu = gpu
        self.backgroundRequired = backgroundRequired
        self.repetitions = repetitions
        self.baselineSeeds = baselineSeeds
        self.promotionSigma = promotionSigma
        self.promotionZ = promotionZ
        self.gatePolicy = gatePolicy
        self.corpusPath = corpusPath
        self.corpusHash = corpusHash
        self.corpusType = corpusType
        self.referencePolicy = referencePolicy
        self.timeoutSeconds = timeoutSeconds
        self.minEffect = minEffect
        self.paths = paths
        self.hooks = hooks
        self.failFast = failFast
        self.gateCompat = gateCompat
        self.unit = unit
    }

    /// The gate's threshold: `promotion_z` for Mann-Whitney when given, else `promotion_sigma` (benchstone's fallback).
    public var promotionThreshold: Double? {
        gatePolicy == .mannWhitney ? (promotionZ ?? promotionSigma) : promotionSigma
    }

    /// The gate's floors (benchstone 0.3's): a baseline needs 2 ok runs, the least a sample variance needs; its size
    /// beyond that is the user's intent, fixed in the snapshot, not re-derived from today's `baseline_seeds`. A
    /// candidate needs `max(repetitions, 2)`: the runs the user said they would make before deciding.
    public var baselineFloor: Int { 2 }
    public var candidateFloor: Int { max(repetitions, 2) }
}

/// The on-disk state of a benchmark's corpus against the manifest's `corpus_hash`.
public enum CorpusStatus: String, Sendable, Codable {
    case ok, drift, missing
    /// `corpus_path` names something the fingerprint refuses to read (outside the repository, a device, a FIFO, …).
    case unusable
    case notApplicable = "n/a"
}
