import Foundation
import Testing

@testable import GitBenchKit

/// The ObjectStore contract over a real moto_server (one per suite, a bucket per test): what FileObjectStoreTests pins
/// for `file://` holds for `s3://` too, and the day manifest loses no run with concurrent writers.
@Suite struct S3ObjectStoreTests {
    static let server = Result { try MotoServer() }

    func store() throws -> S3ObjectStore {
        let client = try Self.server.get().client(bucket: MotoServer.uniqueBucket())
        try client.createBucket()
        return S3ObjectStore(client: client)
    }

    @Test func absentObjectsReadAsNilAndDeletingOneSucceeds() throws {
        let store = try store()
        #expect(try store.get("runs/2026-05-08/manifest.json") == nil)
        #expect(try store.head("runs/2026-05-08/manifest.json") == nil)
        try store.delete("runs/2026-05-08/manifest.json")
        #expect(try store.list(prefix: "runs/") == [])
    }

    @Test func conditionalWritesFailTheirPreconditionAndKeepTheWinner() throws {
        let store = try store()
        let key = "runs/2026-05-08/manifest.json"
        let first = try store.put(key, Data("1".utf8), contentType: "application/json", condition: .ifNoneMatch)
        #expect(throws: ObjectStoreError.preconditionFailed(key: key)) {
            try store.put(key, Data("2".utf8), contentType: "application/json", condition: .ifNoneMatch)
        }
        let second = try store.put(key, Data("3".utf8), contentType: "application/json", condition: .ifMatch(first))
        #expect(throws: ObjectStoreError.preconditionFailed(key: key)) {
            try store.put(key, Data("4".utf8), contentType: "application/json", condition: .ifMatch(first))
        }
        #expect(try store.get(key) == StoredObject(bytes: Data("3".utf8), etag: second))
        #expect(try store.head(key) == ObjectInfo(key: key, etag: second, size: 1))
    }

    @Test func listingIsSortedAndKeepsToThePrefix() throws {
        let store = try store()
        for key in ["runs/b/x.json", "runs/a/y.json", "latest/z.json.gz", "runs/a/x.json"] {
            try store.put(key, Data(key.utf8), contentType: "application/json", condition: .none)
        }
        #expect(try store.list(prefix: "runs/").map(\.key) == ["runs/a/x.json", "runs/a/y.json", "runs/b/x.json"])
    }

    @Test func aKeyThatEscapesIsRefusedBeforeAnyRequest() throws {
        let store = S3ObjectStore(client: try Self.server.get().client(bucket: "no-such-bucket-anywhere"))
        #expect(throws: ObjectStoreError.self) { try store.put("../outside", Data(), contentType: "text/plain", condition: .none) }
        // The bucket does not exist: a request that had been sent would have said so instead.
        do {
            _ = try store.get("runs/../../x")
            Issue.record("an escaping key was accepted")
        } catch {
            guard case .invalidKey = error else { Issue.record("expected invalidKey, got \(error)"); return }
        }
    }

    @Test func aMissingBucketIsARefusalNamingIt() throws {
        let store = S3ObjectStore(client: try Self.server.get().client(bucket: "no-such-bucket-anywhere"))
        do {
            _ = try store.get("runs/2026-05-08/manifest.json")
            Issue.record("a missing bucket read as an absent object")
        } catch {
            guard case .refused(_, let reason) = error else { Issue.record("expected refused, got \(error)"); return }
            #expect(reason.contains("no-such-bucket-anywhere"))
        }
    }

    @Test func eightConcurrentWritersOnOneDayLoseNoRun() throws {
        let store = try store()
        let failures = Failures()
        onThreads(8) { index in
            do {
                try DayManifestUpdater(store: store, now: DayManifestUpdaterTests.clock).record(DayManifestUpdaterTests.entry(index))
            } catch {
                failures.add("\(index): \(error)")
            }
        }
        #expect(failures.all == [])
        let manifest = try DayManifest.decode(#require(try store.get("runs/2026-05-08/manifest.json")).bytes, key: "m")
        #expect(Set(manifest.runs.map(\.resultKey)) == Set((0..<8).map { DayManifestUpdaterTests.entry($0).resultKey }))
        #expect(try store.list(prefix: "runs/2026-05-08/entries/").count == 8)
    }
}
