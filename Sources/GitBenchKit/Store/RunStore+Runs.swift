import Foundation
import GRDB

/// The `runs` table: appending chained rows, and the reads the gates, `resume` and `history` make.
extension RunStore {
    /// Appends one repetition, chaining its hash to the previous row, in its own transaction.
    @discardableResult
    public func append(_ repetition: Repetition, in context: RunSetContext, at date: Date = Date()) throws -> RunRecord {
        let record = try write("store a run of \(context.project)/\(context.benchmark)") { db in
            var tip = try ChainTip(db)
            return try insert(repetition, in: context, at: date, after: &tip, db)
        }
        try recordTips(ChainAnchor(runs: .init(count: record.id, hash: record.rowHash)))
        return record
    }

    /// Appends many repetitions in one transaction (imports, store benchmarks), chained exactly as `append` chains them.
    public func append(contentsOf batch: [(Repetition, RunSetContext)], at date: Date = Date()) throws {
        guard !batch.isEmpty else { return }
        _ = try write("store \(batch.count) runs") { db in
            var tip = try ChainTip(db)
            for (repetition, context) in batch { try insert(repetition, in: context, at: date, after: &tip, db) }
            return batch.count
        }
        try recordCurrentTips()
    }

    // Internal, not private: RunStore+Import.swift chains imported rows inside its own transaction.
    @discardableResult
    func insert(_ repetition: Repetition, in context: RunSetContext, at date: Date, after tip: inout ChainTip, _ db: Database) throws -> RunRecord {
        try insert(PreparedRun(repetition, in: context, at: date), after: &tip, db)
    }

    /// Chains `prepared` after `tip` and writes it; `tip` moves to the new row.
    @discardableResult
    func insert(_ prepared: PreparedRun, after tip: inout ChainTip, _ db: Database) throws -> RunRecord {
        let record = try prepared.chained(id: tip.id + 1, after: tip.hash)
        try Self.insertRow(record, db)
        tip = ChainTip(id: record.id, hash: record.rowHash)
        return record
    }

