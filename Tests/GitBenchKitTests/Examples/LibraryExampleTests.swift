import Foundation
import Testing

/// The README's "Library" section is Examples/LibraryExample/main.swift, which the package builds; this runs it.
@Suite struct LibraryExampleTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test func theReadmeShowsTheExampleWordForWord() throws {
        let readme = try String(contentsOf: Self.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let example = try String(contentsOf: Self.packageRoot.appendingPathComponent("Examples/LibraryExample/main.swift"), encoding: .utf8)
        let section = try #require(readme.range(of: "## Library\n"))
        let opening = try #require(readme.range(of: "```swift\n", range: section.upperBound..<readme.endIndex))
        let closing = try #require(readme.range(of: "```\n", range: opening.upperBound..<readme.endIndex))
        #expect(String(readme[opening.upperBound..<closing.lowerBound]) == example)
    }

    @Test func theExampleRunsEstablishesEvaluatesAndReadsHistory() throws {
        let fixture = try BenchFixture()
        let binary = URL(fileURLWithPath: BenchFixture.binary).deletingLastPathComponent().appendingPathComponent("git-bench-library-example")
        let result = try runProcess(binary.path, [], environment: fixture.environment, currentDirectory: fixture.repo.url)
        #expect(result.status == 0, "\(result.stderr)")
        // Seeds 1…6 against meta seed 42's draws: the runner's metric is a pure function of the seed, so this is fixed.
        // Both groups measure the same code: benchstone's `z >= 2` PROMOTEd this pair (z 2.16 at 6v6); the calibrated
        // gate's permutation test over the 924 splits gives p 0.03139 and does not, so nothing is promoted.
        #expect(result.stdout == "REJECT: sigma +2.160: one-sided p 0.03139 > alpha 0.02275 (permutation-exact; threshold 2.000, direction=minimize); 12 runs, 2 run sets, 0 regressed\n")
        #expect(try fixture.runCount() == 12)
        #expect(try fixture.sql("SELECT action, meta_seed FROM baseline_events ORDER BY id").stdout == "establish|\n")
    }
}
