import Foundation
import Testing
@testable import GitBenchKit

/// Admission, guarded transitions and lost-job detection against a real store file and real processes.
@Suite struct JobQueueTests {
    /// A store in a fresh temp dir (kept alive by the returned repo).
    private func makeStore() throws -> (TestRepo, RunStore) {
        let scratch = try TestRepo()
        return (scratch, try RunStore(path: scratch.root.appendingPathComponent("home/store.sqlite3")))
    }

    private func draft(_ benchmarks: [String], kind: JobKind = .background, status: JobStatus = .running, threads: Int = 1, gpus: Int = 0,
                       process: ProcessIdentity? = ProcessTable.current()) -> JobDraft {
        JobDraft(project: "Sample", benchmarks: benchmarks, spec: "{}", kind: kind, status: status, host: "test-host", process: process,
                 threads: threads, gpus: gpus)
    }

    /// A pid that existed and is gone: a finished, reaped /bin/true.
    private func deadProcess() throws -> ProcessIdentity {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return ProcessIdentity(pid: process.processIdentifier, group: process.processIdentifier, startTicks: nil)
    }

    @Test func aJobWhoseProcessIsGoneIsRecordedLostExactlyOnce() throws {
        let (scratch, store) = try makeStore()
        _ = scratch
        let queue = JobQueue(store: store, host: "test-host")
        let job = try queue.admit(draft(["slow"], process: try deadProcess()), subject: "Sample: slow", capacity: Capacity(threads: 4, gpus: 0))
        let lost = try queue.reap()
        #expect(lost.map(\.id) == [job.id])
        #expect(lost.first?.status == .lost)
        #expect(lost.first?.message == "its worker (pid \(job.pid ?? 0)) ended without recording an end: killed or crashed")
        #expect(lost.first?.finishedAt != nil)
        #expect(try queue.reap().isEmpty)
        #expect(try store.job(job.id)?.status == .lost)
    }

    @Test func aRecycledPidDoesNotKeepAJobRunning() throws {
        let (scratch, store) = try makeStore()
        _ = scratch
        var me = ProcessTable.current()
        let ticks = try #require(me.startTicks)
        me.startTicks = ticks + 1  // same pid, different process: what pid reuse looks like
        let queue = JobQueue(store: store, host: "test-host")
        let job = try queue.admit(draft(["slow"], kind: .foreground, process: me), subject: "Sample: slow", capacity: Capacity(threads: 4, gpus: 0))
        #expect(try queue.reap().map(\.id) == [job.id])
        #expect(try store.job(job.id)?.message == "its foreground run (pid \(getpid())) ended without recording an end: killed or crashed")
    }

    @Test func aLiveProcessKeepsItsJobRunningAndAnotherHostsJobIsNotJudged() throws {
        let (scratch, store) = try makeStore()
        _ = scratch
        let queue = JobQueue(store: store, host: "test-host")
        let alive = try queue.admit(draft(["slow"]), subject: "Sample: slow", capacity: Capacity(threads: 4, gpus: 0))
        var elsewhere = draft(["slow"], process: try deadProcess())
        elsewhere.host = "other-host"
        _ = try queue.admit(elsewhere, subject: "Sample: slow", capacity: Capacity(threads: 4, gpus: 0))
        #expect(try queue.reap().isEmpty)
        #expect(try store.activeJobs().count == 2)
        #expect(try store.job(alive.id)?.status == .running)
    }

    @Test func aPendingJobWithoutAWorkerIsLostOnlyAfterItsGrace() throws {
        let (scratch, store) = try makeStore()
        _ = scratch
        let queue = JobQueue(store: store, host: "test-host")
        let fresh = try store.admitJob(draft(["slow"], status: .pending, process: nil), vanished: { _ in nil }, fits: { _ in true })
        let stale = try store.admitJob(draft(["slow"], status: .pending, process: nil), at: Date().addingTimeInterval(-(JobQueue.unstartedGrace + 5)),
                                       vanished: { _ in nil }, fits: { _ in true })
        let lost = try queue.reap()
        #expect(lost.map(\.id) == [try #require(stale.job).id])
        #expect(lost.first?.message == "its worker never started (no process recorded 30 s after it was queued)")
        #expect(try store.job(try #require(fresh.job).id)?.status == .pending)
    }

