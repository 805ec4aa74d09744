import Foundation
import Testing
@testable import GitBenchKit

/// `run --until-decided` through the binary, with the fixture runner (metric = level × (1 + 0.03 N(0,1)): CV 3%).
@Suite struct UntilDecidedTests {
    private func untilDecided(_ fixture: BenchFixture, metaSeed: Int64, extra: [String] = []) throws -> (status: Int32, runSet: RunSet) {
        let result = try fixture.bench(["run", "quality", "--until-decided", "--meta-seed", String(metaSeed), "--json"] + extra)
        let runSet = try #require(try JSONDecoder().decode(RunOutcome.self, from: Data(result.stdout.utf8)).runSets.first, "\(result.stderr)")
        return (result.status, runSet)
    }

    @Test func aTenPercentImprovementPromotesAtTheFirstLook() throws {
        let fixture = try BenchFixture()
        #expect(try fixture.bench("baseline", "establish", "quality").status == 0)
        try fixture.setLevel("0.9", time: 2)
        let (status, runSet) = try untilDecided(fixture, metaSeed: 42)
        #expect(status == 0)
        #expect(runSet.records.count == 6)
        let verdict = try #require(runSet.verdict)
        #expect(verdict.kind == .promote)
        let look = try #require(verdict.sequential)
        #expect(look.look == 1 && look.plannedLooks == 4 && look.repetitions == 6 && look.budget == 24)
        #expect(look.stoppedBecause == "decided" && look.method == "obrien-fleming-spending-per-look")
        // The calibrated gate judges the look's level (its share of alpha, as a z) with its own test.
        #expect(look.adjustedThreshold == look.designBoundary && look.designBoundary > look.nominalThreshold && look.nominalThreshold == 2.0)
        #expect(verdict.threshold == look.designBoundary)
        #expect(abs((verdict.alpha ?? 0) - Gate.alpha(threshold: look.designBoundary)) < 1e-15)
        // The verdict is kept with the run set.
        let summary = try RunSetDirectory(url: URL(fileURLWithPath: try #require(runSet.runDirectory))).read(RunSummary.self, from: RunDir.summaryFile)
        #expect(summary.verdict == verdict)
    }

    @Test func anAAPairUsesTheWholeBudgetAndIsRejected() throws {
        let fixture = try BenchFixture()
        #expect(try fixture.bench("baseline", "establish", "quality").status == 0)
        let (status, runSet) = try untilDecided(fixture, metaSeed: 7)
        #expect(status == 1)
        // Four batches of six, continuing one seed stream: the same seeds a plain -n 24 run would use.
        #expect(runSet.records.map(\.seed) == SeedPlan.fresh(metaSeed: 7, count: 24).seeds)
        #expect(runSet.records.map(\.repetitionIndex) == Array(0..<24))
        #expect(runSet.records.map(\.repetitionTotal) == [6, 6, 6, 6, 6, 6] + Array(repeating: 12, count: 6) + Array(repeating: 18, count: 6)
                + Array(repeating: 24, count: 6))
        let verdict = try #require(runSet.verdict)
        #expect(verdict.kind == .reject)
        let look = try #require(verdict.sequential)
        #expect(look.look == 4 && look.plannedLooks == 4 && look.repetitions == 24 && look.stoppedBecause == "budget")
        #expect(verdict.reason.hasSuffix("(look 4 of 4 at 24 repetitions; threshold 2.000 adjusted to \(String(format: "%.3f", look.designBoundary)) "
                                         + "by obrien-fleming-spending-per-look alpha spending)"))
        let state = try RunSetDirectory(url: URL(fileURLWithPath: try #require(runSet.runDirectory))).readResumeState()
        #expect(state.plannedSeeds.count == 24 && state.untilDecided?.budget == 24)
    }

    @Test func aRunKilledBetweenLooksResumesToTheVerdictItWouldHaveReached() throws {
        // The same looks uninterrupted, in a fixture of their own: the same baseline, runner and seeds give the same values.
        let reference = try BenchFixture()
        #expect(try reference.bench("baseline", "establish", "quality").status == 0)
        _ = try reference.holdRepetitions(from: 1_000)
        let expected = try #require(try untilDecided(reference, metaSeed: 7).runSet.verdict)

        let fixture = try BenchFixture()
        #expect(try fixture.bench("baseline", "establish", "quality").status == 0)
        // Index 13 is held, so the looks at 6 and 12 are done and the third (at 18) has stored index 12 when the kill comes.
        let gate = try fixture.holdRepetitions(from: 13)
        let process = try fixture.start(["run", "quality", "--until-decided", "--meta-seed", "7"])
        try fixture.waitUntil { !gate.heldRunners().isEmpty }
        try gate.kill(process, fixture: fixture)
        let id = try fixture.sql("SELECT DISTINCT run_set_id FROM runs WHERE meta_seed = 7").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try fixture.sql("SELECT COUNT(*) FROM runs WHERE meta_seed = 7").stdout == "13\n")
        // The plan on disk is written when it doubles (6, 12, 24), not at every look, so it lags the third look's 18.
        let directory = RunSetDirectory(url: fixture.home.appendingPathComponent("runs/Sample/quality/\(id)"))
        #expect(try directory.readResumeState().plannedSeeds == SeedPlan.fresh(metaSeed: 7, count: 12).seeds)

        let resumed = try fixture.bench("resume", id)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        // Every index once, with the seed of one stream, and the verdict the uninterrupted run reached.
        let rows = "SELECT repetition_index, seed, status, metric FROM runs WHERE meta_seed = 7 ORDER BY repetition_index"
        #expect(try fixture.sql(rows).stdout == (try reference.sql(rows).stdout))
        #expect(try directory.readResumeState().plannedSeeds == SeedPlan.fresh(metaSeed: 7, count: 24).seeds)
        let summary = try directory.read(RunSummary.self, from: RunDir.summaryFile)
        let verdict = try #require(summary.verdict)
        #expect(verdict.kind == expected.kind && verdict.pValue == expected.pValue && verdict.statistic == expected.statistic)
        #expect(verdict.sequential?.look == expected.sequential?.look && verdict.sequential?.look == 4)
    }

