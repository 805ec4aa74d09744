import Foundation
import Testing
@testable import GitBenchKit

/// The note text: one verdict line per benchmark, parsed back exactly, replaced in place, merged newest-wins.
@Suite struct VerdictNoteTests {
    /// 2023-11-14T22:13:20Z, plus `seconds`.
    static func date(_ seconds: Double = 0) -> Date { Date(timeIntervalSince1970: 1_700_000_000 + seconds) }

    static func rejectVerdict(benchmark: String = "fake_quality", minEffect: Double? = nil) -> Verdict {
        Verdict(
            project: "FakeProject", benchmark: benchmark, kind: .reject, gate: .sigma, statistic: -2.7012, threshold: 2,
            direction: .minimize,
            baseline: GroupSummary(commit: .test("a1b2c3d4e5f60718293a4b5c6d7e8f9012345678"), metaSeed: 42, n: 3, mean: 1.0005, median: 1.0, stddev: 0.01),
            candidate: GroupSummary(commit: .test("ffeeddccbbaa99887766554433221100ffeeddcc"), metaSeed: 7, n: 3, mean: 1.0547, median: 1.05, stddev: 0.01),
            change: RelativeChange(basis: .mean, estimate: 0.0541, lower: 0.032, upper: 0.076, method: "welch-t"),
            minEffect: minEffect, reason: "sigma -2.701 < threshold 2.000 (direction=minimize)")
    }

    static func line(_ benchmark: String, _ kind: String, at timestamp: String) -> String {
        "P/\(benchmark): \(kind) sigma thr=2.00 minimize git-bench/0.1.0 at=\(timestamp)"
    }

