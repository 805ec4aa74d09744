import Foundation
import Testing
@testable import GitBenchKit

/// `badges/<bench>.json`: the seed's three sources in priority order, its labels and colour thresholds, and git-bench
/// measures shown with their unit and coloured by their verdict.
@Suite struct BadgeTests {
    static let release = ReleaseRow(package: "astrocyte", version: "0.14.0", releasedAt: "2026-05-30",
                                    scores: ["locomo": ReleasedScore(overall: 0.8410, nQuestions: 200, runs: 2),
                                             "longmemeval": ReleasedScore(overall: 0.7250, nQuestions: 30, runs: 2)])

    static func points(_ entries: [ManifestEntry]) -> [TrajectoryPoint] {
        Trajectory(bench: entries.first?.bench ?? "", entries: entries, updatedAt: "2026-05-30T00:00:00Z").runs
    }

    /// LoCoMo's runs plus the two m19 replicates, marked shipped.
    static var curated: [ManifestEntry] {
        ArchiveGolden.locomoEntries + [
            ArchiveGolden.locomo(date: "2026-05-20", uploadedAt: "2026-05-20T10:00:00Z", stage: "m19-b1-run-1", overall: 0.8375,
                                 shipLabel: "m19", shipMarkedAt: "2026-05-21T09:00:00Z"),
            ArchiveGolden.locomo(date: "2026-05-20", uploadedAt: "2026-05-20T12:00:00Z", stage: "m19-b1-run-2", overall: 0.8425,
                                 shipLabel: "m19", shipMarkedAt: "2026-05-21T09:00:00Z"),
        ]
    }

    @Test func theNewestReleaseRowComesFirstAndIsTheGoldenBytes() throws {
        let badge = try #require(Badge.select(bench: "locomo", runs: Self.points(Self.curated), releases: [Self.release]))
        #expect(badge == Badge(label: "LoCoMo (astrocyte v0.14.0)", message: "84.1%", color: "brightgreen", source: .release))
        try ArchiveGolden.check(try badge.encoded(), "badge-locomo.json")
    }

    @Test(.enabled(if: ArchiveJSONTests.python != nil, "needs python3")) func theBadgeGoldenIsWhatPythonsJsonDumpsWrites() throws {
        let golden = String(decoding: try Data(contentsOf: ArchiveGolden.files.directory.appendingPathComponent("badge-locomo.json")), as: UTF8.self)
        #expect(try ArchiveJSONTests.pythonDump(golden) == golden)
        #expect(golden.hasPrefix("{\n  \"color\": ") && golden.contains("\"schemaVersion\": 1"))
    }

    @Test func theNewestReleaseByDateWinsAndOnOneDayTheFirstRow() throws {
        let older = ReleaseRow(package: "astrocyte", version: "v0.13.0", releasedAt: "2026-04-01", scores: ["locomo": ReleasedScore(overall: 0.7, nQuestions: 200, runs: 2)])
        let sibling = ReleaseRow(package: "astrocyte-postgres", version: "0.14.0", releasedAt: "2026-05-30", scores: Self.release.scores)
        let badge = try #require(Badge.select(bench: "locomo", runs: [], releases: [Self.release, older, sibling]))
        #expect(badge.label == "LoCoMo (astrocyte v0.14.0)")
        let onlyOlder = try #require(Badge.select(bench: "locomo", runs: [], releases: [older]))
        #expect(onlyOlder.label == "LoCoMo (astrocyte v0.13.0)" && onlyOlder.message == "70.0%" && onlyOlder.color == "yellowgreen")
        // A release that does not score the bench does not count for it.
        let other = ReleaseRow(package: "astrocyte", version: "0.15.0", releasedAt: "2026-06-30", scores: ["longmemeval": ReleasedScore(overall: 0.8, nQuestions: 30, runs: 1)])
        #expect(try #require(Badge.select(bench: "locomo", runs: [], releases: [Self.release, other])).label == "LoCoMo (astrocyte v0.14.0)")
        #expect(try #require(Badge.select(bench: "longmemeval", runs: [], releases: [Self.release])).label == "LongMemEval (astrocyte v0.14.0)")
    }

