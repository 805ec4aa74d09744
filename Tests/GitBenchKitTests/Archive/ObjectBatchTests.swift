import Foundation
import Testing
@testable import GitBenchKit

/// Many objects go up at once, never more than the bound in flight, each with its own outcome in the order given.
@Suite struct ObjectBatchTests {
    /// A file store that records how many puts overlap, and holds each one briefly so that they can.
    final class Watched: ObjectStore, @unchecked Sendable {
        let inner: FileObjectStore
        private let lock = NSLock()
        private var inFlight = 0
        private(set) var mostInFlight = 0

        init(root: URL) { inner = FileObjectStore(root: root) }

        func get(_ key: String) throws(ObjectStoreError) -> StoredObject? { try inner.get(key) }
        func head(_ key: String) throws(ObjectStoreError) -> ObjectInfo? { try inner.head(key) }
        func list(prefix: String) throws(ObjectStoreError) -> [ObjectInfo] { try inner.list(prefix: prefix) }
        func delete(_ key: String) throws(ObjectStoreError) { try inner.delete(key) }

        func put(_ key: String, _ bytes: Data, contentType: String, condition: WriteCondition) throws(ObjectStoreError) -> String {
            lock.withLock {
                inFlight += 1
                mostInFlight = max(mostInFlight, inFlight)
            }
            defer { lock.withLock { inFlight -= 1 } }
            Thread.sleep(forTimeInterval: 0.02)
            return try inner.put(key, bytes, contentType: contentType, condition: condition)
        }
    }

    @Test func everyObjectIsWrittenWithAtMostTheBoundInFlight() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("gitbench-batch-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = Watched(root: root)
        let objects = (0..<40).map { PendingObject(key: "runs/2026-05-08/s/b/results-\($0).json.gz", bytes: Data("\($0)".utf8), contentType: "application/gzip") }
        let outcomes = ObjectBatch.put(objects, to: store, concurrency: 4)
        #expect(outcomes.map { try? $0.get() } == objects.map { FileObjectStore.etag(of: $0.bytes) })
        #expect(try store.list(prefix: "runs/").count == 40)
        #expect(store.mostInFlight > 1)
        #expect(store.mostInFlight <= 4)
    }

    @Test func aFailedObjectDoesNotStopTheOthers() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("gitbench-batch-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = FileObjectStore(root: root)
        try store.put("taken.json", Data("old".utf8), contentType: "application/json", condition: .none)
        let outcomes = ObjectBatch.put([
            PendingObject(key: "a.json", bytes: Data("a".utf8), contentType: "application/json"),
            PendingObject(key: "taken.json", bytes: Data("new".utf8), contentType: "application/json", condition: .ifNoneMatch),
            PendingObject(key: "../escape.json", bytes: Data("x".utf8), contentType: "application/json"),
            PendingObject(key: "b.json", bytes: Data("b".utf8), contentType: "application/json"),
        ], to: store, concurrency: 2)
        #expect(try outcomes[0].get() == FileObjectStore.etag(of: Data("a".utf8)))
        #expect(throws: ObjectStoreError.preconditionFailed(key: "taken.json")) { try outcomes[1].get() }
        #expect(throws: ObjectStoreError.invalidKey(key: "../escape.json", reason: "it has a .. path segment")) { try outcomes[2].get() }
        #expect(try outcomes[3].get() == FileObjectStore.etag(of: Data("b".utf8)))
        #expect(try store.get("taken.json")?.bytes == Data("old".utf8))
        #expect(ObjectBatch.put([], to: store).isEmpty)
    }
}
