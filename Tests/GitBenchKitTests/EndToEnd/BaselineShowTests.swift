import Foundation
import Testing
@testable import GitBenchKit

/// `baseline show`, `list`'s baseline column, and `baseline establish` refusing to trade a usable baseline for an
/// unusable one.
@Suite struct BaselineShowTests {
    static func pointerCount(_ fixture: BenchFixture) throws -> String {
        try fixture.sql("SELECT COUNT(*) FROM baseline_events").stdout
    }

    @Test func showNamesTheCommitHowItGotThereAndWhatTheGateCanUse() throws {
        let fixture = try BenchFixture()
        let none = try fixture.bench("baseline", "show", "quality")
        #expect(none.status == 0)
        #expect(none.stdout == "Sample/quality: no baseline; `git bench baseline establish quality` sets one\n")

        #expect(try fixture.bench("baseline", "establish", "quality", "--notes", "first").status == 0)
        let head = try fixture.repo.git("rev-parse", "HEAD")
        let shown = try fixture.bench("baseline", "show", "quality", "--json")
        #expect(shown.status == 0)
        let state = try #require(try JSONDecoder().decode([String: [BaselineState]].self, from: Data(shown.stdout.utf8))["baselines"]?.first)
        #expect(state.pointer?.commit.hex == head && state.pointer?.action == .establish && state.okRuns == 6)
        #expect(state.isSnapshot && state.isUsable && state.pointer?.notes == "first")

        let text = try fixture.bench("baseline", "show").stdout
        let pointer = try #require(state.pointer)
        #expect(text.hasPrefix("Sample/quality: \(head.prefix(10)), established \(pointer.createdAt) on \(pointer.host) "
                               + "(run set \(pointer.runSetID ?? "")): 6 ok runs, mean "))
        #expect(text.contains("; notes: first\nSample/speed: no baseline; `git bench baseline establish speed` sets one\n"))

        let correctness = try fixture.bench("baseline", "show", "exact")
        #expect(correctness.status == 64)
    }

    @Test func listShowsEachBaselineAndReference() throws {
        let fixture = try BenchFixture()
        #expect(try fixture.bench("baseline", "establish", "quality").status == 0)
        let head = try fixture.repo.git("rev-parse", "HEAD")
        let listed = try fixture.bench("list").stdout
        #expect(listed.contains("  quality       quality      6     1        none    n/a     \(head.prefix(10)) n=6\n"))
        #expect(listed.contains("  speed         performance  6     1        none    n/a     none\n"))
        #expect(listed.contains("  exact         correctness  1     1        none    n/a     no reference\n"))
    }

    @Test func tooFewPlannedRepetitionsAreRefusedBeforeRunningWhenAUsableBaselineWouldBeReplaced() throws {
        let fixture = try BenchFixture()
        #expect(try fixture.bench("baseline", "establish", "quality").status == 0)
        let refused = try fixture.bench("baseline", "establish", "quality", "-n", "1")
        #expect(refused.status == 77)
        #expect(refused.stderr.hasPrefix("git-bench: error: not establishing a baseline of 1 repetition(s) for quality: the gate needs 2 "
                                         + "and would replace the usable baseline at "))
        #expect(try fixture.runCount() == 6)
        #expect(try Self.pointerCount(fixture) == "1\n")

        #expect(try fixture.bench("baseline", "establish", "quality", "-n", "1", "--force").status == 0)
        #expect(try Self.pointerCount(fixture) == "2\n")
    }

    @Test func aBaselineWhoseRepetitionsFailDoesNotReplaceAUsableOneUnlessForced() throws {
        let fixture = try BenchFixture()
        #expect(try fixture.bench("baseline", "establish", "quality").status == 0)
        let manifest = BenchFixture.manifest.replacingOccurrences(of: "entry_point = \"quality\"", with: "entry_point = \"crash\"")
        try fixture.repo.write("bench/manifest.toml", manifest)
        try fixture.repo.commit("quality now crashes", time: 2)

        let refused = try fixture.bench("baseline", "establish", "quality")
        #expect(refused.status == 77)
        #expect(refused.stderr.contains("git-bench: error: not moving the baseline of Sample/quality: run set bench_"))
        #expect(refused.stderr.contains(" has 0 ok repetition(s), the gate needs 2, and the baseline at "))
        #expect(refused.stderr.hasSuffix(" is usable; its rows are stored; pass --force to move the baseline anyway\n"))
        #expect(try fixture.runCount() == 12)
        #expect(try Self.pointerCount(fixture) == "1\n")

        let forced = try fixture.bench("baseline", "establish", "quality", "--force")
        #expect(forced.status == 65)
        #expect(try Self.pointerCount(fixture) == "2\n")
    }
}
