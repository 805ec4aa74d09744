import Foundation
import GRDB

/// One row of benchstone's `runs` table, as stored (benchstone/store.py: one row per repetition).
public struct BenchstoneRun: Sendable, Equatable {
    public var id: Int64
    public var project: String
    public var benchmark: String
    public var gitSHA: String
    public var isDirty: Bool
    public var dirtyDiffPath: String?
    /// `%Y-%m-%dT%H:%M:%SZ` (UTC, seconds) as benchstone writes it.
    public var timestamp: String
    public var harnessVersion: String
    public var host: String
    public var seed: Int64?
    /// nil for a baseline row (the manifest's `baseline_seeds`), the evaluation's meta seed otherwise.
    public var metaSeed: Int64?
    public var repetitionIndex: Int64?
    /// `ok` or `error`.
    public var status: String
    public var metric: Double?
    /// JSON text (`json.dumps(..., sort_keys=True)`), or nil.
    public var metricComponentsJSON: String?
    public var wallClockSeconds: Double?
    /// JSON text of the runner's metadata, or of benchstone's own error details (`{"exit_code": 3}`, `{"error": …}`).
    public var projectMetadataJSON: String?
    public var stderrLogPath: String?
    /// `sha256:<hex>` of a correctness artifact (stores created before benchstone added the column have none).
    public var artifactHash: String?
    /// Absolute path of the artifact under `$BENCHSTONE_HOME/artifacts/<project>/<benchmark>/<hex>.bin`.
    public var artifactPath: String?
    /// benchstone 0.3's freshness fingerprint (`working_tree_hash`); nil before 0.3 and on rows written without one.
    public var workingTreeHash: String? = nil
}

/// One row of benchstone's `baselines` table: the current pointer of a benchmark (benchstone updates it in place).
public struct BenchstoneBaseline: Sendable, Equatable {
    public var project: String
    public var benchmark: String
    public var gitSHA: String
    public var establishedAt: String
    public var notes: String?
    /// The promoted group's meta seed, for benchstone versions whose pointer records it; nil otherwise (the baseline
    /// is then the rows with no meta seed at `gitSHA`, benchstone's `fetch_baseline_runs`).
    public var metaSeed: Int64?
    /// benchstone 0.3's snapshot: the JSON array of run ids the pointer stands for, as stored; nil before 0.3 and
    /// for pointers written without one.
    public var runIDsJSON: String?
}

/// How many rows benchstone holds for one (project, benchmark, git_sha, meta_seed, host).
public struct BenchstoneGroup: Sendable, Equatable {
    public var project: String
    public var benchmark: String
    public var gitSHA: String
    public var metaSeed: Int64?
    public var host: String
    public var count: Int
}

/// A benchstone `store.db`, opened read-only: nothing is ever written to it.
///
/// Accepts every published shape of its schema: `runs` with or without the later `artifact_hash`/`artifact_path`
/// columns, with or without a `baselines` table, and a `baselines.meta_seed` column when present.
public final class BenchstoneStore: Sendable {
    public let path: URL
    private let queue: DatabaseQueue

    /// Columns benchstone has always written; a file without them is not a benchstone store.
    private static let requiredRunColumns = [
        "id", "project", "benchmark", "git_sha", "git_dirty", "timestamp", "harness_version", "host", "seed", "meta_seed",
        "repetition_index", "status", "metric", "metric_components_json", "wall_clock_seconds", "project_metadata_json",
    ]

    /// Opens `path` read-only and checks that it has benchstone's `runs` table.
    ///
    /// Throws `StoreError.foreignStoreMissing` when the file is not there, `StoreError.foreignStore` when it is
    /// unreadable, is not SQLite, or lacks benchstone's tables.
    public init(path: URL) throws {
        self.path = path
        guard FileManager.default.fileExists(atPath: path.path) else { throw StoreError.foreignStoreMissing(path: path.path) }
        guard FileManager.default.isReadableFile(atPath: path.path) else {
            throw StoreError.foreignStore(path: path.path, reason: "not readable")
        }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "benchstone"
        do {
            queue = try DatabaseQueue(path: path.path, configuration: configuration)
            let columns = try queue.read { db in try Self.columns(of: "runs", db) }
            guard !columns.isEmpty else { throw StoreError.foreignStore(path: path.path, reason: "it has no runs table") }
            if let missing = Self.requiredRunColumns.first(where: { !columns.contains($0) }) {
                throw StoreError.foreignStore(path: path.path, reason: "its runs table has no \(missing) column")
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.foreignStore(path: path.path, reason: RunStore.describe(error))
        }
    }

    /// How many rows its `runs` table holds.
    public func runCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM runs") ?? 0 }
    }

