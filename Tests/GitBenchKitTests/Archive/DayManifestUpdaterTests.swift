import Foundation
import Testing
@testable import GitBenchKit

/// `DayManifestUpdater` on a real `file://` store.
@Suite struct DayManifestUpdaterTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("gitbench-day-\(UUID().uuidString)")
    var store: FileObjectStore { FileObjectStore(root: root) }
    static let clock: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_778_252_401) } // 2026-05-08T15:00:01Z

    static func entry(_ index: Int) -> ManifestEntry {
        var entry = DayManifestTests.gitBenchEntry
        entry.uploadedAt = String(format: "2026-05-08T15:%02d:00Z", index % 60)
        entry.resultKey = "runs/2026-05-08/local-ad-hoc/parse/results-20260508T1455\(String(format: "%02d", index))Z-dirty.json.gz"
        entry.runSetID = "bench_0a1b2c3d_20260508_1455\(String(format: "%02d", index))"
        return entry
    }

    @Test func recordingTwoRunsWritesTheGoldenManifestAndOneEntryObjectEach() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let updater = DayManifestUpdater(store: store, now: Self.clock)
        try updater.record(DayManifestTests.gitBenchEntry)
        try updater.record(DayManifestTests.mem0Entry)
        #expect(try store.get("runs/2026-05-08/manifest.json")?.bytes == (try DayManifestTests.golden("day-manifest.json")))
        let entries = try store.list(prefix: "runs/2026-05-08/entries/")
        #expect(entries.count == 2)
        let own = try ArchiveKey.entry(date: "2026-05-08", resultKey: DayManifestTests.gitBenchEntry.resultKey)
        #expect(try store.get(own)?.bytes == (try DayManifestTests.golden("manifest-entry.json")))
    }

    @Test func updatedAtIsTheSeedsUTCSecond() {
        #expect(DayManifestUpdater.timestamp(ArchiveKeyTests.startedAt) == "2026-05-08T14:03:09Z")
    }

    @Test func recordingTheSameRunAgainWritesNothing() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try DayManifestUpdater(store: store, now: Self.clock).record(DayManifestTests.gitBenchEntry)
        let before = try #require(try store.get("runs/2026-05-08/manifest.json"))
        let later = DayManifestUpdater(store: store, now: { Date(timeIntervalSince1970: 1_778_260_000) })
        try later.record(DayManifestTests.gitBenchEntry)
        #expect(try store.get("runs/2026-05-08/manifest.json") == before)
    }

    @Test func anEntryWhoseManifestUpdateWasLostIsMergedByTheNextUpdate() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let updater = DayManifestUpdater(store: store, now: Self.clock)
        try updater.record(Self.entry(1))
        // A writer that created its entry object and died (or lost a race on a store without atomic conditional writes).
        let orphan = Self.entry(2)
        try updater.writeEntry(orphan)
        try updater.writeEntry(orphan)
        #expect(try DayManifest.decode(#require(try store.get("runs/2026-05-08/manifest.json")).bytes, key: "m").runs.count == 1)
        let repaired = try updater.merge(date: "2026-05-08")
        #expect(repaired.runs.map(\.resultKey) == [Self.entry(1).resultKey, orphan.resultKey])
        #expect(try DayManifest.decode(#require(try store.get("runs/2026-05-08/manifest.json")).bytes, key: "m") == repaired)
    }

    @Test func aManifestThatIsNotTheArchivesIsRefusedNotOverwritten() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try store.put("runs/2026-05-08/manifest.json", Data("[1, 2]".utf8), contentType: "application/json", condition: .none)
        #expect(throws: ArchiveError.invalidObject(key: "runs/2026-05-08/manifest.json", at: "$", reason: "expected an object")) {
            try DayManifestUpdater(store: store, now: Self.clock).record(Self.entry(1))
        }
        #expect(try store.get("runs/2026-05-08/manifest.json")?.bytes == Data("[1, 2]".utf8))
    }

    /// Sixteen archivers on one day at once, each with its own store value and so its own lock descriptors, as
    /// separate processes would have: afterwards the manifest holds every run.
    @Test func sixteenConcurrentWritersOnOneDayLoseNoRun() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let root = self.root
        let failures = Failures()
        onThreads(16) { index in
            do {
                try DayManifestUpdater(store: FileObjectStore(root: root), now: Self.clock).record(Self.entry(index))
            } catch {
                failures.add("\(index): \(error)")
            }
        }
        #expect(failures.all == [])
        let manifest = try DayManifest.decode(#require(try store.get("runs/2026-05-08/manifest.json")).bytes, key: "m")
        #expect(Set(manifest.runs.map(\.resultKey)) == Set((0..<16).map { Self.entry($0).resultKey }))
        #expect(manifest.runs.count == 16)
        #expect(try store.list(prefix: "runs/2026-05-08/entries/").count == 16)
    }
}

/// The same race between real processes (`git-bench-archive-writer`), each recording several runs, released together.
@Suite struct DayManifestProcessRaceTests {
    @Test func sixteenArchiverProcessesOnOneDayLoseNoRun() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("gitbench-race-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let archive = root.appendingPathComponent("archive")
        let go = root.appendingPathComponent("go")
        let writer = URL(fileURLWithPath: BenchFixture.binary).deletingLastPathComponent().appendingPathComponent("git-bench-archive-writer")
        let processes = 16, runsEach = 6
        var children: [(Process, URL)] = []
        for index in 0..<processes {
            let process = Process()
            process.executableURL = writer
            process.arguments = [archive.path, go.path, String(index * runsEach), String(runsEach)]
            let log = root.appendingPathComponent("stderr-\(index)")
            FileManager.default.createFile(atPath: log.path, contents: nil)
            process.standardError = try FileHandle(forWritingTo: log)
            try process.run()
            children.append((process, log))
        }
        FileManager.default.createFile(atPath: go.path, contents: nil)
        for (process, log) in children {
            process.waitUntilExit()
            let stderr = String(decoding: try Data(contentsOf: log), as: UTF8.self)
            #expect(process.terminationStatus == 0, "\(stderr)")
        }
        let store = FileObjectStore(root: archive)
        let manifest = try DayManifest.decode(#require(try store.get("runs/2026-05-08/manifest.json")).bytes, key: "m")
        #expect(manifest.runs.count == processes * runsEach)
        #expect(Set(manifest.runs.map(\.overall)) == Set((0..<(processes * runsEach)).map { Double($0) / 1000 }))
        #expect(try store.list(prefix: "runs/2026-05-08/entries/").count == processes * runsEach)
    }
}

/// Errors collected from several threads.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []

    func add(_ item: String) { lock.withLock { items.append(item) } }
    var all: [String] { lock.withLock { items } }
}
