import Crypto
import Foundation
import GRDB

/// The newest row's id and hash, read inside the writing transaction so concurrent writers chain in order.
struct ChainTip {
    var id: Int64
    var hash: String

    init(id: Int64, hash: String) {
        self.id = id
        self.hash = hash
    }

    init(_ db: Database) throws {
        let last = try Row.fetchOne(db, sql: "SELECT id, row_hash FROM runs ORDER BY id DESC LIMIT 1")
        id = last?["id"] ?? 0
        hash = last?["row_hash"] ?? HashChain.genesis
    }
}

/// The row hash: SHA-256 over the previous row's hash and the row's canonical JSON (with `row_hash` blank).
enum HashChain {
    static let genesis = String(repeating: "0", count: 64)

    static func hash(of record: RunRecord) throws -> String {
        var content = record
        content.rowHash = ""
        var hasher = SHA256()
        hasher.update(data: Data(record.prevHash.utf8))
        hasher.update(data: try CanonicalJSON.data(content))
        return ContentDigest(hasher.finalize()).hex
    }
}

/// Verifying the chain.
extension RunStore {
    /// Walks the whole chain in id order and reports the first row that does not hold.
    public func verifyChain() throws -> ChainReport {
        try read("verify the run chain") { db in
            var previous = HashChain.genesis
            var checked = 0
            var expectedID: Int64 = 1
            let cursor = try RunRecord.fetchCursor(db, sql: "SELECT * FROM runs ORDER BY id")
            while let record = try cursor.next() {
                checked += 1
                if record.id != expectedID {
                    return ChainReport(checkedRows: checked, firstBadRowID: record.id, problem: "row \(expectedID) is missing before row \(record.id)")
                }
                if record.prevHash != previous {
                    return ChainReport(checkedRows: checked, firstBadRowID: record.id, problem: "row \(record.id) does not link to the row before it")
                }
                if try HashChain.hash(of: record) != record.rowHash {
                    return ChainReport(checkedRows: checked, firstBadRowID: record.id, problem: "row \(record.id) was changed after it was written")
                }
                previous = record.rowHash
                expectedID += 1
            }
            return ChainReport(checkedRows: checked, firstBadRowID: nil, problem: nil)
        }
    }

    /// SQLite's own `PRAGMA integrity_check` result ("ok" when healthy).
    public func integrityCheck() throws -> String {
        try read("check store integrity") { db in
            try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ")
        }
    }

    /// `report` (from `verifyChain`), or, when the runs hold, the first break in the baseline and reference event
    /// chains.
    public func verifyEvents(after report: ChainReport) throws -> ChainReport {
        guard report.firstBadRowID == nil && report.problem == nil else { return report }
        return try read("verify the event chains") { db in
            var result = report
            for (table, found) in [(BaselinePointer.databaseTableName, try EventChain.firstBreak(BaselinePointer.self, db)),
                                   (ReferenceEvent.databaseTableName, try EventChain.firstBreak(ReferenceEvent.self, db))] {
                guard let found else { continue }
                result.firstBadRowID = found.id
                result.problem = found.problem
                result.table = table
                return result
            }
            return result
        }
    }
}
