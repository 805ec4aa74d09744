import Foundation
import GRDB

/// A foreign repetition to append as a run, keyed by its id in the source.
public struct ImportedRun: Sendable, Equatable {
    /// Identifies the row in its source (benchstone: the run id); a key already imported from the source is skipped.
    public let sourceKey: String
    public let repetition: Repetition
    public let context: RunSetContext
    /// When the source recorded it; stored as the row's timestamp.
    public let date: Date
    /// The row it becomes, prepared by whoever makes the value (an import's reading thread), not by the store.
    let prepared: PreparedRun

    public init(sourceKey: String, repetition: Repetition, context: RunSetContext, date: Date) {
        self.sourceKey = sourceKey
        self.repetition = repetition
        self.context = context
        self.date = date
        prepared = PreparedRun(repetition, in: context, at: date)
    }
}

/// A foreign baseline pointer to append as a `baseline_events` row.
public struct ImportedBaselineEvent: Sendable, Equatable {
    public var sourceKey: String
    public var project: String
    public var benchmark: String
    public var host: String
    public var commit: ObjectID
    public var metaSeed: Int64?
    public var action: BaselinePointer.Action
    public var runSetID: String?
    /// The source runs the pointer snapshots (benchstone 0.3's `run_ids`), as run source keys; nil for a pointer
    /// without a snapshot, which keeps meaning every row at its commit in its meta-seed group.
    public var runSourceKeys: [String]?
    public var notes: String?
    public var date: Date

    public init(sourceKey: String, project: String, benchmark: String, host: String, commit: ObjectID, metaSeed: Int64?,
                action: BaselinePointer.Action, runSetID: String?, runSourceKeys: [String]? = nil, notes: String?, date: Date) {
        self.sourceKey = sourceKey
        self.project = project
        self.benchmark = benchmark
        self.host = host
        self.commit = commit
        self.metaSeed = metaSeed
        self.action = action
        self.runSetID = runSetID
        self.runSourceKeys = runSourceKeys
        self.notes = notes
        self.date = date
    }
}

/// A foreign reference freeze or replacement to append as a `reference_events` row. The artifact bytes must already
/// be under the harness home; `fromRunSourceKey` names the source run it came from, imported now or earlier.
public struct ImportedReferenceEvent: Sendable, Equatable {
    public var sourceKey: String
    public var project: String
    public var benchmark: String
    public var contentHash: String
    public var size: Int64
    public var action: ReferenceEvent.Action
    public var fromRunSourceKey: String
    public var reason: String?
    public var notes: String?
    public var date: Date

    public init(sourceKey: String, project: String, benchmark: String, contentHash: String, size: Int64, action: ReferenceEvent.Action,
                fromRunSourceKey: String, reason: String?, notes: String?, date: Date) {
        self.sourceKey = sourceKey
        self.project = project
        self.benchmark = benchmark
        self.contentHash = contentHash
        self.size = size
        self.action = action
        self.fromRunSourceKey = fromRunSourceKey
        self.reason = reason
        self.notes = notes
        self.date = date
    }
}

/// Everything read from one foreign store, in source order. The runs are handed over one at a time, as the source
/// is read, so an import of millions of rows never holds them all.
public struct ImportBatch {
    /// Names the source across imports (`BenchstoneStore.sourceID()`).
    public var source: String
    /// Hands every run of the source to its argument, in source order, and returns how many more it read and left
    /// out because `RunStore.importedKeys` already listed them; called once, inside the store's transaction.
    public var runs: (_ each: (ImportedRun) throws -> Void) throws -> Int
    /// About how many runs `runs` yields; a large import writes its index entries in bulk (see `importBatch`).
    public var expectedRuns: Int
    public var baselineEvents: [ImportedBaselineEvent]
    public var referenceEvents: [ImportedReferenceEvent]

    public init(source: String, runs: @escaping (_ each: (ImportedRun) throws -> Void) throws -> Int, expectedRuns: Int,
                baselineEvents: [ImportedBaselineEvent], referenceEvents: [ImportedReferenceEvent]) {
        self.source = source
        self.runs = runs
        self.expectedRuns = expectedRuns
        self.baselineEvents = baselineEvents
        self.referenceEvents = referenceEvents
    }

