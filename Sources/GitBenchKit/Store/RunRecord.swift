import Foundation

/// One stored repetition: a row of the append-only, hash-chained `runs` table.
public struct RunRecord: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable { case ok, error }
    /// Whether the row belongs to a baseline (manifest seeds) or a candidate (meta seed) run.
    public enum Role: String, Sendable, Codable { case baseline, candidate }

    public var id: Int64
    public var project: String
    public var benchmark: String
    public var gitSHA: String
    public var isDirty: Bool
    public var diffPath: String?
    public var diffSHA256: String?
    /// UTC, ISO 8601 with milliseconds.
    public var timestamp: String
    public var harnessVersion: String
    public var host: String
    public var seed: Int64
    public var metaSeed: Int64?
    public var runSetID: String
    public var role: Role
    public var repetitionIndex: Int
    public var repetitionTotal: Int
    public var status: Status
    public var metric: Double?
    /// Canonical JSON text of the runner's `metric_components`.
    public var metricComponents: String?
    /// Canonical JSON text of the runner's `metadata`.
    public var metadata: String?
    public var wallClockSeconds: Double
    public var message: String?
    public var exitCode: Int?
    public var stderrLogPath: String?
    public var artifactHash: String?
    public var artifactSize: Int64?
    public var manifestHash: String
    public var prevHash: String
    public var rowHash: String

    enum CodingKeys: String, CodingKey {
        case id, project, benchmark
        case gitSHA = "git_sha"
        case isDirty = "git_dirty"
        case diffPath = "dirty_diff_path"
        case diffSHA256 = "dirty_diff_sha256"
        case timestamp
        case harnessVersion = "harness_version"
        case host, seed
        case metaSeed = "meta_seed"
        case runSetID = "run_set_id"
        case role
        case repetitionIndex = "repetition_index"
        case repetitionTotal = "repetition_total"
        case status, metric
        case metricComponents = "metric_components"
        case metadata
        case wallClockSeconds = "wall_clock_seconds"
        case message
        case exitCode = "exit_code"
        case stderrLogPath = "stderr_log_path"
        case artifactHash = "artifact_hash"
        case artifactSize = "artifact_size"
        case manifestHash = "manifest_hash"
        case prevHash = "prev_hash"
        case rowHash = "row_hash"
    }

    /// The short commit, as printed.
    public var shortSHA: String { String(gitSHA.prefix(10)) }
}

/// What the runner hands to the store for one repetition; the store adds id, time and hashes.
public struct RepetitionRecord: Sendable, Equatable {
    public var seed: Int64
    public var repetitionIndex: Int
    public var status: RunRecord.Status
    public var metric: Double?
    public var metricComponents: JSONValue?
    public var metadata: JSONValue?
    public var wallClockSeconds: Double
    public var message: String?
    public var exitCode: Int?
    public var stderrLogPath: String?
    public var artifactHash: String?
    public var artifactSize: Int64?
    /// CPU time and peak RSS of the runner's process tree (from `wait4`). Not stored in `runs` (and not part of the
    /// hash chain): it goes to the run set's `series.jsonl` only.
    public var usage: ResourceUsage?

    public init(seed: Int64, repetitionIndex: Int, status: RunRecord.Status, metric: Double? = nil, metricComponents: JSONValue? = nil,
                metadata: JSONValue? = nil, wallClockSeconds: Double, message: String? = nil, exitCode: Int? = nil,
                stderrLogPath: String? = nil, artifactHash: String? = nil, artifactSize: Int64? = nil, usage: ResourceUsage? = nil) {
        self.seed = seed
        self.repetitionIndex = repetitionIndex
        self.status = status
        self.metric = metric
        self.metricComponents = metricComponents
        self.metadata = metadata
        self.wallClockSeconds = wallClockSeconds
        self.message = message
        self.exitCode = exitCode
        self.stderrLogPath = stderrLogPath
        self.artifactHash = artifactHash
        self.artifactSize = artifactSize
        self.usage = usage
    }
}

/// Everything the rows of one run set share.
public struct RunSetContext: Sendable, Equatable {
    public var project: String
    public var benchmark: String
    public var commit: ObjectID
    public var isDirty: Bool
    public var diffPath: String?
    public var diffSHA256: String?
    public var host: String
    public var metaSeed: Int64?
    public var runSetID: RunSetID
    public var role: RunRecord.Role
    public var repetitionTotal: Int
    public var manifestHash: String

    public init(project: String, benchmark: String, commit: ObjectID, isDirty: Bool, diffPath: String?, diffSHA256: String?, host: String,
                metaSeed: Int64?, runSetID: RunSetID, role: RunRecord.Role, repetitionTotal: Int, manifestHash: String) {
        self.project = project
        self.benchmark = benchmark
        self.commit = commit
        self.isDirty = isDirty
        self.diffPath = diffPath
        self.diffSHA256 = diffSHA256
        self.host = host
        self.metaSeed = metaSeed
        self.runSetID = runSetID
        self.role = role
        self.repetitionTotal = repetitionTotal
        self.manifestHash = manifestHash
    }
}
