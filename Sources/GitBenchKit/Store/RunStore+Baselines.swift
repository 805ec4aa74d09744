import Foundation
import GRDB

/// The append-only `baseline_events` table: where each benchmark's baseline pointer is, and how it moved.
extension RunStore {
    /// Moves the baseline pointer by appending an event that names the exact runs (`runIDs`) the baseline is.
    @discardableResult
    public func appendBaselineEvent(project: String, benchmark: String, host: String, commit: ObjectID, metaSeed: Int64?,
                                    action: BaselinePointer.Action, runSetID: String?, runIDs: [Int64], notes: String?,
                                    at date: Date = Date()) throws -> BaselinePointer {
        let event = try write("move the baseline of \(project)/\(benchmark)") { db in
            try EventChain.append(BaselinePointer(
                id: 0, project: StoredForm.text(project), benchmark: StoredForm.text(benchmark), host: StoredForm.text(host), commit: commit,
                metaSeed: metaSeed, action: action, runSetID: StoredForm.text(runSetID), notes: StoredForm.text(notes),
                createdAt: Timestamp.string(date), runIDs: runIDs), db)
        }
        try recordTips(ChainAnchor(baselineEvents: .init(count: event.id, hash: event.rowHash ?? "")))
        return event
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

    /// The rows a baseline pointer stands for, in id order: its snapshot when it has one, else (a pointer recorded
    /// before snapshots) every row at its commit in its meta-seed group. `filter` applies either way.
    public func baselineRows(of pointer: BaselinePointer, filter: Filter) throws -> [RunRecord] {
        guard let ids = pointer.runIDs else {
            return try group(project: pointer.project, benchmark: pointer.benchmark, commit: pointer.commit.hex, metaSeed: pointer.metaSeed,
                             filter: filter)
        }
        return try runs(ids: ids).filter(filter.admits)
    }

    /// The baseline event with this id, or nil.
    public func baselineEvent(id: Int64) throws -> BaselinePointer? {
        try read("read baseline event \(id)") { db in try BaselinePointer.fetchOne(db, key: id) }
    }

    /// Every pointer move of a benchmark, oldest first.
    public func baselineEvents(project: String, benchmark: String) throws -> [BaselinePointer] {
        try read("read baseline history") { db in
            try BaselinePointer.fetchAll(db, sql: "SELECT * FROM baseline_events WHERE project = ? AND benchmark = ? ORDER BY id", arguments: [project, benchmark])
        }
    }
}