    @Test func aRefusalNamesEveryJobHoldingTheThreads() throws {
        let (scratch, store) = try makeStore()
        _ = scratch
        let queue = JobQueue(store: store, host: "test-host")
        let capacity = Capacity(threads: 8, gpus: 0)
        _ = try queue.admit(draft(["quality"], threads: 3), subject: "Sample: quality", capacity: capacity)
        _ = try queue.admit(draft(["speed"], kind: .foreground, threads: 3), subject: "Sample: speed", capacity: capacity)
        #expect(throws: RunnerError.overCapacity(subject: "Sample: big", reason: "needs 4 threads; 6 of 8 in use by job 1 (Sample: quality, 3 threads), "
            + "job 2 (Sample: speed, 3 threads, foreground run); retry when they finish (git bench status --all) or raise GIT_BENCH_MAX_THREADS")) {
            try queue.admit(draft(["big"], threads: 4), subject: "Sample: big", capacity: capacity)
        }
        #expect(try store.activeJobs().count == 2)
        // Two threads are still free.
        let fits = try queue.admit(draft(["small"], threads: 2), subject: "Sample: small", capacity: capacity)
        #expect(fits.threads == 2)
    }

    @Test func aGPUJobWaitsForAFreeGPUAndNoConfiguredGPUIsAConfigurationError() throws {
        let (scratch, store) = try makeStore()
        _ = scratch
        let queue = JobQueue(store: store, host: "test-host")
        let oneGPU = Capacity(threads: 8, gpus: 1)
        _ = try queue.admit(draft(["train"], gpus: 1), subject: "Sample: train", capacity: oneGPU)
        let refused = RunnerError.overCapacity(subject: "Sample: infer", reason: "needs 1 GPU; 1 of 1 in use by job 1 (Sample: train, 1 GPU); "
            + "retry when it finishes (git bench status --all) or raise GIT_BENCH_GPU_COUNT")
        #expect(throws: refused) { try queue.admit(draft(["infer"], gpus: 1), subject: "Sample: infer", capacity: oneGPU) }
        #expect(throws: RunnerError.noGPU(subject: "Sample: infer", configured: 0)) {
            try queue.admit(draft(["infer"], gpus: 1), subject: "Sample: infer", capacity: Capacity(threads: 8, gpus: 0))
        }
        #expect(RunnerError.noGPU(subject: "Sample: infer", configured: 0).description
                == "could not start Sample: infer: it needs a GPU (gpu = \"direct\") and GIT_BENCH_GPU_COUNT is 0; set it to the number of GPUs this machine lends to benchmarks")
    }

    @Test func anEndedJobRefusesEveryFurtherTransition() throws {
        let (scratch, store) = try makeStore()
        _ = scratch
        let admitted = try store.admitJob(draft(["slow"], status: .pending, process: nil), vanished: { _ in nil }, fits: { _ in true })
        let job = try #require(admitted.job)
        #expect(try store.startJob(job.id, process: ProcessTable.current())?.status == .running)
        #expect(try store.startJob(job.id, process: ProcessTable.current()) == nil)
        #expect(try store.finishJob(job.id, status: .done, exitCode: 0, message: "3 ok")?.status == .done)
        #expect(try store.cancelJob(job.id, message: "too late") == nil)
        #expect(try store.markJobLost(try #require(try store.job(job.id)), reason: "gone") == nil)
        let after = try #require(try store.job(job.id))
        #expect(after.status == .done && after.exitCode == 0 && after.message == "3 ok")
    }

    @Test func aCancelledJobKeepsItsStatusAndGetsItsWorkersExitCode() throws {
        let (scratch, store) = try makeStore()
        _ = scratch
        let job = try #require(try store.admitJob(draft(["slow"]), vanished: { _ in nil }, fits: { _ in true }).job)
        #expect(try store.cancelJob(job.id, message: "cancelled by git bench cancel")?.status == .cancelled)
        let finished = try #require(try store.finishJob(job.id, status: .cancelled, exitCode: 130, message: "interrupted after 1 of 3 repetition(s)"))
        #expect(finished.status == .cancelled)
        #expect(finished.exitCode == 130)
        #expect(finished.message == "cancelled by git bench cancel")
    }

    @Test func listingIsNewestFirstAndKeepsOldActiveJobsBeyondTheLimit() throws {
        let (scratch, store) = try makeStore()
        _ = scratch
        let old = try #require(try store.admitJob(draft(["slow"]), vanished: { _ in nil }, fits: { _ in true }).job)
        for index in 0..<5 {
            let job = try #require(try store.admitJob(draft(["quick\(index)"]), vanished: { _ in nil }, fits: { _ in true }).job)
            try store.finishJob(job.id, status: .done, exitCode: 0, message: nil)
        }
        var other = draft(["elsewhere"])
        other.project = "Other"
        _ = try store.admitJob(other, vanished: { _ in nil }, fits: { _ in true })
        #expect(try store.jobs(project: "Sample", limit: 2).map(\.id.value) == [6, 5, old.id.value])
        #expect(try store.jobs(project: "Sample", limit: nil).map(\.id.value) == [6, 5, 4, 3, 2, 1])
        #expect(try store.jobs(project: nil, limit: 1).map(\.id.value) == [7, 1])
    }

    @Test func capacityIsReadFromTheEnvironment() throws {
        #expect(try Capacity.resolve(environment: ["GIT_BENCH_MAX_THREADS": "6", "GIT_BENCH_GPU_COUNT": "2"]) == Capacity(threads: 6, gpus: 2))
        #expect(try Capacity.resolve(environment: [:]) == Capacity(threads: ProcessInfo.processInfo.activeProcessorCount, gpus: 0))
        #expect(throws: RunnerError.capacityVariable(name: "GIT_BENCH_MAX_THREADS", value: "0", minimum: 1)) {
            try Capacity.resolve(environment: ["GIT_BENCH_MAX_THREADS": "0"])
        }
        #expect(RunnerError.capacityVariable(name: "GIT_BENCH_GPU_COUNT", value: "two", minimum: 0).description
                == "could not read GIT_BENCH_GPU_COUNT=\"two\": expected a whole number of at least 0")
    }

    @Test func aJobHoldsItsLargestBenchmarkCappedAtTheCapacityAndOneGPUForDirectUse() {
        let small = Benchmark(name: "a", entryPoint: "a", tier: .quality, threads: 2)
        let large = Benchmark(name: "b", entryPoint: "b", tier: .quality, threads: 16, gpu: .direct)
        let shared = Benchmark(name: "c", entryPoint: "c", tier: .quality, threads: 1, gpu: .ollama)
        #expect(JobResources.needed(by: [small, shared], capacity: Capacity(threads: 8, gpus: 1)) == JobResources(threads: 2, gpus: 0))
        #expect(JobResources.needed(by: [small, large], capacity: Capacity(threads: 8, gpus: 1)) == JobResources(threads: 8, gpus: 1))
    }

    @Test func statLinesAreParsedFromTheLastParenthesis() {
        let line = "4242 (odd) name (x) S 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 10 18446744073709551615"
        #expect(ProcessTable.parse(line, pid: 4242) == ProcessEntry(pid: 4242, state: "S", group: 4242, session: 4242, startTicks: 987654))
        #expect(ProcessTable.isRunning(ProcessTable.current()))
    }
}
