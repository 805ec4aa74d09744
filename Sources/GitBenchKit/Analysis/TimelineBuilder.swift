import Foundation

/// Builds `BenchmarkTimeline`s from the store: the rows grouped by run set, each candidate judged by the gate against
/// the baseline this host had when the run set started (so a later promote never rewrites what an old run set earned).
public struct TimelineBuilder: Sendable {
    /// What part of a benchmark's history to show.
    public struct Query: Sendable, Equatable {
        /// `YYYY-MM-DD` or an ISO 8601 time: entries at or after it.
        public var since: String?
        /// Only run sets and pointer moves at a commit starting with this lowercase hex prefix.
        public var shaPrefix: String?
        /// At most this many timeline entries (run sets and events together), the newest.
        public var limit: Int?
        /// At most this many run sets, the newest (events are all kept): only those are judged.
        public var runSetLimit: Int?

        public init(since: String? = nil, shaPrefix: String? = nil, limit: Int? = nil, runSetLimit: Int? = nil) {
            self.since = since
            self.shaPrefix = shaPrefix
            self.limit = limit
            self.runSetLimit = runSetLimit
        }
    }

    public let store: RunStore
    /// The tags of the repository by the full commit id they point at.
    public let tagsByCommit: [String: [String]]
    /// Where judged verdicts are cached (`VerdictCache`); nil judges every run set every time.
    public let home: HarnessHome?

    public init(store: RunStore, tagsByCommit: [String: [String]] = [:], home: HarnessHome? = nil) {
        self.store = store
        self.tagsByCommit = tagsByCommit
        self.home = home
    }

    /// The timeline of `benchmark` in `project`, newest first.
    public func timeline(of benchmark: Benchmark, project: String, query: Query = Query()) throws -> BenchmarkTimeline {
        let rows = try store.history(project: project, benchmark: benchmark.name, since: query.since, shaPrefix: query.shaPrefix, limit: nil)
        let pointers = try store.baselineEvents(project: project, benchmark: benchmark.name)
        let references = try store.referenceEvents(project: project, benchmark: benchmark.name)
        var judge = RunSetJudge(store: store, benchmark: benchmark, project: project, pointers: pointers, references: references,
                                cache: VerdictCache(home: home, project: project, benchmark: benchmark.name))
        defer { judge.cache.save() }
        // The newest `limit` entries hold at most `limit` run sets: the older ones are never judged.
        let kept = [query.limit, query.runSetLimit].compactMap { $0 }.min() ?? Int.max
        let points = try Self.runSets(of: rows).prefix(kept).map { try point(of: $0, judge: &judge) }
        let shownPointers = pointers.reversed().filter { event in
            (query.since.map { event.createdAt >= $0 } ?? true) && (query.shaPrefix.map { event.commit.hex.hasPrefix($0) } ?? true)
        }
        let shownReferences = query.shaPrefix != nil ? [] : references.reversed().filter { event in
            query.since.map { event.createdAt >= $0 } ?? true
        }
        let timeline = BenchmarkTimeline(project: project, benchmark: benchmark.name, tier: benchmark.tier,
                                         direction: benchmark.metricDirection ?? .minimize, unit: benchmark.unit, runSets: points,
                                         baselineEvents: shownPointers, referenceEvents: shownReferences)
        return query.limit.map { timeline.keepingNewest($0) } ?? timeline
    }

    /// One point per run set, in the order of `rows` (newest first); rows of one run set stay in repetition order.
    static func runSets(of rows: [RunRecord]) -> [[RunRecord]] {
        var order: [String] = []
        var groups: [String: [RunRecord]] = [:]
        for row in rows {
            if groups[row.runSetID] == nil { order.append(row.runSetID) }
            groups[row.runSetID, default: []].append(row)
        }
        return order.map { id in groups[id, default: []].sorted { $0.id < $1.id } }
    }

    func point(of rows: [RunRecord], judge: inout RunSetJudge) throws -> RunSetPoint {
        var point = point(of: rows)
        if point.role == .candidate { point.verdict = try judge.verdict(of: rows, startedAt: point.startedAt) }
        return point
    }

    /// The point of one run set's rows (not empty), without a verdict.
    func point(of rows: [RunRecord]) -> RunSetPoint {
        let first = rows[0]
        let counting = rows.counting
        return RunSetPoint(runSetID: first.runSetID, commit: first.gitSHA, startedAt: first.timestamp, host: first.host,
                           isDirty: rows.contains(where: \.isDirty), role: first.role, metaSeed: first.metaSeed,
                           metrics: counting.okMetrics, failed: counting.failedRepetitions.count, tags: tagsByCommit[first.gitSHA] ?? [])
    }
}

/// Judges run sets of one benchmark against the baseline in force when each started, reading each baseline once.
struct RunSetJudge {
    let store: RunStore
    let benchmark: Benchmark
    let project: String
    /// Oldest first.
    let pointers: [BaselinePointer]
    /// Oldest first.
    let references: [ReferenceEvent]
    var cache: VerdictCache
    private var baselines: [Int64: MetricGroup] = [:]

    init(store: RunStore, benchmark: Benchmark, project: String, pointers: [BaselinePointer], references: [ReferenceEvent], cache: VerdictCache) {
        self.store = store
        self.benchmark = benchmark
        self.project = project
        self.pointers = pointers
        self.references = references
        self.cache = cache
    }

    /// The verdict of the candidate `rows` (one run set) against what was in force at `startedAt`; nil when the rows
    /// are the baseline's own snapshot.
    mutating func verdict(of rows: [RunRecord], startedAt: String) throws -> Verdict? {
        let first = rows[0]
        guard let commit = ObjectID(hex: first.gitSHA) else { return nil }
        if benchmark.tier == .correctness {
            let reference = references.last { $0.createdAt <= startedAt }
            return cache.verdict(VerdictCache.key(rows: rows, pointer: nil, reference: reference, benchmark: benchmark)) {
                let artifact = rows.counting.last { $0.status == .ok && $0.artifactHash != nil }?.artifactHash
                return Gate.judgeCorrectness(project: project, benchmark: benchmark, referenceHash: reference?.contentHash,
                                             candidateHash: artifact, candidate: commit, host: first.host)
            }
        }
        let pointer = pointers.last { $0.host == first.host && $0.createdAt <= startedAt }
        if let pointer, let ids = pointer.runIDs, !ids.isEmpty, Set(ids).isSubset(of: rows.map(\.id)) { return nil }
        let key = VerdictCache.key(rows: rows, pointer: pointer, reference: nil, benchmark: benchmark)
        let baseline = try pointer.map { pointer in try baselineGroup(pointer) }
        return cache.verdict(key) {
            let counting = rows.counting
            let candidate = MetricGroup(commit: commit, metaSeed: first.metaSeed, metrics: counting.okMetrics,
                                        failures: counting.failedRepetitions.map { $0.message ?? "unknown failure" })
            return Gate.judge(project: project, benchmark: benchmark, baseline: baseline, candidate: candidate, host: first.host)
        }
    }

    private mutating func baselineGroup(_ pointer: BaselinePointer) throws -> MetricGroup {
        if let known = baselines[pointer.id] { return known }
        let rows = try store.baselineRows(of: pointer, filter: RunStore.Filter(host: pointer.host, includeDirty: false))
        let group = MetricGroup(commit: pointer.commit, metaSeed: pointer.metaSeed, metrics: rows.okMetrics)
        baselines[pointer.id] = group
        return group
    }
}
