import Foundation

/// `archive pull`: imports archived git-bench run sets into the local store, so an ephemeral CI runner can judge
/// against a baseline an earlier job measured, and a laptop can see CI's history.
///
/// Run sets are found through the day manifests (and the entry objects a manifest may still lack); each result object
/// must hash to the `result_sha256` its entry recorded and decode as the run set the entry names, or nothing is
/// imported. Rows keep their host, commit, seeds and timestamps and are chained into the local store as an import
/// (source `archive`, one key per source row), so a second pull adds nothing and `verify` stays OK. Run sets this
/// store measured itself are never pulled back.
public struct ArchivePull: Sendable {
    /// Which archived run sets to pull.
    public struct Filter: Sendable, Equatable {
        public var project: String?
        /// `YYYY-MM-DD`: run sets from that UTC day on.
        public var since: String?
        /// Full commit ids: only run sets measured at one of them.
        public var commits: [String]

        public init(project: String? = nil, since: String? = nil, commits: [String] = []) {
            self.project = project
            self.since = since
            self.commits = commits
        }
    }

    /// What a pull did.
    public struct Outcome: Sendable, Encodable {
        public var pulled: [String] = []
        /// Run sets matched but already in the store (pulled before, or measured here).
        public var alreadyHere: [String] = []
        public var runs = ImportTally(read: 0, alreadyImported: 0, written: 0)
        public var baselineEvents = ImportTally(read: 0, alreadyImported: 0, written: 0)

        enum CodingKeys: String, CodingKey {
            case pulled, runs
            case alreadyHere = "already_here"
            case baselineEvents = "baseline_events"
        }
    }

    /// The import source every pulled row is recorded under.
    public static let source = "archive"

    public let store: any ObjectStore
    public let runStore: RunStore
    public let concurrency: Int

    public init(store: any ObjectStore, runStore: RunStore, concurrency: Int = 16) {
        self.store = store
        self.runStore = runStore
        self.concurrency = concurrency
    }

    /// Pulls what `filter` selects. Throws `ArchiveError.invalidObject` (nothing imported) for a result that does not
    /// match its entry, `.store` when the archive cannot be read, and store errors.
    public func pull(_ filter: Filter) throws -> Outcome {
        if let since = filter.since { try ArchiveKey.validate(date: since) }
        var outcome = Outcome()
        let imported = Set(try runStore.importedKeys(source: Self.source, kind: "run").compactMap { $0.split(separator: "#").first.map(String.init) })
        var wanted: [ManifestEntry] = []
        for entry in try entries(since: filter.since) where entry.runSetID != nil && matches(entry, filter) {
            guard let id = entry.runSetID, !wanted.contains(where: { $0.runSetID == id }) else { continue }
            let measuredHere = try !runStore.runs(inRunSet: RunSetID(value: id)).isEmpty
            if imported.contains(id) || measuredHere {
                outcome.alreadyHere.append(id)
                continue
            }
            wanted.append(entry)
        }
        let results = try download(wanted)
        var runs: [ImportedRun] = []
        var events: [ImportedBaselineEvent] = []
        for result in results {
            let (resultRuns, resultEvents) = try Self.imports(of: result)
            runs += resultRuns
            events += resultEvents
            outcome.pulled.append(result.runSetID)
        }
        guard !runs.isEmpty || !events.isEmpty else { return outcome }
        // The newest pointer event of a host is its current baseline: append them oldest first.
        events.sort { $0.date != $1.date ? $0.date < $1.date : $0.sourceKey < $1.sourceKey }
        let counts = try runStore.importBatch(ImportBatch(source: Self.source, runs: runs, baselineEvents: events, referenceEvents: []))
        outcome.runs = counts.runs
        outcome.baselineEvents = counts.baselineEvents
        return outcome
    }

    private func matches(_ entry: ManifestEntry, _ filter: Filter) -> Bool {
        if let project = filter.project, entry.project != project { return false }
        if filter.commits.isEmpty { return true }
        if let commit = entry.commit { return filter.commits.contains(commit) }
        return filter.commits.contains { $0.hasPrefix(entry.sha) }
    }

    /// Every entry of every day from `since` on: the day manifests and the entry objects they do not hold yet, read
    /// as `archive trajectory` reads them (concurrently, without writing).
    func entries(since: String?) throws -> [ManifestEntry] {
        let runs = try TrajectoryRebuild(privateStore: store, publicStore: store).collect(repair: false)
        return since.map { since in runs.entries.filter { $0.date >= since } } ?? runs.entries
    }

