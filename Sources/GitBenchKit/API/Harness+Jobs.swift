import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a background job hands its worker: the project, where it lives, and the run request, as JSON
/// (stored in the job's row and in `jobs/<id>.json`, 0600).
public struct JobSpec: Sendable, Equatable, Codable {
    /// The registered project's name.
    public var project: String
    /// The repository root the worker runs in.
    public var projectRoot: String
    /// Exactly what `run` / `baseline establish` was asked to do.
    public var request: RunRequest

    /// Bundles a request with the project it runs in.
    public init(project: String, projectRoot: String, request: RunRequest) {
        self.project = project
        self.projectRoot = projectRoot
        self.request = request
    }

    /// Sorted-key, snake_case JSON text.
    public func text() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// Decodes `text()`'s output; throws `HarnessError.badRequest` naming the job when it does not parse.
    public static func decode(_ text: String, job: JobID) throws -> JobSpec {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(JobSpec.self, from: Data(text.utf8))
        } catch {
            throw HarnessError.badRequest("could not read the spec of job \(job): \(error)")
        }
    }
}

/// Background jobs and admission. A `run` either holds a `foreground` job row for its duration or is queued as a
/// `background` job whose detached worker (`git-bench job-worker ID`) runs it through the same `run(_:in:)`.
/// Both count against the same thread and GPU capacity.
extension Harness {
    /// True when neither `--background` nor `--foreground` is given and a requested benchmark says `background_required`.
    public func prefersBackground(_ request: RunRequest, in project: ProjectContext) -> Bool {
        let names = request.benchmarks.isEmpty ? project.manifest.benchmarks.map(\.name) : request.benchmarks
        return names.contains { project.manifest.benchmark(named: $0)?.backgroundRequired == true }
    }

    /// Checks the benchmark names and the dirty tree (so those refusals come at once, not in a job's log), admits the
    /// request as a pending background job, writes its spec (0600) and starts its detached worker; returns without
    /// waiting. Corpus checks, which can mean hashing gigabytes, are left to the worker's run.
    /// Throws `RunnerError.overCapacity` when its threads or GPU are busy, and `RunnerError.spawn` when no worker starts.
    public func submit(_ request: RunRequest, in project: ProjectContext, capacity: Capacity? = nil) throws -> Job {
        let benchmarks = try benchmarks(of: request, in: project)
        if request.atRevision == nil && !request.allowDirty, try Repository.open(at: project.root).isDirty() {
            throw RunnerError.dirtyTree(path: project.root.path)
        }
        let spec = JobSpec(project: project.name, projectRoot: project.root.path, request: request)
        let specText = try spec.text()
        try home.ensureDirectory(home.jobsDirectory)
        try home.ensureDirectory(home.jobLogsDirectory)
        let job = try admit(request, benchmarks: benchmarks, in: project, kind: .background, spec: specText, capacity: capacity)

        do {
            try SecureFile.createNew(home.jobSpecFile(job.id), contents: Data(specText.utf8))
            try SecureFile.touch(home.jobLog(job.id))
            var environment = ProcessInfo.processInfo.environment
            // The worker must find this very home even when it was given relative to the caller's directory.
            environment["GIT_BENCH_HOME"] = home.root.path
            let pid = try JobLauncher.spawnWorker(for: job.id, log: home.jobLog(job.id), environment: environment)
            try store.recordJobProcess(job.id, process: ProcessTable.identity(of: pid))
        } catch {
            // Best effort: if even this fails the job has no worker pid and the next status check records it lost.
            _ = try? store.finishJob(job.id, from: [.pending], status: .failed, exitCode: nil, message: "could not start its worker: \(error)")
            throw error
        }
        return try store.job(job.id) ?? job
    }

    /// Runs `request` in this process while holding a foreground job row, so it counts against capacity like a
    /// background job. The row is admitted once every refusal has passed, just before the first write, so a refused run
    /// (dirty tree, corpus drift) or one whose benchmarks are all skipped (`--changed-since`) leaves no row: nothing
    /// was written. It ends `done` (exit 0), `failed` or `cancelled` on every exit path; a crash leaves it `running`
    /// until the next status check records it lost. `exitCode` says what this process will exit with.
    /// Throws `RunnerError.overCapacity` before anything is written when the threads or GPU are busy.
    public func runForeground(_ request: RunRequest, in project: ProjectContext, capacity: Capacity? = nil,
                              exitCode: (Result<RunOutcome, Error>) -> Int32) throws -> RunOutcome {
        let benchmarks = try benchmarks(of: request, in: project)
        let spec = try JobSpec(project: project.name, projectRoot: project.root.path, request: request).text()
        var job: Job?
        let result = Result {
            try pipeline.run(request, in: project) {
                job = try admit(request, benchmarks: benchmarks, in: project, kind: .foreground, spec: spec, capacity: capacity)
            }
        }
        if case .success(let outcome) = result { archiveAfterRun(outcome, in: project) }
        guard let job else { return try result.get() }
        return try conclude(job, result, exitCode: exitCode)
    }

