import Foundation
import Testing
@testable import GitBenchKit

/// `--background`, `status`, `logs`, `cancel`, lost workers and admission, through the built binary.
@Suite struct BackgroundJobTests {
    @Test func backgroundRunReturnsAtOnceAndItsJobFinishesDoneWithEveryRepetitionStored() throws {
        let fixture = try BenchFixture()
        defer { fixture.cancelActiveJobs() }
        // Every repetition waits at a gate the test opens only after its checks: the launch must return, and the job be
        // seen running, while no repetition can have finished.
        let gate = try fixture.holdRepetitions(from: 0)
        let started = try fixture.bench(["run", "slow", "-n", "3", "--background"], extra: ["GIT_BENCH_MAX_THREADS": "4"])
        #expect(started.status == 0, "\(started.stderr)")
        #expect(started.stdout.hasPrefix("job 1 started in the background: Sample: slow (pid "))
        #expect(started.stdout.contains("  log: \(fixture.home.path)/logs/jobs/1.log\n"))
        #expect(started.stdout.hasSuffix("  follow: git bench logs 1 -f   stop: git bench cancel 1\n"))

        try fixture.waitForJob(1, .running)
        try fixture.waitUntil { !gate.heldRunners().isEmpty }
        #expect(try fixture.runCount() == 0)
        let running = try fixture.job(1)
        #expect(running.kind == .background)
        #expect(running.project == "Sample")
        #expect(running.benchmarks == ["slow"])
        #expect(running.threads == 1 && running.gpus == 0)
        #expect(running.pid != nil && running.pid == running.pgid)
        let table = try fixture.bench("status")
        #expect(table.stdout.hasPrefix("id  status   kind        benchmarks  pid"))
        #expect(table.stdout.contains("\n1   running  background  slow        \(running.pid ?? 0)"))

        gate.open()
        try fixture.waitForJob(1, .done)
        let done = try fixture.job(1)
        #expect(done.exitCode == 0)
        #expect(done.message == "3 ok, 0 error in 1 run set(s)")
        #expect(try fixture.runCount() == 3)

        let log = try fixture.bench("logs", "1")
        #expect(log.status == 0)
        #expect(log.stdout.hasPrefix("job 1 started: Sample: slow (pid \(done.pid ?? 0))\n"))
        #expect(log.stdout.contains("  [3/3] rep=2 seed="))
        #expect(log.stdout.contains("\nSample/slow: 3 ok, 0 error  git_sha="))
        for file in ["jobs/1.json", "logs/jobs/1.log"] {
            #expect(try permissions(of: fixture.home.appendingPathComponent(file)) == 0o600, "\(file)")
        }
        let spec = try JobSpec.decode(String(contentsOf: fixture.home.appendingPathComponent("jobs/1.json"), encoding: .utf8), job: JobID(1))
        #expect(spec.project == "Sample")
        #expect(spec.projectRoot == fixture.repo.url.path)
        #expect(spec.request.benchmarks == ["slow"])
        #expect(spec.request.repetitions == 3)
    }

    @Test func logsFollowPrintsUntilTheJobEnds() throws {
        let fixture = try BenchFixture()
        defer { fixture.cancelActiveJobs() }
        #expect(try fixture.bench(["run", "slow", "-n", "3", "--background"], extra: ["SLOW_SECONDS": "0.5"]).status == 0)
        let followed = try fixture.bench("logs", "1", "-f")
        #expect(followed.status == 0)
        #expect(followed.stdout.contains("\nSample/slow: 3 ok, 0 error  git_sha="))
        #expect(try fixture.job(1).status == .done)
    }

