import Testing
@testable import GitBenchKit

/// What `projects` prints.
@Suite struct ProjectTableTests {
    @Test func eachProjectShowsItsBenchmarksAndRootOrWhyItsManifestCannotBeRead() {
        let projects = [
            ProjectSummary(name: "arborist", path: "/src/arborist", benchmarks: 12),
            ProjectSummary(name: "Old", path: "/src/old", benchmarks: nil, problem: "no bench/manifest.toml in /src/old"),
        ]
        #expect(ProjectTable.render(projects) == """
            project   benchmarks  root
            arborist  12          /src/arborist
            Old       -           /src/old (no bench/manifest.toml in /src/old)

            """)
    }

    @Test func noProjectsSaysHowToRegisterOne() {
        #expect(ProjectTable.render([]) == "no registered projects; `git bench register` in a repository registers one\n")
    }
}
