import Crypto
import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// The embedded SQLite store: WAL, a busy timeout, and one short immediate transaction per repetition,
/// so concurrent runs never fail on a lock and an interrupted run keeps what finished.
public final class RunStore: Sendable {
    public let path: URL
    private let pool: DatabasePool

    /// Opens (creating and migrating if needed) the store at `path`, with mode 0600.
    /// Throws `StoreError.open` / `.migrate`.
    public init(path: URL) throws {
        self.path = path
        do {
            try SecureFile.makeDirectory(path.deletingLastPathComponent())
            // SQLite gives -wal and -shm files the database file's mode, so create it 0600 first.
            try SecureFile.touch(path)
        } catch {
            throw StoreError.open(path: path.path, underlying: "\(error)")
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(60)
        configuration.label = "git-bench"
        // In WAL mode NORMAL still survives a killed process (kill -9); only an OS crash can lose the last commits.
        // FULL would fsync on every repetition, which dominates the harness overhead.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        do {
            // Serialise first-time creation across processes: two migrators racing would both try CREATE TABLE.
            let lock = try StoreLock(path: path.path + ".lock")
            defer { lock.release() }
            pool = try DatabasePool(path: path.path, configuration: configuration)
        } catch {
            throw StoreError.open(path: path.path, underlying: Self.describe(error))
        }
        do {
            let lock = try StoreLock(path: path.path + ".lock")
            defer { lock.release() }
            try Schema.migrator.migrate(pool)
        } catch {
            throw StoreError.migrate(path: path.path, underlying: Self.describe(error))
        }
    }

    /// Opens the store inside a harness home.
    public convenience init(home: HarnessHome) throws {
        try self.init(path: home.storeFile)
    }

    /// The linked SQLite library's version (`sqlite_version()`, e.g. "3.45.1"), or "unknown" if it cannot be asked.
    public static var sqliteVersion: String { linkedSQLiteVersion }

    static func describe(_ error: Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        return "\(error)"
    }

