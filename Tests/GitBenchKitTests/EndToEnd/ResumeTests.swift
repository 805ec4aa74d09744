import Foundation
import Testing
@testable import GitBenchKit

/// `git bench resume`: finishing a run set that a kill cut short, with the same seeds and nothing run twice.
@Suite struct ResumeTests {
    /// Starts `run slow -n COUNT` with repetition `rows` held at a gate, so exactly `rows` rows are stored when it is
    /// killed with SIGKILL, however fast the machine; then opens the gate for the resume. Returns the run set id.
    private func killedRun(_ fixture: BenchFixture, count: Int = 6, after rows: Int = 2) throws -> String {
        let gate = try fixture.holdRepetitions(from: rows)
        let process = try fixture.start(["run", "slow", "-n", String(count)])
        try fixture.waitUntil { !gate.heldRunners().isEmpty }
        try gate.kill(process, fixture: fixture)
        return try fixture.sql("SELECT DISTINCT run_set_id FROM runs").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func resumeAfterKillDashNineRunsOnlyTheMissingRepetitionsWithThePlannedSeeds() throws {
        let fixture = try BenchFixture()
        let id = try killedRun(fixture)
        let before = try fixture.runCount()
        // Repetitions 0 and 1 were stored before repetition 2 started, and repetition 2 was held when the kill came.
        #expect(before == 2)
        let directory = fixture.home.appendingPathComponent("runs/Sample/slow/\(id)")
        let state = try RunSetDirectory(url: directory).readResumeState()
        let metaSeed = try #require(state.metaSeed)
        #expect(state.plannedSeeds == SeedPlan.fresh(metaSeed: metaSeed, count: 6).seeds)

        // Unfinished: no manifest yet, and validate says how to finish it.
        let unfinished = try fixture.bench("validate", directory.path)
        #expect(unfinished.status == 65)
        #expect(unfinished.stderr.hasSuffix("manifest.json: missing: the run set never finished; `git bench resume \(id)` finishes it\n"))

        let resumed = try fixture.bench("resume", id, "--json")
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(try fixture.runCount() == 6)
        let rows = try fixture.sql("SELECT repetition_index, seed, meta_seed FROM runs WHERE run_set_id = '\(id)' ORDER BY id").stdout
        let expected = state.plannedSeeds.enumerated().map { "\($0.offset)|\($0.element)|\(metaSeed)" }
        // Every index exactly once, in order, with its planned seed: the first attempt's rows, then the resumed ones.
        #expect(rows == expected.joined(separator: "\n") + "\n")

        let provenance = try RunSetDirectory(url: directory).read(RunProvenance.self, from: RunDir.provenanceFile)
        #expect(provenance.attempts.map(\.status) == [.abandoned, .finished])
        #expect(provenance.attempts.map(\.number) == [1, 2])
        #expect(provenance.attempts[0].indices == Array(0..<before))
        #expect(provenance.attempts[1].indices == Array(before..<6))
        #expect(provenance.attempts[1].argv.suffix(3) == ["resume", id, "--json"])
        let series = try RunSetDirectory(url: directory).readSeries()
        #expect(series.map(\.index) == Array(0..<6))
        #expect(series.map(\.attempt) == Array(repeating: 1, count: before) + Array(repeating: 2, count: 6 - before))

        #expect(try fixture.bench("validate", directory.path).status == 0)
        #expect(try fixture.bench("verify").status == 0)
        // Nothing is left to do: a second resume runs nothing and keeps six rows.
        #expect(try fixture.bench("resume", id).status == 0)
        #expect(try fixture.runCount() == 6)
    }

    @Test func resumeAfterCtrlCRerunsTheInterruptedRepetition() throws {
        let fixture = try BenchFixture()
        let sleep = markedSleep(22)
        let process = try fixture.start(["run", "slow", "-n", "3"], extraEnvironment: ["SLOW_SECONDS": sleep])
        try fixture.waitUntil { try processExists("sleep \(sleep)") }
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        let id = try fixture.sql("SELECT DISTINCT run_set_id FROM runs").stdout.trimmingCharacters(in: .whitespacesAndNewlines)

        let resumed = try fixture.bench("resume", id)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        // The interrupted row stays (append-only); index 0 ran again, so each index has one row that counts.
        #expect(try fixture.sql("SELECT repetition_index, status, coalesce(message, '') FROM runs ORDER BY id").stdout
                == "0|error|interrupted\n0|ok|\n1|ok|\n2|ok|\n")
        let directory = fixture.home.appendingPathComponent("runs/Sample/slow/\(id)")
        let summary = try RunSetDirectory(url: directory).read(RunSummary.self, from: RunDir.summaryFile)
        #expect(summary.okCount == 3 && summary.errorCount == 0 && summary.superseded == 1 && summary.recorded == 4)
        let provenance = try RunSetDirectory(url: directory).read(RunProvenance.self, from: RunDir.provenanceFile)
        #expect(provenance.attempts.map(\.status) == [.interrupted, .finished])
    }

