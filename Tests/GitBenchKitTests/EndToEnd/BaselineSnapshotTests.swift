import Foundation
import Testing
@testable import GitBenchKit

/// A baseline is a snapshot (benchstone 0.3): the pointer event names the exact runs it stands for, so rows stored
/// later at the same commit never join it.
@Suite struct BaselineSnapshotTests {
    static func verdict(_ fixture: BenchFixture, _ benchmark: String) throws -> Verdict {
        let result = try fixture.bench("evaluate", benchmark, "--json", "--no-note")
        return try #require(try JSONDecoder().decode([String: [Verdict]].self, from: Data(result.stdout.utf8))["verdicts"]?.first)
    }

    @Test func aSecondEstablishAtTheSameCommitDoesNotDoubleTheBaseline() throws {
        let fixture = try BenchFixture()
        #expect(try fixture.bench("baseline", "establish", "quality").status == 0)
        #expect(try fixture.bench("baseline", "establish", "quality").status == 0)
        try fixture.setLevel("1.0", time: 2)
        #expect(try fixture.bench("run", "quality", "--meta-seed", "42").status == 0)

        let verdict = try Self.verdict(fixture, "quality")
        #expect(verdict.baseline?.n == 6)
        // The pointer names the second run set's six rows, ids 7 to 12.
        #expect(try fixture.sql("SELECT run_ids FROM baseline_events ORDER BY id").stdout == "[1,2,3,4,5,6]\n[7,8,9,10,11,12]\n")
    }

    @Test func baselineSeedRunsStoredLaterAtThePointersCommitDoNotJoinIt() throws {
        let fixture = try BenchFixture()
        #expect(try fixture.bench("baseline", "establish", "quality").status == 0)
        #expect(try fixture.bench("run", "quality", "--seed-set", "baseline").status == 0)
        try fixture.setLevel("1.0", time: 2)
        #expect(try fixture.bench("run", "quality", "--meta-seed", "42").status == 0)
        #expect(try Self.verdict(fixture, "quality").baseline?.n == 6)
    }

    @Test func promotePinsTheGroupItJudgedAndLaterRowsOfThatGroupStayOut() throws {
        let fixture = try BenchFixture()
        #expect(try fixture.bench("baseline", "establish", "quality").status == 0)
        try fixture.setLevel("0.8", time: 2)
        #expect(try fixture.bench("run", "quality", "--meta-seed", "42").status == 0)
        let promoted = try fixture.bench("promote", "quality")
        #expect(promoted.status == 0, "\(promoted.stderr)")
        #expect(try fixture.sql("SELECT action, meta_seed, run_ids FROM baseline_events ORDER BY id").stdout
                == "establish||[1,2,3,4,5,6]\npromote|42|[7,8,9,10,11,12]\n")

        // Six more rows in the promoted group (same commit, same meta seed) stay out of the baseline.
        #expect(try fixture.bench("run", "quality", "--meta-seed", "42").status == 0)
        try fixture.setLevel("0.8", time: 3)
        #expect(try fixture.bench("run", "quality", "--meta-seed", "7").status == 0)
        #expect(try Self.verdict(fixture, "quality").baseline?.n == 6)
    }

    @Test func aBaselineOfTwoOkRunsIsEnoughWhateverBaselineSeedsSays() throws {
        let fixture = try BenchFixture()
        #expect(try fixture.bench("baseline", "establish", "quality", "-n", "2").status == 0)
        try fixture.setLevel("1.0", time: 2)
        #expect(try fixture.bench("run", "quality", "--meta-seed", "42").status == 0)
        let verdict = try Self.verdict(fixture, "quality")
        #expect(verdict.baseline?.n == 2)
        #expect(verdict.kind == .promote || verdict.kind == .reject)
    }

    @Test func aCorrectnessBenchmarkRefusesBaselineSeedsAndEstablish() throws {
        let fixture = try BenchFixture()
        for arguments in [["run", "exact", "--seed-set", "baseline"], ["baseline", "establish", "exact"]] {
            let refused = try fixture.bench(arguments)
            #expect(refused.status == 64, "\(arguments)")
            #expect(refused.stderr == "git-bench: error: exact is a correctness benchmark: it has references, not a baseline pointer; use freeze-reference\n")
        }
        #expect(try fixture.runCount() == 0)
    }
}