    @Test func cancelStopsTheRunnerKeepsFinishedRepetitionsAndRecordsTheInterruptedOne() throws {
        let fixture = try BenchFixture.staged()
        defer { fixture.cancelActiveJobs() }
        let sleep = markedSleep(41)
        #expect(try fixture.bench(["run", "staged", "--background"], extra: ["STAGED_SECONDS": sleep]).status == 0)
        try fixture.waitUntil { try fixture.runCount() == 1 && processExists("sleep \(sleep)") }

        let cancelled = try fixture.bench("cancel", "1")
        #expect(cancelled.status == 0, "\(cancelled.stderr)")
        #expect(cancelled.stdout == "job 1 cancelled: Jobs: staged; finished repetitions are kept\n")
        #expect(try processExists("sleep \(sleep)") == false)
        let job = try fixture.job(1)
        #expect(job.status == .cancelled)
        #expect(job.message == "cancelled by git bench cancel")
        #expect(job.exitCode == 130)
        #expect(try fixture.sql("SELECT repetition_index, status, COALESCE(message, '') FROM runs ORDER BY id").stdout == "0|ok|\n1|error|interrupted\n")
        #expect(try fixture.bench("verify").status == 0)
        // Following a cancelled job answers as the job ended, not 0; without -f, logs only prints.
        let followed = try fixture.bench("logs", "1", "-f")
        #expect(followed.status == 130)
        #expect(followed.stderr == "git-bench: error: job 1 ended cancelled (exit 130): cancelled by git bench cancel\n")
        #expect(followed.stdout.contains("job 1 started: Jobs: staged"))
        #expect(try fixture.bench("logs", "1").status == 0)
    }

    @Test func followingAJobCancelledBeforeItStartedExitsSeventyFive() throws {
        let fixture = try BenchFixture()
        // A queued job whose worker has not started yet (as the launcher leaves it for a moment), then cancelled.
        let home = HarnessHome(root: fixture.home)
        let store = try RunStore(home: home)
        let admitted = try store.admitJob(JobDraft(project: "Sample", benchmarks: ["slow"], spec: "{}", kind: .background, status: .pending,
                                                   host: Harness.currentHost(), process: nil, threads: 1, gpus: 0),
                                          logPath: { home.jobLog($0).path }, vanished: { _ in nil }, fits: { _ in true })
        let id = try #require(admitted.job?.id)
        #expect(try fixture.bench("cancel", String(id.value)).status == 0)
        let followed = try fixture.bench("logs", String(id.value), "-f")
        #expect(followed.status == 75)
        #expect(followed.stderr == "git-bench: error: job \(id) ended cancelled: cancelled by git bench cancel\n")
    }

    @Test func cancellingAForegroundRunInterruptsItAndRecordsItCancelled() throws {
        let fixture = try BenchFixture.staged()
        defer { fixture.cancelActiveJobs() }
        let sleep = markedSleep(45)
        let environment = fixture.environment.merging(["STAGED_SECONDS": sleep]) { $1 }
        let foreground = try runInBackground(["run", "staged"], environment: environment, in: fixture.repo.url)
        try fixture.waitUntil { try fixture.runCount() == 1 && processExists("sleep \(sleep)") }
        let running = try fixture.job(1)
        #expect(running.kind == .foreground && running.status == .running && running.pid == foreground.process.processIdentifier)

        #expect(try fixture.bench("cancel", "1").status == 0)
        let ended = foreground.wait()
        #expect(ended.status == 130)
        let id = try fixture.sql("SELECT DISTINCT run_set_id FROM runs").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(ended.stderr.hasSuffix("git-bench: error: interrupted after 1 of 3 repetition(s) of run set \(id); finished repetitions are "
                                       + "stored; `git bench resume \(id)` runs the rest\n"))
        let job = try fixture.job(1)
        #expect(job.status == .cancelled && job.exitCode == 130)
        #expect(try fixture.sql("SELECT status, COALESCE(message, '') FROM runs ORDER BY id").stdout == "ok|\nerror|interrupted\n")
        #expect(try processExists("sleep \(sleep)") == false)
    }

    @Test func cancellingAnEndedJobExits64AndAnUnknownJob66() throws {
        let fixture = try BenchFixture.staged()
        #expect(try fixture.bench("run", "quick", "--background").status == 0)
        try fixture.waitForJob(1, .done)
        let ended = try fixture.bench("cancel", "1")
        #expect(ended.status == 64)
        #expect(ended.stderr == "git-bench: error: could not cancel job 1: it has already ended (done)\n")
        let unknown = try fixture.bench("cancel", "7")
        #expect(unknown.status == 66)
        #expect(unknown.stderr == "git-bench: error: could not find job 7; `git bench status --all` lists jobs\n")
    }

