import Foundation

/// One line of `series.jsonl`, the file form of one stored repetition (a `RunRecord`) plus what only the runner's
/// `wait4` knows (CPU, RSS) and the attempt that measured it. It is written from the stored row, appended as each
/// repetition finishes, and read back only for those extra figures: summaries and reports read the rows themselves.
public struct SeriesEntry: Sendable, Equatable, Codable {
    /// 0-based repetition index within the run set.
    public var index: Int
    public var seed: Int64
    public var status: RunRecord.Status
    public var metric: Double?
    /// The runner's `metric_components`, as it wrote them.
    public var components: JSONValue?
    public var wallClockSeconds: Double
    /// CPU and peak RSS of the runner's process tree (`wait4`); nil for rows recovered from the store on resume.
    public var userCPUSeconds: Double?
    public var systemCPUSeconds: Double?
    public var peakRSSBytes: Int64?
    /// git-bench's own peak RSS at spawn, which Linux charges to the runner at exec: `peakRSSBytes` is about this or more.
    public var spawnerPeakRSSBytes: Int64?
    public var message: String?
    public var exitCode: Int?
    public var stderrLogPath: String?
    public var artifactHash: String?
    public var artifactSize: Int64?
    /// The store row (`runs.id`) this line mirrors.
    public var runID: Int64
    /// When the store recorded the row (UTC, ISO 8601).
    public var recordedAt: String
    /// The attempt (1 = the original run, 2 = the first resume, …) that measured it; nil when unknown.
    public var attempt: Int?

    public init(index: Int, seed: Int64, status: RunRecord.Status, metric: Double?, components: JSONValue?, wallClockSeconds: Double,
                userCPUSeconds: Double?, systemCPUSeconds: Double?, peakRSSBytes: Int64?, spawnerPeakRSSBytes: Int64? = nil, message: String?, exitCode: Int?,
                stderrLogPath: String?, artifactHash: String?, artifactSize: Int64?, runID: Int64, recordedAt: String, attempt: Int?) {
        self.index = index
        self.seed = seed
        self.status = status
        self.metric = metric
        self.components = components
        self.wallClockSeconds = wallClockSeconds
        self.userCPUSeconds = userCPUSeconds
        self.systemCPUSeconds = systemCPUSeconds
        self.peakRSSBytes = peakRSSBytes
        self.spawnerPeakRSSBytes = spawnerPeakRSSBytes
        self.message = message
        self.exitCode = exitCode
        self.stderrLogPath = stderrLogPath
        self.artifactHash = artifactHash
        self.artifactSize = artifactSize
        self.runID = runID
        self.recordedAt = recordedAt
        self.attempt = attempt
    }

    /// The line for a stored row; `usage` comes from the runner (it is not in the store).
    public init(record: RunRecord, usage: ResourceUsage?, attempt: Int?) {
        self.init(index: record.repetitionIndex, seed: record.seed, status: record.status, metric: record.metric,
                  components: record.metricComponents?.value,
                  wallClockSeconds: record.wallClockSeconds, userCPUSeconds: usage?.userCPUSeconds, systemCPUSeconds: usage?.systemCPUSeconds,
                  peakRSSBytes: usage?.peakRSSBytes, spawnerPeakRSSBytes: usage?.spawnerPeakRSSBytes, message: record.message, exitCode: record.exitCode, stderrLogPath: record.stderrLogPath,
                  artifactHash: record.artifactHash, artifactSize: record.artifactSize, runID: record.id, recordedAt: record.timestamp,
                  attempt: attempt)
    }

    /// The runner's resource usage, when the line has it (lines rebuilt from the store on resume do not).
    public var usage: ResourceUsage? {
        guard let userCPUSeconds, let systemCPUSeconds, let peakRSSBytes else { return nil }
        return ResourceUsage(userCPUSeconds: userCPUSeconds, systemCPUSeconds: systemCPUSeconds, peakRSSBytes: peakRSSBytes,
                             spawnerPeakRSSBytes: spawnerPeakRSSBytes)
    }

    enum CodingKeys: String, CodingKey {
        case index, seed, status, metric, components
        case wallClockSeconds = "wall_clock_seconds"
        case userCPUSeconds = "user_cpu_seconds"
        case systemCPUSeconds = "system_cpu_seconds"
        case peakRSSBytes = "peak_rss_bytes"
        case spawnerPeakRSSBytes = "spawner_peak_rss_bytes"
        case message
        case exitCode = "exit_code"
        case stderrLogPath = "stderr_log_path"
        case artifactHash = "artifact_hash"
        case artifactSize = "artifact_size"
        case runID = "run_id"
        case recordedAt = "recorded_at"
        case attempt
    }
}
