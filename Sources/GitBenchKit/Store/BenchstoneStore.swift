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
    /// Throws `StoreError.foreignStore` when the file is missing, is not SQLite, or lacks benchstone's tables.
    public init(path: URL) throws {
        self.path = path
        guard FileManager.default.isReadableFile(atPath: path.path) else {
            throw StoreError.foreignStore(path: path.path, reason: "no such readable file")
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

    /// Every run, in id order (the order benchstone wrote them).
    ///
    /// Throws `StoreError.foreignStore` when a value has a type benchstone never writes (a text metric, say).
    public func runs() throws -> [BenchstoneRun] {
        try read { db in
            let columns = try Self.columns(of: "runs", db)
            let hasArtifacts = columns.contains("artifact_hash") && columns.contains("artifact_path")
            let hasTreeHash = columns.contains("working_tree_hash")
            return try Row.fetchAll(db, sql: "SELECT * FROM runs ORDER BY id").map { row in
                let id = try Self.integer(row, "id", at: "runs") ?? 0
                let field = "runs row \(id)"
                return BenchstoneRun(
                    id: id,
                    project: try Self.requiredText(row, "project", at: field),
                    benchmark: try Self.requiredText(row, "benchmark", at: field),
                    gitSHA: try Self.requiredText(row, "git_sha", at: field),
                    isDirty: (try Self.integer(row, "git_dirty", at: field) ?? 0) != 0,
                    dirtyDiffPath: try Self.text(row, "dirty_diff_path", at: field),
                    timestamp: try Self.requiredText(row, "timestamp", at: field),
                    harnessVersion: try Self.requiredText(row, "harness_version", at: field),
                    host: try Self.requiredText(row, "host", at: field),
                    seed: try Self.integer(row, "seed", at: field),
                    metaSeed: try Self.integer(row, "meta_seed", at: field),
                    repetitionIndex: try Self.integer(row, "repetition_index", at: field),
                    status: try Self.requiredText(row, "status", at: field),
                    metric: try Self.real(row, "metric", at: field),
                    metricComponentsJSON: try Self.text(row, "metric_components_json", at: field),
                    wallClockSeconds: try Self.real(row, "wall_clock_seconds", at: field),
                    projectMetadataJSON: try Self.text(row, "project_metadata_json", at: field),
                    stderrLogPath: try Self.text(row, "stderr_log_path", at: field),
                    artifactHash: hasArtifacts ? try Self.text(row, "artifact_hash", at: field) : nil,
                    artifactPath: hasArtifacts ? try Self.text(row, "artifact_path", at: field) : nil,
                    workingTreeHash: hasTreeHash ? try Self.text(row, "working_tree_hash", at: field) : nil)
            }
        }
    }

    /// Every baseline pointer, by project and benchmark; empty for a store from before benchstone had baselines.
    public func baselines() throws -> [BenchstoneBaseline] {
        try read { db in
            let columns = try Self.columns(of: "baselines", db)
            guard !columns.isEmpty else { return [] }
            let hasMetaSeed = columns.contains("meta_seed")
            let hasRunIDs = columns.contains("run_ids")
            return try Row.fetchAll(db, sql: "SELECT * FROM baselines ORDER BY project, benchmark").map { row in
                let field = "baselines row"
                return BenchstoneBaseline(
                    project: try Self.requiredText(row, "project", at: field),
                    benchmark: try Self.requiredText(row, "benchmark", at: field),
                    gitSHA: try Self.requiredText(row, "git_sha", at: field),
                    establishedAt: try Self.requiredText(row, "established_at", at: field),
                    notes: try Self.text(row, "notes", at: field),
                    metaSeed: hasMetaSeed ? try Self.integer(row, "meta_seed", at: field) : nil,
                    runIDsJSON: hasRunIDs ? try Self.text(row, "run_ids", at: field) : nil)
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
            let fields = try columns.map { try Self.text(row, $0, at: "runs row 1") ?? "" }
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
        } catch {
            throw StoreError.foreignStore(path: path.path, reason: RunStore.describe(error))
        }
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

    private static func text(_ row: Row, _ column: String, at place: String) throws -> String? {
        let value: DatabaseValue = row[column]
        switch value.storage {
        case .null: return nil
        case .string(let text): return text
        case .blob(let data): return String(decoding: data, as: UTF8.self)
        default: throw ValueProblem(place: place, reason: "\(column) holds \(value), expected text")
        }
    }

    private static func requiredText(_ row: Row, _ column: String, at place: String) throws -> String {
        guard let text = try text(row, column, at: place) else {
            throw ValueProblem(place: place, reason: "\(column) is NULL")
        }
        return text
    }

    private static func integer(_ row: Row, _ column: String, at place: String) throws -> Int64? {
        let value: DatabaseValue = row[column]
        switch value.storage {
        case .null: return nil
        case .int64(let number): return number
        case .double(let number) where number == number.rounded() && abs(number) < 9.2e18: return Int64(number)
        default: throw ValueProblem(place: place, reason: "\(column) holds \(value), expected an integer")
        }
    }

    private static func real(_ row: Row, _ column: String, at place: String) throws -> Double? {
        let value: DatabaseValue = row[column]
        switch value.storage {
        case .null: return nil
        case .int64(let number): return Double(number)
        case .double(let number): return number
        default: throw ValueProblem(place: place, reason: "\(column) holds \(value), expected a number")
        }
    }
}
