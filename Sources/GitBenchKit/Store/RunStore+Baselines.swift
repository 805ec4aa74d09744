import Foundation
import GRDB

/// The append-only `baseline_events` table: where each benchmark's baseline pointer is, and how it moved.
extension RunStore {
    /// Moves the baseline pointer by appending an event.
    @discardableResult
    public func appendBaselineEvent(project: String, benchmark: String, host: String, commit: ObjectID, metaSeed: Int64?,
                                    action: BaselinePointer.Action, runSetID: String?, notes: String?, at date: Date = Date()) throws -> BaselinePointer {
        try write("move the baseline of \(project)/\(benchmark)") { db in
            try db.execute(sql: """
                INSERT INTO baseline_events (project, benchmark, host, git_sha, meta_seed, action, run_set_id, notes, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [project, benchmark, host, commit.hex, metaSeed, action.rawValue, runSetID, notes, Timestamp.string(date)])
            let id = db.lastInsertedRowID
            guard let event = try BaselinePointer.fetchOne(db, key: id) else {
                throw StoreError.write(operation: "read back baseline event \(id)", underlying: "row vanished")
            }
            return event
        }
    }

    /// The current baseline pointer (latest event) for this host, or for any host when `host` is nil.
    public func currentBaseline(project: String, benchmark: String, host: String?) throws -> BaselinePointer? {
        try read("read the baseline of \(project)/\(benchmark)") { db in
            if let host {
                return try BaselinePointer.fetchOne(db, sql: """
                    SELECT * FROM baseline_events WHERE project = ? AND benchmark = ? AND host = ? ORDER BY id DESC LIMIT 1
                    """, arguments: [project, benchmark, host])
            }
            return try BaselinePointer.fetchOne(db, sql: """
                SELECT * FROM baseline_events WHERE project = ? AND benchmark = ? ORDER BY id DESC LIMIT 1
                """, arguments: [project, benchmark])
        }
    }

    /// Every pointer move of a benchmark, oldest first.
    public func baselineEvents(project: String, benchmark: String) throws -> [BaselinePointer] {
        try read("read baseline history") { db in
            try BaselinePointer.fetchAll(db, sql: "SELECT * FROM baseline_events WHERE project = ? AND benchmark = ? ORDER BY id", arguments: [project, benchmark])
        }
    }
}
