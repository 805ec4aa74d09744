import Foundation
import GRDB

/// A foreign repetition to append as a run, keyed by its id in the source.
public struct ImportedRun: Sendable, Equatable {
    /// Identifies the row in its source (benchstone: the run id); a key already imported from the source is skipped.
    public var sourceKey: String
    public var repetition: Repetition
    public var context: RunSetContext
    /// When the source recorded it; stored as the row's timestamp.
    public var date: Date

    public init(sourceKey: String, repetition: Repetition, context: RunSetContext, date: Date) {
        self.sourceKey = sourceKey
        self.repetition = repetition
        self.context = context
        self.date = date
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

/// Everything read from one foreign store, in source order.
public struct ImportBatch: Sendable, Equatable {
    /// Names the source across imports (`BenchstoneStore.sourceID()`).
    public var source: String
    public var runs: [ImportedRun]
    public var baselineEvents: [ImportedBaselineEvent]
    public var referenceEvents: [ImportedReferenceEvent]

    public init(source: String, runs: [ImportedRun], baselineEvents: [ImportedBaselineEvent], referenceEvents: [ImportedReferenceEvent]) {
        self.source = source
        self.runs = runs
        self.baselineEvents = baselineEvents
        self.referenceEvents = referenceEvents
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
            let now = Timestamp.string(date)
            var runs = ImportTally(read: batch.runs.count, alreadyImported: 0, written: 0)
            var known = try Self.importedTargets(source: batch.source, kind: "run", db)
            var tip = try ChainTip(db)
            for run in batch.runs {
                if known[run.sourceKey] != nil {
                    runs.alreadyImported += 1
                    continue
                }
                let record = try insert(run.repetition, in: run.context, at: run.date, after: &tip, db)
                try Self.recordImport(source: batch.source, kind: "run", key: run.sourceKey, target: record.id, at: now, db)
                known[run.sourceKey] = record.id
                runs.written += 1
            }

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

    private static func importedTargets(source: String, kind: String, _ db: Database) throws -> [String: Int64] {
        var targets: [String: Int64] = [:]
        let rows = try Row.fetchAll(db, sql: "SELECT source_key, target_id FROM imports WHERE source = ? AND kind = ?", arguments: [source, kind])
        for row in rows { targets[row["source_key"]] = row["target_id"] }
        return targets
    }

    private static func recordImport(source: String, kind: String, key: String, target: Int64, at date: String, _ db: Database) throws {
        try db.execute(sql: "INSERT INTO imports (source, kind, source_key, target_id, imported_at) VALUES (?, ?, ?, ?, ?)",
                       arguments: [source, kind, key, target, date])
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
