import Foundation
import Testing
@testable import GitBenchKit

/// The `file://` object store: S3's semantics (ETags, conditional writes, prefix listing) on a folder, with no key able
/// to reach outside it and no conditional write lost between threads that each hold their own store.
@Suite struct FileObjectStoreTests {
    let root: URL
    let store: FileObjectStore

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("gitbench-objects-\(UUID().uuidString)")
        store = FileObjectStore(root: root.appendingPathComponent("private"))
    }

    @Test func anObjectReadsBackWithTheETagItsWriteReturned() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let bytes = Data("{\"a\": 1}".utf8)
        let etag = try store.put("runs/2026-05-08/manifest.json", bytes, contentType: "application/json", condition: .none)
        let object = try #require(try store.get("runs/2026-05-08/manifest.json"))
        #expect(object.bytes == bytes)
        #expect(object.etag == etag)
        #expect(etag == "\"\(ContentDigest(of: bytes).hex)\"")
        #expect(try store.head("runs/2026-05-08/manifest.json") == ObjectInfo(key: "runs/2026-05-08/manifest.json", etag: etag, size: bytes.count))
        #expect(try store.get("runs/2026-05-08/other.json") == nil)
        #expect(try store.head("runs") == nil)
    }

    @Test func objectsAreOwnerOnlyFilesInOwnerOnlyFolders() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try store.put("badges/locomo.json", Data("{}".utf8), contentType: "application/json", condition: .none)
        let file = try FileManager.default.attributesOfItem(atPath: store.url(of: "badges/locomo.json").path)
        let folder = try FileManager.default.attributesOfItem(atPath: store.url(of: "badges").path)
        #expect((file[.posixPermissions] as? Int) == 0o600)
        #expect((folder[.posixPermissions] as? Int) == 0o700)
    }

    @Test func ifNoneMatchCreatesOnceAndRefusesTheSecondCreate() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try store.put("runs/d/entries/x.json", Data("1".utf8), contentType: "application/json", condition: .ifNoneMatch)
        #expect(throws: ObjectStoreError.preconditionFailed(key: "runs/d/entries/x.json")) {
            try store.put("runs/d/entries/x.json", Data("2".utf8), contentType: "application/json", condition: .ifNoneMatch)
        }
        #expect(try store.get("runs/d/entries/x.json")?.bytes == Data("1".utf8))
    }

    @Test func ifMatchWritesOnlyOverTheVersionItNames() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let first = try store.put("m.json", Data("1".utf8), contentType: "application/json", condition: .none)
        let second = try store.put("m.json", Data("2".utf8), contentType: "application/json", condition: .ifMatch(first))
        #expect(throws: ObjectStoreError.preconditionFailed(key: "m.json")) {
            try store.put("m.json", Data("3".utf8), contentType: "application/json", condition: .ifMatch(first))
        }
        #expect(throws: ObjectStoreError.preconditionFailed(key: "absent.json")) {
            try store.put("absent.json", Data("3".utf8), contentType: "application/json", condition: .ifMatch(second))
        }
        #expect(try store.get("m.json")?.bytes == Data("2".utf8))
    }

    @Test func listingIsAStringPrefixOverEveryFolderSortedByKey() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try store.list(prefix: "runs/") == [])
        for key in ["runs/2026-05-09/manifest.json", "runs/2026-05-08/s/locomo/results-1.json.gz", "runs/2026-05-08/manifest.json",
                    "latest/locomo.json.gz", "runs/2026-05-10/entries/b.json", "runs/2026-05-10/entries/a.json"] {
            try store.put(key, Data(key.utf8), contentType: "application/octet-stream", condition: .none)
        }
        #expect(try store.list(prefix: "runs/2026-05-0").map(\.key) == [
            "runs/2026-05-08/manifest.json", "runs/2026-05-08/s/locomo/results-1.json.gz", "runs/2026-05-09/manifest.json",
        ])
        #expect(try store.list(prefix: "runs/2026-05-10/entries/").map(\.key) == ["runs/2026-05-10/entries/a.json", "runs/2026-05-10/entries/b.json"])
        let all = try store.list(prefix: "")
        #expect(all.count == 6)
        #expect(all.first == ObjectInfo(key: "latest/locomo.json.gz", etag: FileObjectStore.etag(of: Data("latest/locomo.json.gz".utf8)), size: 21))
    }

    @Test func deleteRemovesTheObjectAndDeletingAnAbsentOneSucceeds() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try store.delete("never/written.json")
        try store.put("a/b.json", Data("x".utf8), contentType: "application/json", condition: .none)
        try store.delete("a/b.json")
        try store.delete("a/b.json")
        #expect(try store.get("a/b.json") == nil)
        #expect(try store.list(prefix: "").isEmpty)
    }

    @Test(arguments: [
        ("", "it is empty"),
        ("../outside.json", "it has a .. path segment"),
        ("runs/../../outside.json", "it has a .. path segment"),
        ("/etc/passwd", "it starts with /"),
        ("runs//manifest.json", "it has an empty path segment"),
        ("runs/", "it has an empty path segment"),
        ("runs/./m.json", "it has a . path segment"),
        ("runs/.locks/x", "its segment .locks starts with a dot"),
        ("runs/a\u{0}b", "it contains the control character NUL"),
        ("runs/a\nb", "it contains the control character U+000A"),
    ])
    func aKeyThatCouldEscapeTheFolderIsRefusedBeforeAnythingIsTouched(key: String, reason: String) throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let expected = ObjectStoreError.invalidKey(key: key, reason: reason)
        #expect(throws: expected) { try store.put(key, Data("x".utf8), contentType: "application/json", condition: .none) }
        #expect(throws: expected) { try store.get(key) }
        #expect(throws: expected) { try store.head(key) }
        #expect(throws: expected) { try store.delete(key) }
        #expect(!FileManager.default.fileExists(atPath: root.path))
        #expect(!FileManager.default.fileExists(atPath: root.deletingLastPathComponent().appendingPathComponent("outside.json").path))
    }

    @Test func theDefaultStoresAreArchivePrivateAndPublicUnderTheHome() {
        let stores = FileObjectStore.defaults(home: HarnessHome(root: URL(fileURLWithPath: "/h/gb")))
        #expect(stores.private.root.path == "/h/gb/archive/private")
        #expect(stores.public.root.path == "/h/gb/archive/public")
    }

    @Test func aFileURLNamesItsDirectoryAbsoluteOrRelative() throws {
        let base = URL(fileURLWithPath: "/work/repo")
        #expect(try FileObjectStore(url: "file:///srv/bench%20archive/private", relativeTo: base).root.path == "/srv/bench archive/private")
        #expect(try FileObjectStore(url: "file://archive/../shared", relativeTo: base).root.path == "/work/repo/shared")
        #expect(throws: ObjectStoreError.refused(key: "s3://bucket", reason: "a file archive URL starts with file://")) {
            try FileObjectStore(url: "s3://bucket", relativeTo: base)
        }
        #expect(throws: ObjectStoreError.refused(key: "file://", reason: "a file archive URL needs a directory after file://")) {
            try FileObjectStore(url: "file://", relativeTo: base)
        }
    }

    @Test func aKeyThatWouldBeBothAFileAndAFolderIsRefusedNotMangled() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try store.put("a/b", Data("file".utf8), contentType: "text/plain", condition: .none)
        #expect(throws: ObjectStoreError.self) { try store.put("a/b/c", Data("x".utf8), contentType: "text/plain", condition: .none) }
        #expect(try store.get("a/b/c") == nil)
        try store.put("x/y/z", Data("deep".utf8), contentType: "text/plain", condition: .none)
        #expect(throws: ObjectStoreError.self) { try store.put("x/y", Data("x".utf8), contentType: "text/plain", condition: .none) }
        #expect(try store.get("x/y") == nil)
        #expect(try store.list(prefix: "").map(\.key) == ["a/b", "x/y/z"])
    }

    @Test func aTraversingListingPrefixIsRefused() throws {
        #expect(throws: ObjectStoreError.invalidKey(key: "../", reason: "it has a .. path segment")) { try store.list(prefix: "../") }
        #expect(throws: ObjectStoreError.invalidKey(key: "/tmp/", reason: "it starts with /")) { try store.list(prefix: "/tmp/") }
    }

    @Test func theMessageOfARefusedKeyShowsControlCharactersEscaped() {
        #expect(ObjectStoreError.invalidKey(key: "a\u{0}b", reason: "it contains the control character NUL").description
            == "invalid object key \"a\\x00b\": it contains the control character NUL")
    }

    /// Sixteen threads, each with its own store value (its own lock file descriptors, as separate processes would
    /// have), race read-modify-write cycles under If-Match on one counter: every increment must survive.
    @Test func concurrentIfMatchIncrementsLoseNoUpdate() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try store.put("counter", Data("0".utf8), contentType: "text/plain", condition: .none)
        let threads = 16, increments = 20
        onThreads(threads) { _ in
            let mine = FileObjectStore(root: store.root)
            var done = 0
            while done < increments {
                guard let current = try? mine.get("counter"), let value = Int(String(decoding: current.bytes, as: UTF8.self)) else { continue }
                do {
                    try mine.put("counter", Data(String(value + 1).utf8), contentType: "text/plain", condition: .ifMatch(current.etag))
                    done += 1
                } catch {
                    continue
                }
            }
        }
        #expect(try store.get("counter")?.bytes == Data(String(threads * increments).utf8))
    }
}

/// Runs `body(index)` on `count` threads of their own (not a pool capped at the core count, so they really interleave),
/// released together, and waits for all of them.
func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    let start = DispatchSemaphore(value: 0)
    let finished = DispatchGroup()
    for index in 0..<count {
        finished.enter()
        Thread {
            start.wait()
            body(index)
            finished.leave()
        }.start()
    }
    for _ in 0..<count { start.signal() }
    finished.wait()
}
