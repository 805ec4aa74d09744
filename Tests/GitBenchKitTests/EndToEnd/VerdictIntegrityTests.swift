import Foundation
import Testing
@testable import GitBenchKit

/// Verdicts that are never partial or stale: the candidate is the newest complete group, a note is trusted only while
/// it describes that group, a worse-informed verdict never replaces a decided one, and `--until-decided` notes its
/// verdict.
@Suite struct VerdictIntegrityTests {
    static func verdict(_ fixture: BenchFixture, _ arguments: String...) throws -> Verdict {
        let result = try fixture.bench(["evaluate", "quality", "--json"] + arguments)
        return try #require(try JSONDecoder().decode([String: [Verdict]].self, from: Data(result.stdout.utf8))["verdicts"]?.first,
                            "\(result.stderr)")
    }

    static func note(_ fixture: BenchFixture) throws -> String {
        (try? fixture.repo.git("notes", "--ref=bench", "show", "HEAD")) ?? ""
    }

    @Test func aGroupStillBeingMeasuredIsNeverJudgedUnlessNamed() throws {
        let fixture = try BenchFixture()
        #expect(try fixture.bench("baseline", "establish", "quality").status == 0)
        let gate = try fixture.holdRepetitions(from: 2)
        let running = try fixture.start(["run", "quality", "--meta-seed", "42"])
        try fixture.waitUntil { !gate.heldRunners().isEmpty }

        // Two of six repetitions are stored: the group is not a candidate yet.
        let partial = try Self.verdict(fixture, "--no-note")
        #expect(partial.kind == .needsMoreData)
        #expect(partial.candidate?.n == 0 && partial.candidate?.metaSeed == nil)
        let runSet = try fixture.sql("SELECT DISTINCT run_set_id FROM runs WHERE meta_seed = 42").stdout.trimmingCharacters(in: .newlines)
        let named = try Self.verdict(fixture, "--no-note", "--run-set", runSet)
        #expect(named.kind == .needsMoreData && named.candidate?.n == 2 && named.reason == "candidate has 2 ok run(s), need 6")

        try gate.openAndDrain(fixture)
        running.waitUntilExit()
        #expect(running.terminationStatus == 0)
        let complete = try Self.verdict(fixture, "--no-note")
        #expect(complete.candidate?.n == 6 && complete.candidate?.metaSeed == 42)
        #expect(complete.kind == .promote || complete.kind == .reject)
    }

    @Test func checkTrustsANoteOnlyWhileItsGroupIsTheNewestCompleteOne() throws {
        let fixture = try BenchFixture()
        #expect(try fixture.bench("baseline", "establish", "quality").status == 0)
        try fixture.setLevel("1.2", time: 2)
        #expect(try fixture.bench("run", "quality", "--meta-seed", "42").status == 0)
        #expect(try fixture.bench("evaluate", "quality").status == 1)
        #expect(try Self.note(fixture).contains(" meta_seed=42 tip="))

        let fromNote = try fixture.bench("check", "quality")
        #expect(fromNote.stdout.contains("(REJECT, from the note)"))

        // A newer complete group at the same commit: the note no longer describes what this store knows.
        #expect(try fixture.bench("run", "quality", "--meta-seed", "7").status == 0)
        let recomputed = try fixture.bench("check", "quality")
        #expect(recomputed.stdout.contains(", computed)"))
        #expect(recomputed.status == 1)
    }

    @Test func untilDecidedWritesItsVerdictIntoTheNote() throws {
        let fixture = try BenchFixture()
        #expect(try fixture.bench("baseline", "establish", "quality").status == 0)
        try fixture.setLevel("0.8", time: 2)
        let decided = try fixture.bench("run", "quality", "--until-decided", "--meta-seed", "42")
        #expect(decided.status == 0, "\(decided.stderr)")
        let note = try Self.note(fixture)
        #expect(note.hasPrefix("Sample/quality: PROMOTE sigma "))
        #expect(note.contains(" meta_seed=42 tip="))
        #expect(try fixture.bench("check", "quality").stdout.contains("(PROMOTE, from the note)"))
    }

    @Test func needsMoreDataNeverReplacesADecidedLineAfterAPromote() throws {
        let fixture = try BenchFixture()
        #expect(try fixture.bench("baseline", "establish", "quality").status == 0)
        try fixture.setLevel("0.8", time: 2)
        #expect(try fixture.bench("run", "quality", "--meta-seed", "42").status == 0)
        #expect(try fixture.bench("evaluate", "quality").status == 0)
        let promoted = try Self.note(fixture)
        #expect(promoted.hasPrefix("Sample/quality: PROMOTE "))
        #expect(try fixture.bench("promote", "quality").status == 0)

        // The promoted group is the baseline now: no candidate is left, and the decided line stays.
        let after = try fixture.bench("evaluate", "quality")
        #expect(after.status == 2)
        #expect(after.stdout.hasPrefix("Sample/quality: NEEDS_MORE_DATA "))
        #expect(try Self.note(fixture) == promoted)
    }
}
