import Foundation
import Testing
@testable import GitBenchKit

/// `TrajectoryRebuild` on real `file://` stores: every day read, lost manifest updates repaired, a corrupt manifest
/// skipped with a warning (its runs recovered from entry objects), and the public files byte for byte the goldens.
@Suite struct TrajectoryRebuildTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("gitbench-trajectory-\(UUID().uuidString)")
    var privateStore: FileObjectStore { FileObjectStore(root: root.appendingPathComponent("private")) }
    var publicStore: FileObjectStore { FileObjectStore(root: root.appendingPathComponent("public")) }
    static let clock: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_778_421_600) } // 2026-05-10T14:00:00Z

    static let parse0507 = ArchiveGolden.parse(date: "2026-05-07", uploadedAt: "2026-05-07T15:00:00Z", overall: 0.9, verdict: "REJECT")
    static let parse0509 = ArchiveGolden.parse(date: "2026-05-09", uploadedAt: "2026-05-09T15:00:00Z", overall: 0.86, verdict: "PASS")
    static let parse0511 = ArchiveGolden.parse(date: "2026-05-11", uploadedAt: "2026-05-11T15:00:00Z", overall: 0.84, verdict: "PASS")

    /// The archive the rebuild tests start from:
    /// - 2026-05-07: a manifest the seed's Python wrote (no entry objects);
    /// - 2026-05-08: two runs recorded normally;
    /// - 2026-05-09: one run recorded, one whose manifest update was lost (entry object only);
    /// - 2026-05-10: an entry object and no manifest at all;
    /// - 2026-05-11: a run recorded, then its manifest spoilt;
    /// - `runs/notaday/`: a stray folder.
    func makeArchive() throws {
        let updater = DayManifestUpdater(store: privateStore, now: DayManifestUpdaterTests.clock)
        let locomo = ArchiveGolden.locomoEntries
        let python = DayManifest(date: "2026-05-07", runs: [Self.parse0507], updatedAt: "2026-05-07T15:00:01Z")
        try privateStore.put("runs/2026-05-07/manifest.json", try python.encoded(), contentType: "application/json", condition: .none)
        try updater.record(locomo[1])
        try updater.record(locomo[3])
        try updater.record(locomo[0])
        try updater.writeEntry(Self.parse0509)
        try updater.writeEntry(locomo[2])
        try updater.record(Self.parse0511)
        try privateStore.put("runs/2026-05-11/manifest.json", Data("{\"date\": \"2026-05-11\", \"runs\": [".utf8), contentType: "application/json", condition: .none)
        try privateStore.put("runs/notaday/readme.txt", Data("x".utf8), contentType: "text/plain", condition: .none)
    }

    var rebuild: TrajectoryRebuild {
        TrajectoryRebuild(privateStore: privateStore, publicStore: publicStore, releases: [BadgeTests.release], now: Self.clock)
    }

    @Test func aRebuildWritesEveryBenchsTrajectoryAndBadgeRepairingLostManifestUpdates() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try makeArchive()
        let summary = try rebuild.run()
        #expect(summary.daysRead == 5)
        #expect(summary.daysRepaired == ["2026-05-09", "2026-05-10"])
        #expect(summary.entries == 7)
        #expect(summary.benches == ["locomo", "parse"])
        #expect(summary.keysWritten == ["badges/locomo.json", "badges/longmemeval.json", "badges/parse.json", "trajectory/locomo.json", "trajectory/parse.json"])
        #expect(summary.benchesWithoutBadge.isEmpty)
        #expect(summary.warnings.count == 2)
        #expect(summary.warnings.contains("ignored runs/notaday/: not a YYYY-MM-DD day folder"))
        #expect(summary.warnings.contains { $0.hasPrefix("corrupt manifest skipped (invalid archive object runs/2026-05-11/manifest.json at $: not JSON") && $0.hasSuffix("the day's runs were read from its 1 entry object(s)") })

        try ArchiveGolden.check(try #require(try publicStore.get("trajectory/locomo.json")).bytes, "trajectory-locomo.json")
        try ArchiveGolden.check(try #require(try publicStore.get("badges/locomo.json")).bytes, "badge-locomo.json")
        let parse = try Trajectory.decode(try #require(try publicStore.get("trajectory/parse.json")).bytes, key: "trajectory/parse.json")
        #expect(parse.runs.map(\.date) == ["2026-05-07", "2026-05-09", "2026-05-11"])
        #expect(parse.updatedAt == "2026-05-10T14:00:00Z")
        let parseBadge = String(decoding: try #require(try publicStore.get("badges/parse.json")).bytes, as: UTF8.self)
        #expect(parseBadge.contains(#""message": "0.84 s""#) && parseBadge.contains(#""color": "brightgreen""#))
        let longmemeval = String(decoding: try #require(try publicStore.get("badges/longmemeval.json")).bytes, as: UTF8.self)
        #expect(longmemeval.contains(#""label": "LongMemEval (astrocyte v0.14.0)""#) && longmemeval.contains(#""message": "72.5%""#))

        // The lost update and the missing manifest are repaired in the private store; the corrupt one is left as found.
        let repaired = try DayManifest.decode(try #require(try privateStore.get("runs/2026-05-09/manifest.json")).bytes, key: "m")
        #expect(repaired.runs.map(\.resultKey) == [ArchiveGolden.locomoEntries[0].resultKey, Self.parse0509.resultKey])
        #expect(repaired.updatedAt == "2026-05-10T14:00:00Z")
        #expect(try DayManifest.decode(try #require(try privateStore.get("runs/2026-05-10/manifest.json")).bytes, key: "m").runs.count == 1)
        #expect(try privateStore.get("runs/2026-05-11/manifest.json")?.bytes == Data("{\"date\": \"2026-05-11\", \"runs\": [".utf8))
    }

    @Test func aSecondRebuildRepairsNothingAndWritesTheSameBytes() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try makeArchive()
        _ = try rebuild.run()
        let first = try publicStore.list(prefix: "")
        let again = try rebuild.run()
        #expect(again.daysRepaired.isEmpty)
        #expect(try publicStore.list(prefix: "") == first)
    }

    @Test func collectingWithoutRepairWritesNothingButSeesEveryRun() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try makeArchive()
        let before = try privateStore.list(prefix: "")
        let runs = try rebuild.collect(repair: false)
        #expect(try privateStore.list(prefix: "") == before)
        #expect(runs.entries.count == 7 && runs.daysRead == 5 && runs.daysRepaired.isEmpty)
        #expect(Set(runs.entries.map(\.resultKey)).contains(Self.parse0509.resultKey))
        #expect(try publicStore.list(prefix: "").isEmpty)
    }

    @Test func aCorruptEntryObjectIsSkippedWithAWarning() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let updater = DayManifestUpdater(store: privateStore, now: Self.clock)
        try updater.record(Self.parse0509)
        let orphan = try ArchiveKey.entry(date: "2026-05-09", resultKey: "runs/2026-05-09/x/parse/results-20260509T000000Z-dirty.json.gz")
        try privateStore.put(orphan, Data("{}".utf8), contentType: "application/json", condition: .none)
        let summary = try rebuild.run()
        #expect(summary.entries == 1 && summary.daysRepaired.isEmpty)
        #expect(summary.warnings == ["could not repair runs/2026-05-09/manifest.json: invalid archive object \(orphan) at $.date: missing",
                                     "corrupt entry object skipped (invalid archive object \(orphan) at $.date: missing)"])
    }

    @Test func anEmptyArchiveWritesOnlyReleaseBadges() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let summary = try rebuild.run()
        #expect(summary.daysRead == 0 && summary.entries == 0 && summary.benches.isEmpty)
        #expect(summary.keysWritten == ["badges/locomo.json", "badges/longmemeval.json"])
        let bare = try TrajectoryRebuild(privateStore: privateStore, publicStore: publicStore, now: Self.clock).run()
        #expect(bare.keysWritten.isEmpty)
    }

    @Test func aBenchNameNoKeyCanHoldIsSkippedWithAWarningAndTheOthersWritten() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        var foreign = ArchiveGolden.locomoEntries[0]
        foreign.bench = "Lo Como"
        try DayManifestUpdater(store: privateStore, now: Self.clock).record(foreign)
        try DayManifestUpdater(store: privateStore, now: Self.clock).record(ArchiveGolden.locomoEntries[3])
        let typo = ReleaseRow(package: "astrocyte", version: "0.14.0", releasedAt: "2026-05-30", scores: ["long/memeval": ReleasedScore(overall: 0.7, nQuestions: 30, runs: 2)])
        let summary = try TrajectoryRebuild(privateStore: privateStore, publicStore: publicStore, releases: [typo], now: Self.clock).run()
        #expect(summary.keysWritten == ["badges/locomo.json", "trajectory/locomo.json"])
        #expect(summary.warnings == [
            "skipped bench \"Lo Como\" (1 run(s)): invalid bench \"Lo Como\": only letters, digits, '.', '_', '+' and '-' are allowed",
            "skipped bench \"long/memeval\" (0 run(s)): invalid bench \"long/memeval\": only letters, digits, '.', '_', '+' and '-' are allowed",
        ])
    }

    @Test func aBenchWithOnlySmokeRunsGetsATrajectoryButNoBadge() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try DayManifestUpdater(store: privateStore, now: Self.clock).record(ArchiveGolden.locomoEntries[2])
        let summary = try TrajectoryRebuild(privateStore: privateStore, publicStore: publicStore, now: Self.clock).run()
        #expect(summary.keysWritten == ["trajectory/locomo.json"] && summary.benchesWithoutBadge == ["locomo"])
    }

    @Test(.enabled(if: ArchiveJSONTests.python != nil, "needs python3")) func pythonReadsTheWrittenTrajectory() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try makeArchive()
        _ = try rebuild.run()
        for key in ["trajectory/locomo.json", "trajectory/parse.json", "badges/locomo.json"] {
            let path = publicStore.url(of: key).path
            let result = try runProcess("/usr/bin/env", ["python3", "-c", "import json,sys; d = json.load(open(sys.argv[1])); print(sorted(d))", path])
            #expect(result.status == 0, "\(key): \(result.stderr)")
            #expect(result.stdout == (key.hasPrefix("badges") ? "['color', 'label', 'message', 'schemaVersion']\n" : "['bench', 'runs', 'updated_at']\n"))
        }
    }

    /// A third of the issue's year (the full figure comes from git-bench-trajectory-perf in a release build, since
    /// writing the synthetic archive is what takes long in a debug build). Prints the time; asserts only the counts.
    @Test func monthsOfManifestsAreRebuilt() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let written = try TrajectoryYear.write(days: 120, runsPerDay: 10, into: root.appendingPathComponent("private"))
        let start = Date()
        let summary = try TrajectoryRebuild(privateStore: privateStore, publicStore: publicStore, now: Self.clock).run()
        print("rebuild of \(summary.daysRead) days × 10 runs on file:// took \(String(format: "%.3f", Date().timeIntervalSince(start))) s (debug build)")
        #expect(summary.daysRead == 120 && summary.entries == written && summary.daysRepaired.isEmpty && summary.warnings.isEmpty)
        #expect(summary.benches == ["locomo", "longmemeval"])
    }
}

