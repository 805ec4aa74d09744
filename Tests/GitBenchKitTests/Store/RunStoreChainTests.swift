import Foundation
import Testing
@testable import GitBenchKit

/// The hash chain of `runs` on a real store file: how rows link, and how `verifyChain` names the first row that does
/// not hold after history was edited, inserted or removed behind the triggers' back.
@Suite struct RunStoreChainTests {
    static let genesis = String(repeating: "0", count: 64)

    @Test func anEmptyStoreVerifiesWithNoRowsChecked() throws {
        let scratch = try ScratchStore()
        #expect(try scratch.store.verifyChain() == ChainReport(checkedRows: 0, firstBadRowID: nil, problem: nil))
    }

    @Test func eachRowLinksToThePreviousRowsHashStartingFromTheGenesisHash() throws {
        let scratch = try ScratchStore()
        let rows = try scratch.appendRuns(4)
        #expect(rows.map(\.id) == [1, 2, 3, 4])
        #expect(rows.map(\.prevHash) == [Self.genesis] + rows.dropLast().map(\.rowHash))
        #expect(rows.allSatisfy { $0.rowHash.count == 64 && $0.rowHash.allSatisfy(\.isHexDigit) })
        #expect(Set(rows.map(\.rowHash)).count == 4)
        // What append returned is what was stored.
        #expect(try scratch.store.runs(inRunSet: RunSetID(value: "bench_0000abcd_20231114_221320")) == rows)
        let report = try scratch.store.verifyChain()
        #expect(report == ChainReport(checkedRows: 4, firstBadRowID: nil, problem: nil))
        #expect(report.isIntact)
    }

