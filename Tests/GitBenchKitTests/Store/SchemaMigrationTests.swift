import Foundation
import Testing
@testable import GitBenchKit

/// The store's migrations on a real file: a fresh store reaches the latest version, reopening changes nothing, and an
/// older store is brought forward with its history intact. GRDB records applied migrations in `grdb_migrations`.
@Suite struct SchemaMigrationTests {
    static let allMigrations = "v1\nv2-jobs\nv3-imports\nv4-baseline-snapshots\nv5-working-tree-hash\n"

    /// Every table, index and trigger with its SQL: the whole schema, as text.
    private func schema(_ scratch: ScratchStore) throws -> String {
        try scratch.sql("SELECT type || ' ' || name || ': ' || COALESCE(sql, '') FROM sqlite_master ORDER BY type, name").stdout
    }

    @Test func aFreshStoreHasAppliedEveryMigrationInOrder() throws {
        let scratch = try ScratchStore()
        #expect(try scratch.sql("SELECT identifier FROM grdb_migrations ORDER BY rowid").stdout == Self.allMigrations)
        #expect(try scratch.sql("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").stdout == """
            baseline_events
            grdb_migrations
            imports
            jobs
            projects
            reference_events
            runs
            sqlite_sequence

            """)
    }

    @Test func aFreshStoreIsInWALModeAndPrivate() throws {
        let scratch = try ScratchStore()
        #expect(try scratch.sql("PRAGMA journal_mode").stdout == "wal\n")
        #expect(try permissions(of: scratch.path) == 0o600)
        #expect(try permissions(of: scratch.path.deletingLastPathComponent()) == 0o700)
    }

    @Test func reopeningAStoreChangesNothing() throws {
        let scratch = try ScratchStore()
        try scratch.appendRuns(3)
        let schemaBefore = try schema(scratch)
        let rowsBefore = try scratch.sql("SELECT * FROM runs ORDER BY id").stdout
        try scratch.reopen()
        try scratch.reopen()
        #expect(try schema(scratch) == schemaBefore)
        #expect(try scratch.sql("SELECT identifier FROM grdb_migrations ORDER BY rowid").stdout == Self.allMigrations)
        #expect(try scratch.sql("SELECT * FROM runs ORDER BY id").stdout == rowsBefore)
        #expect(try scratch.store.verifyChain() == ChainReport(checkedRows: 3, firstBadRowID: nil, problem: nil))
    }

    @Test func aStoreLeftAtV1IsMigratedForwardKeepingItsRuns() throws {
        let scratch = try ScratchStore()
        try scratch.appendRuns(3)
        let latest = try schema(scratch)
        let rowsBefore = try scratch.sql("SELECT * FROM runs ORDER BY id").stdout
        // What a store written before jobs, imports and baseline snapshots existed looks like.
        let downgrade = try scratch.sql("DROP TABLE jobs; DROP TABLE imports; ALTER TABLE baseline_events DROP COLUMN run_ids; ALTER TABLE runs DROP COLUMN working_tree_hash; DELETE FROM grdb_migrations WHERE identifier <> 'v1';")
        #expect(downgrade.status == 0, "\(downgrade.stderr)")
        #expect(try scratch.sql("SELECT identifier FROM grdb_migrations").stdout == "v1\n")

        try scratch.reopen()
        #expect(try scratch.sql("SELECT identifier FROM grdb_migrations ORDER BY rowid").stdout == Self.allMigrations)
        #expect(try schema(scratch) == latest)
        #expect(try scratch.sql("SELECT * FROM runs ORDER BY id").stdout == rowsBefore)
        #expect(try scratch.store.verifyChain() == ChainReport(checkedRows: 3, firstBadRowID: nil, problem: nil))
        // The restored tables work: the next row chains on.
        #expect(try scratch.store.append(ScratchStore.repetition(3), in: ScratchStore.context(), at: ScratchStore.date).id == 4)
    }

    @Test func aFileThatIsNotADatabaseIsRefusedNamingThePath() throws {
        let scratch = try ScratchStore()
        let garbage = scratch.path.deletingLastPathComponent().appendingPathComponent("garbage.sqlite3")
        try Data(String(repeating: "this is not a database\n", count: 200).utf8).write(to: garbage)
        #expect {
            _ = try RunStore(path: garbage)
        } throws: { error in
            "\(error)" == "could not open run store \(garbage.path): file is not a database"
        }
    }
}