    /// Downloads and checks every entry's result, `concurrency` at a time.
    private func download(_ entries: [ManifestEntry]) throws -> [RunSetResult] {
        try WorkerPool.map(entries, concurrency: concurrency) { entry in Result { try self.fetch(entry) } }.map { try $0.get() }
    }

    private func fetch(_ entry: ManifestEntry) throws -> RunSetResult {
        let key = entry.resultKey
        guard let expected = entry.resultSHA256 else {
            throw ArchiveError.invalidObject(key: key, at: "result_sha256", reason: "its manifest entry records no hash to check it against")
        }
        guard let object = try call({ () throws(ObjectStoreError) in try store.get(key) }) else {
            throw ArchiveError.store(.refused(key: key, reason: "the manifest lists it but the object is missing"))
        }
        let actual = ContentDigest(of: object.bytes).hex
        guard actual == expected else {
            throw ArchiveError.invalidObject(key: key, at: "$", reason: "its SHA-256 is \(actual), but its manifest entry recorded \(expected): the object was changed after it was archived")
        }
        let document: Data
        do { document = try Compression.gunzip(object.bytes) } catch { throw ArchiveError.invalidObject(key: key, at: "$", reason: "not gzip (\(error))") }
        let result = try RunSetResult.decode(document, key: key)
        guard result.runSetID == entry.runSetID, result.project == entry.project, result.benchmark == entry.benchmark else {
            throw ArchiveError.invalidObject(key: key, at: "run_set_id", reason: "holds \(result.project)/\(result.benchmark) \(result.runSetID), not what its entry names")
        }
        return result
    }

    /// The rows and baseline events of one archived run set, as import values keyed `<run set>#<source row id>`.
    static func imports(of result: RunSetResult) throws -> ([ImportedRun], [ImportedBaselineEvent]) {
        let key = result.runSetID
        var runs: [ImportedRun] = []
        for repetition in result.repetitions {
            let row = repetition.row
            guard let commit = ObjectID(hex: row.gitSHA), let date = Timestamp.date(from: row.timestamp) else {
                throw ArchiveError.invalidObject(key: key, at: "repetitions[\(row.id)]", reason: "commit \(row.gitSHA) or time \(row.timestamp) is malformed")
            }
            guard row.runSetID == result.runSetID, row.project == result.project, row.benchmark == result.benchmark else {
                throw ArchiveError.invalidObject(key: key, at: "repetitions[\(row.id)]", reason: "the row belongs to another run set")
            }
            let values = Repetition(
                seed: row.seed, repetitionIndex: row.repetitionIndex, status: row.status, metric: row.metric, metricComponents: row.metricComponents?.value,
                metadata: row.metadata?.value, wallClockSeconds: row.wallClockSeconds, message: row.message, exitCode: row.exitCode,
                stderrLogPath: row.stderrLogPath, artifactHash: row.artifactHash, artifactSize: row.artifactSize, usage: repetition.usage)
            let context = RunSetContext(
                project: row.project, benchmark: row.benchmark, commit: commit, isDirty: row.isDirty, diffPath: row.diffPath, diffSHA256: row.diffSHA256,
                host: row.host, metaSeed: row.metaSeed, runSetID: RunSetID(value: row.runSetID), role: row.role, repetitionTotal: row.repetitionTotal,
                manifestHash: row.manifestHash, workingTreeHash: row.workingTreeHash)
            runs.append(ImportedRun(sourceKey: "\(key)#\(row.id)", repetition: values, context: context, date: date))
        }
        let events = try result.baselineEvents.map { event throws -> ImportedBaselineEvent in
            guard let date = Timestamp.date(from: event.createdAt) else {
                throw ArchiveError.invalidObject(key: key, at: "baseline_events[\(event.id)]", reason: "time \(event.createdAt) is malformed")
            }
            return ImportedBaselineEvent(
                sourceKey: "\(key)#baseline#\(event.id)", project: event.project, benchmark: event.benchmark, host: event.host, commit: event.commit,
                metaSeed: event.metaSeed, action: event.action, runSetID: event.runSetID, runSourceKeys: event.runIDs?.map { "\(key)#\($0)" },
                notes: event.notes, date: date)
        }
        return (runs, events)
    }

    private func call<T>(_ body: () throws(ObjectStoreError) -> T) throws(ArchiveError) -> T {
        do { return try body() } catch { throw .store(error) }
    }
}
