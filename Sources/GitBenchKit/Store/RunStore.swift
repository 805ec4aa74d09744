import Foundation
import GRDB

/// The embedded SQLite store: WAL, a busy timeout, and one short immediate transaction per repetition,
/// so concurrent runs never fail on a lock and an interrupted run keeps what finished.
public final class RunStore: Sendable {
    public let path: URL
    private let pool: DatabasePool

    /// Opens (creating and migrating if needed) the store at `path`, with mode 0600.
    /// Throws `StoreError.open` / `.migrate`.
    public init(path: URL) throws {
        self.path = path
        do {
            try SecureFile.makeDirectory(path.deletingLastPathComponent())
            // SQLite gives -wal and -shm files the database file's mode, so create it 0600 first.
            try SecureFile.touch(path)
        } catch {
            throw StoreError.open(path: path.path, underlying: "\(error)")
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(60)
        configuration.label = "git-bench"
        // In WAL mode NORMAL still survives a killed process (kill -9); only an OS crash can lose the last commits.
        // FULL would fsync on every repetition, which dominates the harness overhead.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        do {
            // Serialise first-time creation across processes: two migrators racing would both try CREATE TABLE.
            let lock = try StoreLock(path: path.path + ".lock")
            defer { lock.release() }
            pool = try DatabasePool(path: path.path, configuration: configuration)
        } catch {
            throw StoreError.open(path: path.path, underlying: Self.describe(error))
        }
        do {
            let lock = try StoreLock(path: path.path + ".lock")
            defer { lock.release() }
            try Schema.migrator.migrate(pool)
        } catch {
            throw StoreError.migrate(path: path.path, underlying: Self.describe(error))
        }
    }

    /// Opens the store inside a harness home.
    public convenience init(home: HarnessHome) throws {
        try self.init(path: home.storeFile)
    }

    /// The linked SQLite library's version (`sqlite_version()`, e.g. "3.45.1"), or "unknown" if it cannot be asked.
    public static var sqliteVersion: String { linkedSQLiteVersion }

    static func describe(_ error: Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        return "\(error)"
    }

    // Internal, not private: RunStore+Jobs.swift writes through the same immediate transactions.
    func write<T>(_ operation: String, _ body: (Database) throws -> T) throws -> T {
        do {
            var result: T?
            try pool.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
            }
            guard let result else { throw StoreError.write(operation: operation, underlying: "transaction produced no result") }
            return result
        } catch let error as StoreError {
            throw error
        } catch let error as any CallerError {
            throw error
        } catch {
            throw StoreError.write(operation: operation, underlying: Self.describe(error))
        }
    }

    func read<T>(_ operation: String, _ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.read(body)
        } catch {
            throw StoreError.read(operation: operation, underlying: Self.describe(error))
        }
    }
}

/// Asked once from a private in-memory database: the version belongs to the linked library, not to a store file.
private let linkedSQLiteVersion: String = {
    guard let queue = try? DatabaseQueue(), let version = try? queue.read({ try String.fetchOne($0, sql: "SELECT sqlite_version()") }) else {
        return "unknown"
    }
    return version
}()