    /// The worker's side of a background job: moves it from pending to running under this process, runs its spec
    /// from the project root, and records how it ended. Throws `RunnerError.jobNotActive` when the job was cancelled
    /// (or found lost) before it started, and whatever the run throws after recording it.
    public func runJob(_ id: JobID, exitCode: (Result<RunOutcome, Error>) -> Int32) throws -> RunOutcome {
        guard let queued = try store.job(id) else { throw RunnerError.unknownJob(id) }
        guard let job = try store.startJob(id, process: ProcessTable.current()) else {
            throw RunnerError.jobNotActive(id, status: try store.job(id)?.status ?? queued.status, action: "start")
        }
        console.progress("job \(id) started: \(job.project): \(job.benchmarks.joined(separator: ", ")) (pid \(getpid()))")
        let result = Result { () throws -> RunOutcome in
            let spec = try JobSpec.decode(job.spec, job: id)
            guard FileManager.default.changeCurrentDirectoryPath(spec.projectRoot) else {
                throw HarnessError.badRequest("could not enter the project root \(spec.projectRoot) of job \(id)")
            }
            let project = try self.project(named: spec.project, from: URL(fileURLWithPath: spec.projectRoot))
            let outcome = try run(spec.request, in: project)
            archiveAfterRun(outcome, in: project)
            return outcome
        }
        return try conclude(job, result, exitCode: exitCode)
    }

    /// The registered project named `name`, or the one whose repository contains `directory`, by name only: unlike
    /// `project(named:from:)` it does not load the manifest, which `status` does not need.
    public func projectName(_ name: String?, around directory: URL) throws -> String {
        if let name {
            guard try store.project(named: name) != nil else { throw try HarnessError.unknownProject(name, in: store) }
            return name
        }
        let repository = try Repository.discover(from: directory)
        guard let root = repository.workdir else { throw HarnessError.badRequest("\(directory.path) is a bare repository") }
        guard let found = try store.project(atPath: root.path) else { throw HarnessError.notRegistered(path: root.path) }
        return found.name
    }

    /// Removes the temporary worktrees that killed `--at-sha` runs left in `project`'s repository (every registered
    /// project's when nil), as every `--at-sha` does before it starts (`MeasurementSite.pruneStaleWorktrees`); each
    /// removal is a progress line, a failure a warning. Throws `HarnessError.unknownProject` and store errors.
    public func pruneStaleWorktrees(project: String?) throws {
        let projects = try project.map { name in try store.project(named: name).map { [$0] } ?? [] } ?? store.projects()
        for registered in projects {
            // A project whose repository has moved or gone has no worktrees of ours to remove; status still lists its jobs.
            guard let repository = try? Repository.open(at: URL(fileURLWithPath: registered.path)) else { continue }
            MeasurementSite.pruneStaleWorktrees(repository, console: console)
        }
    }

    /// Jobs of `project` (all projects when nil), newest first: the newest `limit` (all when nil) plus every active one.
    /// Records dead ones as lost first, so nothing shows `running` after its process is gone.
    public func jobs(project: String?, limit: Int?) throws -> [Job] {
        try JobQueue(store: store, host: host).reap()
        return try store.jobs(project: project, limit: limit)
    }

    /// Stops an active job: records it cancelled, SIGTERMs its worker's process group (the worker then kills the
    /// runner's group and stores the interrupted repetition as an error row), and SIGKILLs whatever is left after
    /// `grace` seconds. A foreground run gets SIGTERM on its own pid only. Finished repetitions stay.
    /// Throws `RunnerError.unknownJob`, or `.jobNotActive` when the job had already ended.
    public func cancel(_ id: JobID, grace: TimeInterval = 10) throws -> Job {
        try JobQueue(store: store, host: host).reap()
        guard let before = try store.job(id) else { throw RunnerError.unknownJob(id) }
        guard let job = try store.cancelJob(id, message: "cancelled by git bench cancel") else {
            throw RunnerError.jobNotActive(id, status: try store.job(id)?.status ?? before.status, action: "cancel")
        }
        guard let pid = job.pid, job.host == host else { return job }
        let worker = ProcessIdentity(pid: pid, group: job.pgid ?? pid, startTicks: job.pidStartTicks)
        ProcessTable.stop(worker, leadsSession: job.kind == .background, grace: grace)
        return try store.job(id) ?? job
    }

