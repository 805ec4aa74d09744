import Foundation

/// Admission and liveness for the jobs table: a job starts only if its threads and GPUs fit beside every active job
/// (background workers and foreground runs alike), and a job whose process died is recorded as `lost` the first
/// time anyone looks, so nothing stays `running` forever.
struct JobQueue {
    let store: RunStore
    let host: String

    /// How long a pending job may go without a recorded worker pid before it counts as lost (the launcher died
    /// between recording the job and spawning its worker).
    static let unstartedGrace: TimeInterval = 30

    /// Records `draft` if it fits; otherwise throws `RunnerError.overCapacity` naming what is busy.
    /// `subject` names the work in messages ("Sample: quality").
    func admit(_ draft: JobDraft, subject: String, capacity: Capacity, logPath: (JobID) -> String? = { _ in nil }) throws -> Job {
        let need = JobResources(threads: draft.threads, gpus: draft.gpus)
        if need.gpus > capacity.gpus { throw RunnerError.noGPU(subject: subject, configured: capacity.gpus) }
        let admission = try store.admitJob(draft, logPath: logPath, vanished: vanished, fits: { active in
            let used = Self.usage(of: active)
            return used.threads + need.threads <= capacity.threads && used.gpus + need.gpus <= capacity.gpus
        })
        cleanUp(admission.lost)
        guard let job = admission.job else {
            throw RunnerError.overCapacity(subject: subject, reason: Self.refusal(need: need, active: admission.active, capacity: capacity))
        }
        return job
    }

    /// Records every active job whose process is gone as lost, kills what its worker left behind, and returns them.
    @discardableResult
    func reap() throws -> [Job] {
        var lost: [Job] = []
        for job in try store.activeJobs() {
            guard let reason = vanished(job), let marked = try store.markJobLost(job, reason: reason) else { continue }
            lost.append(marked)
        }
        cleanUp(lost)
        return lost
    }

    /// Why `job` no longer runs, or nil while it does (or cannot be judged: another host's pid).
    func vanished(_ job: Job) -> String? {
        guard job.status.isActive, job.host == host else { return nil }
        guard let pid = job.pid else {
            guard let created = Timestamp.date(from: job.createdAt), Date().timeIntervalSince(created) > Self.unstartedGrace else { return nil }
            return "its worker never started (no process recorded \(Int(Self.unstartedGrace)) s after it was queued)"
        }
        let identity = ProcessIdentity(pid: pid, group: job.pgid ?? pid, startTicks: job.pidStartTicks)
        if ProcessTable.isRunning(identity) { return nil }
        return job.kind == .background
            ? "its worker (pid \(pid)) ended without recording an end: killed or crashed"
            : "its foreground run (pid \(pid)) ended without recording an end: killed or crashed"
    }

    /// A dead worker's runner may live on in the worker's session; it would hold CPU nobody accounts for.
    private func cleanUp(_ lost: [Job]) {
        for job in lost where job.kind == .background {
            if let pid = job.pid { ProcessTable.killOrphans(ofSession: pid) }
        }
    }

    static func usage(of jobs: [Job]) -> JobResources {
        JobResources(threads: jobs.reduce(0) { $0 + $1.threads }, gpus: jobs.reduce(0) { $0 + $1.gpus })
    }

    /// "needs 4 threads; 6 of 8 in use by job 12 (Sample: quality, 3 threads), job 14 (…); …"
    static func refusal(need: JobResources, active: [Job], capacity: Capacity) -> String {
        let used = Self.usage(of: active)
        var parts: [String] = []
        if used.threads + need.threads > capacity.threads {
            let holders = active.filter { $0.threads > 0 }.map { Self.describe($0, holding: Self.count($0.threads, "thread")) }
            parts.append("needs \(Self.count(need.threads, "thread")); \(used.threads) of \(capacity.threads) in use by \(holders.joined(separator: ", "))")
        }
        if used.gpus + need.gpus > capacity.gpus {
            let holders = active.filter { $0.gpus > 0 }.map { Self.describe($0, holding: Self.count($0.gpus, "GPU")) }
            parts.append("needs \(Self.count(need.gpus, "GPU")); \(used.gpus) of \(capacity.gpus) in use by \(holders.joined(separator: ", "))")
        }
        let knob = used.threads + need.threads > capacity.threads ? "GIT_BENCH_MAX_THREADS" : "GIT_BENCH_GPU_COUNT"
        return parts.joined(separator: "; ") + "; retry when \(active.count == 1 ? "it finishes" : "they finish") (git bench status --all) or raise \(knob)"
    }

    private static func describe(_ job: Job, holding amount: String) -> String {
        let work = "\(job.project): \(job.benchmarks.joined(separator: ", "))"
        return "job \(job.id) (\(work), \(amount)\(job.kind == .foreground ? ", foreground run" : ""))"
    }

    static func count(_ value: Int, _ noun: String) -> String { "\(value) \(noun)\(value == 1 ? "" : "s")" }

}
