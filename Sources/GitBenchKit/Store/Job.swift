import Foundation

/// One row of the `jobs` table. Unlike runs, jobs are updated in place, but only through guarded transitions
/// (`UPDATE … WHERE status = 'running'`), so two processes can never both move the same job.
public struct Job: Sendable, Equatable, Codable {
    public var id: JobID
    /// The registered project's name.
    public var project: String
    /// The benchmarks the job runs, as requested (all of the manifest's when none were named).
    public var benchmarks: [String]
    /// The job's spec as stored: JSON text of the project name, project root and run request.
    public var spec: String
    public var kind: JobKind
    public var status: JobStatus
    /// The host whose processes the pid refers to.
    public var host: String
    /// The worker (background) or the `git-bench run` process (foreground).
    public var pid: Int32?
    /// Its process group: the worker's own (it leads a new session), or the foreground run's shell job.
    public var pgid: Int32?
    /// The process's start time (clock ticks since boot, `/proc/<pid>/stat` field 22), so a reused pid is not mistaken for the job.
    public var pidStartTicks: Int64?
    /// Threads the job holds against `GIT_BENCH_MAX_THREADS`.
    public var threads: Int
    /// GPUs the job holds against `GIT_BENCH_GPU_COUNT`.
    public var gpus: Int
    /// When it was admitted (UTC, ISO 8601 with milliseconds, like every stored time).
    public var createdAt: String
    /// When it began running; nil while pending.
    public var startedAt: String?
    /// When it ended (or was found lost); nil while active.
    public var finishedAt: String?
    /// What its process exited with; nil while active, and for lost jobs.
    public var exitCode: Int?
    /// The worker's output (background jobs only).
    public var logPath: String?
    /// How it ended, in one line: "6 ok, 0 error in 1 run set(s)", the error, or why it was found lost.
    public var message: String?

    enum CodingKeys: String, CodingKey {
        case id, project, benchmarks, spec, kind, status, host, pid, pgid
        case pidStartTicks = "pid_start_ticks"
        case threads, gpus
        case createdAt = "created_at"
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case exitCode = "exit_code"
        case logPath = "log_path"
        case message
    }
}

/// A job about to be admitted: everything but the id and the end.
public struct JobDraft: Sendable, Equatable {
    public var project: String
    public var benchmarks: [String]
    public var spec: String
    public var kind: JobKind
    /// `pending` for a background job (its worker starts it), `running` for a foreground run.
    public var status: JobStatus
    public var host: String
    public var process: ProcessIdentity?
    public var threads: Int
    public var gpus: Int

    /// A draft for `RunStore.admitJob`; `process` is nil for a background job until its worker is spawned.
    public init(project: String, benchmarks: [String], spec: String, kind: JobKind, status: JobStatus, host: String,
                process: ProcessIdentity?, threads: Int, gpus: Int) {
        self.project = project
        self.benchmarks = benchmarks
        self.spec = spec
        self.kind = kind
        self.status = status
        self.host = host
        self.process = process
        self.threads = threads
        self.gpus = gpus
    }
}

