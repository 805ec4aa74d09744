import Testing
@testable import GitBenchKit

/// The table `config` prints.
@Suite struct ConfigTableTests {
    @Test func keysArePaddedToTheLongestAndEachValueNamesItsOrigin() {
        let settings = [
            BenchSetting(key: "bench.home", value: "/srv/bench", origin: .environment, file: "GIT_BENCH_HOME", problem: nil),
            BenchSetting(key: "bench.notesRef", value: "refs/notes/perf", origin: .local, file: "/src/app/.git/config", problem: nil),
            BenchSetting(key: "bench.prePush.missing", value: "sometimes", origin: .global, file: "/home/me/.gitconfig",
                         problem: "could not use bench.prePush.missing = 'sometimes'"),
            BenchSetting(key: "bench.allowDirty", value: nil, origin: .worktree, file: "/src/app/.git/config.worktree", problem: nil),
            BenchSetting(key: "bench.archive.url", value: "file:///srv/bench/archive", origin: .default, file: nil, problem: nil),
        ]
        #expect(ConfigTable.render(settings) == """
            bench.home             /srv/bench  (environment GIT_BENCH_HOME)
            bench.notesRef         refs/notes/perf  (local /src/app/.git/config)
            bench.prePush.missing  sometimes  (global /home/me/.gitconfig)
            bench.allowDirty       true  (worktree /src/app/.git/config.worktree)
            bench.archive.url      file:///srv/bench/archive  (default)

            """)
    }
}
