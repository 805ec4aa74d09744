import Foundation
import Testing
@testable import GitBenchKit

/// History tables refuse UPDATE and DELETE inside SQLite itself, whoever connects: the sqlite3 CLI here.
@Suite struct AppendOnlyTests {
    /// A store with one row in every history table.
    private func populatedStore() throws -> ScratchStore {
        let scratch = try ScratchStore()
        try scratch.appendRuns(2)
        let commit = ObjectID.test("a")
        try scratch.store.appendBaselineEvent(project: "Sample", benchmark: "quality", host: "test-host", commit: commit, metaSeed: nil,
                                              action: .establish, runSetID: "bench_0000abcd_20231114_221320", runIDs: [1, 2], notes: nil, at: ScratchStore.date)
        let frozen = try scratch.store.appendReferenceEvent(project: "Sample", benchmark: "quality", contentHash: "sha256:00", size: 3,
                                                            action: .freeze, fromRunID: 1, reason: nil, notes: nil, at: ScratchStore.date)
        guard frozen != nil else { throw TestRepoError.setup("the first freeze was refused") }
        // Imports are written only by `import benchstone`; a plain INSERT is what append-only still allows.
        let imported = try scratch.sql("""
            INSERT INTO imports (source, kind, source_key, target_id, imported_at) VALUES ('/old/store.db', 'run', '1', 1, '2023-11-14T22:13:20.000Z');
            """)
        guard imported.status == 0 else { throw TestRepoError.setup("insert into imports: \(imported.stderr)") }
        return scratch
    }

    static let cases: [(table: String, statement: String, message: String)] = [
        ("runs", "UPDATE runs SET metric = 0.1 WHERE id = 1", "runs are append-only: UPDATE refused"),
        ("runs", "DELETE FROM runs WHERE id = 2", "runs are append-only: DELETE refused"),
        ("baseline_events", "UPDATE baseline_events SET git_sha = 'x'", "baseline_events are append-only: UPDATE refused"),
        ("baseline_events", "DELETE FROM baseline_events", "baseline_events are append-only: DELETE refused"),
        ("reference_events", "UPDATE reference_events SET content_hash = 'sha256:ff'", "reference_events are append-only: UPDATE refused"),
        ("reference_events", "DELETE FROM reference_events", "reference_events are append-only: DELETE refused"),
        ("imports", "UPDATE imports SET target_id = 2", "imports are append-only: UPDATE refused"),
        ("imports", "DELETE FROM imports", "imports are append-only: DELETE refused"),
    ]

    @Test(arguments: cases)
    func aHistoryTableRefusesTheChangeWithItsTriggersMessageAndKeepsItsRows(table: String, statement: String, message: String) throws {
        let scratch = try populatedStore()
        let before = try scratch.sql("SELECT * FROM \(table) ORDER BY id")
        #expect(!before.stdout.isEmpty)
        let refused = try scratch.sql(statement)
        #expect(refused.status != 0)
        // The CLI's wording around the message differs between SQLite versions; the trigger's own message does not.
        #expect(refused.stderr.contains(message), "\(refused.stderr)")
        #expect(try scratch.sql("SELECT * FROM \(table) ORDER BY id").stdout == before.stdout)
        #expect(try scratch.store.verifyChain() == ChainReport(checkedRows: 2, firstBadRowID: nil, problem: nil))
    }

    @Test func historyTablesStillAcceptAppends() throws {
        let scratch = try populatedStore()
        try scratch.store.appendBaselineEvent(project: "Sample", benchmark: "quality", host: "test-host", commit: ObjectID.test("c"),
                                              metaSeed: 42, action: .promote, runSetID: nil, runIDs: [], notes: "faster", at: ScratchStore.date)
        let replaced = try scratch.store.appendReferenceEvent(project: "Sample", benchmark: "quality", contentHash: "sha256:11", size: 4,
                                                              action: .replace, fromRunID: 2, reason: "format v2", notes: nil, at: ScratchStore.date)
        #expect(try scratch.store.baselineEvents(project: "Sample", benchmark: "quality").map(\.action) == [.establish, .promote])
        #expect(try scratch.store.currentBaseline(project: "Sample", benchmark: "quality", host: "test-host")?.metaSeed == 42)
        #expect(replaced?.id == 2)
        #expect(try scratch.store.currentReference(project: "Sample", benchmark: "quality")?.contentHash == "sha256:11")
    }

    @Test func aSecondFreezeIsRefusedWithoutAddingAnEvent() throws {
        let scratch = try populatedStore()
        let second = try scratch.store.appendReferenceEvent(project: "Sample", benchmark: "quality", contentHash: "sha256:22", size: 1,
                                                            action: .freeze, fromRunID: 2, reason: nil, notes: nil, at: ScratchStore.date)
        #expect(second == nil)
        #expect(try scratch.store.referenceEvents(project: "Sample", benchmark: "quality").map(\.contentHash) == ["sha256:00"])
    }

    @Test func everyHistoryTableHasBothTriggers() throws {
        let scratch = try ScratchStore()
        #expect(try scratch.sql("SELECT tbl_name || ' ' || name FROM sqlite_master WHERE type = 'trigger' ORDER BY tbl_name, name").stdout == """
            baseline_events baseline_events_no_delete
            baseline_events baseline_events_no_update
            imports imports_no_delete
            imports imports_no_update
            reference_events reference_events_no_delete
            reference_events reference_events_no_update
            runs runs_no_delete
            runs runs_no_update
            ship_label_events ship_label_events_no_delete
            ship_label_events ship_label_events_no_update

            """)
    }
}
