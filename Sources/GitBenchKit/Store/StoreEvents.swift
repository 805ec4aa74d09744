import Foundation

/// Where the baseline of a benchmark is: one row of the append-only `baseline_events` table (current = latest).
public struct BaselinePointer: Sendable, Equatable, Codable {
    public enum Action: String, Sendable, Codable { case establish, promote }
    public var id: Int64
    public var project: String
    public var benchmark: String
    public var host: String
    /// The commit whose runs are the baseline.
    public var commit: ObjectID
    /// nil for an established baseline (manifest seeds); the promoted group's meta seed otherwise.
    public var metaSeed: Int64?
    public var action: Action
    public var runSetID: String?
    public var notes: String?
    public var createdAt: String
    /// The exact runs the baseline stands for (every row of the established run set, or of the promoted group, that
    /// counts); nil for a pointer recorded before baselines were snapshots, which stands for every row at `commit`
    /// in its meta-seed group.
    public var runIDs: [Int64]?
    /// The event's link in its table's hash chain (see `EventChain`); nil only before the store chained events.
    public var prevHash: String? = nil
    public var rowHash: String? = nil

    enum CodingKeys: String, CodingKey {
        case id, project, benchmark, host
        case commit = "git_sha"
        case metaSeed = "meta_seed"
        case action
        case runSetID = "run_set_id"
        case notes
        case createdAt = "created_at"
        case runIDs = "run_ids"
        case prevHash = "prev_hash"
        case rowHash = "row_hash"
    }
}

/// A frozen correctness reference: one row of the append-only `reference_events` table (current = latest).
public struct ReferenceEvent: Sendable, Equatable, Codable {
    public enum Action: String, Sendable, Codable { case freeze, replace }
    public var id: Int64
    public var project: String
    public var benchmark: String
    /// `sha256:<hex>` of the artifact bytes, which live at `artifacts/<project>/<benchmark>/<hex>.bin`.
    public var contentHash: String
    public var size: Int64
    public var action: Action
    public var fromRunID: Int64
    public var reason: String?
    public var notes: String?
    public var createdAt: String
    /// The event's link in its table's hash chain (see `EventChain`); nil only before the store chained events.
    public var prevHash: String? = nil
    public var rowHash: String? = nil

    enum CodingKeys: String, CodingKey {
        case id, project, benchmark
        case contentHash = "content_hash"
        case size, action
        case fromRunID = "from_run_id"
        case reason, notes
        case createdAt = "created_at"
        case prevHash = "prev_hash"
        case rowHash = "row_hash"
    }
}

/// A registered project: its name and where its repository lives.
public struct RegisteredProject: Sendable, Equatable, Codable {
    public var name: String
    public var path: String
    public var manifestHash: String
    public var registeredAt: String

    enum CodingKeys: String, CodingKey {
        case name, path
        case manifestHash = "manifest_hash"
        case registeredAt = "registered_at"
    }
}

/// The result of walking the hash chain.
public struct ChainReport: Sendable, Equatable, Codable {
    public var checkedRows: Int
    /// The first row whose hash or link does not hold, nil when the chain is intact.
    public var firstBadRowID: Int64?
    public var problem: String?
    /// SQLite's `PRAGMA integrity_check` answer ("ok" when healthy); nil when not checked.
    public var integrity: String?
    /// The table `firstBadRowID` is in when it is not `runs` (`baseline_events`, `reference_events`).
    public var table: String? = nil
    public var isIntact: Bool { firstBadRowID == nil && problem == nil && (integrity ?? "ok") == "ok" }

    public init(checkedRows: Int, firstBadRowID: Int64?, problem: String?, integrity: String? = nil, table: String? = nil) {
        self.checkedRows = checkedRows
        self.firstBadRowID = firstBadRowID
        self.problem = problem
        self.integrity = integrity
        self.table = table
    }

    enum CodingKeys: String, CodingKey {
        case checkedRows = "checked_rows"
        case firstBadRowID = "first_bad_row_id"
        case problem, integrity, table
    }
}