    /// A batch of runs already in memory.
    public init(source: String, runs: [ImportedRun], baselineEvents: [ImportedBaselineEvent], referenceEvents: [ImportedReferenceEvent]) {
        self.init(source: source, runs: { each in try runs.forEach(each); return 0 }, expectedRuns: runs.count, baselineEvents: baselineEvents,
                  referenceEvents: referenceEvents)
    }
}

/// How many rows of one kind were read from the source, were there from an earlier import, and were written now.
/// After a successful import `read == alreadyImported + written`, and every one of the `read` rows is in the store.
public struct ImportTally: Sendable, Equatable, Codable {
    public var read: Int
    public var alreadyImported: Int
    public var written: Int

    public init(read: Int, alreadyImported: Int, written: Int) {
        self.read = read
        self.alreadyImported = alreadyImported
        self.written = written
    }

    enum CodingKeys: String, CodingKey {
        case read
        case alreadyImported = "already_imported"
        case written
    }
}

/// The outcome of one import, per table.
public struct ImportCounts: Sendable, Equatable, Codable {
    public var runs: ImportTally
    public var baselineEvents: ImportTally
    public var referenceEvents: ImportTally

    enum CodingKeys: String, CodingKey {
        case runs
        case baselineEvents = "baseline_events"
        case referenceEvents = "reference_events"
    }
}

extension RunStore {
    /// Appends the rows of `batch` that were not imported from `batch.source` before, all in one transaction: runs
    /// (hash-chained after the current tip, keeping their source timestamps), then baseline events, then reference
    /// events, each recorded in `imports` with the row it became.
    ///
    /// Before committing it checks, per kind, that every row read is now accounted for by an `imports` row pointing at
    /// an existing row of the target table; otherwise nothing is written. Throws `StoreError.write` for a reference
    /// whose source run is neither in the batch nor imported before, or when that check fails.
    public func importBatch(_ batch: ImportBatch, at date: Date = Date()) throws -> ImportCounts {
        let counts = try write("import \(batch.source)") { db in
            // A large import touches every index page of `runs` many times: keep up to 256 MiB of pages in memory
            // for this transaction instead of the default 2 MiB, then give it back.
            try db.execute(sql: "PRAGMA cache_size = -262144")
            defer { try? db.execute(sql: "PRAGMA cache_size = -2000") }
            // Keeping five indexes in order row by row costs more than the rows; for a large import they are dropped
            // and built again from the finished table, inside the same transaction, so no reader ever sees them gone.
            let rebuiltIndexes = batch.expectedRuns >= Self.indexRebuildThreshold ? try Self.dropIndexes(on: "runs", db) : []
            let now = Timestamp.string(date)
            var runs = ImportTally(read: 0, alreadyImported: 0, written: 0)
            var known = try Self.importedTargets(source: batch.source, kind: "run", db)
            var tip = try ChainTip(db)
            let skipped = try batch.runs { run in
                runs.read += 1
                if known[run.sourceKey] != nil {
                    runs.alreadyImported += 1
                    return
                }
                let record = try insert(run.prepared, after: &tip, db)
                try Self.recordImport(source: batch.source, kind: "run", key: run.sourceKey, target: record.id, at: now, db)
                known[run.sourceKey] = record.id
                runs.written += 1
            }
            runs.read += skipped
            runs.alreadyImported += skipped

            for definition in rebuiltIndexes { try db.execute(sql: definition) }

            var baselines = ImportTally(read: batch.baselineEvents.count, alreadyImported: 0, written: 0)
            let knownBaselines = try Self.importedTargets(source: batch.source, kind: "baseline", db)
            for event in batch.baselineEvents {
                if knownBaselines[event.sourceKey] != nil {
                    baselines.alreadyImported += 1
                    continue
                }
                // A snapshot names source runs; as benchstone does, ids its store no longer holds are left out.
                let runIDs = event.runSourceKeys.map { keys in keys.compactMap { known[$0] } }
                let stored = try EventChain.append(BaselinePointer(
                    id: 0, project: StoredForm.text(event.project), benchmark: StoredForm.text(event.benchmark), host: StoredForm.text(event.host),
                    commit: event.commit, metaSeed: event.metaSeed, action: event.action, runSetID: StoredForm.text(event.runSetID),
                    notes: StoredForm.text(event.notes), createdAt: Timestamp.string(event.date), runIDs: runIDs), db)
                try Self.recordImport(source: batch.source, kind: "baseline", key: event.sourceKey, target: stored.id, at: now, db)
                baselines.written += 1
            }

            var references = ImportTally(read: batch.referenceEvents.count, alreadyImported: 0, written: 0)
            let knownReferences = try Self.importedTargets(source: batch.source, kind: "reference", db)
            for event in batch.referenceEvents {
                if knownReferences[event.sourceKey] != nil {
                    references.alreadyImported += 1
                    continue
                }
                guard let fromRun = known[event.fromRunSourceKey] else {
                    throw StoreError.write(operation: "import the reference of \(event.project)/\(event.benchmark)",
                                           underlying: "it was frozen from source run \(event.fromRunSourceKey), which \(batch.source) does not hold")
                }
                let stored = try EventChain.append(ReferenceEvent(
                    id: 0, project: StoredForm.text(event.project), benchmark: StoredForm.text(event.benchmark),
                    contentHash: StoredForm.text(event.contentHash), size: event.size, action: event.action, fromRunID: fromRun,
                    reason: StoredForm.text(event.reason), notes: StoredForm.text(event.notes), createdAt: Timestamp.string(event.date)), db)
                try Self.recordImport(source: batch.source, kind: "reference", key: event.sourceKey, target: stored.id, at: now, db)
                references.written += 1
            }

            let counts = ImportCounts(runs: runs, baselineEvents: baselines, referenceEvents: references)
            try Self.verify(counts, source: batch.source, db)
            return counts
        }
        try recordCurrentTips()
        return counts
    }

