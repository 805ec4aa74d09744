import Foundation
import Testing
@testable import GitBenchKit

/// register → baseline → run → evaluate → promote through the built binary, for each tier.
@Suite struct CoreLoopTests {
    @Test func qualityFlowPromotesAnImprovementAndRejectsARegression() throws {
        let fixture = try BenchFixture()
        #expect(try fixture.bench("baseline", "establish", "quality").status == 0)

        // No candidate yet at HEAD: the candidate side is below its floor.
        let empty = try fixture.bench("evaluate", "quality")
        #expect(empty.status == 2)
        #expect(empty.stdout.contains("NEEDS_MORE_DATA"))

        try fixture.setLevel("0.8", time: 2)
        #expect(try fixture.bench("run", "quality", "--meta-seed", "42").status == 0)
        let better = try fixture.bench("evaluate", "quality")
        #expect(better.status == 0, "\(better.stdout)\(better.stderr)")
        #expect(better.stdout.hasPrefix("Sample/quality: PROMOTE sigma z="))
        #expect(try fixture.bench("evaluate", "quality", "--expect", "PROMOTE").status == 0)
        #expect(try fixture.bench("evaluate", "quality", "--expect", "REJECT").status == 4)
        // Verdict names in any case: a match is 0, a mismatch 4, never a usage error.
        #expect(try fixture.bench("evaluate", "quality", "--expect", "promote").status == 0)
        #expect(try fixture.bench("evaluate", "quality", "--expect", "Needs_More_Data").status == 4)
        #expect(try fixture.bench("evaluate", "quality", "--expect", "better").status == 64)

        let promoted = try fixture.bench("promote", "quality", "--notes", "faster")
        #expect(promoted.status == 0, "\(promoted.stderr)")
        #expect(promoted.stdout.contains("baseline promoted: Sample/quality -> "))
        #expect(promoted.stdout.contains("(baseline meta_seed=42)"))

        try fixture.setLevel("1.2", time: 3)
        #expect(try fixture.bench("run", "quality", "--meta-seed", "7").status == 0)
        let worse = try fixture.bench("evaluate", "quality", "--json")
        #expect(worse.status == 1)
        let verdicts = try JSONDecoder().decode([String: [Verdict]].self, from: Data(worse.stdout.utf8))["verdicts"] ?? []
        let verdict = try #require(verdicts.first)
        #expect(verdict.kind == .reject)
        #expect(verdict.baseline?.metaSeed == 42)
        #expect(verdict.candidate?.metaSeed == 7)
        #expect(verdict.baseline?.n == 6 && verdict.candidate?.n == 6)
        let change = try #require(verdict.change)
        // 0.8 → 1.2 is +50%; the interval must contain it.
        #expect(change.lower < 0.5 && 0.5 < change.upper)
        #expect(try fixture.bench("promote", "quality").status == 1)
    }

    @Test func identicalCodeIsRejectedNotPromoted() throws {
        let fixture = try BenchFixture()
        #expect(try fixture.bench("baseline", "establish", "quality").status == 0)
        #expect(try fixture.bench("run", "quality", "--meta-seed", "1234").status == 0)
        let result = try fixture.bench("evaluate", "quality")
        #expect(result.status == 1, "\(result.stdout)")
        #expect(result.stdout.contains("REJECT"))
    }

    @Test func performanceFlowUsesMannWhitneyWithTies() throws {
        let fixture = try BenchFixture()
        let noBaseline = try fixture.bench("evaluate", "speed")
        #expect(noBaseline.status == 2)
        #expect(noBaseline.stdout.contains("NO_BASELINE"))
        #expect(try fixture.bench("evaluate", "speed", "--expect", "NO_BASELINE").status == 0)

        #expect(try fixture.bench("baseline", "establish", "speed").status == 0)
        try fixture.setLevel("0.7", time: 2)
        #expect(try fixture.bench("run", "speed", "--meta-seed", "5").status == 0)
        let result = try fixture.bench("evaluate", "speed", "--json")
        #expect(result.status == 0, "\(result.stdout)")
        let verdict = try #require(try JSONDecoder().decode([String: [Verdict]].self, from: Data(result.stdout.utf8))["verdicts"]?.first)
        #expect(verdict.gate == .mannWhitney)
        #expect(verdict.threshold == 2.0)
        // Six candidates all below six baselines: U at its extreme, z = 36·… = 2.8823 (no ties).
        #expect(abs((verdict.statistic ?? 0) - 2.882_306_768_4) < 1e-6)
        #expect(verdict.change?.basis == .median)
    }

