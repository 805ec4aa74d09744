import Foundation
import Testing
@testable import GitBenchKit

/// The day's manifest and its entries: the seed's JSON byte for byte (pinned by golden files), nothing lost when read
/// and written back, and many archivers on one day all ending up in it.
@Suite struct DayManifestTests {
    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/archive", isDirectory: true)

    static func golden(_ name: String) throws -> Data {
        try Data(contentsOf: goldenDirectory.appendingPathComponent(name))
    }

    /// A Mem0-harness run with a ship label.
    static var mem0Entry: ManifestEntry {
        var entry = ManifestEntry(date: "2026-05-08", stage: "m18b-b1-dp-rrf-run-1", bench: "locomo", sha: "1a2b3c4", harness: "mem0_harness",
                                  uploadedAt: "2026-05-08T14:03:09Z",
                                  resultKey: "runs/2026-05-08/m18b-b1-dp-rrf-run-1/locomo/results-20260508T140309Z-1a2b3c4.json.gz",
                                  overall: 0.8375, categories: ["single-hop": 0.9, "multi-hop": 0.4, "temporal": 1.0, "open-domain": 0.8125],
                                  nQuestions: 200, judge: "llm", model: "gpt-4o-mini")
        entry.cutoff = "top_20"
        entry.projectName = "astrocyte-m18b-b1-dp-rrf-run-1"
        entry.runID = "run-1"
        entry.shipLabel = "m18b"
        entry.shipMarkedAt = "2026-05-09T10:00:00Z"
        entry.shipRationale = "B1-dp+RRF ships"
        return entry
    }

    /// A git-bench run set on a dirty tree, with a verdict and a unit.
    static var gitBenchEntry: ManifestEntry {
        var entry = ManifestEntry(date: "2026-05-08", stage: "local-ad-hoc", bench: "parse", sha: "dirty", harness: "git-bench",
                                  uploadedAt: "2026-05-08T15:00:00Z",
                                  resultKey: "runs/2026-05-08/local-ad-hoc/parse/results-20260508T145500Z-dirty.json.gz",
                                  overall: 0.0421, categories: [:], nQuestions: nil, judge: nil, model: nil)
        entry.project = "demo"
        entry.benchmark = "parse"
        entry.runSetID = "bench_0a1b2c3d_20260508_145500"
        entry.host = "ci-runner-1"
        entry.n = 30
        entry.unit = "s"
        entry.direction = "lower"
        entry.verdict = "PASS"
        return entry
    }

    static var manifest: DayManifest {
        DayManifest(date: "2026-05-08", runs: [mem0Entry, gitBenchEntry], updatedAt: "2026-05-08T15:00:01Z")
    }

    @Test func theManifestIsTheGoldenBytes() throws {
        #expect(String(decoding: try Self.manifest.encoded(), as: UTF8.self) == String(decoding: try Self.golden("day-manifest.json"), as: UTF8.self))
    }

    @Test func anEntryObjectIsTheGoldenBytes() throws {
        #expect(String(decoding: try Self.gitBenchEntry.encoded(), as: UTF8.self) == String(decoding: try Self.golden("manifest-entry.json"), as: UTF8.self))
    }

    @Test(.enabled(if: ArchiveJSONTests.python != nil, "needs python3")) func theGoldenIsWhatPythonsJsonDumpsWrites() throws {
        let golden = String(decoding: try Self.golden("day-manifest.json"), as: UTF8.self)
        #expect(try ArchiveJSONTests.pythonDump(golden) == golden)
    }

    @Test func readingAndWritingBackChangesNoByteAndKeepsForeignKeys() throws {
        var foreign = Self.mem0Entry
        foreign.other = ["wall_seconds": .float(12.5), "tags": .array([.string("nightly")])]
        let manifest = DayManifest(date: "2026-05-08", runs: [foreign, Self.gitBenchEntry], updatedAt: "2026-05-08T15:00:01Z")
        let bytes = try manifest.encoded()
        let read = try DayManifest.decode(bytes, key: "runs/2026-05-08/manifest.json")
        #expect(read == manifest)
        #expect(try read.encoded() == bytes)
    }

    @Test func aMalformedManifestIsRefusedNamingTheKeyPath() {
        let key = "runs/2026-05-08/manifest.json"
        #expect(throws: ArchiveError.invalidObject(key: key, at: "runs[0].result_key", reason: "missing")) {
            try DayManifest.decode(Data(#"{"date": "2026-05-08", "runs": [{"date": "d", "stage": "s", "bench": "b", "sha": "x", "harness": "h", "uploaded_at": "t"}], "updated_at": "t"}"#.utf8), key: key)
        }
        #expect(throws: ArchiveError.invalidObject(key: key, at: "runs[0].n_questions", reason: "expected an integer")) {
            var entry = Self.mem0Entry.json
            if case .object(var members) = entry { members["n_questions"] = .string("200"); entry = .object(members) }
            let text = try ArchiveJSON.object(["date": .string("2026-05-08"), "runs": .array([entry]), "updated_at": .string("t")]).pythonText()
            try DayManifest.decode(Data(text.utf8), key: key)
        }
        #expect(throws: ArchiveError.invalidObject(key: key, at: "$", reason: "not JSON (expected a key at byte 1)")) { try DayManifest.decode(Data("{".utf8), key: key) }
    }

    @Test func mergingKeepsTheManifestsVersionOfARunAndOrdersByUploadTime() {
        var relabelled = Self.gitBenchEntry
        relabelled.shipLabel = "v1"
        let base = DayManifest(date: "2026-05-08", runs: [relabelled], updatedAt: "t")
        let merged = base.merged(with: [Self.gitBenchEntry, Self.mem0Entry])
        #expect(merged.runs == [Self.mem0Entry, relabelled])
    }
}