    // Internal, not private: RunStore+Jobs.swift writes through the same immediate transactions.
    func write<T>(_ operation: String, _ body: (Database) throws -> T) throws -> T {
        do {
            var result: T?
            try pool.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
            }
            guard let result else { throw StoreError.write(operation: operation, underlying: "transaction produced no result") }
            return result
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.write(operation: operation, underlying: Self.describe(error))
        }
    }

    func read<T>(_ operation: String, _ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.read(body)
        } catch {
            throw StoreError.read(operation: operation, underlying: Self.describe(error))
        }
    }

    // MARK: Runs

    /// Appends one repetition, chaining its hash to the previous row, in its own transaction.
    @discardableResult
    public func append(_ repetition: Repetition, in context: RunSetContext, at date: Date = Date()) throws -> RunRecord {
        try write("store a run of \(context.project)/\(context.benchmark)") { db in
            var tip = try ChainTip(db)
            return try insert(repetition, in: context, at: date, after: &tip, db)
        }
    }

    /// Appends many repetitions in one transaction (imports, store benchmarks), chained exactly as `append` chains them.
    public func append(contentsOf batch: [(Repetition, RunSetContext)], at date: Date = Date()) throws {
        guard !batch.isEmpty else { return }
        _ = try write("store \(batch.count) runs") { db in
            var tip = try ChainTip(db)
            for (repetition, context) in batch { try insert(repetition, in: context, at: date, after: &tip, db) }
            return batch.count
        }
    }

    // Internal, not private: RunStore+Import.swift chains imported rows inside its own transaction.
    @discardableResult
    func insert(_ repetition: Repetition, in context: RunSetContext, at date: Date, after tip: inout ChainTip, _ db: Database) throws -> RunRecord {
        var record = RunRecord(
            id: tip.id + 1, project: context.project, benchmark: context.benchmark, gitSHA: context.commit.hex,
            isDirty: context.isDirty, diffPath: context.diffPath, diffSHA256: context.diffSHA256,
            timestamp: Timestamp.string(date), harnessVersion: GitBench.version, host: context.host,
            seed: repetition.seed, metaSeed: context.metaSeed, runSetID: context.runSetID.value, role: context.role,
            repetitionIndex: repetition.repetitionIndex, repetitionTotal: context.repetitionTotal,
            status: repetition.status, metric: repetition.metric,
            metricComponents: repetition.metricComponents.map(JSONText.init), metadata: repetition.metadata.map(JSONText.init),
            wallClockSeconds: repetition.wallClockSeconds,
            // The stored form of an interrupted repetition (see `RepetitionStatus`).
            message: repetition.status == .interrupted ? RepetitionStatus.interruptedMessage : repetition.message, exitCode: repetition.exitCode,
            stderrLogPath: repetition.stderrLogPath, artifactHash: repetition.artifactHash, artifactSize: repetition.artifactSize,
            manifestHash: context.manifestHash, prevHash: tip.hash, rowHash: "")
        record.rowHash = try HashChain.hash(of: record)
        try record.insert(db)
        tip = ChainTip(id: record.id, hash: record.rowHash)
        return record
    }

    /// One run by id, or nil.
    public func run(id: Int64) throws -> RunRecord? {
        try read("read run \(id)") { db in try RunRecord.fetchOne(db, key: id) }
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

    /// A benchmark's timeline: its runs (newest first, filtered as `history` filters them) and every pointer and
    /// reference event.
    public func timeline(project: String, benchmark: String, since: String?, shaPrefix: String?, limit: Int?) throws -> History {
        History(project: project, benchmark: benchmark,
                runs: try history(project: project, benchmark: benchmark, since: since, shaPrefix: shaPrefix, limit: limit),
                baselineEvents: try baselineEvents(project: project, benchmark: benchmark),
                referenceEvents: try referenceEvents(project: project, benchmark: benchmark))
    }

    /// Walks the whole chain in id order and reports the first row that does not hold.
    public func verifyChain() throws -> ChainReport {
        try read("verify the run chain") { db in
            var previous = HashChain.genesis
            var checked = 0
            var expectedID: Int64 = 1
            let cursor = try RunRecord.fetchCursor(db, sql: "SELECT * FROM runs ORDER BY id")
            while let record = try cursor.next() {
                checked += 1
                if record.id != expectedID {
                    return ChainReport(checkedRows: checked, firstBadRowID: record.id, problem: "row \(expectedID) is missing before row \(record.id)")
                }
                if record.prevHash != previous {
                    return ChainReport(checkedRows: checked, firstBadRowID: record.id, problem: "row \(record.id) does not link to the row before it")
                }
                if try HashChain.hash(of: record) != record.rowHash {
                    return ChainReport(checkedRows: checked, firstBadRowID: record.id, problem: "row \(record.id) was changed after it was written")
                }
                previous = record.rowHash
                expectedID += 1
            }
            return ChainReport(checkedRows: checked, firstBadRowID: nil, problem: nil)
        }
    }

    /// SQLite's own `PRAGMA integrity_check` result ("ok" when healthy).
    public func integrityCheck() throws -> String {
        try read("check store integrity") { db in
            try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ")
        }
    }

    // MARK: Baseline pointer

    /// Moves the baseline pointer by appending an event.
    @discardableResult
    public func appendBaselineEvent(project: String, benchmark: String, host: String, commit: ObjectID, metaSeed: Int64?,
                                    action: BaselinePointer.Action, runSetID: String?, notes: String?, at date: Date = Date()) throws -> BaselinePointer {
        try write("move the baseline of \(project)/\(benchmark)") { db in
            try db.execute(sql: """
                INSERT INTO baseline_events (project, benchmark, host, git_sha, meta_seed, action, run_set_id, notes, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [project, benchmark, host, commit.hex, metaSeed, action.rawValue, runSetID, notes, Timestamp.string(date)])
            let id = db.lastInsertedRowID
            guard let event = try BaselinePointer.fetchOne(db, key: id) else {
                throw StoreError.write(operation: "read back baseline event \(id)", underlying: "row vanished")
            }
            return event
        }
    }

    /// The current baseline pointer (latest event) for this host, or for any host when `host` is nil.
    public func currentBaseline(project: String, benchmark: String, host: String?) throws -> BaselinePointer? {
        try read("read the baseline of \(project)/\(benchmark)") { db in
            if let host {
                return try BaselinePointer.fetchOne(db, sql: """
                    SELECT * FROM baseline_events WHERE project = ? AND benchmark = ? AND host = ? ORDER BY id DESC LIMIT 1
                    """, arguments: [project, benchmark, host])
            }
            return try BaselinePointer.fetchOne(db, sql: """
                SELECT * FROM baseline_events WHERE project = ? AND benchmark = ? ORDER BY id DESC LIMIT 1
                """, arguments: [project, benchmark])
        }
    }

    /// Every pointer move of a benchmark, oldest first.
    public func baselineEvents(project: String, benchmark: String) throws -> [BaselinePointer] {
        try read("read baseline history") { db in
            try BaselinePointer.fetchAll(db, sql: "SELECT * FROM baseline_events WHERE project = ? AND benchmark = ? ORDER BY id", arguments: [project, benchmark])
        }
    }

    // MARK: References

    /// Records a freeze or replacement of the correctness reference. A freeze refuses when a reference exists,
    /// checked inside the same transaction so two freezes cannot both win.
    @discardableResult
    public func appendReferenceEvent(project: String, benchmark: String, contentHash: String, size: Int64, action: ReferenceEvent.Action,
                                     fromRunID: Int64, reason: String?, notes: String?, at date: Date = Date()) throws -> ReferenceEvent? {
        try write("record the reference of \(project)/\(benchmark)") { db -> ReferenceEvent? in
            if action == .freeze {
                let existing = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM reference_events WHERE project = ? AND benchmark = ?", arguments: [project, benchmark]) ?? 0
                if existing > 0 { return nil }
            }
            try db.execute(sql: """
                INSERT INTO reference_events (project, benchmark, content_hash, size, action, from_run_id, reason, notes, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [project, benchmark, contentHash, size, action.rawValue, fromRunID, reason, notes, Timestamp.string(date)])
            return try ReferenceEvent.fetchOne(db, key: db.lastInsertedRowID)
        }
    }

    /// The current reference (latest event), or nil.
    public func currentReference(project: String, benchmark: String) throws -> ReferenceEvent? {
        try read("read the reference of \(project)/\(benchmark)") { db in
            try ReferenceEvent.fetchOne(db, sql: "SELECT * FROM reference_events WHERE project = ? AND benchmark = ? ORDER BY id DESC LIMIT 1", arguments: [project, benchmark])
        }
    }

    /// Every reference event of a benchmark, oldest first.
    public func referenceEvents(project: String, benchmark: String) throws -> [ReferenceEvent] {
        try read("read reference history") { db in
            try ReferenceEvent.fetchAll(db, sql: "SELECT * FROM reference_events WHERE project = ? AND benchmark = ? ORDER BY id", arguments: [project, benchmark])
        }
    }

    // MARK: Projects

    /// Registers (or re-registers) a project by name.
    public func register(_ project: RegisteredProject) throws {
        _ = try write("register project \(project.name)") { db in
            try db.execute(sql: """
                INSERT INTO projects (name, path, manifest_hash, registered_at) VALUES (?, ?, ?, ?)
                ON CONFLICT(name) DO UPDATE SET path = excluded.path, manifest_hash = excluded.manifest_hash, registered_at = excluded.registered_at
                """, arguments: [project.name, project.path, project.manifestHash, project.registeredAt])
            return true
        }
    }

    /// Forgets a project's registration; its runs stay. Returns false when it was not registered.
    public func unregister(name: String) throws -> Bool {
        try write("unregister project \(name)") { db in
            try db.execute(sql: "DELETE FROM projects WHERE name = ?", arguments: [name])
            return db.changesCount > 0
        }
    }

    /// All registered projects, by name.
    public func projects() throws -> [RegisteredProject] {
        try read("list projects") { db in try RegisteredProject.fetchAll(db, sql: "SELECT * FROM projects ORDER BY name") }
    }

    /// The project registered under `name`.
    public func project(named name: String) throws -> RegisteredProject? {
        try read("read project \(name)") { db in try RegisteredProject.fetchOne(db, key: name) }
    }

    /// The project registered at `path`.
    public func project(atPath path: String) throws -> RegisteredProject? {
        try read("find the project at \(path)") { db in
            try RegisteredProject.fetchOne(db, sql: "SELECT * FROM projects WHERE path = ? ORDER BY name LIMIT 1", arguments: [path])
        }
    }
}

/// The newest row's id and hash, read inside the writing transaction so concurrent writers chain in order.
struct ChainTip {
    var id: Int64
    var hash: String

    init(id: Int64, hash: String) {
        self.id = id
        self.hash = hash
    }

    init(_ db: Database) throws {
        let last = try Row.fetchOne(db, sql: "SELECT id, row_hash FROM runs ORDER BY id DESC LIMIT 1")
        id = last?["id"] ?? 0
        hash = last?["row_hash"] ?? HashChain.genesis
    }
}

/// The row hash: SHA-256 over the previous row's hash and the row's canonical JSON (with `row_hash` blank).
enum HashChain {
    static let genesis = String(repeating: "0", count: 64)

    static func hash(of record: RunRecord) throws -> String {
        var content = record
        content.rowHash = ""
        var hasher = SHA256()
        hasher.update(data: Data(record.prevHash.utf8))
        hasher.update(data: try CanonicalJSON.data(content))
        return ContentDigest(hasher.finalize()).hex
    }
}

/// An exclusive `flock` on a side file, held while the store is created or migrated.
private struct StoreLock {
    let descriptor: Int32

    init(path: String) throws {
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw StoreError.open(path: path, underlying: String(cString: strerror(errno))) }
        while flock(descriptor, LOCK_EX) != 0 {
            if errno != EINTR {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                throw StoreError.open(path: path, underlying: reason)
            }
        }
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

/// Asked once from a private in-memory database: the version belongs to the linked library, not to a store file.
private let linkedSQLiteVersion: String = {
    guard let queue = try? DatabaseQueue(), let version = try? queue.read({ try String.fetchOne($0, sql: "SELECT sqlite_version()") }) else {
        return "unknown"
    }
    return version
}()