    /// Hands the job's log to `output` as it is; with `follow`, keeps handing over what is appended until the job has
    /// ended and its worker has exited (a dead worker is recorded lost, which ends it too). Returns the job as it ended.
    /// Throws `RunnerError.unknownJob`, or `.noJobLog` for a foreground run.
    @discardableResult
    public func streamJobLog(_ id: JobID, follow: Bool, pollInterval: TimeInterval = 0.2, output: (Data) -> Void) throws -> Job {
        guard var job = try store.job(id) else { throw RunnerError.unknownJob(id) }
        guard job.kind == .background, let path = job.logPath else { throw RunnerError.noJobLog(id) }
        var handle: FileHandle?
        defer { try? handle?.close() }
        let queue = JobQueue(store: store, host: host)
        while true {
            // Read the state before the bytes: whatever the worker wrote before it ended is in the file by then.
            let hasEnded = !job.status.isActive && !isWorkerRunning(job)
            // The launcher creates the log just after admitting the job, so it may not exist on the first look.
            if handle == nil { handle = FileHandle(forReadingAtPath: path) }
            if let data = try handle?.readToEnd(), !data.isEmpty { output(data) }
            if !follow || hasEnded { return job }
            Thread.sleep(forTimeInterval: pollInterval)
            try queue.reap()
            job = try store.job(id) ?? job
        }
    }

    // MARK: Internals

    private func isWorkerRunning(_ job: Job) -> Bool {
        guard let pid = job.pid, job.host == host else { return false }
        return ProcessTable.isRunning(ProcessIdentity(pid: pid, group: job.pgid ?? pid, startTicks: job.pidStartTicks))
    }

    /// The benchmarks a request names, as the current manifest defines them. With `--at-sha` a name may exist only at
    /// that commit; it then counts as one thread and is checked by the run itself.
    private func benchmarks(of request: RunRequest, in project: ProjectContext) throws -> [Benchmark] {
        let names = request.benchmarks.isEmpty ? project.manifest.benchmarks.map(\.name) : request.benchmarks
        if request.atRevision != nil { return names.compactMap { project.manifest.benchmark(named: $0) } }
        return try names.map { try project.benchmark(named: $0) }
    }

    private func admit(_ request: RunRequest, benchmarks: [Benchmark], in project: ProjectContext, kind: JobKind, spec: String,
                       capacity: Capacity?) throws -> Job {
        let capacity = try capacity ?? Capacity.resolve()
        let need = JobResources.needed(by: benchmarks, capacity: capacity)
        let names = request.benchmarks.isEmpty ? project.manifest.benchmarks.map(\.name) : request.benchmarks
        let draft = JobDraft(project: project.name, benchmarks: names, spec: spec, kind: kind, status: kind == .background ? .pending : .running,
                             host: host, process: kind == .foreground ? ProcessTable.current() : nil, threads: need.threads, gpus: need.gpus)
        let logs = home
        return try JobQueue(store: store, host: host).admit(draft, subject: "\(project.name): \(names.joined(separator: ", "))", capacity: capacity,
                                                            logPath: { kind == .background ? logs.jobLog($0).path : nil })
    }

    /// Records how a job ended. A record that fails after a successful run is thrown (the runs are stored; the row
    /// would later show lost); after a failed run the run's own error wins and the record failure becomes a warning.
    private func conclude(_ job: Job, _ result: Result<RunOutcome, Error>, exitCode: (Result<RunOutcome, Error>) -> Int32) throws -> RunOutcome {
        let code = exitCode(result)
        let status: JobStatus
        let message: String
        switch result {
        case .success(let outcome):
            status = code == 0 ? .done : .failed
            let ok = outcome.reduce(0) { $0 + $1.okCount }
            let errors = outcome.reduce(0) { $0 + $1.errorCount }
            message = "\(ok) ok, \(errors) error in \(outcome.count) run set(s)"
        case .failure(let error):
            if case RunnerError.interrupted = error { status = .cancelled } else { status = .failed }
            message = "\(error)"
        }
        do {
            try store.finishJob(job.id, status: status, exitCode: Int(code), message: message)
        } catch {
            guard case .failure = result else { throw error }
            console.warning("could not record the end of job \(job.id): \(error)")
        }
        return try result.get()
    }
}
