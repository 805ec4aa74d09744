import Foundation
import GRDB

/// The chain tips recorded outside the database, in `<store>.tip` (0600) beside it: how many rows each chained
/// table held and the newest row's hash, as last seen by a write. A chain can only prove that its rows were not
/// edited; the anchor also shows when rows went missing from its end: the last row deleted, every row deleted, the
/// file truncated, an older copy restored, a WAL cut short.
///
/// Every append records the tips it leaves, under the store's lock and never backwards (the larger count wins), so
/// concurrent writers cannot make it claim less than was written. It is not fsynced: an OS crash that loses the file's
/// last update also loses the commits it described, and the anchor then claims no more than the store holds.
struct ChainAnchor: Codable, Equatable {
    struct Tip: Codable, Equatable {
        var count: Int64
        var hash: String
    }

    var runs: Tip?
    var baselineEvents: Tip?
    var referenceEvents: Tip?

    enum CodingKeys: String, CodingKey {
        case runs
        case baselineEvents = "baseline_events"
        case referenceEvents = "reference_events"
    }

    /// `<store>.tip`.
    static func file(for store: URL) -> URL {
        store.deletingLastPathComponent().appendingPathComponent(store.lastPathComponent + ".tip")
    }

    /// The tips the database holds now.
    static func current(_ db: Database) throws -> ChainAnchor {
        func tip(_ table: String) throws -> Tip? {
            // The table names are the three chained tables, never input.
            guard let row = try Row.fetchOne(db, sql: "SELECT id, row_hash FROM \(table) ORDER BY id DESC LIMIT 1"),
                  let hash = row["row_hash"] as String? else { return nil }
            return Tip(count: row["id"], hash: hash)
        }
        return ChainAnchor(runs: try tip("runs"), baselineEvents: try tip("baseline_events"), referenceEvents: try tip("reference_events"))
    }

    /// The later of two anchors, table by table.
    func merged(_ other: ChainAnchor) -> ChainAnchor {
        func later(_ a: Tip?, _ b: Tip?) -> Tip? {
            guard let a else { return b }
            guard let b else { return a }
            return b.count > a.count ? b : a
        }
        return ChainAnchor(runs: later(runs, other.runs), baselineEvents: later(baselineEvents, other.baselineEvents),
                           referenceEvents: later(referenceEvents, other.referenceEvents))
    }

    /// Where the database falls short of this anchor, or nil when it holds every recorded tip.
    func shortfall(_ db: Database, file: URL) throws -> (table: String, problem: String)? {
        for (table, name, tip) in [("runs", "row", runs), ("baseline_events", "baseline event", baselineEvents),
                                   ("reference_events", "reference event", referenceEvents)] {
            guard let tip else { continue }
            let held = try Int64.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0
            let hash = try String.fetchOne(db, sql: "SELECT row_hash FROM \(table) WHERE id = ?", arguments: [tip.count])
            if hash == nil {
                return (table, "the store is behind its last recorded tip: \(file.path) says \(table) held \(tip.count) rows, the store holds "
                        + "\(held): rows were removed from its end, or the file was truncated, restored from an older copy or lost its last commits")
            }
            if hash != tip.hash {
                return (table, "\(name) \(tip.count) is not the one recorded as the tip in \(file.path) (recorded \(tip.hash.prefix(12)), "
                        + "found \(hash?.prefix(12) ?? "")): history was rewritten")
            }
        }
        return nil
    }
}

extension RunStore {
    /// `<store>.tip`, the chain anchor's file.
    var anchorFile: URL { ChainAnchor.file(for: path) }

    /// Records `tips` in the anchor file, never moving a tip backwards. Runs after the rows are committed; a failure
    /// here loses no row. Throws `StoreError.write` when the file cannot be written.
    func recordTips(_ tips: ChainAnchor) throws {
        do {
            let lock = try StoreLock(path: path.path + ".lock")
            defer { lock.release() }
            let recorded = (try? Data(contentsOf: anchorFile)).flatMap { try? JSONDecoder().decode(ChainAnchor.self, from: $0) }
            let merged = recorded.map { $0.merged(tips) } ?? tips
            guard merged != recorded else { return }
            try SecureFile.replace(anchorFile, contents: try CanonicalJSON.data(merged), durable: false)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.write(operation: "record the chain tip in \(anchorFile.path)", underlying: "\(error)")
        }
    }

    /// Records the tips the database holds now (after an import or an event append).
    func recordCurrentTips() throws {
        try recordTips(try read("read the chain tips") { db in try ChainAnchor.current(db) })
    }

    /// `report`, or, when it holds, whether the database still holds every tip the anchor file recorded. A store
    /// without an anchor file (written before anchors, or never written) has nothing to fall short of.
    public func verifyAnchor(after report: ChainReport) throws -> ChainReport {
        guard report.firstBadRowID == nil && report.problem == nil, let data = try? Data(contentsOf: anchorFile) else { return report }
        var result = report
        guard let anchor = try? JSONDecoder().decode(ChainAnchor.self, from: data) else {
            result.problem = "\(anchorFile.path) is not a chain anchor: it was overwritten or damaged"
            return result
        }
        if let shortfall = try read("check the chain anchor", { db in try anchor.shortfall(db, file: anchorFile) }) {
            result.problem = shortfall.problem
            result.table = shortfall.table
        }
        return result
    }
}

extension RunStore {
    /// The newest run row's id and hash, or nil for an empty store.
    public func runsTip() throws -> (count: Int64, hash: String)? {
        try read("read the run chain's tip") { db in
            try ChainAnchor.current(db).runs.map { ($0.count, $0.hash) }
        }
    }

    /// The first of `anchors` (tips recorded in verdict notes: the run count and a prefix of its row hash) this store no
    /// longer holds, described; nil when it holds them all.
    public func missingAnchor(_ anchors: [(count: Int64, hashPrefix: String, label: String)]) throws -> String? {
        try read("check the tips recorded in notes") { db in
            for anchor in anchors.sorted(by: { $0.count > $1.count }) {
                let hash = try String.fetchOne(db, sql: "SELECT row_hash FROM runs WHERE id = ?", arguments: [anchor.count])
                guard let hash, hash.hasPrefix(anchor.hashPrefix) else {
                    return "\(anchor.label) recorded this host's store at run \(anchor.count) (hash \(anchor.hashPrefix)), "
                        + (hash == nil ? "which the store no longer holds" : "but the store's run \(anchor.count) hashes to \(hash?.prefix(12) ?? "")")
                }
            }
            return nil
        }
    }
}