    @Test func aKilledWorkerIsLostOnTheNextStatusAndItsRunnerIsKilled() throws {
        let fixture = try BenchFixture.staged()
        defer { fixture.cancelActiveJobs() }
        let sleep = markedSleep(42)
        #expect(try fixture.bench(["run", "staged", "--background"], extra: ["STAGED_SECONDS": sleep]).status == 0)
        try fixture.waitUntil { try processExists("sleep \(sleep)") }
        let worker = try #require(try fixture.job(1).pid)
        // The worker leads a session holding its runner: the script and its sleep (and `sh -c` unless a shell execs).
        #expect(ProcessTable.members(ofSession: worker).count >= 3)
        kill(worker, SIGKILL)
        try fixture.waitUntil { ProcessTable.entry(worker).map(\.hasExited) ?? true }

        let status = try fixture.bench("status")
        #expect(status.status == 0)
        #expect(status.stdout.contains("\n1   lost    background  staged      \(worker)"))
        let job = try fixture.job(1)
        #expect(job.status == .lost)
        #expect(job.message == "its worker (pid \(worker)) ended without recording an end: killed or crashed")
        try fixture.waitUntil { try ProcessTable.members(ofSession: worker).isEmpty && !processExists("sleep \(sleep)") }
        #expect(try fixture.bench("cancel", "1").stderr == "git-bench: error: could not cancel job 1: it has already ended (lost)\n")
    }

    @Test func foregroundRunsDuringABackgroundJobSucceedWithoutALockError() throws {
        let fixture = try BenchFixture()
        defer { fixture.cancelActiveJobs() }
        let capacity = ["GIT_BENCH_MAX_THREADS": "8", "SLOW_SECONDS": "0.2"]
        #expect(try fixture.bench(["run", "slow", "-n", "10", "--background"], extra: capacity).status == 0)
        try fixture.waitForJob(1, .running)
        let environment = fixture.environment.merging(capacity) { $1 }
        let foreground = try (0..<3).map { index in
            try runInBackground(["run", "quality", "-n", "6", "--meta-seed", String(200 + index)], environment: environment, in: fixture.repo.url)
        }
        let results = foreground.map { $0.wait() }
        for result in results {
            #expect(result.status == 0, "\(result.stderr)")
            #expect(!result.stderr.contains("locked"))
        }
        try fixture.waitForJob(1, .done)
        #expect(try fixture.runCount() == 10 + 18)
        #expect(try fixture.bench("verify").stdout == "OK: 28 run(s), hash chain intact\n")
        let jobs = try fixture.jobs()
        #expect(jobs.filter { $0.kind == .foreground }.map(\.status) == [.done, .done, .done])
        #expect(jobs.filter { $0.kind == .foreground }.allSatisfy { $0.benchmarks == ["quality"] && $0.exitCode == 0 && $0.logPath == nil })
        let foregroundLog = try fixture.bench("logs", "2")
        #expect(foregroundLog.status == 66)
        #expect(foregroundLog.stderr == "git-bench: error: could not show the log of job 2: it is a foreground run, whose output went to its terminal\n")
    }

    @Test func admissionRefusesWorkBeyondTheThreadCapacityAndNamesWhatIsBusy() throws {
        let fixture = try BenchFixture.staged()
        defer { fixture.cancelActiveJobs() }
        let one = ["GIT_BENCH_MAX_THREADS": "1", "STAGED_SECONDS": "43"]
        #expect(try fixture.bench(["run", "staged", "--background"], extra: one).status == 0)
        try fixture.waitForJob(1, .running)
        let expected = "git-bench: error: could not start Jobs: quick: needs 1 thread; 1 of 1 in use by job 1 (Jobs: staged, 1 thread); "
            + "retry when it finishes (git bench status --all) or raise GIT_BENCH_MAX_THREADS\n"

        let background = try fixture.bench(["run", "quick", "--background"], extra: one)
        #expect(background.status == 75)
        #expect(background.stderr == expected)
        let foreground = try fixture.bench(["run", "quick"], extra: one)
        #expect(foreground.status == 75)
        #expect(foreground.stderr == expected)
        #expect(try fixture.runCount() == 1)

        #expect(try fixture.bench("cancel", "1").status == 0)
        let afterwards = try fixture.bench(["run", "quick"], extra: one)
        #expect(afterwards.status == 0, "\(afterwards.stderr)")
        #expect(try fixture.jobs().map(\.status) == [.done, .cancelled])
    }

