import Foundation
import Testing
@testable import GitBenchKit

/// The store under concurrency, crashes, interrupts and tampering.
@Suite struct StoreSafetyTests {
    @Test func eightConcurrentRunsStoreEveryRepetitionWithoutALockError() throws {
        let fixture = try BenchFixture()
        let processes = try (0..<8).map { index in
            try fixture.start(["run", "quality", "-n", "5", "--meta-seed", String(index + 100)])
        }
        for process in processes { process.waitUntilExit() }
        #expect(processes.map(\.terminationStatus) == Array(repeating: 0, count: 8))
        #expect(try fixture.runCount() == 40)
        #expect(try fixture.sql("SELECT COUNT(DISTINCT meta_seed) FROM runs").stdout == "8\n")
        let verify = try fixture.bench("verify")
        #expect(verify.status == 0)
        #expect(verify.stdout == "OK: 40 run(s), hash chain intact\n")
    }

    @Test func killDashNineMidwayKeepsFinishedRepetitionsAndAnIntactStore() throws {
        let fixture = try BenchFixture()
        // Repetition 2 waits at a gate, so the kill lands mid-run however fast the machine is.
        let gate = try fixture.holdRepetitions(from: 2)
        let process = try fixture.start(["run", "slow", "-n", "6"])
        try fixture.waitUntil { !gate.heldRunners().isEmpty }
        try gate.kill(process, fixture: fixture)
        // The two finished repetitions were each stored before the next began; the one in flight leaves no row
        // (SIGKILL gives no chance to record it), and the three never started leave none either.
        #expect(try fixture.sql("SELECT repetition_index, status FROM runs ORDER BY id").stdout == "0|ok\n1|ok\n")
        #expect(try fixture.sql("PRAGMA integrity_check").stdout == "ok\n")
        #expect(try fixture.bench("verify").status == 0)
    }

    @Test func interruptKillsTheRunnerGroupAndRecordsTheInterruptedRepetition() throws {
        let fixture = try BenchFixture()
        let sleep = markedSleep(20)
        let process = try fixture.start(["run", "slow", "-n", "3"], extraEnvironment: ["SLOW_SECONDS": sleep])
        // Wait for the runner's sleep to be under way, then Ctrl-C.
        try fixture.waitUntil { try processExists("sleep \(sleep)") }
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        // One row, the interrupted one: the run stopped in its first repetition instead of sleeping through three.
        #expect(try fixture.sql("SELECT status, message FROM runs").stdout == "error|interrupted\n")
        #expect(try processExists("sleep \(sleep)") == false)
    }

    @Test func interruptDuringAtShaStillRemovesTheWorktreeAndItsBranch() throws {
        let fixture = try BenchFixture()
        let sleep = markedSleep(21)
        let process = try fixture.start(["baseline", "establish", "slow", "--at-sha", "HEAD"], extraEnvironment: ["SLOW_SECONDS": sleep])
        try fixture.waitUntil { try processExists("sleep \(sleep)") }
        #expect(try fixture.repo.git("worktree", "list", "--porcelain").components(separatedBy: "worktree ").count == 3)
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        #expect(try fixture.repo.git("worktree", "list", "--porcelain").components(separatedBy: "worktree ").count == 2)
        #expect(try fixture.repo.git("branch", "--list").trimmingCharacters(in: .whitespacesAndNewlines) == "* main")
        #expect(try fixture.sql("SELECT status, message FROM runs").stdout == "error|interrupted\n")
        // An interrupted establish does not move the pointer.
        #expect(try fixture.sql("SELECT COUNT(*) FROM baseline_events").stdout == "0\n")
    }

    @Test func sqliteRefusesUpdateAndDeleteOfRuns() throws {
        let fixture = try BenchFixture()
        #expect(try fixture.bench("run", "quality", "-n", "2").status == 0)
        let update = try fixture.sql("UPDATE runs SET metric = 0.1 WHERE id = 1")
        #expect(update.status != 0)
        #expect(update.stderr.contains("runs are append-only: UPDATE refused"))
        let delete = try fixture.sql("DELETE FROM runs WHERE id = 1")
        #expect(delete.stderr.contains("runs are append-only: DELETE refused"))
        #expect(try fixture.sql("UPDATE baseline_events SET git_sha = 'x'").status == 0)  // no rows to touch yet, no error
        #expect(try fixture.bench("baseline", "establish", "quality").status == 0)
        #expect(try fixture.sql("DELETE FROM baseline_events").stderr.contains("append-only"))
    }

    @Test func verifyFindsARowEditedAfterTheTriggerWasDropped() throws {
        let fixture = try BenchFixture()
        #expect(try fixture.bench("run", "quality", "-n", "4").status == 0)
        #expect(try fixture.sql("DROP TRIGGER runs_no_update; UPDATE runs SET metric = 0.5 WHERE id = 3;").status == 0)
        let result = try fixture.bench("verify")
        #expect(result.status == 1)
        #expect(result.stdout == "BROKEN at row 3: row 3 was changed after it was written\n")
    }

    @Test func verifyFindsADeletedRow() throws {
        let fixture = try BenchFixture()
        #expect(try fixture.bench("run", "quality", "-n", "4").status == 0)
        #expect(try fixture.sql("DROP TRIGGER runs_no_delete; DELETE FROM runs WHERE id = 2;").status == 0)
        let result = try fixture.bench("verify", "--json")
        #expect(result.status == 1)
        let report = try JSONDecoder().decode(ChainReport.self, from: Data(result.stdout.utf8))
        #expect(report.firstBadRowID == 3)
    }

    @Test func homeFilesAre0600AndDirectories0700() throws {
        let fixture = try BenchFixture()
        #expect(try fixture.bench("run", "quality", "-n", "2").status == 0)
        let enumerator = try #require(FileManager.default.enumerator(at: fixture.home, includingPropertiesForKeys: [.isDirectoryKey]))
        var checked = 0
        for case let url as URL in enumerator {
            let isDirectory = (try url.resourceValues(forKeys: [.isDirectoryKey])).isDirectory ?? false
            #expect(try permissions(of: url) == (isDirectory ? 0o700 : 0o600), "\(url.path)")
            checked += 1
        }
        #expect(checked >= 5)
        #expect(try permissions(of: fixture.home) == 0o700)
    }
}

/// Polls `condition` every 50 ms for up to 90 s: a liveness deadline, generous because the whole suite starts at once
/// on a 2-core CI machine and a background worker can take tens of seconds to get going there.
/// On timeout the error carries `context()`, so a failure seen only on CI explains itself.
func waitUntil(context: () -> String = { "" }, _ condition: () throws -> Bool) throws {
    let deadline = Date().addingTimeInterval(90)
    while Date() < deadline {
        if try condition() { return }
        usleep(50_000)
    }
    throw TestRepoError.setup("condition not met within 90 s\n" + context())
}