    @Test func withoutAReleaseTheNewestShipLabelGroupMeanIsShown() throws {
        let badge = try #require(Badge.select(bench: "locomo", runs: Self.points(Self.curated), releases: []))
        #expect(badge == Badge(label: "LoCoMo (n=200, M19 × 2 runs)", message: "84.0%", color: "brightgreen", source: .shipLabel))
    }

    @Test func aGroupIsAsNewAsItsLatestMarkNotItsRuns() throws {
        // m18b was marked after m19 although its runs are older.
        var entries = Self.curated
        entries[1].shipMarkedAt = "2026-05-22T00:00:00Z"
        let badge = try #require(Badge.select(bench: "locomo", runs: Self.points(entries), releases: []))
        #expect(badge.label == "LoCoMo (n=200, M18b × 1 run)" && badge.message == "83.8%")
        // Unmarked runs date their group by upload time.
        entries[1].shipMarkedAt = nil
        #expect(try #require(Badge.select(bench: "locomo", runs: Self.points(entries), releases: [])).label == "LoCoMo (n=200, M19 × 2 runs)")
    }

    @Test func aGroupWhoseRunsDisagreeOnNPrintsTheRange() throws {
        var entries = Self.curated
        entries[5].nQuestions = 150
        #expect(try #require(Badge.select(bench: "locomo", runs: Self.points(entries), releases: [])).label == "LoCoMo (n=150–200, M19 × 2 runs)")
        entries[4].nQuestions = nil
        entries[5].nQuestions = nil
        #expect(try #require(Badge.select(bench: "locomo", runs: Self.points(entries), releases: [])).label == "LoCoMo (M19 × 2 runs)")
    }

    @Test func withoutCurationTheLatestNonSmokeRunIsShown() throws {
        // The newest run is a smoke run (n_questions 10); the one before it is weekly-ci.
        var entries = ArchiveGolden.locomoEntries
        entries[1].shipLabel = nil
        let badge = try #require(Badge.select(bench: "locomo", runs: Self.points(entries), releases: []))
        #expect(badge == Badge(label: "LoCoMo (n=200, weekly-ci)", message: "77.1%", color: "green", source: .latestRun))
        // A stage naming smoke is smoke too, whatever its n.
        entries.append(ArchiveGolden.locomo(date: "2026-05-11", uploadedAt: "2026-05-11T01:00:00Z", stage: "smoke-full", overall: 0.9))
        #expect(try #require(Badge.select(bench: "locomo", runs: Self.points(entries), releases: [])).label == "LoCoMo (n=200, weekly-ci)")
        // A run without a score is skipped.
        entries.append(ArchiveGolden.locomo(date: "2026-05-12", uploadedAt: "2026-05-12T01:00:00Z", stage: "broken", overall: nil))
        #expect(try #require(Badge.select(bench: "locomo", runs: Self.points(entries), releases: [])).label == "LoCoMo (n=200, weekly-ci)")
    }

    @Test func onlySmokeRunsGiveNoBadge() {
        let smoke = ArchiveGolden.locomo(date: "2026-05-10", uploadedAt: "2026-05-10T01:00:00Z", stage: "nightly-smoke", overall: 0.5, nQuestions: 10)
        #expect(Badge.select(bench: "locomo", runs: Self.points([smoke]), releases: []) == nil)
        #expect(Badge.select(bench: "locomo", runs: [], releases: []) == nil)
    }

    @Test(arguments: [
        (0.80, "brightgreen"), (0.7999, "green"), (0.75, "green"), (0.7499, "yellowgreen"), (0.70, "yellowgreen"), (0.6999, "yellow"),
        (0.65, "yellow"), (0.6499, "orange"), (0.55, "orange"), (0.5499, "red"), (0.0, "red"), (1.0, "brightgreen"),
    ])
    func fractionColoursFollowTheSeedsThresholds(value: Double, color: String) {
        #expect(Badge.color(fraction: value) == color)
    }

    @Test func theColourThresholdsApplyToTheShownBadge() throws {
        var entry = ArchiveGolden.locomo(date: "2026-05-10", uploadedAt: "2026-05-10T01:00:00Z", stage: "weekly-ci", overall: 0.7999)
        #expect(try #require(Badge.select(bench: "locomo", runs: Self.points([entry]), releases: [])).color == "green")
        entry.overall = 0.80
        #expect(try #require(Badge.select(bench: "locomo", runs: Self.points([entry]), releases: [])).color == "brightgreen")
    }

