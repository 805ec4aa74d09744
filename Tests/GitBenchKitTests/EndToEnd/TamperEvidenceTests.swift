import Foundation
import Testing
@testable import GitBenchKit

/// `verify` finds every edit, insertion and removal it promises, through the built binary on a real store file:
/// rows missing from the end of a chain are caught by the anchor beside the store, events by their own chains.
@Suite struct TamperEvidenceTests {
    static func measured() throws -> BenchFixture {
        let fixture = try BenchFixture()
        #expect(try fixture.bench("baseline", "establish", "quality").status == 0)
        try fixture.setLevel("0.8", time: 2)
        #expect(try fixture.bench("run", "quality", "--meta-seed", "42").status == 0)
        #expect(try fixture.bench("verify").status == 0)
        return fixture
    }

    static func expectBehind(_ fixture: BenchFixture, _ what: String) throws {
        let verified = try fixture.bench("verify")
        #expect(verified.status == 1, "\(what)")
        #expect(verified.stdout.hasPrefix("BROKEN: the store is behind its last recorded tip: \(fixture.storePath).tip says runs held 12 rows, "),
                "\(what): \(verified.stdout)")
    }

    @Test func deletingTheLastRowIsFound() throws {
        let fixture = try Self.measured()
        #expect(try fixture.sql("DROP TRIGGER runs_no_delete; DELETE FROM runs WHERE id = 12;").status == 0)
        try Self.expectBehind(fixture, "last row")
    }

    @Test func deletingEveryRowIsFound() throws {
        let fixture = try Self.measured()
        #expect(try fixture.sql("DROP TRIGGER runs_no_delete; DELETE FROM runs;").status == 0)
        try Self.expectBehind(fixture, "every row")
    }

    @Test func truncatingTheStoreToZeroBytesIsFound() throws {
        let fixture = try Self.measured()
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: fixture.storePath + suffix) {
            try Data().write(to: URL(fileURLWithPath: fixture.storePath + suffix))
        }
        try Self.expectBehind(fixture, "truncated")
    }

    @Test func deletingTheLastRunSetIsFound() throws {
        let fixture = try Self.measured()
        #expect(try fixture.sql("DROP TRIGGER runs_no_delete; DELETE FROM runs WHERE run_set_id = (SELECT run_set_id FROM runs WHERE id = 12);").status == 0)
        try Self.expectBehind(fixture, "last run set")
    }

    /// A crash can leave the WAL cut short; SQLite then drops the commits in the lost frames and opens cleanly.
    @Test func aTruncatedWALIsFound() throws {
        let fixture = try BenchFixture()
        #expect(try fixture.bench("baseline", "establish", "quality").status == 0)
        // A reader holding a snapshot keeps every later commit in the WAL: nothing past it can be checkpointed.
        let ready = fixture.repo.root.appendingPathComponent("reader-ready")
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        holder.arguments = [fixture.storePath]
        let input = Pipe()
        holder.standardInput = input
        holder.standardOutput = FileHandle.nullDevice
        try holder.run()
        // End of input ends sqlite3 (a signal may be blocked in the mask it inherits).
        defer {
            try? input.fileHandleForWriting.close()
            holder.waitUntilExit()
        }
        input.fileHandleForWriting.write(Data("BEGIN; SELECT COUNT(*) FROM runs;\n.system touch '\(ready.path)'\n".utf8))
        for _ in 0..<500 where !FileManager.default.fileExists(atPath: ready.path) { usleep(10_000) }
        #expect(FileManager.default.fileExists(atPath: ready.path))

        try fixture.setLevel("0.8", time: 2)
        #expect(try fixture.bench("run", "quality", "--meta-seed", "42").status == 0)
        // What a crash leaves: the store, its tip file and a WAL cut short halfway through the run's commits.
        let crashed = fixture.repo.root.appendingPathComponent("crashed-home")
        try FileManager.default.createDirectory(at: crashed, withIntermediateDirectories: true)
        for suffix in ["", "-wal", ".tip"] {
            try FileManager.default.copyItem(atPath: fixture.storePath + suffix, toPath: crashed.appendingPathComponent("store.sqlite3" + suffix).path)
        }
        let wal = crashed.appendingPathComponent("store.sqlite3-wal")
        let walSize = try #require(try FileManager.default.attributesOfItem(atPath: wal.path)[.size] as? Int)
        #expect(walSize > 4096)
        let handle = try FileHandle(forWritingTo: wal)
        try handle.truncate(atOffset: UInt64(walSize / 2))
        try handle.close()

        var environment = fixture.environment
        environment["GIT_BENCH_HOME"] = crashed.path
        let verified = try runProcess(BenchFixture.binary, ["verify"], environment: environment, currentDirectory: fixture.repo.url)
        #expect(verified.status == 1)
        #expect(verified.stdout.hasPrefix("BROKEN: the store is behind its last recorded tip: \(crashed.path)/store.sqlite3.tip says runs held 12 rows, "
                                          + "the store holds "), "\(verified.stdout)")
        let held = try runProcess("/usr/bin/sqlite3", [crashed.appendingPathComponent("store.sqlite3").path, "SELECT COUNT(*) FROM runs"])
        #expect((6..<12).contains(Int(held.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1), "\(held.stdout)")
    }

    @Test func restoringAnOlderCopyIsFound() throws {
        let fixture = try BenchFixture()
        #expect(try fixture.bench("baseline", "establish", "quality").status == 0)
        let copy = fixture.repo.root.appendingPathComponent("older.sqlite3")
        #expect(try fixture.sql("VACUUM INTO '\(copy.path)'").status == 0)
        try fixture.setLevel("0.8", time: 2)
        #expect(try fixture.bench("run", "quality", "--meta-seed", "42").status == 0)
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: fixture.storePath + suffix) }
        try FileManager.default.removeItem(atPath: fixture.storePath)
        try FileManager.default.copyItem(at: copy, to: URL(fileURLWithPath: fixture.storePath))
        try Self.expectBehind(fixture, "older copy")
    }

    @Test func movingTheBaselinePointerIsFound() throws {
        let fixture = try Self.measured()
        #expect(try fixture.sql("DROP TRIGGER baseline_events_no_update; UPDATE baseline_events SET git_sha = '\(String(repeating: "c", count: 40))';").status == 0)
        let verified = try fixture.bench("verify")
        #expect(verified.status == 1)
        #expect(verified.stdout == "BROKEN at baseline_events row 1: baseline event 1 was changed after it was written\n")
    }

    @Test func rewritingTheTipRowsHashIsFound() throws {
        let fixture = try Self.measured()
        #expect(try fixture.sql("DROP TRIGGER runs_no_update; UPDATE runs SET row_hash = '\(String(repeating: "f", count: 64))' WHERE id = 12;").status == 0)
        let verified = try fixture.bench("verify")
        #expect(verified.status == 1)
        #expect(verified.stdout == "BROKEN at row 12: row 12 was changed after it was written\n")
    }

    @Test func notesAnchorTheStoreWhenTheTipFileIsRewrittenToo() throws {
        let fixture = try Self.measured()
        #expect(try fixture.bench("evaluate", "quality").status == 0)
        let note = try fixture.repo.git("notes", "--ref=bench", "show", "HEAD")
        #expect(note.contains(" tip=12:"), "\(note)")
        #expect(try fixture.bench("verify", "--against-notes").status == 0)

        // Someone who removes the candidate rows and the tip file beside the store goes unseen by the store alone.
        #expect(try fixture.sql("DROP TRIGGER runs_no_delete; DELETE FROM runs WHERE id > 6;").status == 0)
        try FileManager.default.removeItem(atPath: fixture.storePath + ".tip")
        #expect(try fixture.bench("verify").status == 0)

        let verified = try fixture.bench("verify", "--against-notes")
        #expect(verified.status == 1)
        #expect(verified.stdout.hasPrefix("BROKEN: the note on "), "\(verified.stdout)")
        #expect(verified.stdout.contains("(Sample/quality) recorded this host's store at run 12"), "\(verified.stdout)")
        #expect(verified.stdout.contains("which the store no longer holds"), "\(verified.stdout)")
    }
}
