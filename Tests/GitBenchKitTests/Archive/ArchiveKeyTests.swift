import Foundation
import Testing
@testable import GitBenchKit

/// The seed's object layout, with every name that goes into a key checked.
@Suite struct ArchiveKeyTests {
    /// 2026-05-08T14:03:09Z.
    static let startedAt = Date(timeIntervalSince1970: 1_778_248_989)

    @Test func keysFollowTheSeedsLayout() throws {
        #expect(try ArchiveKey.result(startedAt: Self.startedAt, stage: "pr2-d.5.5c-fix", bench: "locomo", sha7: "1a2b3c4")
            == "runs/2026-05-08/pr2-d.5.5c-fix/locomo/results-20260508T140309Z-1a2b3c4.json.gz")
        #expect(try ArchiveKey.manifest(date: "2026-05-08") == "runs/2026-05-08/manifest.json")
        #expect(try ArchiveKey.latest(bench: "longmemeval") == "latest/longmemeval.json.gz")
        #expect(try ArchiveKey.trajectory(bench: "locomo") == "trajectory/locomo.json")
        #expect(try ArchiveKey.badge(bench: "locomo") == "badges/locomo.json")
        let resultKey = "runs/2026-05-08/s/locomo/results-20260508T140309Z-dirty.json.gz"
        let entry = try ArchiveKey.entry(date: "2026-05-08", resultKey: resultKey)
        #expect(entry == "runs/2026-05-08/entries/\(ContentDigest(of: Data(resultKey.utf8)).hex).json")
        #expect(ArchiveKey.isEntry(entry, date: "2026-05-08"))
        #expect(!ArchiveKey.isEntry(entry, date: "2026-05-09"))
        #expect(!ArchiveKey.isEntry("runs/2026-05-08/entries/locomo/results-x.json", date: "2026-05-08"))
    }

    @Test func theShortShaIsSevenHexDigitsOrDirty() throws {
        #expect(try ArchiveKey.sha7(commit: "1A2B3C4D5E6F", dirty: false) == "1a2b3c4")
        #expect(try ArchiveKey.sha7(commit: "1a2b3c4d5e6f", dirty: true) == "dirty")
        #expect(throws: ArchiveError.invalidName(kind: "commit", value: "1a2b", reason: "expected at least 7 hex digits")) {
            try ArchiveKey.sha7(commit: "1a2b", dirty: false)
        }
        #expect(throws: ArchiveError.self) { try ArchiveKey.result(startedAt: Self.startedAt, stage: "s", bench: "b", sha7: "../../x") }
    }

    @Test(arguments: ["", "../etc", "a/b", ".hidden", "-flag", "has space", "entries", "manifest.json", "é", String(repeating: "a", count: 129)])
    func aStageThatIsNotOneSafeSegmentIsRefused(stage: String) {
        #expect(throws: ArchiveError.self) { try ArchiveKey.result(startedAt: Self.startedAt, stage: stage, bench: "locomo", sha7: "dirty") }
    }

    @Test(arguments: ["", "..", "a/b", "locomo\u{0}", "../../trajectory/x"])
    func aBenchThatIsNotOneSafeSegmentIsRefusedEverywhere(bench: String) {
        #expect(throws: ArchiveError.self) { try ArchiveKey.latest(bench: bench) }
        #expect(throws: ArchiveError.self) { try ArchiveKey.trajectory(bench: bench) }
        #expect(throws: ArchiveError.self) { try ArchiveKey.badge(bench: bench) }
        #expect(throws: ArchiveError.self) { try ArchiveKey.result(startedAt: Self.startedAt, stage: "s", bench: bench, sha7: "dirty") }
    }

    @Test(arguments: ["2026-02-30", "2026-5-08", "26-05-08", "2026-05-08/..", "2026-13-01", "２０２６-05-08", ""])
    func aDateThatIsNotACalendarDayIsRefused(date: String) {
        #expect(throws: ArchiveError.invalidName(kind: "date", value: date, reason: "expected a calendar day as YYYY-MM-DD")) {
            try ArchiveKey.manifest(date: date)
        }
    }

    @Test func theErrorNamesTheKindAndTheValue() {
        #expect(throws: ArchiveError.invalidName(kind: "stage", value: "a/b", reason: "only letters, digits, '.', '_', '+' and '-' are allowed")) {
            try ArchiveKey.validate(stage: "a/b")
        }
    }
}