    @Test func correctnessFlowGoesFromNoReferenceToPassToFail() throws {
        let fixture = try BenchFixture()
        #expect(try fixture.bench("run", "exact").status == 0)
        let none = try fixture.bench("evaluate", "exact")
        #expect(none.status == 2)
        #expect(none.stdout.contains("NO_REFERENCE"))

        let frozen = try fixture.bench("freeze-reference", "exact")
        #expect(frozen.status == 0, "\(frozen.stderr)")
        #expect(frozen.stdout.hasPrefix("reference frozen: Sample/exact = sha256:"))
        #expect(try fixture.bench("evaluate", "exact").status == 0)
        let again = try fixture.bench("freeze-reference", "exact")
        #expect(again.status == 77)
        #expect(again.stderr.contains("already has a frozen reference"))

        try fixture.setLevel("2.0", time: 2)
        #expect(try fixture.bench("run", "exact").status == 0)
        let fail = try fixture.bench("evaluate", "exact")
        #expect(fail.status == 1)
        #expect(fail.stdout.contains("FAIL"))
        // Not just two hashes: both stored files and what changed.
        let artifacts = fixture.home.appendingPathComponent("artifacts/Sample/exact").path
        #expect(fail.stdout.contains("  reference: \(artifacts)/"), "\(fail.stdout)")
        #expect(fail.stdout.contains("  candidate: \(artifacts)/"), "\(fail.stdout)")
        #expect(fail.stdout.contains("""
                --- reference
                +++ candidate
                @@ -1,1 +1,1 @@
                -level=1.0
                +level=2.0

            """), "\(fail.stdout)")

        #expect(try fixture.bench("replace-reference", "exact", "--reason", "  ").status == 64)
        let replaced = try fixture.bench("replace-reference", "exact", "--reason", "level 2 is the new truth")
        #expect(replaced.status == 0)
        #expect(try fixture.bench("evaluate", "exact").status == 0)

        let history = try fixture.bench("history", "exact", "--runs", "--json")
        let decoded = try JSONDecoder().decode(History.self, from: Data(history.stdout.utf8))
        // Newest first, like every list of history.
        #expect(decoded.referenceEvents.map(\.action) == [.replace, .freeze])
        #expect(decoded.referenceEvents.first?.reason == "level 2 is the new truth")
        // The reference lives under the harness home, 0600, never in the work tree.
        let hex = String(decoded.referenceEvents[0].contentHash.dropFirst("sha256:".count))
        let artifact = fixture.home.appendingPathComponent("artifacts/Sample/exact/\(hex).bin")
        #expect(try permissions(of: artifact) == 0o600)
    }

    @Test func freshSeedsFollowCPythonsRandomForMetaSeed42() throws {
        let fixture = try BenchFixture()
        let result = try fixture.bench("run", "quality", "--meta-seed", "42", "-n", "3", "--json")
        #expect(result.status == 0)
        let runSets = try JSONDecoder().decode(RunOutcome.self, from: Data(result.stdout.utf8)).runSets
        #expect(runSets.first?.records.map(\.seed) == [478_163_327, 107_420_369, 1_181_241_943])
        #expect(runSets.first?.records.allSatisfy { $0.metaSeed == 42 && $0.role == .candidate } == true)
    }

    @Test func evaluateAdjustCorrectsAcrossTheSuite() throws {
        let fixture = try BenchFixture()
        for name in ["quality", "speed"] { #expect(try fixture.bench("baseline", "establish", name).status == 0) }
        try fixture.setLevel("0.8", time: 2)
        for name in ["quality", "speed"] { #expect(try fixture.bench("run", name).status == 0) }
        let result = try fixture.bench("evaluate", "--adjust", "--json", "--no-note")
        #expect(result.stderr == "")
        let verdicts = try JSONDecoder().decode([String: [Verdict]].self, from: Data(result.stdout.utf8))["verdicts"] ?? []
        let quality = try #require(verdicts.first { $0.benchmark == "quality" })
        #expect(quality.adjustedPValue != nil)
        #expect(quality.kind == .promote)
        // The old name still works, says once that it is the old name, and gives the same verdicts.
        let old = try fixture.bench("evaluate", "--all", "--json", "--no-note")
        #expect(old.stdout == result.stdout)
        #expect(old.stderr == "warning: 'evaluate --all' is now '--adjust' (Benjamini–Hochberg across the suite); '--all' will go away\n")
        #expect(try fixture.bench("evaluate", "quality", "--adjust").status == 64)
    }

    @Test func promoteRefusesToChooseBetweenTwoCandidateGroups() throws {
        let fixture = try BenchFixture()
        #expect(try fixture.bench("baseline", "establish", "quality").status == 0)
        try fixture.setLevel("0.8", time: 2)
        #expect(try fixture.bench("run", "quality", "--meta-seed", "1").status == 0)
        #expect(try fixture.bench("run", "quality", "--meta-seed", "2").status == 0)
        let ambiguous = try fixture.bench("promote", "quality")
        #expect(ambiguous.status == 64)
        #expect(ambiguous.stderr.contains("2 candidate groups at HEAD (meta seeds 2, 1); pass --meta-seed"))
        let chosen = try fixture.bench("promote", "quality", "--meta-seed", "1")
        #expect(chosen.status == 0)
        #expect(chosen.stdout.contains("baseline meta_seed=1)"))

        let history = try JSONDecoder().decode(History.self, from: Data(try fixture.bench("history", "quality", "--runs", "--json").stdout.utf8))
        #expect(history.baselineEvents.map(\.action) == [.promote, .establish])
        #expect(history.runs.count == 18)
    }

    @Test func listShowsTiersAndCorpusState() throws {
        let fixture = try BenchFixture()
        let result = try fixture.bench("list")
        #expect(result.status == 0)
        #expect(result.stdout.contains("  quality       quality      6     1        none    n/a"))
        #expect(result.stdout.contains("  exact         correctness  1     1        none    n/a"))
    }

    @Test func libraryAPIEvaluatesWithoutTheCLI() throws {
        let fixture = try BenchFixture(register: false)
        let harness = try Harness(home: HarnessHome(root: fixture.home), console: .capturing())
        let project = try harness.register(path: fixture.repo.url)
        _ = try harness.run(RunRequest(benchmarks: ["quality"], establishesBaseline: true), in: project)
        try fixture.setLevel("0.8", time: 2)
        _ = try harness.run(RunRequest(benchmarks: ["quality"], metaSeed: 9), in: project)
        let verdicts = try harness.evaluate(["quality"], in: project)
        #expect(verdicts.map(\.kind) == [.promote])
        let history = try harness.history(project: "Sample", benchmark: "quality", limit: 3)
        #expect(history.runs.count == 3)
        #expect(history.runs.first?.metaSeed == 9)
    }
}

func permissions(of url: URL) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
    return ((attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1) & 0o777
}

@Suite struct PromotionSemanticsTests {
    @Test func promotedGroupIsNeverItsOwnCandidate() throws {
        let fixture = try BenchFixture()
        #expect(try fixture.bench("baseline", "establish", "quality").status == 0)
        try fixture.setLevel("0.8", time: 2)
        #expect(try fixture.bench("run", "quality", "--meta-seed", "3").status == 0)
        #expect(try fixture.bench("promote", "quality").status == 0)
        // The promoted runs are now the baseline; with no other group at HEAD there is nothing to compare.
        let after = try fixture.bench("evaluate", "quality")
        #expect(after.status == 2)
        #expect(after.stdout.contains("NEEDS_MORE_DATA"))
        // A second promote of the same group says so, with or without naming it.
        for arguments in [["promote", "quality"], ["promote", "quality", "--meta-seed", "3"]] {
            let second = try fixture.bench(arguments)
            #expect(second.status == 66)
            #expect(second.stderr.hasPrefix("git-bench: error: quality's group at "), "\(second.stderr)")
            #expect(second.stderr.hasSuffix(" (meta_seed 3) is already the baseline; `git bench run quality` measures a new candidate\n"))
        }
        // A new group at the same commit is judged against the promoted one.
        #expect(try fixture.bench("run", "quality", "--meta-seed", "4").status == 0)
        let again = try fixture.bench("evaluate", "quality", "--json")
        let verdict = try #require(try JSONDecoder().decode([String: [Verdict]].self, from: Data(again.stdout.utf8))["verdicts"]?.first)
        #expect(verdict.baseline?.metaSeed == 3)
        #expect(verdict.candidate?.metaSeed == 4)
        #expect(verdict.kind == .reject)
    }
}
