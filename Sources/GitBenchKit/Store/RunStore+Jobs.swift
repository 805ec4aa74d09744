import Foundation
import GRDB

/// The `jobs` table. Jobs change state in place, so every change is a guarded transition
/// (`UPDATE … WHERE id = ? AND status = …`) inside an immediate transaction: two processes racing to move
/// the same job (a worker finishing, `cancel`, a status check noticing a dead pid) cannot both win.
extension RunStore {
    /// What one admission attempt did.
    public struct JobAdmission: Sendable, Equatable {
        /// The inserted job, or nil when `fits` said no.
        public var job: Job?
        /// The jobs that held capacity when the decision was made (after dropping the lost ones), oldest first.
        public var active: [Job]
        /// Jobs this attempt found dead and recorded as `lost`.
        public var lost: [Job]
    }

    /// In one immediate transaction: records active jobs whose process is gone as `lost` (`vanished` returns why),
    /// asks `fits` whether the draft fits beside the remaining active jobs, and inserts it when it does, with the log
    /// path `logPath` derives from the new id. The check and the insert cannot interleave with another process's,
    /// so capacity is never oversubscribed.
    public func admitJob(_ draft: JobDraft, at date: Date = Date(), logPath: (JobID) -> String? = { _ in nil }, vanished: (Job) -> String?,
                         fits: ([Job]) -> Bool) throws -> JobAdmission {
        try write("admit a job for \(draft.project)") { db in
            var active = try Job.fetchAll(db, sql: "SELECT * FROM jobs WHERE status IN ('pending', 'running') ORDER BY id")
            var lost: [Job] = []
            for job in active {
                guard let reason = vanished(job) else { continue }
                if let marked = try Self.markLost(job, reason: reason, at: date, db) { lost.append(marked) }
            }
            let lostIDs = Set(lost.map(\.id))
            active.removeAll { lostIDs.contains($0.id) }
            guard fits(active) else { return JobAdmission(job: nil, active: active, lost: lost) }
            let now = Timestamp.string(date)
            try db.execute(sql: """
                INSERT INTO jobs (project, benchmarks, spec, kind, status, host, pid, pgid, pid_start_ticks, threads, gpus,
                                  created_at, started_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [draft.project, try Self.jsonText(draft.benchmarks), draft.spec, draft.kind.rawValue, draft.status.rawValue,
                                 draft.host, draft.process?.pid, draft.process?.group, draft.process?.startTicks, draft.threads, draft.gpus,
                                 now, draft.status == .running ? now : nil])
            let id = db.lastInsertedRowID
            if let path = logPath(JobID(id)) {
                try db.execute(sql: "UPDATE jobs SET log_path = ? WHERE id = ?", arguments: [path, id])
            }
            guard let job = try Job.fetchOne(db, sql: "SELECT * FROM jobs WHERE id = ?", arguments: [id]) else {
                throw StoreError.write(operation: "read back job \(id)", underlying: "row vanished")
            }
            return JobAdmission(job: job, active: active, lost: lost)
        }
    }

    /// Jobs holding capacity (`pending` or `running`), oldest first.
    public func activeJobs() throws -> [Job] {
        try read("read active jobs") { db in
            try Job.fetchAll(db, sql: "SELECT * FROM jobs WHERE status IN ('pending', 'running') ORDER BY id")
        }
    }

    /// Records an active `job` as lost unless it moved on since it was read (its status or pid changed); returns the updated row or nil.
    public func markJobLost(_ job: Job, reason: String, at date: Date = Date()) throws -> Job? {
        try write("record job \(job.id) as lost") { db in try Self.markLost(job, reason: reason, at: date, db) }
    }

    private static func markLost(_ job: Job, reason: String, at date: Date, _ db: Database) throws -> Job? {
        try db.execute(sql: """
            UPDATE jobs SET status = 'lost', finished_at = ?, message = ?
            WHERE id = ? AND status = ? AND status IN ('pending', 'running') AND pid IS ?
            """, arguments: [Timestamp.string(date), reason, job.id.value, job.status.rawValue, job.pid])
        guard db.changesCount > 0 else { return nil }
        return try Job.fetchOne(db, sql: "SELECT * FROM jobs WHERE id = ?", arguments: [job.id.value])
    }

    /// One job by id, or nil.
    public func job(_ id: JobID) throws -> Job? {
        try read("read job \(id)") { db in try Job.fetchOne(db, sql: "SELECT * FROM jobs WHERE id = ?", arguments: [id.value]) }
    }

    /// Jobs of `project` (every project when nil), newest first: the newest `limit` (all when nil), plus every active one.
    public func jobs(project: String?, limit: Int?) throws -> [Job] {
        try read("list jobs") { db in
            let scope = project == nil ? "1" : "project = ?"
            let scopeArguments: StatementArguments = project.map { [$0] } ?? []
            guard let limit else {
                return try Job.fetchAll(db, sql: "SELECT * FROM jobs WHERE \(scope) ORDER BY id DESC", arguments: scopeArguments)
            }
            // Two indexed lookups: the newest rows by id, and the (few) active ones however old they are.
            var jobs = try Job.fetchAll(db, sql: "SELECT * FROM jobs WHERE \(scope) ORDER BY id DESC LIMIT ?", arguments: scopeArguments + [limit])
            let oldest = jobs.last?.id.value ?? Int64.max
            // INDEXED BY: left to itself SQLite picks jobs_project and walks every job of the project.
            let older = try Job.fetchAll(db, sql: """
                SELECT * FROM jobs INDEXED BY jobs_status WHERE status IN ('pending', 'running') AND id < ? AND \(scope) ORDER BY id DESC
                """, arguments: [oldest] + scopeArguments)
            jobs.append(contentsOf: older)
            return jobs
        }
    }

    /// Records the worker's process on a pending job that has none yet (the launcher, right after spawning it).
    public func recordJobProcess(_ id: JobID, process: ProcessIdentity) throws {
        _ = try write("record the worker of job \(id)") { db in
            try db.execute(sql: """
                UPDATE jobs SET pid = ?, pgid = ?, pid_start_ticks = ? WHERE id = ? AND status = 'pending' AND pid IS NULL
                """, arguments: [process.pid, process.group, process.startTicks, id.value])
            return db.changesCount
        }
    }

    /// Moves a pending job to running under `process`; nil when it is no longer pending (cancelled or lost before it started).
    public func startJob(_ id: JobID, process: ProcessIdentity, at date: Date = Date()) throws -> Job? {
        try write("start job \(id)") { db in
            try db.execute(sql: """
                UPDATE jobs SET status = 'running', pid = ?, pgid = ?, pid_start_ticks = ?, started_at = ?
                WHERE id = ? AND status = 'pending'
                """, arguments: [process.pid, process.group, process.startTicks, Timestamp.string(date), id.value])
            guard db.changesCount > 0 else { return nil }
            return try Job.fetchOne(db, sql: "SELECT * FROM jobs WHERE id = ?", arguments: [id.value])
        }
    }

    /// Ends a job that is in one of `from` with a final `status`, exit code and message; returns the row as it is afterwards.
    /// A job already cancelled keeps that status but gets the exit code its process ended with.
    @discardableResult
    public func finishJob(_ id: JobID, from: Set<JobStatus> = [.running], status: JobStatus, exitCode: Int?, message: String?,
                          at date: Date = Date()) throws -> Job? {
        try write("finish job \(id)") { db in
            let sources = from.map(\.rawValue).sorted()
            let placeholders = sources.map { _ in "?" }.joined(separator: ", ")
            var arguments: StatementArguments = [status.rawValue, exitCode, message, Timestamp.string(date), id.value]
            arguments += StatementArguments(sources)
            try db.execute(sql: """
                UPDATE jobs SET status = ?, exit_code = ?, message = ?, finished_at = ? WHERE id = ? AND status IN (\(placeholders))
                """, arguments: arguments)
            if db.changesCount == 0 {
                try db.execute(sql: "UPDATE jobs SET exit_code = ? WHERE id = ? AND status = 'cancelled' AND exit_code IS NULL",
                               arguments: [exitCode, id.value])
            }
            return try Job.fetchOne(db, sql: "SELECT * FROM jobs WHERE id = ?", arguments: [id.value])
        }
    }

    /// Records an active job as cancelled; nil when it had already ended (the caller reports its status).
    public func cancelJob(_ id: JobID, message: String, at date: Date = Date()) throws -> Job? {
        try write("cancel job \(id)") { db in
            try db.execute(sql: """
                UPDATE jobs SET status = 'cancelled', message = ?, finished_at = ? WHERE id = ? AND status IN ('pending', 'running')
                """, arguments: [message, Timestamp.string(date), id.value])
            guard db.changesCount > 0 else { return nil }
            return try Job.fetchOne(db, sql: "SELECT * FROM jobs WHERE id = ?", arguments: [id.value])
        }
    }

    private static func jsonText(_ value: [String]) throws -> String {
        String(decoding: try CanonicalJSON.data(value), as: UTF8.self)
    }
}

extension Job: FetchableRecord {
    public init(row: Row) throws {
        let benchmarksText: String = try row.decode(forColumn: "benchmarks")
        self.init(
            id: JobID(try row.decode(forColumn: "id")),
            project: try row.decode(forColumn: "project"),
            benchmarks: (try? JSONDecoder().decode([String].self, from: Data(benchmarksText.utf8))) ?? [benchmarksText],
            spec: try row.decode(forColumn: "spec"),
            kind: JobKind(rawValue: try row.decode(forColumn: "kind")) ?? .background,
            status: JobStatus(rawValue: try row.decode(forColumn: "status")) ?? .lost,
            host: try row.decode(forColumn: "host"),
            pid: try row.decode(forColumn: "pid"),
            pgid: try row.decode(forColumn: "pgid"),
            pidStartTicks: try row.decode(forColumn: "pid_start_ticks"),
            threads: try row.decode(forColumn: "threads"),
            gpus: try row.decode(forColumn: "gpus"),
            createdAt: try row.decode(forColumn: "created_at"),
            startedAt: try row.decode(forColumn: "started_at"),
            finishedAt: try row.decode(forColumn: "finished_at"),
            exitCode: try row.decode(forColumn: "exit_code"),
            logPath: try row.decode(forColumn: "log_path"),
            message: try row.decode(forColumn: "message"))
    }
}