    /// From this many runs on, an import drops the `runs` indexes and builds them again at the end.
    static let indexRebuildThreshold = 20_000

    /// Drops every index declared on `table` (not the ones SQLite makes for constraints) and returns their
    /// `CREATE INDEX` statements, as stored in the schema.
    private static func dropIndexes(on table: String, _ db: Database) throws -> [String] {
        let indexes = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
                                       arguments: [table])
        for index in indexes {
            let name: String = index["name"]
            try db.execute(sql: "DROP INDEX \(name.quotedDatabaseIdentifier)")
        }
        return indexes.map { $0["sql"] }
    }

    /// The source keys of `kind` ("run", "baseline", "reference") already imported from `source`: an importer can
    /// leave those rows unread instead of preparing rows the store would skip.
    public func importedKeys(source: String, kind: String) throws -> Set<String> {
        try read("read what was imported from \(source)") { db in
            Set(try String.fetchAll(db, sql: "SELECT source_key FROM imports WHERE source = ? AND kind = ?", arguments: [source, kind]))
        }
    }

    private static func importedTargets(source: String, kind: String, _ db: Database) throws -> [String: Int64] {
        var targets: [String: Int64] = [:]
        let rows = try Row.fetchAll(db, sql: "SELECT source_key, target_id FROM imports WHERE source = ? AND kind = ?", arguments: [source, kind])
        for row in rows { targets[row["source_key"]] = row["target_id"] }
        return targets
    }

    private static func recordImport(source: String, kind: String, key: String, target: Int64, at date: String, _ db: Database) throws {
        let statement = try db.cachedStatement(sql: "INSERT INTO imports (source, kind, source_key, target_id, imported_at) VALUES (?, ?, ?, ?, ?)")
        statement.setUncheckedArguments([source, kind, key, target, date])
        try statement.execute()
    }

    /// Rows read == rows accounted for, per table: each source row has an `imports` row whose target exists.
    private static func verify(_ counts: ImportCounts, source: String, _ db: Database) throws {
        let checks: [(kind: String, table: String, tally: ImportTally)] = [
            ("run", "runs", counts.runs), ("baseline", "baseline_events", counts.baselineEvents), ("reference", "reference_events", counts.referenceEvents),
        ]
        for check in checks {
            guard check.tally.read == check.tally.alreadyImported + check.tally.written else {
                throw StoreError.write(operation: "import \(source)", underlying: "\(check.table): read \(check.tally.read) rows but accounted for "
                                       + "\(check.tally.alreadyImported + check.tally.written)")
            }
            // The table name comes from the fixed list above, never from input.
            let present = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM imports JOIN \(check.table) AS target ON target.id = imports.target_id
                WHERE imports.source = ? AND imports.kind = ?
                """, arguments: [source, check.kind]) ?? 0
            guard present >= check.tally.read else {
                throw StoreError.write(operation: "import \(source)", underlying: "\(check.table): read \(check.tally.read) rows but only \(present) are in the store")
            }
        }
    }
}