    @Test func aBatchAppendChainsExactlyAsSingleAppends() throws {
        let single = try ScratchStore()
        let batch = try ScratchStore()
        let singles = try single.appendRuns(3)
        try batch.store.append(contentsOf: (0..<3).map { (ScratchStore.repetition($0), ScratchStore.context(total: 3)) }, at: ScratchStore.date)
        let batched = try (1...3).map { try #require(try batch.store.run(id: $0)) }
        #expect(batched == singles)
    }

    @Test func theRowHashIsStableAcrossReleases() throws {
        // Rows written by an earlier release must keep verifying. These two rows, with these exact hashes, are what this
        // version writes for them: SHA-256 over the previous row's hash followed by the row's sorted-key compact JSON, with
        // row_hash "" and NULL columns left out. The hashes were recomputed independently in Python:
        //   hashlib.sha256((prev_hash + json.dumps(row, sort_keys=True, separators=(",", ":"))).encode()).hexdigest()
        // e.g. row 1 hashes '000…000{"benchmark":"quality","exit_code":0,"git_dirty":false,"git_sha":"aaa…",…,"wall_clock_seconds":0.5}'.
        let scratch = try ScratchStore()
        let insert = try scratch.sql("""
            INSERT INTO runs (id, project, benchmark, git_sha, git_dirty, dirty_diff_path, dirty_diff_sha256, timestamp, harness_version, host,
                seed, meta_seed, run_set_id, role, repetition_index, repetition_total, status, metric, metric_components, metadata,
                wall_clock_seconds, message, exit_code, stderr_log_path, artifact_hash, artifact_size, manifest_hash, prev_hash, row_hash)
            VALUES
              (1, 'Sample', 'quality', '\(String(repeating: "a", count: 40))', 0, NULL, NULL, '2023-11-14T22:13:20.000Z', '0.1.0', 'test-host',
               478163327, 42, 'bench_0000abcd_20231114_221320', 'candidate', 0, 2, 'ok', 1.04, '{"solve":0.5}', '{"solver":"cdcl"}',
               0.5, NULL, 0, '/logs/rep000.stderr', NULL, NULL, 'sha256:\(String(repeating: "b", count: 64))', '\(Self.genesis)',
               '\(Self.goldenRowHashes[0])'),
              (2, 'Sample', 'quality', '\(String(repeating: "a", count: 40))', 1, '/logs/dirty.diff', 'cafe', '2023-11-14T22:13:21.250Z', '0.1.0',
               'test-host', 107420369, NULL, 'bench_0000abcd_20231114_221320', 'baseline', 1, 2, 'error', NULL, NULL, NULL,
               12.75, 'runner exited with status 3: boom', 3, '/logs/rep001.stderr', NULL, NULL,
               'sha256:\(String(repeating: "b", count: 64))', '\(Self.goldenRowHashes[0])', '\(Self.goldenRowHashes[1])');
            """)
        #expect(insert.status == 0, "\(insert.stderr)")
        let stored = try (1...2).map { try #require(try scratch.store.run(id: $0)) }
        #expect(try stored.map { try HashChain.hash(of: $0) } == Self.goldenRowHashes)
        #expect(try scratch.store.verifyChain() == ChainReport(checkedRows: 2, firstBadRowID: nil, problem: nil))
        // A new row chains onto the old ones.
        let next = try scratch.store.append(ScratchStore.repetition(0), in: ScratchStore.context(), at: ScratchStore.date)
        #expect(next.id == 3 && next.prevHash == Self.goldenRowHashes[1])
        #expect(try scratch.store.verifyChain().isIntact)
    }

    static let goldenRowHashes = [
        "57e8214be662669207ebdb586983da4e7417f2b30c5608b4541b50fda28a4a19",
        "667ca28d3a300d3f5e648df7a79915b330e8955b0c5d9bc0cea1d92aca8b48f2",
    ]

    /// A raw edit for every column a row carries besides its id and its two hashes.
    static let columnEdits = [
        "project = 'Other'", "benchmark = 'speed'", "git_sha = '\(String(repeating: "c", count: 40))'", "git_dirty = 1",
        "dirty_diff_path = '/tmp/x.diff'", "dirty_diff_sha256 = 'beef'", "timestamp = '2020-01-01T00:00:00.000Z'",
        "harness_version = '9.9.9'", "host = 'elsewhere'", "seed = seed + 1", "meta_seed = NULL", "run_set_id = 'bench_ffffffff_20200101_000000'",
        "role = 'baseline'", "repetition_index = 7", "repetition_total = 9", "status = 'error'", "metric = metric * 2",
        "metric_components = '{\"solve\":9}'", "metadata = '{}'", "wall_clock_seconds = 0.25", "message = 'note'", "exit_code = 0",
        "stderr_log_path = '/tmp/x.stderr'", "artifact_hash = 'sha256:00'", "artifact_size = 1", "manifest_hash = 'sha256:00'",
        // Text that is not JSON at all must still read back, so the row is named rather than the read failing.
        "metadata = 'x'", "metric_components = '{not json'",
    ]

    @Test(arguments: columnEdits)
    func anEditToAnyColumnIsNamedAsTheFirstBadRow(edit: String) throws {
        let scratch = try ScratchStore()
        try scratch.appendRuns(4)
        let tamper = try scratch.sql("DROP TRIGGER runs_no_update; UPDATE runs SET \(edit) WHERE id = 2;")
        #expect(tamper.status == 0, "\(tamper.stderr)")
        #expect(try scratch.store.verifyChain()
                == ChainReport(checkedRows: 2, firstBadRowID: 2, problem: "row 2 was changed after it was written"))
    }

    @Test func aMetricEditedAfterTheTriggerWasDroppedNamesThatRowNotALaterOne() throws {
        let scratch = try ScratchStore()
        try scratch.appendRuns(4)
        #expect(try scratch.sql("DROP TRIGGER runs_no_update; UPDATE runs SET metric = 0.5 WHERE id = 3;").status == 0)
        let report = try scratch.store.verifyChain()
        #expect(report == ChainReport(checkedRows: 3, firstBadRowID: 3, problem: "row 3 was changed after it was written"))
        #expect(!report.isIntact)
    }

    @Test func aRowWhosePreviousHashWasRewrittenDoesNotLink() throws {
        let scratch = try ScratchStore()
        try scratch.appendRuns(4)
        #expect(try scratch.sql("DROP TRIGGER runs_no_update; UPDATE runs SET prev_hash = '\(Self.genesis)' WHERE id = 3;").status == 0)
        #expect(try scratch.store.verifyChain()
                == ChainReport(checkedRows: 3, firstBadRowID: 3, problem: "row 3 does not link to the row before it"))
    }