    /// The row's columns, bound to one prepared statement kept for the connection: a bulk import inserts a million.
    private static func insertRow(_ record: RunRecord, _ db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO runs (id, project, benchmark, git_sha, git_dirty, dirty_diff_path, dirty_diff_sha256, timestamp,
                harness_version, host, seed, meta_seed, run_set_id, role, repetition_index, repetition_total, status, metric,
                metric_components, metadata, wall_clock_seconds, message, exit_code, stderr_log_path, artifact_hash, artifact_size,
                manifest_hash, working_tree_hash, prev_hash, row_hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let values: [(any DatabaseValueConvertible)?] = [
            record.id, record.project, record.benchmark, record.gitSHA, record.isDirty, record.diffPath, record.diffSHA256, record.timestamp,
            record.harnessVersion, record.host, record.seed, record.metaSeed, record.runSetID, record.role.rawValue, record.repetitionIndex,
            record.repetitionTotal, record.status.storedValue, record.metric, record.metricComponents?.text, record.metadata?.text,
            record.wallClockSeconds, record.message, record.exitCode, record.stderrLogPath, record.artifactHash, record.artifactSize,
            record.manifestHash, record.workingTreeHash, record.prevHash, record.rowHash,
        ]
        statement.setUncheckedArguments(StatementArguments(values))
        try statement.execute()
    }

    /// One run by id, or nil.
    public func run(id: Int64) throws -> RunRecord? {
        try read("read run \(id)") { db in try RunRecord.fetchOne(db, key: id) }
    }

    /// The rows with these ids, in id order; ids with no row are left out.
    public func runs(ids: [Int64]) throws -> [RunRecord] {
        guard !ids.isEmpty else { return [] }
        return try read("read \(ids.count) runs by id") { db in
            try RunRecord.fetchAll(db, keys: ids).sorted { $0.id < $1.id }
        }
    }

    /// All rows of one run set, in order.
    public func runs(inRunSet runSetID: RunSetID) throws -> [RunRecord] {
        try read("read run set \(runSetID)") { db in
            try RunRecord.fetchAll(db, sql: "SELECT * FROM runs WHERE run_set_id = ? ORDER BY id", arguments: [runSetID.value])
        }
    }

    /// Selects which rows of a commit count for a gate.
    public struct Filter: Sendable, Equatable {
        /// Only rows from this host; nil means any host.
        public var host: String?
        public var includeDirty: Bool
        public init(host: String?, includeDirty: Bool) {
            self.host = host
            self.includeDirty = includeDirty
        }

        /// Whether `record` passes: the same test the queries apply in SQL.
        public func admits(_ record: RunRecord) -> Bool {
            (host == nil || record.host == host) && (includeDirty || !record.isDirty)
        }
    }

    /// The distinct candidate meta seeds recorded at `commit`, newest group first.
    public func candidateMetaSeeds(project: String, benchmark: String, commit: ObjectID, filter: Filter) throws -> [Int64] {
        try read("read candidate groups") { db in
            var sql = """
                SELECT meta_seed, MAX(id) AS newest FROM runs
                WHERE project = ? AND benchmark = ? AND git_sha = ? AND meta_seed IS NOT NULL
                """
            var arguments: StatementArguments = [project, benchmark, commit.hex]
            Self.apply(filter, to: &sql, &arguments)
            sql += " GROUP BY meta_seed ORDER BY newest DESC"
            return try Int64.fetchAll(db, sql: sql, arguments: arguments)
        }
    }

    /// The rows of one group: runs at `commit` with exactly this meta seed (nil = baseline seeds).
    public func group(project: String, benchmark: String, commit: String, metaSeed: Int64?, filter: Filter) throws -> [RunRecord] {
        try read("read runs at \(commit.prefix(10))") { db in
            var sql = "SELECT * FROM runs WHERE project = ? AND benchmark = ? AND git_sha = ? AND meta_seed IS ?"
            var arguments: StatementArguments = [project, benchmark, commit, metaSeed]
            Self.apply(filter, to: &sql, &arguments)
            sql += " ORDER BY id"
            return try RunRecord.fetchAll(db, sql: sql, arguments: arguments)
        }
    }

    /// The newest `ok` row with an artifact at `commit`, for the correctness gate.
    public func latestArtifactRun(project: String, benchmark: String, commit: ObjectID, filter: Filter) throws -> RunRecord? {
        try read("read the latest artifact") { db in
            var sql = "SELECT * FROM runs WHERE project = ? AND benchmark = ? AND git_sha = ? AND status = 'ok' AND artifact_hash IS NOT NULL"
            var arguments: StatementArguments = [project, benchmark, commit.hex]
            Self.apply(filter, to: &sql, &arguments)
            sql += " ORDER BY id DESC LIMIT 1"
            return try RunRecord.fetchOne(db, sql: sql, arguments: arguments)
        }
    }

    private static func apply(_ filter: Filter, to sql: inout String, _ arguments: inout StatementArguments) {
        if let host = filter.host {
            sql += " AND host = ?"
            arguments += [host]
        }
        if !filter.includeDirty { sql += " AND git_dirty = 0" }
    }

    /// Runs of a benchmark, newest first.
    public func history(project: String, benchmark: String, since: String?, shaPrefix: String?, limit: Int?) throws -> [RunRecord] {
        try read("read history of \(project)/\(benchmark)") { db in
            var sql = "SELECT * FROM runs WHERE project = ? AND benchmark = ?"
            var arguments: StatementArguments = [project, benchmark]
            if let since {
                sql += " AND timestamp >= ?"
                arguments += [since]
            }
            if let shaPrefix {
                sql += " AND git_sha >= ? AND git_sha < ?"
                arguments += [shaPrefix, shaPrefix + "g"]
            }
            sql += " ORDER BY id DESC"
            if let limit {
                sql += " LIMIT ?"
                arguments += [limit]
            }
            return try RunRecord.fetchAll(db, sql: sql, arguments: arguments)
        }
    }

    /// A benchmark's timeline, newest first: its runs, baseline pointer events and reference events since `since`,
    /// the newest `limit` of them together. With `shaPrefix`, only runs and pointer moves at a matching commit.
    public func timeline(project: String, benchmark: String, since: String?, shaPrefix: String?, limit: Int?) throws -> History {
        let runs = try history(project: project, benchmark: benchmark, since: since, shaPrefix: shaPrefix, limit: limit)
        let baseline = try baselineEvents(project: project, benchmark: benchmark).filter { event in
            (since.map { event.createdAt >= $0 } ?? true) && (shaPrefix.map { event.commit.hex.hasPrefix($0) } ?? true)
        }
        let reference = shaPrefix != nil ? [] : try referenceEvents(project: project, benchmark: benchmark).filter { event in
            since.map { event.createdAt >= $0 } ?? true
        }
        let history = History(project: project, benchmark: benchmark, runs: runs, baselineEvents: baseline, referenceEvents: reference)
        return history.keepingNewest(limit ?? Int.max)
    }
}

extension RunStore {
    /// Which rows `forEachRun` reads.
    public struct RunSelection: Sendable, Equatable {
        public var project: String?
        public var benchmark: String?
        /// `YYYY-MM-DD` or an ISO 8601 time: rows at or after it.
        public var since: String?

        public init(project: String? = nil, benchmark: String? = nil, since: String? = nil) {
            self.project = project
            self.benchmark = benchmark
            self.since = since
        }
    }

    /// Hands every selected row to `body` in id order, one at a time from a database cursor inside one read, so a
    /// million rows are never held at once. Returns how many were read.
    @discardableResult
    public func forEachRun(_ selection: RunSelection, _ body: (RunRecord) throws -> Void) throws -> Int {
        try read("read the runs") { db in
            var sql = "SELECT * FROM runs WHERE 1 = 1"
            var arguments: StatementArguments = []
            if let project = selection.project {
                sql += " AND project = ?"
                arguments += [project]
            }
            if let benchmark = selection.benchmark {
                sql += " AND benchmark = ?"
                arguments += [benchmark]
            }
            if let since = selection.since {
                sql += " AND timestamp >= ?"
                arguments += [since]
            }
            let cursor = try RunRecord.fetchCursor(db, sql: sql + " ORDER BY id", arguments: arguments)
            var count = 0
            while let row = try cursor.next() {
                try body(row)
                count += 1
            }
            return count
        }
    }
}