    @Test func verdictLineIsTheDesignFormatFollowedByTheNoteTokens() {
        let verdict = NoteLine(verdict: Self.rejectVerdict(minEffect: 0.02), version: "0.1.0", evaluatedAt: Self.date(0.5))
        #expect(verdict.line == """
            FakeProject/fake_quality: REJECT sigma z=-2.70 thr=2.00 minimize baseline=a1b2c3d4e5 n=3/3 mean 1.0005->1.0547 (+5.41%) \
            ci95=[+3.20%,+7.60%] min_effect=2% meta_seed=7 git-bench/0.1.0 at=2023-11-14T22:13:20.500Z
            """)
    }

    @Test func parsingAWrittenLineGivesBackEveryField() throws {
        let written = NoteLine(verdict: Self.rejectVerdict(minEffect: 0.005), version: "0.1.0", evaluatedAt: Self.date())
        let parsed = try #require(NoteLine(line: written.line))

        #expect(parsed == written)
        #expect(parsed.project == "FakeProject" && parsed.benchmark == "fake_quality")
        #expect(parsed.kind == .reject && parsed.gate == .sigma && parsed.direction == .minimize)
        #expect(parsed.statistic == -2.7 && parsed.threshold == 2)
        #expect(parsed.baselineSHA == "a1b2c3d4e5" && parsed.baselineCount == 3 && parsed.candidateCount == 3)
        #expect(parsed.basis == .mean && parsed.baselineValue == 1.0005 && parsed.candidateValue == 1.0547)
        #expect(parsed.change == 0.0541 && parsed.changeLower == 0.032 && parsed.changeUpper == 0.076 && parsed.confidence == 0.95)
        #expect(parsed.minEffect == 0.005)
        #expect(parsed.version == "0.1.0" && parsed.evaluatedAt == "2023-11-14T22:13:20.000Z")
        #expect(parsed.evaluationDate == Self.date())
    }

    @Test func aCalibratedLineCarriesItsPValuesAndDegreesOfFreedom() throws {
        var verdict = Self.rejectVerdict()
        verdict.pValue = 0.98765432
        verdict.regressionPValue = 0.01234567
        verdict.degreesOfFreedom = 3.912345
        verdict.test = .welchT
        let written = NoteLine(verdict: verdict, version: "0.1.0", evaluatedAt: Self.date())
        #expect(written.line.contains(" ci95=[+3.20%,+7.60%] p=0.9877 p_reg=0.01235 df=3.912 meta_seed=7 "))
        let parsed = try #require(NoteLine(line: written.line))
        #expect(parsed == written)
        #expect(parsed.verdict.regressionPValue == 0.01235 && parsed.verdict.pValue == 0.9877 && parsed.verdict.degreesOfFreedom == 3.912)
        // check reads the line by its p: 0.01235 <= alpha(2.00) = 0.02275 is a regression.
        #expect(RegressionCheck.judge(parsed.verdict, commit: .test("ff"), source: .note).outcome == .fail)

        // benchstone's rule is checked by z, so its line carries no p_reg.
        verdict.test = .benchstoneZ
        verdict.degreesOfFreedom = nil
        let compat = NoteLine(verdict: verdict, version: "0.1.0", evaluatedAt: Self.date())
        #expect(compat.line.contains(" p=0.9877 meta_seed=7 ") && !compat.line.contains("p_reg="))
        #expect(RegressionCheck.judge(try #require(NoteLine(line: compat.line)).verdict, commit: .test("ff"), source: .note).outcome == .fail)
    }

    @Test func aLineCarriesTheWritingHostsStoreTipAndParsesItBack() throws {
        let tip = (count: Int64(12), hash: "6b98c88c496b" + String(repeating: "0", count: 52))
        let written = NoteLine(verdict: Self.rejectVerdict(), version: "0.1.0", evaluatedAt: Self.date(), storeTip: tip, host: "ci-7")
        #expect(written.line.hasSuffix(" meta_seed=7 tip=12:6b98c88c496b host=ci-7 git-bench/0.1.0 at=2023-11-14T22:13:20.000Z"))
        let parsed = try #require(NoteLine(line: written.line))
        #expect(parsed == written)
        #expect(parsed.storeTipCount == 12 && parsed.storeTipHash == "6b98c88c496b" && parsed.host == "ci-7")

        // A host name a space would split cannot anchor anything, so the line carries no tip at all.
        let unsplittable = NoteLine(verdict: Self.rejectVerdict(), version: "0.1.0", evaluatedAt: Self.date(), storeTip: tip, host: "my laptop")
        #expect(!unsplittable.line.contains("tip=") && !unsplittable.line.contains("host="))
    }

    @Test func correctnessLineKeepsItsHashes() throws {
        let verdict = Verdict(project: "P", benchmark: "exact", kind: .fail, gate: .correctness,
                              referenceHash: "sha256:" + String(repeating: "ab", count: 32),
                              candidateHash: "sha256:" + String(repeating: "cd", count: 32), reason: "differs")
        let written = NoteLine(verdict: verdict, version: "0.1.0", evaluatedAt: Self.date())

        #expect(written.line == "P/exact: FAIL correctness artifact=cdcdcdcdcdcd reference=abababababab git-bench/0.1.0 at=2023-11-14T22:13:20.000Z")
        #expect(NoteLine(line: written.line) == written)
        #expect(written.artifactHash == "cdcdcdcdcdcd" && written.referenceHash == "abababababab")
        #expect(written.verdict.kind == .fail && written.verdict.gate == .correctness)
    }

    @Test func linesThatAreNotVerdictsAreNotParsed() {
        for text in ["reviewed by alice", "Note: looks fine", "P/q: MAYBE sigma", "P/q: REJECT fast", "/q: REJECT sigma", "", "P/q:"] {
            #expect(NoteLine(line: text) == nil, "\(text)")
        }
    }

    @Test func recordingReplacesTheSameBenchmarkInPlaceKeepsLinesSortedAndKeepsOtherText() {
        var note = CommitNote(parsing: """
            P/speed: REJECT sigma thr=2.00 minimize git-bench/0.1.0 at=2023-11-14T22:13:20.000Z

            reviewed by alice
            """)
        note.record(NoteLine(line: Self.line("speed", "PROMOTE", at: "2023-11-14T22:13:21.000Z"))!)
        note.record(NoteLine(line: Self.line("alpha", "NEEDS_MORE_DATA", at: "2023-11-14T22:13:21.000Z"))!)

        #expect(note.text == """
            P/alpha: NEEDS_MORE_DATA sigma thr=2.00 minimize git-bench/0.1.0 at=2023-11-14T22:13:21.000Z
            P/speed: PROMOTE sigma thr=2.00 minimize git-bench/0.1.0 at=2023-11-14T22:13:21.000Z

            reviewed by alice

            """)
    }

    @Test func renderingAParsedNoteGivesTheSameText() {
        let text = """
            A/b: PASS correctness git-bench/0.1.0 at=2023-11-14T22:13:20.000Z
            P/q: REJECT sigma z=-1.00 thr=2.00 git-bench/0.1.0 at=2023-11-14T22:13:20.000Z

            first foreign line

            second foreign line

            """
        #expect(CommitNote(parsing: text).text == text)
        #expect(CommitNote(parsing: nil).text == "")
    }

    @Test func twoLinesForOneBenchmarkInOneNoteKeepTheNewer() {
        let note = CommitNote(parsing: [
            Self.line("q", "PROMOTE", at: "2023-11-14T22:13:25.000Z"),
            Self.line("q", "REJECT", at: "2023-11-14T22:13:20.000Z"),
        ].joined(separator: "\n"))
        #expect(note.verdicts.map(\.kind) == [.promote])
    }

    @Test func mergeKeepsEveryBenchmarkAndTheNewerEvaluationOfEach() {
        let ours = CommitNote(parsing: [
            Self.line("exact", "NO_REFERENCE", at: "2023-11-14T22:13:20.000Z"),
            Self.line("quality", "REJECT", at: "2023-11-14T22:13:20.100Z"),
            Self.line("slow", "PROMOTE", at: "2023-11-14T22:13:29.000Z"),
        ].joined(separator: "\n"))
        let theirs = CommitNote(parsing: [
            Self.line("quality", "NO_BASELINE", at: "2023-11-14T22:13:20.200Z"),
            Self.line("slow", "REJECT", at: "2023-11-14T22:13:21.000Z"),
            Self.line("speed", "NO_BASELINE", at: "2023-11-14T22:13:21.000Z"),
        ].joined(separator: "\n"))

        let merged = CommitNote.merged(ours, theirs)

        #expect(merged.verdicts.map(\.benchmark) == ["exact", "quality", "slow", "speed"])
        #expect(merged.verdicts.map(\.kind) == [.noReference, .noBaseline, .promote, .noBaseline])
        #expect(CommitNote.merged(theirs, ours).verdicts == merged.verdicts)
    }

    @Test func mergeKeepsOtherTextOfBothSidesOnce() {
        let ours = CommitNote(parsing: Self.line("q", "PROMOTE", at: "2023-11-14T22:13:20.000Z") + "\n\nshared remark\nours only\n")
        let theirs = CommitNote(parsing: "shared remark\ntheirs only\n")

        #expect(CommitNote.merged(ours, theirs).otherLines == ["shared remark", "ours only", "theirs only"])
    }

    @Test func aLineWithoutTimestampLosesToOneWithATimestamp() {
        let old = CommitNote(parsing: "P/q: PROMOTE sigma z=3.00 thr=2.00\n")
        let new = CommitNote(parsing: Self.line("q", "REJECT", at: "2000-01-01T00:00:00.000Z"))

        #expect(CommitNote.merged(old, new).verdicts.map(\.kind) == [.reject])
        #expect(CommitNote.merged(new, old).verdicts.map(\.kind) == [.reject])
    }
}

/// The `at=` timestamps, formatted and parsed without ICU.
@Suite struct NoteTimestampTests {
    @Test func timestampsAreUTCWithMilliseconds() {
        #expect(Timestamp.string(Date(timeIntervalSince1970: 1_700_000_000.5)) == "2023-11-14T22:13:20.500Z")
        #expect(Timestamp.string(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(Timestamp.string(Date(timeIntervalSince1970: 1_709_164_799.999)) == "2024-02-28T23:59:59.999Z")
        #expect(Timestamp.string(Date(timeIntervalSince1970: 1_709_164_800)) == "2024-02-29T00:00:00.000Z")
        #expect(Timestamp.string(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59.000Z")
    }

    @Test func timestampsParseBackWithOrWithoutFractions() {
        for seconds in [0.0, 1_700_000_000.5, 1_709_164_800, 4_102_444_800.25, -86_400] {
            #expect(Timestamp.date(from: Timestamp.string(Date(timeIntervalSince1970: seconds))) == Date(timeIntervalSince1970: seconds))
        }
        #expect(Timestamp.date(from: "2023-11-14T22:13:20Z") == Date(timeIntervalSince1970: 1_700_000_000))
        #expect(Timestamp.date(from: "2023-11-14T22:13:20.1Z") == Date(timeIntervalSince1970: 1_700_000_000.1))
        for bad in ["", "2023-11-14", "2023-11-14T22:13:20", "2023-11-14T22:13:20.Z", "2023-13-14T22:13:20Z", "2023-11-14 22:13:20Z", "x023-11-14T22:13:20Z"] {
            #expect(Timestamp.date(from: bad) == nil, "\(bad)")
        }
    }
}

/// The one `Timestamp` parser: what it accepts besides its own output.
@Suite struct TimestampParsingTests {
    @Test func impossibleDaysAreRefusedAndLeapDaysFollowTheGregorianRule() {
        #expect(Timestamp.date(from: "2024-02-29T00:00:00Z") != nil)
        #expect(Timestamp.date(from: "2000-02-29T00:00:00Z") != nil)
        for bad in ["2023-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2026-02-30T00:00:00Z", "2026-04-31T00:00:00Z", "2026-01-32T00:00:00Z"] {
            #expect(Timestamp.date(from: bad) == nil, "\(bad)")
        }
    }

    @Test func offsetsAreReadOnlyWhenAllowed() {
        let utc = Timestamp.date(from: "2023-11-14T22:13:20Z")
        #expect(utc == Date(timeIntervalSince1970: 1_700_000_000))
        #expect(Timestamp.date(from: "2023-11-15T00:13:20+02:00", allowsOffset: true) == utc)
        #expect(Timestamp.date(from: "2023-11-14T17:13:20.000-05:00", allowsOffset: true) == utc)
        #expect(Timestamp.date(from: "2023-11-15T00:13:20+02:00") == nil)
        #expect(Timestamp.date(from: "2023-11-15T00:13:20+0200", allowsOffset: true) == nil)
    }
}
