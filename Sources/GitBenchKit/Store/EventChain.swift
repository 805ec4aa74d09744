import Crypto
import Foundation
import GRDB

/// A row of an append-only event table that is hash-chained like `runs`: each row carries the previous row's hash
/// and SHA-256 over that hash and its own canonical JSON (with `row_hash` blank), so moving a baseline pointer or
/// swapping a reference behind the store's back is as visible to `verify` as editing a run.
protocol ChainedEvent: Encodable, FetchableRecord, PersistableRecord {
    var id: Int64 { get set }
    var prevHash: String? { get set }
    var rowHash: String? { get set }
    /// How `verify` names a row of this table: "baseline event 3".
    static var rowName: String { get }
}

extension BaselinePointer: ChainedEvent {
    static let rowName = "baseline event"
}

extension ReferenceEvent: ChainedEvent {
    static let rowName = "reference event"
}

/// Appending and verifying chained event rows.
enum EventChain {
    /// Appends `event` after the table's newest row, inside the caller's write transaction: its id follows that row's
    /// and its hash chains to it. Returns the row as stored.
    static func append<Event: ChainedEvent>(_ event: Event, _ db: Database) throws -> Event {
        let table = Event.databaseTableName
        // The table name comes from the record type, never from input.
        let last = try Row.fetchOne(db, sql: "SELECT id, row_hash FROM \(table) ORDER BY id DESC LIMIT 1")
        var row = event
        row.id = (last?["id"] as Int64?).map { $0 + 1 } ?? 1
        row.prevHash = (last?["row_hash"] as String?) ?? HashChain.genesis
        row.rowHash = try hash(of: row)
        try row.insert(db)
        return row
    }

    /// SHA-256 over the previous hash and the row's canonical JSON with `row_hash` blank, as hex.
    static func hash<Event: ChainedEvent>(of event: Event) throws -> String {
        var content = event
        content.rowHash = ""
        var hasher = SHA256()
        hasher.update(data: Data((event.prevHash ?? "").utf8))
        hasher.update(data: try CanonicalJSON.data(content))
        return ContentDigest(hasher.finalize()).hex
    }

    /// Walks `Event`'s table in id order; the first row that is missing, unlinked or changed, or nil.
    static func firstBreak<Event: ChainedEvent>(_: Event.Type, _ db: Database) throws -> (id: Int64, problem: String)? {
        var previous = HashChain.genesis
        var expected: Int64 = 1
        let cursor = try Event.fetchCursor(db, sql: "SELECT * FROM \(Event.databaseTableName) ORDER BY id")
        while let event = try cursor.next() {
            if event.id != expected {
                return (event.id, "\(Event.rowName) \(expected) is missing before \(Event.rowName) \(event.id)")
            }
            if event.prevHash != previous {
                return (event.id, "\(Event.rowName) \(event.id) does not link to the one before it")
            }
            guard let recorded = event.rowHash, try hash(of: event) == recorded else {
                return (event.id, "\(Event.rowName) \(event.id) was changed after it was written")
            }
            previous = recorded
            expected += 1
        }
        return nil
    }

    /// Fills `prev_hash`/`row_hash` of rows written before events were chained (store migration v6), in id order.
    static func chainExistingRows<Event: ChainedEvent>(_: Event.Type, _ db: Database) throws {
        var previous = HashChain.genesis
        for var event in try Event.fetchAll(db, sql: "SELECT * FROM \(Event.databaseTableName) ORDER BY id") {
            event.prevHash = previous
            event.rowHash = try hash(of: event)
            try db.execute(sql: "UPDATE \(Event.databaseTableName) SET prev_hash = ?, row_hash = ? WHERE id = ?",
                           arguments: [event.prevHash, event.rowHash, event.id])
            previous = event.rowHash ?? previous
        }
    }
}
