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
        if let bytes = canonicalBytes(of: content) {
            hasher.update(data: bytes)
        } else {
            hasher.update(data: try CanonicalJSON.data(content))
        }
        return ContentDigest(hasher.finalize()).hex
    }

    /// `CanonicalJSON.data(record)` written directly, members in sorted key order, absent optionals left out as the
    /// synthesized `Encodable` leaves them out; nil when a number has no JSON form (then `JSONEncoder` throws).
    static func canonicalBytes(of record: RunRecord) -> [UInt8]? {
        canonicalLayout(of: record)?.bytes
    }

    /// Where `id`'s value and `prev_hash`'s contents sit in a row's canonical bytes: a prepared row is hashed
    /// around them once the chain tip is known (`PreparedRun`).
    struct Layout: Sendable, Equatable {
        var bytes: [UInt8]
        var idValue: Range<Int>
        var prevHashContents: Range<Int>
    }

    static func canonicalLayout(of record: RunRecord) -> Layout? {
        var json = CanonicalJSONWriter()
        var idValue = 0..<0
        var prevHashContents = 0..<0
        json.append("{")
        var first = true
        func member(_ name: StaticString, _ write: (inout CanonicalJSONWriter) -> Void) {
            json.key(name, first: first)
            first = false
            write(&json)
        }
        if let value = record.artifactHash { member("artifact_hash") { $0.write(value) } }
        if let value = record.artifactSize { member("artifact_size") { $0.write(value) } }
        member("benchmark") { $0.write(record.benchmark) }
        if let value = record.diffPath { member("dirty_diff_path") { $0.write(value) } }
        if let value = record.diffSHA256 { member("dirty_diff_sha256") { $0.write(value) } }
        if let value = record.exitCode { member("exit_code") { $0.write(Int64(value)) } }
        member("git_dirty") { $0.write(record.isDirty) }
        member("git_sha") { $0.write(record.gitSHA) }
        member("harness_version") { $0.write(record.harnessVersion) }
        member("host") { $0.write(record.host) }
        member("id") {
            let start = $0.bytes.count
            $0.write(record.id)
            idValue = start..<$0.bytes.count
        }
        member("manifest_hash") { $0.write(record.manifestHash) }
        if let value = record.message { member("message") { $0.write(value) } }
        if let value = record.metaSeed { member("meta_seed") { $0.write(value) } }
        if let value = record.metadata { member("metadata") { $0.write(value.text) } }
        if let value = record.metric { member("metric") { $0.write(value) } }
        if let value = record.metricComponents { member("metric_components") { $0.write(value.text) } }
        member("prev_hash") {
            let start = $0.bytes.count
            $0.write(record.prevHash)
            prevHashContents = (start + 1)..<($0.bytes.count - 1)
        }
        member("project") { $0.write(record.project) }
        member("repetition_index") { $0.write(Int64(record.repetitionIndex)) }
        member("repetition_total") { $0.write(Int64(record.repetitionTotal)) }
        member("role") { $0.write(record.role.rawValue) }
        member("row_hash") { $0.write(record.rowHash) }
        member("run_set_id") { $0.write(record.runSetID) }
        member("seed") { $0.write(record.seed) }
        member("status") { $0.write(record.status.storedValue) }
        if let value = record.stderrLogPath { member("stderr_log_path") { $0.write(value) } }
        member("timestamp") { $0.write(record.timestamp) }
        member("wall_clock_seconds") { $0.write(record.wallClockSeconds) }
        if let value = record.workingTreeHash { member("working_tree_hash") { $0.write(value) } }
        json.append("}")
        return json.isValid ? Layout(bytes: json.bytes, idValue: idValue, prevHashContents: prevHashContents) : nil
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

    /// `report` (from `verifyChain`), or, when the runs hold, the first break in the baseline, reference and ship label
    /// event chains.
    public func verifyEvents(after report: ChainReport) throws -> ChainReport {
        guard report.firstBadRowID == nil && report.problem == nil else { return report }
        return try read("verify the event chains") { db in
            var result = report
            for (table, found) in [(BaselinePointer.databaseTableName, try EventChain.firstBreak(BaselinePointer.self, db)),
                                   (ReferenceEvent.databaseTableName, try EventChain.firstBreak(ReferenceEvent.self, db)),
                                   (ShipLabelEvent.databaseTableName, try EventChain.firstBreak(ShipLabelEvent.self, db))] {
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