    @Test func anInterruptedRunNamesTheResumeCommandWithItsId() throws {
        let fixture = try BenchFixture()
        let sleep = markedSleep(23)
        let environment = fixture.environment.merging(["SLOW_SECONDS": sleep]) { $1 }
        for signal in [SIGINT, SIGTERM] {
            let running = try runInBackground(["run", "slow", "-n", "3"], environment: environment, in: fixture.repo.url)
            try fixture.waitUntil { try processExists("sleep \(sleep)") }
            kill(running.process.processIdentifier, signal)
            let ended = running.wait()
            #expect(ended.status == 130)
            let id = try fixture.sql("SELECT run_set_id FROM runs ORDER BY id DESC LIMIT 1").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(ended.stderr.hasSuffix("git-bench: error: interrupted after 0 of 3 repetition(s) of run set \(id); finished repetitions are "
                                           + "stored; `git bench resume \(id)` runs the rest\n"), "\(ended.stderr)")
            // The command it names works.
            let resumed = try fixture.bench(["resume", id], in: nil)
            #expect(resumed.status == 0, "\(resumed.stderr)")
        }
    }

    @Test func aRunSetKilledBeforeItRecordedItsStateSaysSoAndHowToRemoveIt() throws {
        let fixture = try BenchFixture()
        let id = "bench_0123abcd_20260101_000000"
        let directory = fixture.home.appendingPathComponent("runs/Sample/slow/\(id)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // What a kill between creating the temp file and renaming it leaves.
        try "{\"schema\": \"git_bench_re".write(to: directory.appendingPathComponent(".resume_state.json.\(UUID().uuidString).tmp"),
                                            atomically: false, encoding: .utf8)
        let problem = "the run was interrupted before it recorded its state (resume_state.json was never written), so it cannot be resumed; "
            + "the store keeps anything it measured; remove the directory with: rm -r -- \(directory.path)"
        let resumed = try fixture.bench("resume", id)
        #expect(resumed.status == 65)
        #expect(resumed.stderr == "git-bench: error: invalid run set \(directory.path): \(problem)\n")
        for reference in [id, directory.path] {
            let validated = try fixture.bench("validate", reference)
            #expect(validated.status == 65)
            #expect(validated.stderr == "git-bench: error: invalid run set \(directory.path): \(problem)\n", "\(validated.stderr)")
        }
        // An empty one is the same leftover; the command it names removes it.
        try FileManager.default.removeItem(at: directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        #expect(try fixture.bench("resume", id).stderr.hasSuffix(problem + "\n"))
        #expect(try runProcess("/bin/sh", ["-c", "rm -r -- \(directory.path)"]).status == 0)
        #expect(try fixture.bench("resume", id).status == 66)
    }

    @Test func validateTakesARunSetIdAsResumeDoes() throws {
        let fixture = try BenchFixture()
        let run = try fixture.bench("run", "quality", "-n", "2")
        #expect(run.status == 0, "\(run.stderr)")
        let id = try fixture.sql("SELECT DISTINCT run_set_id FROM runs").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let byID = try fixture.bench("validate", id, "--json")
        #expect(byID.status == 0, "\(byID.stderr)")
        #expect(byID.stdout.contains("\"path\" : \"\(fixture.home.path)/runs/Sample/quality/\(id)\""), "\(byID.stdout)")
        #expect(try fixture.bench("validate", "\(fixture.home.path)/runs/Sample/quality/\(id)").status == 0)
        // A relative path still works, from where the command runs.
        #expect(try fixture.bench(["validate", "quality/\(id)"], in: fixture.home.appendingPathComponent("runs/Sample")).status == 0)
        let unknown = try fixture.bench("validate", "bench_00000000_20260101_000000")
        #expect(unknown.status == 66)
        #expect(unknown.stderr == "git-bench: error: could not find run set bench_00000000_20260101_000000 under \(fixture.home.path)/runs; "
                + "`git bench history BENCH` lists run set ids\n")
    }

    @Test func resumeRefusesWhenHeadMovedOrTheTreeIsDirty() throws {
        let fixture = try BenchFixture()
        let id = try killedRun(fixture)
        let first = try fixture.repo.git("rev-parse", "HEAD")
        try fixture.setLevel("0.5", time: 2)
        let moved = try fixture.bench("resume", id)
        #expect(moved.status == 77)
        #expect(moved.stderr == "git-bench: error: refusing to resume \(id): HEAD is at \(try fixture.repo.git("rev-parse", "HEAD").prefix(10)) "
                + "but the run set was measured at \(first.prefix(10)); check out \(first.prefix(10)) and resume again\n")

        try fixture.repo.git("checkout", "-q", first)
        try fixture.repo.write("scratch.txt", "uncommitted\n")
        let dirty = try fixture.bench("resume", id)
        #expect(dirty.status == 77)
        #expect(dirty.stderr.contains("has uncommitted or untracked changes; the run set was measured on a clean tree"))

        try FileManager.default.removeItem(at: fixture.repo.url.appendingPathComponent("scratch.txt"))
        #expect(try fixture.bench("resume", id).status == 0)
        #expect(try fixture.runCount() == 6)
    }

