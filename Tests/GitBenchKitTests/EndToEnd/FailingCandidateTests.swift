import Foundation
import Testing
@testable import GitBenchKit

/// A candidate that no longer runs is a regression, not "cannot tell": REJECT, a `check` FAIL, a blocked push; and
/// `fail_fast` stops a run set whose first repetitions all fail instead of timing out every one.
@Suite struct FailingCandidateTests {
    /// quality is measured at the first commit, then its runner hangs past `timeout_seconds` from the second on.
    static func hangingCandidate() throws -> HookTests.Setup {
        let manifest = HookTests.hookedManifest.replacingOccurrences(of: """
            name = "quality"
            entry_point = "quality"
            """, with: """
            name = "quality"
            entry_point = "quality"
            timeout_seconds = 0.3
            """)
        let setup = try HookTests.Setup(manifest: manifest)
        #expect(try setup.bench("hooks", "install").status == 0)
        #expect(try setup.bench("baseline", "establish", "quality").status == 0)
        try setup.fixture.repo.write("bench/manifest.toml", manifest.replacingOccurrences(of: "entry_point = \"quality\"", with: "entry_point = \"hang\""))
        try setup.fixture.repo.commit("quality now hangs", time: 2)
        return setup
    }

    @Test func afterTheFirstTwoFailTheRestAreStoredAsNotRun() throws {
        let setup = try Self.hangingCandidate()
        let run = try setup.bench("run", "quality", "--meta-seed", "42")
        #expect(run.status == 65)
        let rows = try setup.fixture.sql("SELECT repetition_index, status, message FROM runs WHERE meta_seed = 42 ORDER BY id").stdout
            .split(separator: "\n").map(String.init)
        #expect(rows.count == 6)
        #expect(rows.prefix(2).allSatisfy { $0.hasSuffix("|error|timed out after 0.3 s; process group killed") })
        #expect(rows.dropFirst(2).allSatisfy {
            $0.hasSuffix("|error|not run: the first 2 repetitions all failed (fail_fast = 2); the last said: timed out after 0.3 s; process group killed")
        })
        #expect(try setup.fixture.sql("SELECT MAX(wall_clock_seconds) FROM runs WHERE meta_seed = 42 AND repetition_index >= 2").stdout == "0.0\n")
    }

    @Test func theVerdictIsARejectTheCheckFailsAndThePushIsBlocked() throws {
        let setup = try Self.hangingCandidate()
        #expect(try setup.bench("run", "quality").status == 65)

        let evaluated = try setup.bench("evaluate", "quality", "--json")
        #expect(evaluated.status == 1)
        let verdict = try #require(try JSONDecoder().decode([String: [Verdict]].self, from: Data(evaluated.stdout.utf8))["verdicts"]?.first)
        #expect(verdict.kind == .reject && verdict.failedRuns == 6 && verdict.statistic == nil)
        #expect(verdict.reason.hasPrefix("candidate repetitions fail: 6 of 6 failed (not run: the first 2 repetitions all failed"))
        #expect(verdict.reason.hasSuffix("so only 0 ok run(s) are left where the gate needs 6"))

        let check = try setup.bench("check", "quality")
        #expect(check.status == 1)
        #expect(check.stdout.contains(": FAIL at ") && check.stdout.contains("(REJECT, from the note): the candidate no longer runs: "
                                                                          + "6 repetition(s) failed where the baseline's ran"))

        let push = try setup.git("push", "-q", "origin", "main")
        #expect(push.status != 0)
        #expect(push.stderr.contains("git-bench: push blocked: Sample/quality at "))
    }

    @Test func failFastZeroRunsEveryRepetition() throws {
        let manifest = BenchFixture.manifest.replacingOccurrences(of: """
            name = "quality"
            entry_point = "quality"
            """, with: """
            name = "quality"
            entry_point = "crash"
            fail_fast = 0
            """)
        let fixture = try BenchFixture(manifest: manifest)
        #expect(try fixture.bench("run", "quality", "-n", "4").status == 65)
        #expect(try fixture.sql("SELECT DISTINCT message FROM runs").stdout == "runner exited with status 3: runner blew up\n")
    }
}

/// `run` says when a run set is too noisy for the gate to see the change the benchmark cares about.
@Suite struct NoiseAdviceTests {
    @Test func aRunTooNoisyForMinEffectSaysHowManyRepetitionsWouldDo() throws {
        let manifest = BenchFixture.manifest.replacingOccurrences(of: """
            name = "quality"
            entry_point = "quality"
            """, with: """
            name = "quality"
            entry_point = "quality"
            min_effect = 0.01
            """)
        let fixture = try BenchFixture(manifest: manifest)
        let run = try fixture.bench("run", "quality", "--meta-seed", "42")
        #expect(run.status == 0)
        #expect(run.stderr.contains("note: Sample/quality is noisy: CV "))
        #expect(run.stderr.contains(" over 6 repetitions, so the gate could only see a change of about "))
        #expect(run.stderr.contains(" repetitions a side would see 1% (-n "))
        #expect(run.stderr.contains("; `git bench calibrate quality` measures it properly"))
    }
}
