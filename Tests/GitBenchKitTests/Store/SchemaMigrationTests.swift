import Foundation
import Testing
@testable import GitBenchKit

/// The store's migrations on a real file: a fresh store reaches the latest version, reopening changes nothing, and an
/// older store is brought forward with its history intact. GRDB records applied migrations in `grdb_migrations`.
@Suite struct SchemaMigrationTests {
    static let allMigrations = "v1\nv2-jobs\nv3-imports\nv4-baseline-snapshots\nv5-working-tree-hash\nv6-chained-events\nv7-ship-labels\n"

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
            ship_label_events
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
        let downgrade = try scratch.sql("DROP TABLE jobs; DROP TABLE imports; ALTER TABLE baseline_events DROP COLUMN run_ids; ALTER TABLE runs DROP COLUMN working_tree_hash; ALTER TABLE baseline_events DROP COLUMN prev_hash; ALTER TABLE baseline_events DROP COLUMN row_hash; ALTER TABLE reference_events DROP COLUMN prev_hash; ALTER TABLE reference_events DROP COLUMN row_hash; DROP TABLE ship_label_events; DELETE FROM grdb_migrations WHERE identifier <> 'v1';")
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

    @Test func eventsWrittenBeforeTheyWereChainedAreChainedByTheMigration() throws {
        let scratch = try ScratchStore()
        let runs = try scratch.appendRuns(2)
        try scratch.store.appendBaselineEvent(project: "Sample", benchmark: "quality", host: "test-host", commit: ObjectID.test("a"), metaSeed: nil,
                                              action: .establish, runSetID: nil, runIDs: runs.map(\.id), notes: "first", at: ScratchStore.date)
        try scratch.store.appendReferenceEvent(project: "Sample", benchmark: "exact", contentHash: "sha256:00", size: 1, action: .freeze,
                                               fromRunID: 1, reason: nil, notes: nil, at: ScratchStore.date)
        let chained = try scratch.sql("SELECT row_hash FROM baseline_events UNION ALL SELECT row_hash FROM reference_events").stdout
        // What a v5 store looks like: the same events, no hash columns.
        let downgrade = try scratch.sql("""
            ALTER TABLE baseline_events DROP COLUMN prev_hash; ALTER TABLE baseline_events DROP COLUMN row_hash;
            ALTER TABLE reference_events DROP COLUMN prev_hash; ALTER TABLE reference_events DROP COLUMN row_hash;
            DELETE FROM grdb_migrations WHERE identifier = 'v6-chained-events';
            """)
        #expect(downgrade.status == 0, "\(downgrade.stderr)")

        try scratch.reopen()
        #expect(try scratch.sql("SELECT row_hash FROM baseline_events UNION ALL SELECT row_hash FROM reference_events").stdout == chained)
        #expect(try scratch.store.verifyEvents(after: scratch.store.verifyChain()).isIntact)
        #expect(try scratch.sql("UPDATE baseline_events SET notes = 'x'").stderr.contains("baseline_events are append-only: UPDATE refused"))
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
