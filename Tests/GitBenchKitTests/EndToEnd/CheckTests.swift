import Foundation
import Testing
@testable import GitBenchKit

/// `git bench check`: two-sided, for hooks and gates.
@Suite struct CheckTests {
    /// A baseline at level 1.0 and a candidate run at `level` on a new commit.
    static func candidate(level: String) throws -> BenchFixture {
        let fixture = try BenchFixture()
        #expect(try fixture.bench("baseline", "establish", "quality").status == 0)
        try fixture.setLevel(level, time: 2)
        #expect(try fixture.bench("run", "quality", "--meta-seed", "7").status == 0)
        return fixture
    }

    @Test func aSignificantRegressionFailsWithExitOne() throws {
        let fixture = try Self.candidate(level: "1.2")
        let head = try fixture.repo.git("rev-parse", "--short=10", "HEAD")

        let computed = try fixture.bench("check", "quality")
        #expect(computed.status == 1, "\(computed.stdout)\(computed.stderr)")
        #expect(computed.stdout.hasPrefix("Sample/quality: FAIL at \(head) (REJECT, computed): significant regression: z -"))
        #expect(try fixture.repo.git("for-each-ref", "refs/notes") == "", "check never writes notes")

        #expect(try fixture.bench("evaluate", "quality").status == 1)
        let fromNote = try fixture.bench("check")
        #expect(fromNote.status == 1)
        #expect(fromNote.stdout.hasPrefix("Sample/quality: FAIL at \(head) (REJECT, from the note): significant regression: z -"))
    }

    @Test func aChangeThatOnlyFailedToImprovePasses() throws {
        let fixture = try BenchFixture()
        #expect(try fixture.bench("baseline", "establish", "quality").status == 0)
        #expect(try fixture.bench("run", "quality", "--meta-seed", "1234").status == 0)
        #expect(try fixture.bench("evaluate", "quality").status == 1, "the same code is not an improvement")

        let result = try fixture.bench("check", "quality", "--json")

        #expect(result.status == 0)
        let check = try #require(try JSONDecoder().decode([String: [RegressionCheck]].self, from: Data(result.stdout.utf8))["checks"]?.first)
        #expect(check.outcome == .pass && check.verdict.kind == .reject && check.source == .note)
        #expect(check.reason.hasPrefix("not a significant regression: z "))
        #expect(check.verdict.threshold == 2 && check.verdict.direction == .minimize && check.verdict.change?.method == "note")
    }

    @Test func anImprovementPasses() throws {
        let fixture = try Self.candidate(level: "0.8")
        let result = try fixture.bench("check", "HEAD", "quality")
        #expect(result.status == 0)
        #expect(result.stdout.contains(": PASS at ") && result.stdout.contains("(PROMOTE, computed)"))
    }

    @Test func withoutCandidateRunsItNeedsMoreDataAndBisectSkips() throws {
        let fixture = try BenchFixture()
        #expect(try fixture.bench("baseline", "establish", "quality").status == 0)

        let result = try fixture.bench("check", "quality")
        #expect(result.status == 2)
        #expect(result.stdout.hasSuffix(": NEEDS_MORE_DATA at \(try fixture.repo.git("rev-parse", "--short=10", "HEAD")) (computed): cannot tell whether it regressed: "
                                        + "candidate has 0 ok run(s), need 6\n"), "\(result.stdout)")
        #expect(try fixture.bench("check", "--bisect", "quality").status == 125)
        #expect(try fixture.bench("check", "nope", "quality").status == 64)
        #expect(try fixture.bench("check", "--bisect", "nope", "quality").status == 128)
    }

    @Test func aCorrectnessFailFails() throws {
        let fixture = try BenchFixture()
        #expect(try fixture.bench("run", "exact").status == 0)
        #expect(try fixture.bench("freeze-reference", "exact").status == 0)
        #expect(try fixture.bench("check", "exact").status == 0)
        try fixture.setLevel("2.0", time: 2)
        #expect(try fixture.bench("run", "exact").status == 0)

        let result = try fixture.bench("check", "exact")

        #expect(result.status == 1)
        #expect(result.stdout.hasSuffix(": FAIL at \(try fixture.repo.git("rev-parse", "--short=10", "HEAD")) (computed): correctness FAIL: "
                                        + "the artifact differs from the reference\n"), "\(result.stdout)")
    }

    @Test func theStoredNoteDecidesOnAMachineWithoutTheRuns() throws {
        let fixture = try Self.candidate(level: "1.2")
        #expect(try fixture.bench("evaluate", "quality").status == 1)
        // Another machine: the same repository (so the same notes) with a store that has no runs at all.
        var environment = fixture.environment
        environment["GIT_BENCH_HOME"] = fixture.repo.root.appendingPathComponent("other-machine").path
        let other = { (arguments: [String]) in
            try runProcess(BenchFixture.binary, arguments, environment: environment, currentDirectory: fixture.repo.url)
        }
        #expect(try other(["register"]).status == 0)

        let fromNote = try other(["check", "quality"])
        #expect(fromNote.status == 1)
        #expect(fromNote.stdout.contains("(REJECT, from the note): significant regression"))
        let recomputed = try other(["check", "--recompute", "quality"])
        #expect(recomputed.status == 2)
        #expect(recomputed.stdout.contains("(NO_BASELINE, computed)"))
        // HEAD~1 has no note, and no candidate runs of its own here: it is computed, and undecided.
        let previous = try fixture.bench("check", "--rev", "HEAD~1", "quality")
        #expect(previous.status == 2)
        #expect(previous.stdout.contains("NEEDS_MORE_DATA at \(try fixture.repo.git("rev-parse", "--short=10", "HEAD~1")) (computed): "))
    }
}