    @Test func simultaneousSubmissionsNeverOversubscribeTheCapacity() throws {
        let fixture = try BenchFixture.staged()
        defer { fixture.cancelActiveJobs() }
        let environment = fixture.environment.merging(["GIT_BENCH_MAX_THREADS": "2", "STAGED_SECONDS": "44"]) { $1 }
        let launches = try (0..<6).map { _ in try runInBackground(["run", "staged", "--background"], environment: environment, in: fixture.repo.url) }
        let statuses = launches.map { $0.wait().status }
        #expect(statuses.filter { $0 == 0 }.count == 2)
        #expect(statuses.filter { $0 == 75 }.count == 4)
        #expect(try fixture.jobs().filter { $0.status.isActive }.count == 2)
    }

    @Test func backgroundRequiredMakesBackgroundTheDefaultAndForegroundOverridesIt() throws {
        let fixture = try BenchFixture.staged(extra: """

            [[benchmarks]]
            name = "nightly"
            entry_point = "quick"
            tier = "quality"
            metric_direction = "minimize"
            repetitions = 2
            baseline_seeds = [1, 2]
            promotion_sigma = 2.0
            background_required = true
            """)
        defer { fixture.cancelActiveJobs() }
        let queued = try fixture.bench("run", "nightly", "--json")
        #expect(queued.status == 0, "\(queued.stderr)")
        let job = try JSONDecoder().decode(Job.self, from: Data(queued.stdout.utf8))
        #expect(job.id == JobID(1) && job.kind == .background && job.benchmarks == ["nightly"])
        try fixture.waitForJob(1, .done)

        let here = try fixture.bench("run", "nightly", "--foreground")
        #expect(here.status == 0)
        #expect(here.stdout.hasPrefix("Jobs/nightly: 2 ok, 0 error  git_sha="))
        #expect(try fixture.job(2).kind == .foreground)
    }

    @Test func baselineEstablishInTheBackgroundMovesThePointerWhenItsJobEnds() throws {
        let fixture = try BenchFixture.staged()
        defer { fixture.cancelActiveJobs() }
        let queued = try fixture.bench("baseline", "establish", "quick", "--background")
        #expect(queued.status == 0, "\(queued.stderr)")
        #expect(queued.stdout.hasPrefix("job 1 started in the background: Jobs: quick (pid "))
        try fixture.waitForJob(1, .done)
        #expect(try fixture.sql("SELECT action, git_sha = '\(try fixture.repo.git("rev-parse", "HEAD"))' FROM baseline_events").stdout == "establish|1\n")
        #expect(try fixture.sql("SELECT COUNT(*) FROM runs WHERE role = 'baseline'").stdout == "2\n")
        #expect(try fixture.bench("logs", "1").stdout.contains("\nbaseline set: Jobs/quick -> "))
    }

    @Test func aDirtyTreeIsRefusedBeforeAnyJobIsQueued() throws {
        let fixture = try BenchFixture()
        try fixture.repo.write("scratch.txt", "uncommitted\n")
        let refused = try fixture.bench("run", "slow", "--background")
        #expect(refused.status == 77)
        #expect(refused.stderr.hasPrefix("git-bench: error: refusing to run: the working tree at "))
        #expect(try fixture.jobs().isEmpty)
    }

