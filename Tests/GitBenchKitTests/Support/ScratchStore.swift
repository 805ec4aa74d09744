import Foundation
@testable import GitBenchKit

/// A real store file in a fresh temp dir, opened through `RunStore`, plus the sqlite3 CLI on the same file for what the
/// API refuses to do (editing history behind its back). The temp dir goes away with this value.
final class ScratchStore {
    private let scratch: TestRepo
    let path: URL
    private(set) var store: RunStore

    /// A fixed time for every row, so two stores built alike hold identical rows and hashes.
    static let date = Date(timeIntervalSince1970: 1_700_000_000)

    init() throws {
        scratch = try TestRepo()
        // Not "home": TestRepo already made that one (as HOME for git), and the store must create its own directory.
        path = scratch.root.appendingPathComponent("bench-home/store.sqlite3")
        store = try RunStore(path: path)
    }

    /// Opens the same file again, as the next `git-bench` invocation would.
    func reopen() throws {
        store = try RunStore(path: path)
    }

    /// `sqlite3 -bail store.sqlite3 SQL`: its exit status, stdout and stderr.
    @discardableResult
    func sql(_ statements: String) throws -> (status: Int32, stdout: String, stderr: String) {
        try runProcess("/usr/bin/sqlite3", ["-bail", "-cmd", ".timeout 10000", path.path, statements])
    }

    /// The context shared by the rows of one run set.
    static func context(runSet: String = "bench_0000abcd_20231114_221320", metaSeed: Int64? = 42, total: Int = 4) -> RunSetContext {
        RunSetContext(project: "Sample", benchmark: "quality", commit: ObjectID(hex: String(repeating: "a", count: 40))!, isDirty: false,
                      diffPath: nil, diffSHA256: nil, host: "test-host", metaSeed: metaSeed, runSetID: RunSetID(value: runSet),
                      role: .candidate, repetitionTotal: total, manifestHash: "sha256:" + String(repeating: "b", count: 64))
    }

    /// Repetition `index` of a run set: seed 100 + index, metric 1 + index / 10.
    static func repetition(_ index: Int) -> Repetition {
        Repetition(seed: Int64(100 + index), repetitionIndex: index, status: .ok, metric: 1 + Double(index) / 10,
                         metricComponents: .object(["solve": .number(Double(index))]), wallClockSeconds: 0.5)
    }

    /// Appends repetitions 0..<count, one transaction each, all at `date`.
    @discardableResult
    func appendRuns(_ count: Int) throws -> [RunRecord] {
        try (0..<count).map { try store.append(Self.repetition($0), in: Self.context(total: count), at: Self.date) }
    }
}