    @Test func aRowWhoseOwnHashWasRewrittenIsChangedAndBreaksTheNextLink() throws {
        let scratch = try ScratchStore()
        try scratch.appendRuns(4)
        #expect(try scratch.sql("DROP TRIGGER runs_no_update; UPDATE runs SET row_hash = '\(String(repeating: "f", count: 64))' WHERE id = 2;").status == 0)
        #expect(try scratch.store.verifyChain()
                == ChainReport(checkedRows: 2, firstBadRowID: 2, problem: "row 2 was changed after it was written"))
    }

    @Test func aDeletedMiddleRowIsNamedByTheRowAfterIt() throws {
        let scratch = try ScratchStore()
        try scratch.appendRuns(4)
        #expect(try scratch.sql("DROP TRIGGER runs_no_delete; DELETE FROM runs WHERE id = 2;").status == 0)
        #expect(try scratch.store.verifyChain()
                == ChainReport(checkedRows: 2, firstBadRowID: 3, problem: "row 2 is missing before row 3"))
    }

    @Test func aDeletedFirstRowIsNamedByTheRowAfterIt() throws {
        let scratch = try ScratchStore()
        try scratch.appendRuns(3)
        #expect(try scratch.sql("DROP TRIGGER runs_no_delete; DELETE FROM runs WHERE id = 1;").status == 0)
        #expect(try scratch.store.verifyChain()
                == ChainReport(checkedRows: 1, firstBadRowID: 2, problem: "row 1 is missing before row 2"))
    }

    /// Copies row `source` as row `id` with the given hashes: every other column as it was.
    private func forgedCopy(of source: Int, as id: Int, prevHash: String, rowHash: String) -> String {
        let columns = "project, benchmark, git_sha, git_dirty, dirty_diff_path, dirty_diff_sha256, timestamp, harness_version, host, seed, "
            + "meta_seed, run_set_id, role, repetition_index, repetition_total, status, metric, metric_components, metadata, wall_clock_seconds, "
            + "message, exit_code, stderr_log_path, artifact_hash, artifact_size, manifest_hash"
        return "INSERT INTO runs (id, \(columns), prev_hash, row_hash) SELECT \(id), \(columns), \(prevHash), \(rowHash) FROM runs WHERE id = \(source);"
    }

    @Test func anInsertedRowThatLinksButWasNotHashedIsNamed() throws {
        let scratch = try ScratchStore()
        try scratch.appendRuns(4)
        // A forged fifth row: a copy of row 4 that links to it, carrying row 4's own hash.
        let forged = forgedCopy(of: 4, as: 5, prevHash: "(SELECT row_hash FROM runs WHERE id = 4)", rowHash: "(SELECT row_hash FROM runs WHERE id = 4)")
        #expect(try scratch.sql(forged).status == 0)
        #expect(try scratch.store.verifyChain()
                == ChainReport(checkedRows: 5, firstBadRowID: 5, problem: "row 5 was changed after it was written"))
    }

    @Test func anInsertedRowThatDoesNotLinkIsNamed() throws {
        let scratch = try ScratchStore()
        try scratch.appendRuns(2)
        let forged = forgedCopy(of: 2, as: 3, prevHash: "'\(Self.genesis)'", rowHash: "'\(String(repeating: "e", count: 64))'")
        #expect(try scratch.sql(forged).status == 0)
        #expect(try scratch.store.verifyChain()
                == ChainReport(checkedRows: 3, firstBadRowID: 3, problem: "row 3 does not link to the row before it"))
    }

    @Test func anInsertedRowPastAGapIsNamedAsMissingItsPredecessor() throws {
        let scratch = try ScratchStore()
        try scratch.appendRuns(2)
        let forged = forgedCopy(of: 2, as: 7, prevHash: "(SELECT row_hash FROM runs WHERE id = 2)", rowHash: "'\(String(repeating: "e", count: 64))'")
        #expect(try scratch.sql(forged).status == 0)
        #expect(try scratch.store.verifyChain()
                == ChainReport(checkedRows: 3, firstBadRowID: 7, problem: "row 3 is missing before row 7"))
    }
}

