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
    /// Stored rows, including rows that do not count (an `interrupted` row, whether or not its index ran again).
    public var recorded: Int
    /// Rows that do not count (`Sequence.counting`): interrupted rows, whose index a resume runs again.
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

    /// Summarizes the stored rows of a run set (`runs`) against the plan in `state`; `usage` is the runner's CPU and
    /// RSS by run id, which only the series file keeps. The rows that count are `runs.counting`; every row still
    /// counts toward `recorded`.
    public init(state: ResumeState, runs: [RunRecord], usage: [Int64: ResourceUsage], verdict: Verdict?) {
        let effective = runs.counting
        let ok = effective.filter { $0.status == .ok }
        var reasons: [String: Int] = [:]
        for record in effective where record.status != .ok { reasons[record.message ?? "unknown", default: 0] += 1 }
        let usages = effective.compactMap { usage[$0.id] }
        let present = Set(effective.map(\.repetitionIndex))

        runSetID = state.runSetID
        project = state.project
        benchmark = state.benchmark
        commit = state.commit
        role = state.role
        metaSeed = state.metaSeed
        planned = state.plannedSeeds.count
        recorded = runs.count
        superseded = runs.count - effective.count
        missingIndices = (0..<state.plannedSeeds.count).filter { !present.contains($0) }
        okCount = ok.count
        errorCount = effective.count - ok.count
        metric = Statistics.describe(ok.compactMap(\.metric))
        failureReasons = reasons.map { FailureReason(message: $0.key, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.message < $1.message }
        maxWallClockSeconds = effective.map(\.wallClockSeconds).max()
        totalWallClockSeconds = effective.reduce(0) { $0 + $1.wallClockSeconds }
        maxPeakRSSBytes = usages.map(\.peakRSSBytes).max()
        totalCPUSeconds = usages.isEmpty ? nil : usages.reduce(0) { $0 + $1.userCPUSeconds + $1.systemCPUSeconds }
        totalArtifactBytes = effective.reduce(0) { $0 + ($1.artifactSize ?? 0) }
        self.verdict = verdict
    }
}