    @Test func percentsHaveOneDecimal() {
        #expect(Badge.percent(0.841) == "84.1%")
        #expect(Badge.percent(0.8) == "80.0%")
        #expect(Badge.percent(1) == "100.0%")
        #expect(Badge.percent(0.05) == "5.0%")
    }

    @Test(arguments: [
        ("PROMOTE", "brightgreen"), ("PASS", "brightgreen"), ("REJECT", "yellow"), ("FAIL", "red"), ("regression", "red"),
        ("REGRESSION", "red"), ("NEEDS_MORE_DATA", "lightgrey"), ("NO_BASELINE", "lightgrey"),
    ])
    func verdictColours(verdict: String, color: String) {
        #expect(Badge.color(verdict: verdict) == color)
    }

    @Test func aGitBenchMeasureShowsItsUnitAndItsLatestVerdictsColour() throws {
        let runs = [
            ArchiveGolden.parse(date: "2026-05-08", uploadedAt: "2026-05-08T15:00:00Z", overall: 0.9, verdict: "REJECT"),
            ArchiveGolden.parse(date: "2026-05-09", uploadedAt: "2026-05-09T15:00:00Z", overall: 0.84, verdict: "PASS"),
        ]
        let badge = try #require(Badge.select(bench: "parse", runs: Self.points(runs), releases: []))
        #expect(badge == Badge(label: "parse (n=30, local-ad-hoc)", message: "0.84 s", color: "brightgreen", source: .latestRun))
        // Not evaluated yet: the bench's latest verdict still colours it.
        let pending = runs + [ArchiveGolden.parse(date: "2026-05-10", uploadedAt: "2026-05-10T15:00:00Z", overall: 0.0421, verdict: nil)]
        #expect(try #require(Badge.select(bench: "parse", runs: Self.points(pending), releases: [])).message == "0.0421 s")
        #expect(try #require(Badge.select(bench: "parse", runs: Self.points(pending), releases: [])).color == "brightgreen")
        let regressed = runs + [ArchiveGolden.parse(date: "2026-05-10", uploadedAt: "2026-05-10T15:00:00Z", overall: 1.2, verdict: "FAIL")]
        #expect(try #require(Badge.select(bench: "parse", runs: Self.points(regressed), releases: [])) ==
            Badge(label: "parse (n=30, local-ad-hoc)", message: "1.2 s", color: "red", source: .latestRun))
        let never = [ArchiveGolden.parse(date: "2026-05-08", uploadedAt: "2026-05-08T15:00:00Z", overall: 12.5, verdict: nil, unit: nil)]
        #expect(try #require(Badge.select(bench: "parse", runs: Self.points(never), releases: [])) ==
            Badge(label: "parse (n=30, local-ad-hoc)", message: "12.5", color: "lightgrey", source: .latestRun))
    }

    @Test func aGitBenchFractionIsAPercentWithTheSeedsColours() throws {
        var entry = ArchiveGolden.parse(date: "2026-05-08", uploadedAt: "2026-05-08T15:00:00Z", overall: 0.72, verdict: "FAIL", unit: nil)
        entry.direction = "maximize"
        let badge = try #require(Badge.select(bench: "parse", runs: Self.points([entry]), releases: []))
        #expect(badge.message == "72.0%" && badge.color == "yellowgreen")
    }

    @Test func measuresKeepThreeSignificantDigits() {
        #expect(Badge.measure(0.84, unit: "s") == "0.84 s")
        #expect(Badge.measure(0.042137, unit: "s") == "0.0421 s")
        #expect(Badge.measure(12.345, unit: "ms") == "12.3 ms")
        #expect(Badge.measure(999.4, unit: nil) == "999")
        #expect(Badge.measure(1234.4, unit: "B") == "1234 B")
        #expect(Badge.measure(0, unit: "s") == "0 s")
        #expect(Badge.measure(-3.14159, unit: "") == "-3.14")
    }

    @Test func displayNamesAreTheSeedsForItsBenchesAndAsWrittenOtherwise() {
        #expect(Badge.displayName(bench: "locomo") == "LoCoMo")
        #expect(Badge.displayName(bench: "longmemeval") == "LongMemEval")
        #expect(Badge.displayName(bench: "parse-json") == "parse-json")
    }
}
