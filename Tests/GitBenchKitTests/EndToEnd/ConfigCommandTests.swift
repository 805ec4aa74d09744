import Foundation
import Testing
@testable import GitBenchKit

/// `bench.*` keys in git config: shown by `git bench config`, and obeyed.
@Suite struct ConfigCommandTests {
    @Test func configShowsEachEffectiveValueAndWhereItCameFrom() throws {
        let fixture = try BenchFixture()
        try fixture.repo.git("config", "--global", "bench.archive.url", "s3://team-bench")
        try fixture.repo.git("config", "bench.notesRef", "perf")

        let json = try fixture.bench("config", "--json")
        #expect(json.status == 0)
        let settings = try JSONDecoder().decode([String: [BenchSetting]].self, from: Data(json.stdout.utf8))["settings"] ?? []
        let global = fixture.repo.home.appendingPathComponent(".gitconfig").path
        let local = fixture.repo.url.appendingPathComponent(".git/config").path
        #expect(settings == [
            BenchSetting(key: "bench.home", value: fixture.home.path, origin: .environment, file: "GIT_BENCH_HOME", problem: nil),
            BenchSetting(key: "bench.notesRef", value: "refs/notes/perf", origin: .local, file: local, problem: nil),
            BenchSetting(key: "bench.prePush.missing", value: "warn", origin: .default, file: nil, problem: nil),
            BenchSetting(key: "bench.archive.url", value: "s3://team-bench", origin: .global, file: global, problem: nil),
            BenchSetting(key: "bench.allowDirty", value: "false", origin: .default, file: nil, problem: nil),
        ])

        let text = try fixture.bench("config")
        #expect(text.stdout == """
            bench.home             \(fixture.home.path)  (environment GIT_BENCH_HOME)
            bench.notesRef         refs/notes/perf  (local \(local))
            bench.prePush.missing  warn  (default)
            bench.archive.url      s3://team-bench  (global \(global))
            bench.allowDirty       false  (default)

            """)
    }

    @Test func benchHomeInGitConfigRedirectsTheStoreUnlessGitBenchHomeIsSet() throws {
        let fixture = try BenchFixture(register: false)
        let configured = fixture.repo.root.appendingPathComponent("configured-home")
        try fixture.repo.git("config", "bench.home", configured.path)
        var environment = fixture.environment
        environment["GIT_BENCH_HOME"] = nil
        let bench = { (arguments: [String]) in
            try runProcess(BenchFixture.binary, arguments, environment: environment, currentDirectory: fixture.repo.url)
        }

        #expect(try bench(["register"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: configured.appendingPathComponent("store.sqlite3").path))
        #expect(!FileManager.default.fileExists(atPath: fixture.storePath))
        #expect(try bench(["config"]).stdout.hasPrefix("bench.home             \(configured.path)  (local "))

        // GIT_BENCH_HOME still wins: that store has no projects.
        #expect(try fixture.bench("list").stdout.contains("Sample") == false)
        #expect(try bench(["list"]).stdout.contains("Sample"))
    }

    @Test func anInvalidPrePushMissingExitsWith78() throws {
        let fixture = try BenchFixture()
        try fixture.repo.git("config", "bench.prePush.missing", "sometimes")

        let result = try fixture.bench("config")

        #expect(result.status == 78)
        #expect(result.stdout.contains("bench.prePush.missing  sometimes  (local "))
        #expect(result.stderr == """
            git-bench: error: could not use bench.prePush.missing = 'sometimes' from local config \(fixture.repo.url.path)/.git/config: \
            expected one of warn, run, block; fix it with `git config bench.prePush.missing <value>`

            """)
    }

    @Test func allowDirtyInGitConfigLetsRunMeasureADirtyTree() throws {
        let fixture = try BenchFixture()
        try fixture.repo.write("scratch.txt", "uncommitted\n")
        #expect(try fixture.bench("run", "quality", "-n", "2").status == 77)

        try fixture.repo.git("config", "bench.allowDirty", "yes")
        let config = try fixture.bench("config", "--json")
        #expect(config.stdout.contains(#""key" : "bench.allowDirty","#) && config.stdout.contains(#""value" : true"#))
        #expect(!config.stdout.contains(#""value" : "yes""#))
        let result = try fixture.bench("run", "quality", "-n", "2", "--json")
        #expect(result.status == 0, "\(result.stderr)")
        let outcome = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(outcome?["run_sets"] is [Any] && outcome?["skipped"] is [Any], "run --json has one shape: \(result.stdout)")
        #expect(try fixture.sql("SELECT COUNT(*) FROM runs WHERE git_dirty = 1").stdout == "2\n")

        try fixture.repo.git("config", "bench.allowDirty", "maybe")
        #expect(try fixture.bench("run", "quality", "-n", "2").status == 78)
    }
}