/// Baseline and reference events are chained like runs: moving a pointer or swapping a reference behind the store's
/// back is found.
@Suite struct EventChainTests {
    static func populated() throws -> ScratchStore {
        let scratch = try ScratchStore()
        let runs = try scratch.appendRuns(4)
        for (index, action) in [BaselinePointer.Action.establish, .promote, .promote].enumerated() {
            try scratch.store.appendBaselineEvent(project: "Sample", benchmark: "quality", host: "test-host", commit: ObjectID.test("a"),
                                                  metaSeed: action == .promote ? Int64(index) : nil, action: action, runSetID: nil,
                                                  runIDs: runs.map(\.id), notes: nil, at: ScratchStore.date)
        }
        try scratch.store.appendReferenceEvent(project: "Sample", benchmark: "exact", contentHash: "sha256:00", size: 1, action: .freeze,
                                               fromRunID: 1, reason: nil, notes: nil, at: ScratchStore.date)
        return scratch
    }

    static func report(_ scratch: ScratchStore) throws -> ChainReport {
        try scratch.store.verifyEvents(after: scratch.store.verifyChain())
    }

    @Test func honestEventsVerify() throws {
        let scratch = try Self.populated()
        #expect(try Self.report(scratch) == ChainReport(checkedRows: 4, firstBadRowID: nil, problem: nil))
        #expect(try scratch.sql("SELECT prev_hash = (SELECT row_hash FROM baseline_events WHERE id = 1) FROM baseline_events WHERE id = 2").stdout == "1\n")
    }

    @Test(arguments: ["git_sha = 'cccccccccccccccccccccccccccccccccccccccc'", "run_ids = '[1]'", "meta_seed = 99", "host = 'elsewhere'"])
    func movingAPointerBehindTheStoresBackIsFound(edit: String) throws {
        let scratch = try Self.populated()
        #expect(try scratch.sql("DROP TRIGGER baseline_events_no_update; UPDATE baseline_events SET \(edit) WHERE id = 2;").status == 0)
        var expected = ChainReport(checkedRows: 4, firstBadRowID: 2, problem: "baseline event 2 was changed after it was written")
        expected.table = "baseline_events"
        #expect(try Self.report(scratch) == expected)
    }

    @Test func aDeletedOrInsertedEventIsFound() throws {
        let deleted = try Self.populated()
        #expect(try deleted.sql("DROP TRIGGER baseline_events_no_delete; DELETE FROM baseline_events WHERE id = 2;").status == 0)
        #expect(try Self.report(deleted).problem == "baseline event 2 is missing before baseline event 3")

        let inserted = try Self.populated()
        #expect(try inserted.sql("""
            INSERT INTO reference_events (id, project, benchmark, content_hash, size, action, from_run_id, created_at, prev_hash, row_hash)
            SELECT 2, project, benchmark, 'sha256:11', 1, 'replace', 1, created_at, row_hash, row_hash FROM reference_events WHERE id = 1;
            """).status == 0)
        let report = try Self.report(inserted)
        #expect(report.table == "reference_events" && report.problem == "reference event 2 was changed after it was written")
    }
}
