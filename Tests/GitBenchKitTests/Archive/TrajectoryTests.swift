import Foundation
import Testing
@testable import GitBenchKit

/// Golden files of the public artifacts (trajectory, badge, Markdown view). `GIT_BENCH_UPDATE_GOLDEN=1` rewrites them
/// (review the diff, then rerun without it).
enum ArchiveGolden {
    static let files = GoldenFiles("archive-golden")

    static func check(_ actual: Data, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try files.check(actual, name, sourceLocation: sourceLocation)
    }

    /// A LoCoMo run as the Mem0 harness archives it.
    static func locomo(date: String, uploadedAt: String, stage: String, overall: Double?, nQuestions: Int? = 200,
                       categories: [String: Double] = [:], shipLabel: String? = nil, shipMarkedAt: String? = nil) -> ManifestEntry {
        let time = uploadedAt.dropFirst(11).replacingOccurrences(of: ":", with: "").dropLast()
        var entry = ManifestEntry(date: date, stage: stage, bench: "locomo", sha: "1a2b3c4", harness: "mem0_harness", uploadedAt: uploadedAt,
                                  resultKey: "runs/\(date)/\(stage)/locomo/results-\(date.replacingOccurrences(of: "-", with: ""))T\(time)Z-1a2b3c4.json.gz",
                                  overall: overall, categories: categories, nQuestions: nQuestions, judge: "llm", model: "gpt-4o-mini")
        entry.shipLabel = shipLabel
        entry.shipMarkedAt = shipMarkedAt
        return entry
    }

    /// A git-bench run set of a benchmark measured in seconds.
    static func parse(date: String, uploadedAt: String, overall: Double, verdict: String?, unit: String? = "s") -> ManifestEntry {
        var entry = DayManifestTests.gitBenchEntry
        entry.date = date
        entry.uploadedAt = uploadedAt
        entry.resultKey = "runs/\(date)/local-ad-hoc/parse/results-\(date.replacingOccurrences(of: "-", with: ""))T\(uploadedAt.dropFirst(11).replacingOccurrences(of: ":", with: "").dropLast())Z-dirty.json.gz"
        entry.overall = overall
        entry.verdict = verdict
        entry.unit = unit
        return entry
    }

    /// Four LoCoMo runs over three days (one with a ship label, one a smoke run), handed over out of order.
    static var locomoEntries: [ManifestEntry] {
        [
            locomo(date: "2026-05-09", uploadedAt: "2026-05-09T08:00:00Z", stage: "weekly-ci", overall: 0.7712,
                   categories: ["single-hop": 0.82, "multi-hop": 0.41, "temporal": 0.3, "open-domain": 0.8]),
            locomo(date: "2026-05-08", uploadedAt: "2026-05-08T14:03:09Z", stage: "m18b-b1-dp-rrf-run-1", overall: 0.8375,
                   categories: ["single-hop": 0.9, "multi-hop": 0.4, "temporal": 1.0, "open-domain": 0.8125], shipLabel: "m18b",
                   shipMarkedAt: "2026-05-09T10:00:00Z"),
            locomo(date: "2026-05-10", uploadedAt: "2026-05-10T01:00:00Z", stage: "nightly-smoke", overall: 0.5, nQuestions: 10),
            locomo(date: "2026-05-08", uploadedAt: "2026-05-08T09:00:00Z", stage: "pr2-d55-gate", overall: 0.68,
                   categories: ["single-hop": 0.74, "multi-hop": 0.4, "temporal": 0.27, "adversarial": 0.5]),
        ]
    }
}

/// `trajectory/<bench>.json`: the seed's shape, sorted, only allow-listed keys, and read back as written.
@Suite struct TrajectoryTests {
    static let updatedAt = "2026-05-10T14:00:00Z"

    @Test func theTrajectoryIsTheGoldenBytesSortedByDateThenUploadTime() throws {
        let trajectory = Trajectory(bench: "locomo", entries: ArchiveGolden.locomoEntries, updatedAt: Self.updatedAt)
        #expect(trajectory.runs.map(\.stage) == ["pr2-d55-gate", "m18b-b1-dp-rrf-run-1", "weekly-ci", "nightly-smoke"])
        try ArchiveGolden.check(try trajectory.encoded(), "trajectory-locomo.json")
    }

    @Test(.enabled(if: ArchiveJSONTests.python != nil, "needs python3")) func theGoldenIsWhatPythonsJsonDumpsWrites() throws {
        let golden = String(decoding: try Data(contentsOf: ArchiveGolden.files.directory.appendingPathComponent("trajectory-locomo.json")), as: UTF8.self)
        #expect(try ArchiveJSONTests.pythonDump(golden) == golden)
    }

    @Test func equalTimestampsAreOrderedByResultKey() {
        var a = ArchiveGolden.locomo(date: "2026-05-08", uploadedAt: "2026-05-08T09:00:00Z", stage: "b-stage", overall: 0.7)
        var b = a
        a.resultKey = "runs/2026-05-08/b-stage/locomo/results-2.json.gz"
        b.resultKey = "runs/2026-05-08/b-stage/locomo/results-1.json.gz"
        let trajectory = Trajectory(bench: "locomo", entries: [a, b], updatedAt: Self.updatedAt)
        #expect(trajectory.runs.map(\.resultKey) == [b.resultKey, a.resultKey])
    }

