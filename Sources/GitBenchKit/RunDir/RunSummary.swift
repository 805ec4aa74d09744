import Foundation

/// `summary.json`: what a run set measured, computed once from its series (numbers from `Statistics.describe`).
public struct RunSummary: Sendable, Equatable, Codable {
    /// One distinct error message and how many effective repetitions ended with it.
    public struct FailureReason: Sendable, Equatable, Codable {
        public var message: String
        public var count: Int

        public init(message: String, count: Int) {
            self.message = message
            self.count = count
        }
    }

    public var schema: String = RunDir.summarySchema
    public var schemaVersion: Int = RunDir.schemaVersion
    public var runSetID: RunSetID
    public var project: String
    public var benchmark: String
    public var commit: ObjectID
    public var role: RunRecord.Role
    public var metaSeed: Int64?
    /// Repetitions planned (with `--until-decided`, as far as the looks went).
    public var planned: Int
    /// Stored rows, including rows a resume superseded (an `interrupted` row whose index ran again).
    public var recorded: Int
    /// Rows superseded by a later row of the same index.
    public var superseded: Int
    /// Planned indices with no row yet (an unfinished run set).
    public var missingIndices: [Int]
    public var okCount: Int
    public var errorCount: Int
    /// Over the metrics of the effective ok repetitions.
    public var metric: SampleDescription
    /// Error messages, most frequent first.
    public var failureReasons: [FailureReason]
    public var maxWallClockSeconds: Double?
    public var totalWallClockSeconds: Double
    public var maxPeakRSSBytes: Int64?
    public var totalCPUSeconds: Double?
    public var totalArtifactBytes: Int64
    /// The verdict of `run --until-decided` (with its look and adjusted threshold), when it was used.
    public var verdict: Verdict?

    enum CodingKeys: String, CodingKey {
        case schema
        case schemaVersion = "schema_version"
        case runSetID = "run_set_id"
        case project, benchmark
        case commit = "git_sha"
        case role
        case metaSeed = "meta_seed"
        case planned, recorded, superseded
        case missingIndices = "missing_indices"
        case okCount = "n_ok"
        case errorCount = "n_error"
        case metric
        case failureReasons = "failure_reasons"
        case maxWallClockSeconds = "max_wall_clock_seconds"
        case totalWallClockSeconds = "total_wall_clock_seconds"
        case maxPeakRSSBytes = "max_peak_rss_bytes"
        case totalCPUSeconds = "total_cpu_seconds"
        case totalArtifactBytes = "total_artifact_bytes"
        case verdict
    }

    /// Summarizes `series` against the plan in `state`. For each index the newest row counts (a resume re-runs an
    /// `interrupted` row's index); every row still counts toward `recorded`.
    public init(state: ResumeState, series: [SeriesEntry], verdict: Verdict?) {
        var latest: [Int: SeriesEntry] = [:]
        for entry in series where (latest[entry.index]?.runID ?? Int64.min) < entry.runID { latest[entry.index] = entry }
        let effective = latest.values.sorted { $0.index < $1.index }
        let ok = effective.filter { $0.status == .ok }
        var reasons: [String: Int] = [:]
        for entry in effective where entry.status == .error { reasons[entry.message ?? "unknown", default: 0] += 1 }
        let usage = effective.compactMap { entry in entry.userCPUSeconds.flatMap { user in entry.systemCPUSeconds.map { user + $0 } } }

        runSetID = state.runSetID
        project = state.project
        benchmark = state.benchmark
        commit = state.commit
        role = state.role
        metaSeed = state.metaSeed
        planned = state.plannedSeeds.count
        recorded = series.count
        superseded = series.count - effective.count
        missingIndices = (0..<state.plannedSeeds.count).filter { latest[$0] == nil }
        okCount = ok.count
        errorCount = effective.count - ok.count
        metric = Statistics.describe(ok.compactMap(\.metric))
        failureReasons = reasons.map { FailureReason(message: $0.key, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.message < $1.message }
        maxWallClockSeconds = effective.map(\.wallClockSeconds).max()
        totalWallClockSeconds = effective.reduce(0) { $0 + $1.wallClockSeconds }
        maxPeakRSSBytes = effective.compactMap(\.peakRSSBytes).max()
        totalCPUSeconds = usage.isEmpty ? nil : usage.reduce(0, +)
        totalArtifactBytes = effective.reduce(0) { $0 + ($1.artifactSize ?? 0) }
        self.verdict = verdict
    }
}