    /// The rows per (project, benchmark, git_sha, meta_seed, host) group: a group's size is the `repetition_total` of
    /// its imported rows, and its hosts decide the host of a pointer at it.
    public func groups() throws -> [BenchstoneGroup] {
        try read { db in
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT project, benchmark, git_sha, meta_seed, host, COUNT(*) FROM runs
                GROUP BY project, benchmark, git_sha, meta_seed, host
                """)
            var groups: [BenchstoneGroup] = []
            while let row = try cursor.next() {
                // A value of the wrong type is skipped here; `forEachRun` names its row when it reaches it.
                do {
                    groups.append(BenchstoneGroup(
                        project: try Self.requiredText(row, 0, "project", at: ""), benchmark: try Self.requiredText(row, 1, "benchmark", at: ""),
                        gitSHA: try Self.requiredText(row, 2, "git_sha", at: ""), metaSeed: try Self.integer(row, 3, "meta_seed", at: ""),
                        host: try Self.requiredText(row, 4, "host", at: ""), count: Int(try Self.integer(row, 5, "COUNT(*)", at: "") ?? 0)))
                } catch is ValueProblem {
                    continue
                }
            }
            return groups
        }
    }

    /// Hands every run to `body`, in id order (the order benchstone wrote them), reading them one at a time so a
    /// store of millions of rows is never held in memory at once.
    ///
    /// Throws `StoreError.foreignStore` when a value has a type benchstone never writes (a text metric, say), and
    /// whatever `body` throws.
    public func forEachRun(_ body: (BenchstoneRun) throws -> Void) throws {
        try read { db in
            let columns = try Self.columns(of: "runs", db)
            // Columns later versions added are read as NULL from stores that lack them, so every index is fixed.
            let optional = ["artifact_hash", "artifact_path", "working_tree_hash"].map { columns.contains($0) ? $0 : "NULL" }
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT id, project, benchmark, git_sha, git_dirty, dirty_diff_path, timestamp, harness_version, host, seed, meta_seed,
                    repetition_index, status, metric, metric_components_json, wall_clock_seconds, project_metadata_json,
                    \(columns.contains("stderr_log_path") ? "stderr_log_path" : "NULL"), \(optional.joined(separator: ", "))
                FROM runs ORDER BY id
                """)
            while let row = try cursor.next() {
                let id = try Self.integer(row, 0, "id", at: "runs") ?? 0
                let place = { "runs row \(id)" }  // built only for an error message
                try body(BenchstoneRun(
                    id: id,
                    project: try Self.requiredText(row, 1, "project", at: place()),
                    benchmark: try Self.requiredText(row, 2, "benchmark", at: place()),
                    gitSHA: try Self.requiredText(row, 3, "git_sha", at: place()),
                    isDirty: (try Self.integer(row, 4, "git_dirty", at: place()) ?? 0) != 0,
                    dirtyDiffPath: try Self.text(row, 5, "dirty_diff_path", at: place()),
                    timestamp: try Self.requiredText(row, 6, "timestamp", at: place()),
                    harnessVersion: try Self.requiredText(row, 7, "harness_version", at: place()),
                    host: try Self.requiredText(row, 8, "host", at: place()),
                    seed: try Self.integer(row, 9, "seed", at: place()),
                    metaSeed: try Self.integer(row, 10, "meta_seed", at: place()),
                    repetitionIndex: try Self.integer(row, 11, "repetition_index", at: place()),
                    status: try Self.requiredText(row, 12, "status", at: place()),
                    metric: try Self.real(row, 13, "metric", at: place()),
                    metricComponentsJSON: try Self.text(row, 14, "metric_components_json", at: place()),
                    wallClockSeconds: try Self.real(row, 15, "wall_clock_seconds", at: place()),
                    projectMetadataJSON: try Self.text(row, 16, "project_metadata_json", at: place()),
                    stderrLogPath: try Self.text(row, 17, "stderr_log_path", at: place()),
                    artifactHash: try Self.text(row, 18, "artifact_hash", at: place()),
                    artifactPath: try Self.text(row, 19, "artifact_path", at: place()),
                    workingTreeHash: try Self.text(row, 20, "working_tree_hash", at: place())))
            }
        }
    }

    /// Every baseline pointer, by project and benchmark; empty for a store from before benchstone had baselines.
    public func baselines() throws -> [BenchstoneBaseline] {
        try read { db in
            let columns = try Self.columns(of: "baselines", db)
            guard !columns.isEmpty else { return [] }
            let later = ["meta_seed", "run_ids"].map { columns.contains($0) ? $0 : "NULL" }
            let sql = "SELECT project, benchmark, git_sha, established_at, notes, \(later.joined(separator: ", ")) FROM baselines ORDER BY project, benchmark"
            return try Row.fetchAll(db, sql: sql).map { row in
                let place = "baselines row"
                return BenchstoneBaseline(
                    project: try Self.requiredText(row, 0, "project", at: place),
                    benchmark: try Self.requiredText(row, 1, "benchmark", at: place),
                    gitSHA: try Self.requiredText(row, 2, "git_sha", at: place),
                    establishedAt: try Self.requiredText(row, 3, "established_at", at: place),
                    notes: try Self.text(row, 4, "notes", at: place),
                    metaSeed: try Self.integer(row, 5, "meta_seed", at: place),
                    runIDsJSON: try Self.text(row, 6, "run_ids", at: place))
            }
        }
    }

    /// A name for this store that stays the same while benchstone appends to it and when the file is copied or moved:
    /// `benchstone-` and 12 hex digits of SHA-256 over "run", then its first run row's id, project, benchmark, git_sha,
    /// timestamp and host, separated by U+001F.
    /// A store without runs is named after its absolute path instead.
    public func sourceID() throws -> String {
        let columns = ["id", "project", "benchmark", "git_sha", "timestamp", "host"]
        let seed = try read { db -> String in
            let select = columns.map { "CAST(\($0) AS TEXT) AS \($0)" }.joined(separator: ", ")
            guard let row = try Row.fetchOne(db, sql: "SELECT \(select) FROM runs ORDER BY id LIMIT 1") else {
                return "path\u{1f}" + path.standardizedFileURL.path
            }
            let fields = try columns.indices.map { try Self.text(row, $0, columns[$0], at: "runs row 1") ?? "" }
            return (["run"] + fields).joined(separator: "\u{1f}")
        }
        let digest = ContentDigest(of: Data(seed.utf8)).hex
        return "benchstone-" + digest.prefix(12)
    }

    private func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.read(body)
        } catch let error as StoreError {
            throw error
        } catch let problem as ValueProblem {
            throw StoreError.foreignStore(path: path.path, reason: "\(problem.place): \(problem.reason)")
        } catch let error as DatabaseError {
            throw StoreError.foreignStore(path: path.path, reason: RunStore.describe(error))
        }
        // Anything else came from a caller's body (`forEachRun`) and is theirs to name.
    }

    /// A value of a type benchstone never writes, found at `place` ("runs row 7").
    private struct ValueProblem: Error {
        var place: String
        var reason: String
    }

    private static func columns(of table: String, _ db: Database) throws -> Set<String> {
        Set(try Row.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?)", arguments: [table]).compactMap { $0["name"] as String? })
    }

    // Values are read as `DatabaseValue` and converted here, so a value of the wrong type becomes an error naming the
    // row and column instead of a crash in a conversion.

    private static func text(_ row: Row, _ index: Int, _ column: String, at place: @autoclosure () -> String) throws -> String? {
        let value: DatabaseValue = row[index]
        switch value.storage {
        case .null: return nil
        case .string(let text): return text
        case .blob(let data): return String(decoding: data, as: UTF8.self)
        default: throw ValueProblem(place: place(), reason: "\(column) holds \(value), expected text")
        }
    }

    private static func requiredText(_ row: Row, _ index: Int, _ column: String, at place: @autoclosure () -> String) throws -> String {
        guard let text = try text(row, index, column, at: place()) else {
            throw ValueProblem(place: place(), reason: "\(column) is NULL")
        }
        return text
    }

    private static func integer(_ row: Row, _ index: Int, _ column: String, at place: @autoclosure () -> String) throws -> Int64? {
        let value: DatabaseValue = row[index]
        switch value.storage {
        case .null: return nil
        case .int64(let number): return number
        case .double(let number) where number == number.rounded() && abs(number) < 9.2e18: return Int64(number)
        default: throw ValueProblem(place: place(), reason: "\(column) holds \(value), expected an integer")
        }
    }

    private static func real(_ row: Row, _ index: Int, _ column: String, at place: @autoclosure () -> String) throws -> Double? {
        let value: DatabaseValue = row[index]
        switch value.storage {
        case .null: return nil
        case .int64(let number): return Double(number)
        case .double(let number): return number
        default: throw ValueProblem(place: place(), reason: "\(column) holds \(value), expected a number")
        }
    }
}
