import Foundation
import GRDB

/// The append-only `reference_events` table: each correctness benchmark's frozen reference and its replacements.
extension RunStore {
    /// Records a freeze or replacement of the correctness reference. A freeze refuses when a reference exists,
    /// checked inside the same transaction so two freezes cannot both win.
    @discardableResult
    public func appendReferenceEvent(project: String, benchmark: String, contentHash: String, size: Int64, action: ReferenceEvent.Action,
                                     fromRunID: Int64, reason: String?, notes: String?, at date: Date = Date()) throws -> ReferenceEvent? {
        let event = try write("record the reference of \(project)/\(benchmark)") { db -> ReferenceEvent? in
            if action == .freeze {
                let existing = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM reference_events WHERE project = ? AND benchmark = ?", arguments: [project, benchmark]) ?? 0
                if existing > 0 { return nil }
            }
            return try EventChain.append(ReferenceEvent(
                id: 0, project: StoredForm.text(project), benchmark: StoredForm.text(benchmark), contentHash: StoredForm.text(contentHash),
                size: size, action: action, fromRunID: fromRunID, reason: StoredForm.text(reason), notes: StoredForm.text(notes),
                createdAt: Timestamp.string(date)), db)
        }
        if let event { try recordTips(ChainAnchor(referenceEvents: .init(count: event.id, hash: event.rowHash ?? ""))) }
        return event
    }

    /// The current reference (latest event), or nil.
    public func currentReference(project: String, benchmark: String) throws -> ReferenceEvent? {
        try read("read the reference of \(project)/\(benchmark)") { db in
            try ReferenceEvent.fetchOne(db, sql: "SELECT * FROM reference_events WHERE project = ? AND benchmark = ? ORDER BY id DESC LIMIT 1", arguments: [project, benchmark])
        }
    }

    /// Every reference event of a benchmark, oldest first.
    public func referenceEvents(project: String, benchmark: String) throws -> [ReferenceEvent] {
        try read("read reference history") { db in
            try ReferenceEvent.fetchAll(db, sql: "SELECT * FROM reference_events WHERE project = ? AND benchmark = ? ORDER BY id", arguments: [project, benchmark])
        }
    }
}
