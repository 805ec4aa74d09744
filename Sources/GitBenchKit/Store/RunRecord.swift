import Foundation

/// One stored repetition: a row of the append-only, hash-chained `runs` table.
public struct RunRecord: Sendable, Equatable, Codable {
    /// How the repetition ended (see `RepetitionStatus` for how an interrupted one is stored).
    public typealias Status = RepetitionStatus
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
    /// The runner's `metric_components`, stored (and hashed) as canonical JSON text.
    public var metricComponents: JSONText?
    /// The runner's `metadata`, stored (and hashed) as canonical JSON text.
    public var metadata: JSONText?
    public var wallClockSeconds: Double
    public var message: String?
    public var exitCode: Int?
    public var stderrLogPath: String?
    public var artifactHash: String?
    public var artifactSize: Int64?
    public var manifestHash: String
    /// `sha256:` of the files under `[project] tracked_paths` when the row was measured (`WorkingTreeHash`); nil on
    /// rows from before the freshness guard.
    public var workingTreeHash: String? = nil
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
        case workingTreeHash = "working_tree_hash"
        case prevHash = "prev_hash"
        case rowHash = "row_hash"
    }

    /// The short commit, as printed.
    public var shortSHA: String { String(gitSHA.prefix(10)) }
}

extension RunRecord {
    /// Decodes a row (from the store or from JSON); an `error` row with the interrupted message reads back as
    /// `.interrupted` (`RepetitionStatus.init(stored:message:)`).
    public init(from decoder: any Decoder) throws {
        let row = try decoder.container(keyedBy: CodingKeys.self)
        id = try row.decode(Int64.self, forKey: .id)
        project = try row.decode(String.self, forKey: .project)
        benchmark = try row.decode(String.self, forKey: .benchmark)
        gitSHA = try row.decode(String.self, forKey: .gitSHA)
        isDirty = try row.decode(Bool.self, forKey: .isDirty)
        diffPath = try row.decodeIfPresent(String.self, forKey: .diffPath)
        diffSHA256 = try row.decodeIfPresent(String.self, forKey: .diffSHA256)
        timestamp = try row.decode(String.self, forKey: .timestamp)
        harnessVersion = try row.decode(String.self, forKey: .harnessVersion)
        host = try row.decode(String.self, forKey: .host)
        seed = try row.decode(Int64.self, forKey: .seed)
        metaSeed = try row.decodeIfPresent(Int64.self, forKey: .metaSeed)
        runSetID = try row.decode(String.self, forKey: .runSetID)
        role = try row.decode(Role.self, forKey: .role)
        repetitionIndex = try row.decode(Int.self, forKey: .repetitionIndex)
        repetitionTotal = try row.decode(Int.self, forKey: .repetitionTotal)
        metric = try row.decodeIfPresent(Double.self, forKey: .metric)
        metricComponents = try row.decodeIfPresent(JSONText.self, forKey: .metricComponents)
        metadata = try row.decodeIfPresent(JSONText.self, forKey: .metadata)
        wallClockSeconds = try row.decode(Double.self, forKey: .wallClockSeconds)
        message = try row.decodeIfPresent(String.self, forKey: .message)
        exitCode = try row.decodeIfPresent(Int.self, forKey: .exitCode)
        stderrLogPath = try row.decodeIfPresent(String.self, forKey: .stderrLogPath)
        artifactHash = try row.decodeIfPresent(String.self, forKey: .artifactHash)
        artifactSize = try row.decodeIfPresent(Int64.self, forKey: .artifactSize)
        manifestHash = try row.decode(String.self, forKey: .manifestHash)
        workingTreeHash = try row.decodeIfPresent(String.self, forKey: .workingTreeHash)
        prevHash = try row.decode(String.self, forKey: .prevHash)
        rowHash = try row.decode(String.self, forKey: .rowHash)
        let storedStatus = try row.decode(String.self, forKey: .status)
        guard let status = RepetitionStatus(stored: storedStatus, message: message) else {
            throw DecodingError.dataCorruptedError(forKey: .status, in: row, debugDescription: "expected ok or error, got \"\(storedStatus)\"")
        }
        self.status = status
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
    /// The freshness guard's fingerprint of the tree the rows were measured in (`RunRecord.workingTreeHash`).
    public var workingTreeHash: String?

    public init(project: String, benchmark: String, commit: ObjectID, isDirty: Bool, diffPath: String?, diffSHA256: String?, host: String,
                metaSeed: Int64?, runSetID: RunSetID, role: RunRecord.Role, repetitionTotal: Int, manifestHash: String,
                workingTreeHash: String? = nil) {
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
        self.workingTreeHash = workingTreeHash
    }
}
