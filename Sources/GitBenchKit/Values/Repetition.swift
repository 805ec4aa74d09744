import Foundation

/// How a repetition ended.
///
/// Stored rows keep benchstone's two statuses: an interrupted repetition is stored as an `error` row whose message is
/// exactly `interruptedMessage` (what Ctrl-C, SIGTERM and `git bench cancel` leave), and is read back as `.interrupted`
/// by `init(stored:message:)`, the one place that knows the stored form.
public enum RepetitionStatus: String, Sendable, Codable {
    /// The runner reported a result that passed validation.
    case ok
    /// The runner crashed, hung, failed or wrote a bad result; the message says which.
    case error
    /// A signal stopped git-bench while the repetition ran; it measured nothing, and `resume` runs it again.
    case interrupted

    /// The message of a stored interrupted row.
    public static let interruptedMessage = "interrupted"

    /// The status of a stored row from its `status` column and message; nil for a status git-bench does not write.
    public init?(stored status: String, message: String?) {
        switch status {
        case "ok": self = .ok
        case "error": self = message == Self.interruptedMessage ? .interrupted : .error
        default: return nil
        }
    }

    /// The `status` column value (and JSON value) of a row with this status.
    public var storedValue: String { self == .ok ? "ok" : "error" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let status = RepetitionStatus(rawValue: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected ok or error, got \"\(text)\"")
        }
        self = status
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(storedValue)
    }
}

/// What one repetition of a benchmark produced, as the runner measured it: the store adds id, time, provenance and
/// hashes and keeps it as a `RunRecord`.
public struct Repetition: Sendable, Equatable {
    public var seed: Int64
    public var repetitionIndex: Int
    public var status: RepetitionStatus
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

    public init(seed: Int64, repetitionIndex: Int, status: RepetitionStatus, metric: Double? = nil, metricComponents: JSONValue? = nil,
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