    @Test func resumeRefusesARunSetThatIsStillRunning() throws {
        let fixture = try BenchFixture()
        let process = try fixture.start(["run", "slow", "-n", "30"])
        defer {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try fixture.waitUntil { try fixture.runCount() >= 1 }
        let id = try fixture.sql("SELECT DISTINCT run_set_id FROM runs").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let result = try fixture.bench("resume", id)
        #expect(result.status == 77)
        #expect(result.stderr == "git-bench: error: refusing to resume \(id): attempt 1 (pid \(process.processIdentifier)) is still running; "
                + "wait for it to finish or stop it first\n")
    }

    @Test func aRecycledPidDoesNotKeepADeadAttemptAlive() throws {
        let fixture = try BenchFixture()
        let process = try fixture.start(["run", "slow", "-n", "5"])
        try fixture.waitUntil { try fixture.runCount() >= 1 }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let id = try fixture.sql("SELECT DISTINCT run_set_id FROM runs").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        // Another process now holds the pid the dead attempt recorded (simulated by giving the attempt a live pid).
        let sleeper = Process()
        sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
        sleeper.arguments = ["30"]
        try sleeper.run()
        defer { sleeper.terminate(); sleeper.waitUntilExit() }
        let file = fixture.home.appendingPathComponent("runs/Sample/slow/\(id)/resume_state.json")
        var state = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        var attempts = try #require(state["attempts"] as? [[String: Any]])
        #expect(attempts[0]["status"] as? String == "running" && attempts[0]["pid_start_ticks"] != nil)
        attempts[0]["pid"] = Int(sleeper.processIdentifier)
        state["attempts"] = attempts
        try JSONSerialization.data(withJSONObject: state).write(to: file)
        let result = try fixture.bench("resume", id)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try fixture.runCount() == 5)
    }

    @Test func resumeOfAnUnknownRunSetIsMissingInput() throws {
        let fixture = try BenchFixture()
        let result = try fixture.bench("resume", "bench_00000000_20260101_000000")
        #expect(result.status == 66)
        #expect(result.stderr.hasPrefix("git-bench: error: could not find run set bench_00000000_20260101_000000 under \(fixture.home.path)/runs"))
    }
}
