import Foundation
import Testing

@testable import GitBenchKit

/// `run --changed-since REV` skips benchmarks whose `paths` saw no change, through the built binary.
@Suite struct PathSelectionTests {
    static let manifest = """
        [project]
        name = "Sample"
        language = "shell"
        invocation = "sh bench/runner.sh {entry_point} {config_path} {output_path}"

        [[benchmarks]]
        name = "quality"
        entry_point = "quality"
        tier = "quality"
        metric_direction = "minimize"
        repetitions = 2
        baseline_seeds = [1, 2]
        promotion_sigma = 2.0
        paths = ["src/**", "Package.swift"]

        [[benchmarks]]
        name = "library"
        entry_point = "quality"
        tier = "quality"
        metric_direction = "minimize"
        repetitions = 2
        baseline_seeds = [1, 2]
        promotion_sigma = 2.0
        paths = ["lib/"]

        [[benchmarks]]
        name = "everything"
        entry_point = "quality"
        tier = "quality"
        metric_direction = "minimize"
        repetitions = 2
        baseline_seeds = [1, 2]
        promotion_sigma = 2.0
        """

    private func makeFixture() throws -> (BenchFixture, base: String) {
        let fixture = try BenchFixture(manifest: Self.manifest)
        try fixture.repo.write("src/Parser.swift", "struct Parser {}\n")
        try fixture.repo.write("Package.swift", "// swift-tools-version: 6.1\n")
        let base = try fixture.repo.commit("sources", time: 2)
        return (fixture, base)
    }

    @Test func docsOnlyCommitSkipsAPathScopedBenchmarkWritesNothingAndExitsZero() throws {
        let (fixture, base) = try makeFixture()
        try fixture.repo.write("docs/index.md", "# Sample\n")
        try fixture.repo.commit("docs", time: 3)

        let result = try fixture.bench("run", "quality", "--changed-since", "HEAD~1")

        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "skipped Sample/quality: no change under its paths since \(base.prefix(10))\n")
        // Nothing was written, so status shows no foreground run either.
        #expect(try fixture.jobs().isEmpty)
        #expect(try fixture.runCount() == 0)
    }

    @Test func skippedBenchmarksAreListedInJSON() throws {
        let (fixture, base) = try makeFixture()
        try fixture.repo.write("docs/index.md", "# Sample\n")
        let tip = try fixture.repo.commit("docs", time: 3)

        let result = try fixture.bench("run", "quality", "--changed-since", base, "--json")

        #expect(result.status == 0, "\(result.stderr)")
        let outcome = try JSONDecoder().decode(RunOutcome.self, from: Data(result.stdout.utf8))
        #expect(outcome.runSets.isEmpty)
        #expect(outcome.skipped == [SkippedBenchmark(project: "Sample", benchmark: "quality", base: ObjectID(hex: base),
                                                     tip: try #require(ObjectID(hex: tip)),
                                                     reason: "no change under its paths since \(base.prefix(10))")])
    }

    @Test func sourceCommitRunsThePathScopedBenchmark() throws {
        let (fixture, _) = try makeFixture()
        try fixture.repo.write("src/Parser.swift", "struct Parser { var depth = 0 }\n")
        try fixture.repo.commit("parser", time: 3)

        let result = try fixture.bench("run", "quality", "--changed-since", "HEAD~1")

        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Sample/quality: 2 ok, 0 error"))
        #expect(!result.stdout.contains("skipped"))
        #expect(try fixture.runCount() == 2)
    }

    @Test func renameRunsBenchmarksWatchingEitherTheOldOrTheNewPath() throws {
        let (fixture, _) = try makeFixture()
        try FileManager.default.createDirectory(at: fixture.repo.url.appendingPathComponent("lib"), withIntermediateDirectories: true)
        try fixture.repo.git("mv", "src/Parser.swift", "lib/Parser.swift")
        try fixture.repo.commit("move parser", time: 3)

        let result = try fixture.bench("run", "--changed-since", "HEAD~1", "--json")

        #expect(result.status == 0, "\(result.stderr)")
        let outcome = try JSONDecoder().decode(RunOutcome.self, from: Data(result.stdout.utf8))
        #expect(outcome.runSets.map(\.benchmark) == ["quality", "library", "everything"])
        #expect(outcome.skipped.isEmpty)
    }

    @Test func benchmarkWithoutPathsRunsEvenWhenOnlyDocsChanged() throws {
        let (fixture, base) = try makeFixture()
        try fixture.repo.write("README.md", "Sample\n")
        try fixture.repo.commit("readme", time: 3)

        let result = try fixture.bench("run", "--changed-since", "HEAD~1")

        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines.prefix(2) == ["skipped Sample/quality: no change under its paths since \(base.prefix(10))",
                                    "skipped Sample/library: no change under its paths since \(base.prefix(10))"])
        #expect(lines.last?.hasPrefix("Sample/everything: 2 ok, 0 error") == true)
        #expect(try fixture.runCount() == 2)
    }

    @Test func unknownChangedSinceRevisionIsAUsageError() throws {
        let (fixture, _) = try makeFixture()

        let result = try fixture.bench("run", "quality", "--changed-since", "no-such-branch")

        #expect(result.status == 64)
        #expect(result.stderr == "git-bench: error: could not resolve revision 'no-such-branch': unknown or ambiguous revision\n")
        #expect(try fixture.runCount() == 0)
    }

    @Test func libraryReportsWhichBenchmarksASingleCommitAffects() throws {
        let (fixture, _) = try makeFixture()
        try fixture.repo.write("lib/Cache.swift", "struct Cache {}\n")
        let tip = try #require(ObjectID(hex: try fixture.repo.commit("cache", time: 3)))
        let harness = try Harness(home: HarnessHome(root: fixture.home), console: .capturing())
        let project = try harness.project(named: "Sample", from: fixture.repo.url)

        let selection = try harness.benchmarksAffected(by: .commit(tip), in: project)

        #expect(selection.run.map(\.name) == ["library", "everything"])
        #expect(selection.skipped.map(\.name) == ["quality"])
        let sinceRoot = try harness.benchmarksAffected(by: .commits(base: nil, tip: tip), in: project)
        #expect(sinceRoot.run.map(\.name) == ["quality", "library", "everything"])
    }
}