    @Test func aRefusedForegroundRunLeavesNoJobRow() throws {
        let fixture = try BenchFixture()
        try fixture.repo.write("scratch.txt", "uncommitted\n")
        let refused = try fixture.bench("run", "slow")
        #expect(refused.status == 77)
        // "Nothing written" holds for the jobs table too: status does not list a run that never started.
        #expect(try fixture.jobs().isEmpty)
        #expect(try fixture.runCount() == 0)
        let allowed = try fixture.bench(["run", "slow", "-n", "1", "--allow-dirty"], extra: ["SLOW_SECONDS": "0"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(try fixture.jobs().map(\.kind) == [.foreground])
    }

    @Test func statusHelpIsTheManual() throws {
        let result = try runProcess(BenchFixture.binary, ["status", "--help"])
        #expect(result.stdout == """
            OVERVIEW: Show background jobs and foreground runs, newest first.

            Pending and running jobs hold threads (GIT_BENCH_MAX_THREADS) and GPUs
            (GIT_BENCH_GPU_COUNT).
            A job whose process died without recording an end is shown, and recorded, as
            lost.
            Temporary worktrees a killed --at-sha run left behind are removed, as every
            --at-sha does first.
            Example: git bench status --all --limit 50

            USAGE: git-bench status [--all] [--limit <limit>] [--project <project>] [--json]

            OPTIONS:
              --all                   Show the jobs of every project, not only this one.
              --limit <limit>         Show at most this many jobs, plus every pending or
                                      running one (0: all). (default: 20)
              --project <project>     Use this registered project instead of the one around
                                      the current directory.
              --json                  Print machine-readable JSON on stdout.
              -h, --help              Show help information.


            """)
    }

    @Test func logsAndCancelHelpAreTheManual() throws {
        let logs = try runProcess(BenchFixture.binary, ["logs", "--help"])
        #expect(logs.stdout == """
            OVERVIEW: Print a background job's output.

            With -f, keep printing what the job appends until it ends (done, failed,
            cancelled or lost), then exit as the job did: 0 when it is done, else its own
            exit code (130 for a cancelled run), or 75 when it ended without one (cancelled
            before it started, or lost), with one line on stderr saying how it ended.
            Example: git bench logs 12 -f

            USAGE: git-bench logs <job> [--follow]

            ARGUMENTS:
              <job>                   The job id (see git bench status).

            OPTIONS:
              -f, --follow            Follow the log until the job ends.
              -h, --help              Show help information.


            """)
        let cancel = try runProcess(BenchFixture.binary, ["cancel", "--help"])
        #expect(cancel.stdout == """
            OVERVIEW: Stop a pending or running job; its finished repetitions stay.

            The job's process group gets SIGTERM (the repetition in flight is stored as an
            error row "interrupted"),
            then SIGKILL after 10 s. A job that has already ended exits 64; an unknown id
            exits 66.
            Example: git bench cancel 12

            USAGE: git-bench cancel <job> [--json]

            ARGUMENTS:
              <job>                   The job id (see git bench status).

            OPTIONS:
              --json                  Print machine-readable JSON on stdout.
              -h, --help              Show help information.


            """)
    }
}

/// A `git-bench` started with output captured, to be waited for later.
struct RunningBench {
    let process: Process
    let scratch: URL

    /// Waits for the exit, reads the output and removes the scratch files.
    func wait() -> (status: Int32, stdout: String, stderr: String) {
        process.waitUntilExit()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = (try? String(contentsOf: scratch.appendingPathComponent("stdout"), encoding: .utf8)) ?? ""
        let err = (try? String(contentsOf: scratch.appendingPathComponent("stderr"), encoding: .utf8)) ?? ""
        return (process.terminationStatus, out, err)
    }
}

/// Starts `git-bench ARGS` with stdout and stderr going to temporary files.
func runInBackground(_ arguments: [String], environment: [String: String], in directory: URL) throws -> RunningBench {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("gitbench-bg-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    let stdout = scratch.appendingPathComponent("stdout")
    let stderr = scratch.appendingPathComponent("stderr")
    FileManager.default.createFile(atPath: stdout.path, contents: nil)
    FileManager.default.createFile(atPath: stderr.path, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: BenchFixture.binary)
    process.arguments = arguments
    process.environment = environment
    process.currentDirectoryURL = directory
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = try FileHandle(forWritingTo: stdout)
    process.standardError = try FileHandle(forWritingTo: stderr)
    try process.run()
    return RunningBench(process: process, scratch: scratch)
}