    @Test func aRunListedTwiceAppearsOnce() {
        let entry = ArchiveGolden.locomoEntries[0]
        #expect(Trajectory(bench: "locomo", entries: [entry, entry], updatedAt: Self.updatedAt).runs.count == 1)
    }

    @Test func onlyTheAllowListedKeysArePublished() throws {
        var entry = DayManifestTests.mem0Entry
        entry.other = ["r2_secret_access_key": .string("hunter2"), "notes": .string("internal")]
        let text = String(decoding: try Trajectory(bench: "locomo", entries: [entry], updatedAt: Self.updatedAt).encoded(), as: UTF8.self)
        for hidden in ["hunter2", "r2_secret_access_key", "internal", "ship_rationale", "B1-dp+RRF ships", "gpt-4o-mini", "top_20", "project_name", "run_id"] {
            #expect(!text.contains(hidden), "\(hidden) leaked into the public trajectory")
        }
        #expect(text.contains(#""ship_label": "m18b""#))
        guard case .object(let run)? = try { () throws -> ArchiveJSON? in
            guard case .object(let top) = try ArchiveJSON.parse(Data(text.utf8)), case .array(let runs)? = top["runs"] else { return nil }
            return runs.first
        }() else { Issue.record("no run"); return }
        #expect(Set(run.keys) == ["date", "stage", "sha", "overall", "categories", "n_questions", "judge", "result_key", "uploaded_at", "harness",
                                  "ship_label", "ship_marked_at"])
    }

    @Test func gitBenchRunsCarryTheirRunSetKeys() throws {
        let trajectory = Trajectory(bench: "parse", entries: [DayManifestTests.gitBenchEntry], updatedAt: Self.updatedAt)
        let point = try #require(trajectory.runs.first)
        #expect(point.runSetID == "bench_0a1b2c3d_20260508_145500" && point.unit == "s" && point.verdict == "PASS" && point.n == 30)
        #expect(point.host == "ci-runner-1" && point.project == "demo" && point.benchmark == "parse" && point.direction == "lower")
    }

    @Test func allGivesOneTrajectoryPerBenchInNameOrder() {
        let entries = ArchiveGolden.locomoEntries + [DayManifestTests.gitBenchEntry]
        let all = Trajectory.all(from: entries, updatedAt: Self.updatedAt)
        #expect(all.map(\.bench) == ["locomo", "parse"])
        #expect(all.map(\.runs.count) == [4, 1])
    }

    @Test func decodingWhatWasWrittenGivesItBack() throws {
        let trajectory = Trajectory.all(from: ArchiveGolden.locomoEntries + [DayManifestTests.gitBenchEntry], updatedAt: Self.updatedAt)
        for one in trajectory {
            #expect(try Trajectory.decode(try one.encoded(), key: "trajectory/\(one.bench).json") == one)
        }
    }

    @Test func aMalformedTrajectoryIsRefusedNamingTheKeyPath() {
        let key = "trajectory/locomo.json"
        #expect(throws: ArchiveError.invalidObject(key: key, at: "runs[0].result_key", reason: "missing")) {
            try Trajectory.decode(Data(#"{"bench": "locomo", "updated_at": "t", "runs": [{"date": "d", "stage": "s", "sha": "x", "harness": "h", "uploaded_at": "t"}]}"#.utf8), key: key)
        }
        #expect(throws: ArchiveError.invalidObject(key: key, at: "runs[0].categories.temporal", reason: "expected a number")) {
            try Trajectory.decode(Data(#"{"bench": "locomo", "updated_at": "t", "runs": [{"date": "d", "stage": "s", "sha": "x", "harness": "h", "uploaded_at": "t", "result_key": "k", "categories": {"temporal": "high"}}]}"#.utf8), key: key)
        }
        #expect(throws: ArchiveError.invalidObject(key: key, at: "bench", reason: "expected a string")) {
            try Trajectory.decode(Data(#"{"runs": []}"#.utf8), key: key)
        }
    }

    @Test func metricKindAndSmokeFollowTheDocumentedRules() {
        let run = TrajectoryPoint(ArchiveGolden.locomoEntries[0])
        #expect(run.metricKind == .fraction && !run.isSmoke)
        #expect(TrajectoryPoint(ArchiveGolden.locomoEntries[2]).isSmoke)
        var smokeStage = run
        smokeStage.stage = "PR-Smoke-1"
        smokeStage.nQuestions = 200
        #expect(smokeStage.isSmoke)
        var thirty = run
        thirty.nQuestions = 30
        #expect(!thirty.isSmoke)

        var parse = TrajectoryPoint(DayManifestTests.gitBenchEntry)
        #expect(parse.metricKind == .measure(unit: "s"))
        parse.unit = nil
        #expect(parse.metricKind == .measure(unit: nil)) // direction "lower"
        parse.direction = "maximize"
        #expect(parse.metricKind == .fraction)
        parse.overall = 12.5
        #expect(parse.metricKind == .measure(unit: nil))
        // A harness result is an accuracy whatever its number.
        var harness = run
        harness.overall = 1.5
        #expect(harness.metricKind == .fraction)
    }
}
