import Foundation
import Testing
@testable import GitBenchKit

/// pre-push honours `paths` as post-commit and `run --changed-since` do: a push whose changes since the baseline touch
/// none of a benchmark's paths is neither blocked nor measured for it.
@Suite struct PrePushPathsTests {
    static let manifest = HookTests.hookedManifest.replacingOccurrences(of: """
        entry_point = "quality"
        hooks = ["pre-push"]
        """, with: """
        entry_point = "quality"
        hooks = ["pre-push"]
        paths = ["bench/level", "src/**"]
        """)

    @Test func aDocsOnlyPushPassesEvenWhenMissingVerdictsBlock() throws {
        let setup = try HookTests.Setup(manifest: Self.manifest)
        #expect(try setup.bench("hooks", "install").status == 0)
        #expect(try setup.bench("baseline", "establish", "quality").status == 0)
        try setup.fixture.repo.git("config", "bench.prePush.missing", "block")
        try setup.fixture.repo.write("README.md", "docs\n")
        try setup.fixture.repo.commit("docs only", time: 2)

        let pushed = try setup.git("push", "-q", "origin", "main")
        #expect(pushed.status == 0, "\(pushed.stderr)")
        #expect(pushed.stderr.contains("git-bench: not checked: Sample/quality@"))
        #expect(pushed.stderr.contains(": no change under its paths since "))
        #expect(try setup.fixture.runCount() == 6)
    }

    @Test func aPushThatTouchesThePathsStillNeedsItsVerdict() throws {
        let setup = try HookTests.Setup(manifest: Self.manifest)
        #expect(try setup.bench("hooks", "install").status == 0)
        #expect(try setup.bench("baseline", "establish", "quality").status == 0)
        try setup.fixture.repo.git("config", "bench.prePush.missing", "block")
        try setup.fixture.setLevel("0.9", time: 2)

        let blocked = try setup.git("push", "-q", "origin", "main")
        #expect(blocked.status != 0)
        #expect(blocked.stderr.contains("git-bench: push blocked: no verdict for Sample/quality@"))
    }
}
