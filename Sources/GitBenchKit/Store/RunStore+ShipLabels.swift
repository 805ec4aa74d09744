import Foundation
import GRDB

/// A ship label put on (or taken off) a run set: one row of the append-only, hash-chained `ship_label_events` table.
/// A run set's current label is its newest event's (`label` nil after an unmark). `mark-shipped` writes these for
/// git-bench run sets, as `_SHIP_LABEL.json` marks a directory of the canonical layout.
public struct ShipLabelEvent: Sendable, Equatable, Codable {
    public enum Action: String, Sendable, Codable { case mark, unmark }
    public var id: Int64
    public var runSetID: String
    public var project: String
    public var benchmark: String
    public var action: Action
    /// The label, `^[a-z0-9][a-z0-9.-]*$`; nil for an unmark.
    public var label: String?
    public var rationale: String?
    public var createdAt: String
    public var prevHash: String? = nil
    public var rowHash: String? = nil

    public init(id: Int64 = 0, runSetID: String, project: String, benchmark: String, action: Action, label: String?, rationale: String?, createdAt: String) {
        self.id = id
        self.runSetID = runSetID
        self.project = project
        self.benchmark = benchmark
        self.action = action
        self.label = label
        self.rationale = rationale
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, project, benchmark, action, label, rationale
        case runSetID = "run_set_id"
        case createdAt = "created_at"
        case prevHash = "prev_hash"
        case rowHash = "row_hash"
    }
}

extension ShipLabelEvent: FetchableRecord, PersistableRecord, ChainedEvent {
    public static let databaseTableName = "ship_label_events"
    static let rowName = "ship label event"
}

extension RunStore {
    /// Appends a ship label event for a run set.
    @discardableResult
    public func appendShipLabelEvent(_ event: ShipLabelEvent) throws -> ShipLabelEvent {
        try write("label run set \(event.runSetID)") { db in
            var row = event
            row.runSetID = StoredForm.text(event.runSetID)
            row.project = StoredForm.text(event.project)
            row.benchmark = StoredForm.text(event.benchmark)
            row.label = StoredForm.text(event.label)
            row.rationale = StoredForm.text(event.rationale)
            return try EventChain.append(row, db)
        }
    }

    /// The newest ship label event of a run set, or nil when it was never labelled.
    public func currentShipLabel(runSetID: String) throws -> ShipLabelEvent? {
        try read("read the ship label of \(runSetID)") { db in
            try ShipLabelEvent.fetchOne(db, sql: "SELECT * FROM ship_label_events WHERE run_set_id = ? ORDER BY id DESC LIMIT 1", arguments: [runSetID])
        }
    }

    /// The run sets whose current label is `label`, with the event that labelled them, oldest first.
    public func runSets(labelled label: String) throws -> [ShipLabelEvent] {
        try read("read the run sets labelled \(label)") { db in
            try ShipLabelEvent.fetchAll(db, sql: """
                SELECT e.* FROM ship_label_events e
                JOIN (SELECT run_set_id, MAX(id) AS newest FROM ship_label_events GROUP BY run_set_id) n ON n.newest = e.id
                WHERE e.label = ? AND e.action = 'mark' ORDER BY e.id
                """, arguments: [label])
        }
    }

    /// Every run set's current label event (marks and unmarks), oldest first: what `archive refresh-labels` copies.
    public func currentShipLabels() throws -> [ShipLabelEvent] {
        try read("read the ship labels") { db in
            try ShipLabelEvent.fetchAll(db, sql: """
                SELECT e.* FROM ship_label_events e
                JOIN (SELECT run_set_id, MAX(id) AS newest FROM ship_label_events GROUP BY run_set_id) n ON n.newest = e.id ORDER BY e.id
                """)
        }
    }
}