    @Test func aClearRegressionStopsAtTheFirstLook() throws {
        let fixture = try BenchFixture()
        #expect(try fixture.bench("baseline", "establish", "quality").status == 0)
        try fixture.setLevel("1.1", time: 2)
        let (status, runSet) = try untilDecided(fixture, metaSeed: 42, extra: ["--budget", "30"])
        #expect(status == 1)
        #expect(runSet.records.count == 6)
        #expect(runSet.verdict?.sequential?.stoppedBecause == "decided")
        #expect(runSet.verdict?.sequential?.plannedLooks == 5)
    }

    @Test func evaluateAndPromoteJudgeTheGroupByItsLooks() throws {
        let fixture = try BenchFixture()
        #expect(try fixture.bench("baseline", "establish", "quality").status == 0)
        try fixture.setLevel("0.97", time: 2)
        let (status, runSet) = try untilDecided(fixture, metaSeed: 42)
        let decided = try #require(runSet.verdict)
        #expect(decided.sequential != nil)
        // evaluate takes the looks again over the stored rows: the run's own verdict, not the final group judged as if
        // its size had been fixed in advance.
        let evaluated = try fixture.bench("evaluate", "quality", "--json", "--no-note")
        #expect(evaluated.status == status)
        let verdict = try #require(try JSONDecoder().decode([String: [Verdict]].self, from: Data(evaluated.stdout.utf8))["verdicts"]?.first,
                                   "\(evaluated.stderr)")
        #expect(verdict.kind == decided.kind && verdict.pValue == decided.pValue && verdict.threshold == decided.threshold)
        #expect(verdict.sequential?.look == decided.sequential?.look && verdict.sequential?.repetitions == decided.sequential?.repetitions)
        // A plain run at the same commit is judged at the fixed-sample level.
        #expect(try fixture.bench("run", "quality", "--meta-seed", "43").status <= 2)
        let fixed = try fixture.bench("evaluate", "quality", "--json", "--no-note")
        let plain = try #require(try JSONDecoder().decode([String: [Verdict]].self, from: Data(fixed.stdout.utf8))["verdicts"]?.first)
        #expect(plain.sequential == nil && plain.threshold == 2.0)
    }

    @Test func withoutABaselineItStopsAfterThePlannedRepetitions() throws {
        let fixture = try BenchFixture()
        let (status, runSet) = try untilDecided(fixture, metaSeed: 42)
        #expect(status == 2)
        #expect(runSet.records.count == 6)
        #expect(runSet.verdict?.kind == .noBaseline)
        #expect(runSet.verdict?.sequential?.stoppedBecause == "cannot improve")
    }

    @Test func budgetNeedsUntilDecided() throws {
        let fixture = try BenchFixture()
        let result = try fixture.bench("run", "quality", "--budget", "12")
        #expect(result.status == 64)
        #expect(result.stderr.contains("'--budget' applies only with '--until-decided'"))
    }
}