/// A synthetic year of archive, written straight to a `file://` store's folder (its layout is key = path).
enum TrajectoryYear {
    static func write(days: Int, runsPerDay: Int, into folder: URL) throws -> Int {
        var count = 0
        let base = Date(timeIntervalSince1970: 1_767_225_600) // 2026-01-01
        for day in 0..<days {
            let date = ArchiveKey.day(of: base.addingTimeInterval(Double(day) * 86_400))
            var runs: [ManifestEntry] = []
            for index in 0..<runsPerDay {
                let bench = index % 2 == 0 ? "locomo" : "longmemeval"
                let stamp = date.replacingOccurrences(of: "-", with: "") + String(format: "T%02d0000Z", index)
                var entry = ManifestEntry(date: date, stage: "weekly-ci", bench: bench, sha: "1a2b3c4", harness: "mem0_harness",
                                          uploadedAt: "\(date)T\(String(format: "%02d", index)):00:00Z",
                                          resultKey: "runs/\(date)/weekly-ci/\(bench)/results-\(stamp)-1a2b3c4.json.gz",
                                          overall: 0.6 + Double(index) / 50, categories: ["single-hop": 0.8, "multi-hop": 0.4, "temporal": 0.3, "open-domain": 0.75],
                                          nQuestions: 200, judge: "llm", model: "gpt-4o-mini")
                entry.cutoff = "top_20"
                runs.append(entry)
                try put(Data(repeating: 0x1f, count: 2048), key: entry.resultKey, in: folder)
                try put(try entry.encoded(), key: try ArchiveKey.entry(date: date, resultKey: entry.resultKey), in: folder)
                count += 1
            }
            try put(try DayManifest(date: date, runs: runs, updatedAt: "\(date)T23:00:00Z").encoded(), key: try ArchiveKey.manifest(date: date), in: folder)
        }
        return count
    }

    private static func put(_ bytes: Data, key: String, in folder: URL) throws {
        let url = folder.appendingPathComponent(key)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try bytes.write(to: url)
    }
}
