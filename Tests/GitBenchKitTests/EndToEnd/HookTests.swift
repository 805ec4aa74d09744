import Foundation
import Testing
@testable import GitBenchKit

/// The installed hooks driven by real `git commit` and `git push` to a bare repository on disk.
@Suite struct HookTests {
    static let hookedManifest = BenchFixture.manifest.replacingOccurrences(of: """
        name = "quality"
        entry_point = "quality"
        """, with: """
        name = "quality"
        entry_point = "quality"
        hooks = ["pre-push"]
        """).replacingOccurrences(of: """
        name = "slow"
        entry_point = "slow"
        """, with: """
        name = "slow"
        entry_point = "slow"
        hooks = ["post-commit"]
        paths = ["bench/level", "src/**"]
        """)

    /// The fixture with hooks installed through the CLI, a bare remote, and an environment where `git bench` resolves.
    final class Setup {
        let fixture: BenchFixture
        let remote: URL
        var environment: [String: String]

        init(manifest: String = HookTests.hookedManifest) throws {
            fixture = try BenchFixture(manifest: manifest)
            remote = fixture.repo.root.appendingPathComponent("remote.git")
            try fixture.repo.git("init", "-q", "--bare", remote.path)
            try fixture.repo.git("remote", "add", "origin", remote.path)
            environment = fixture.environment
            environment["PATH"] = URL(fileURLWithPath: BenchFixture.binary).deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
            environment["SLOW_SECONDS"] = "0.2"
        }

        func git(_ arguments: String...) throws -> (status: Int32, stdout: String, stderr: String) {
            try runProcess("/usr/bin/git", arguments, environment: environment, currentDirectory: fixture.repo.url)
        }

        func bench(_ arguments: String...) throws -> (status: Int32, stdout: String, stderr: String) {
            try runProcess(BenchFixture.binary, arguments, environment: environment, currentDirectory: fixture.repo.url)
        }
    }

    /// The JSON `hooks install` and `hooks uninstall` print: the directory, where it came from, and what changed.
    struct Change: Decodable, Equatable {
        var directory: String
        var configured: Bool
        var shared: Bool
        var changed: [String]
    }

    @Test func installAndUninstallSayWhatChangedInJSON() throws {
        let fixture = try BenchFixture()
        let hooks = fixture.repo.url.appendingPathComponent(".git/hooks").path
        func change(_ arguments: String...) throws -> Change {
            let result = try fixture.bench(arguments + ["--json"])
            #expect(result.status == 0, "\(result.stderr)")
            return try JSONDecoder().decode(Change.self, from: Data(result.stdout.utf8))
        }
        #expect(try change("hooks", "install") == Change(directory: hooks, configured: false, shared: false, changed: ["post-commit", "pre-push"]))
        #expect(try change("hooks", "install").changed == [])
        #expect(try change("hooks", "uninstall") == Change(directory: hooks, configured: false, shared: false, changed: ["post-commit", "pre-push"]))
        #expect(try change("hooks", "uninstall").changed == [])
    }

    @Test func pushIsBlockedOnARegressionAndAllowedWithTheTwoBypasses() throws {
        let setup = try Setup()
        #expect(try setup.bench("hooks", "install").status == 0)
        #expect(try setup.bench("baseline", "establish", "quality").status == 0)
        try setup.fixture.setLevel("1.5", time: 2)
        #expect(try setup.bench("run", "quality").status == 0)
        #expect(try setup.bench("evaluate", "quality").status == 1)

        let blocked = try setup.git("push", "-q", "origin", "main")
        #expect(blocked.status != 0)
        #expect(blocked.stderr.contains("git-bench: push blocked: Sample/quality at "))
        // The same word `check` uses for it.
        #expect(blocked.stderr.contains(": FAIL — significant regression: "), "\(blocked.stderr)")
        #expect(try setup.bench("check", "quality").stdout.contains(": FAIL at "))
        #expect(blocked.stderr.contains("git push --no-verify, or GIT_BENCH_SKIP=1 git push"))
        #expect(try setup.fixture.repo.git("ls-remote", setup.remote.path).isEmpty)

        #expect(try setup.git("push", "-q", "--no-verify", "origin", "main").status == 0)
        try setup.fixture.repo.git("commit", "-q", "--allow-empty", "-m", "more")
        setup.environment["GIT_BENCH_SKIP"] = "1"
        #expect(try setup.git("push", "-q", "origin", "main").status == 0)
        setup.environment["GIT_BENCH_SKIP"] = nil

        // Deleting a branch pushes no commit and is never blocked.
        #expect(try setup.git("push", "-q", "--no-verify", "origin", "main:doomed").status == 0)
        let deletion = try setup.git("push", "-q", "origin", ":doomed")
        #expect(deletion.status == 0, "\(deletion.stderr)")
    }

    @Test func rejectThatIsNotARegressionDoesNotBlock() throws {
        let setup = try Setup()
        #expect(try setup.bench("hooks", "install").status == 0)
        #expect(try setup.bench("baseline", "establish", "quality").status == 0)
        // A fixed meta seed makes the candidate's metrics (and so the verdict) the same on every run: the same code
        // is no improvement, so REJECT, and no regression either.
        #expect(try setup.bench("run", "quality", "--meta-seed", "1234").status == 0)
        let evaluation = try setup.bench("evaluate", "quality")
        #expect(evaluation.status == 1)
        #expect(evaluation.stdout.contains("REJECT"))
        let push = try setup.git("push", "-q", "origin", "main")
        #expect(push.status == 0, "\(push.stderr)")
    }

    @Test func missingVerdictWarnsByDefaultAndBlocksWhenConfigured() throws {
        let setup = try Setup()
        #expect(try setup.bench("hooks", "install").status == 0)
        let warned = try setup.git("push", "-q", "origin", "main")
        #expect(warned.status == 0)
        #expect(warned.stderr.contains("git-bench: warning: no verdict for Sample/quality@"))
        try setup.fixture.repo.git("commit", "-q", "--allow-empty", "-m", "one-off")
        // `git -c` reaches the hook through GIT_CONFIG_PARAMETERS, which libgit2 alone does not read.
        let blockedOnce = try setup.git("-c", "bench.prePush.missing=block", "push", "-q", "origin", "main")
        #expect(blockedOnce.status != 0)
        #expect(blockedOnce.stderr.contains("git-bench: push blocked: no verdict for Sample/quality@"))
        try setup.fixture.repo.git("config", "bench.prePush.missing", "block")
        try setup.fixture.repo.git("commit", "-q", "--allow-empty", "-m", "next")
        let blocked = try setup.git("push", "-q", "origin", "main")
        #expect(blocked.status != 0)
        #expect(blocked.stderr.contains("git-bench: push blocked: no verdict for Sample/quality@"))
    }

    /// `[` alone made the old parser (toml++) abort the process, which blocked the push.
    @Test(arguments: ["[project\nname = \n", "[\n"])
    func aBrokenManifestWarnsButNeverBlocksAPush(manifest: String) throws {
        let setup = try Setup()
        #expect(try setup.bench("hooks", "install").status == 0)
        try setup.fixture.repo.write("bench/manifest.toml", manifest)
        try setup.fixture.repo.git("commit", "-q", "--no-verify", "-am", "break the manifest")
        let push = try setup.git("push", "-q", "origin", "main")
        #expect(push.status == 0)
        #expect(push.stderr.hasPrefix("git-bench: warning: pre-push checks skipped: "))
        #expect(push.stderr.contains("manifest.toml"))
    }

    @Test func gitLFSStyleHookStillRunsAndSeesTheRefs() throws {
        let setup = try Setup()
        let marker = setup.fixture.repo.root.appendingPathComponent("lfs-saw")
        let lfsLike = "#!/bin/sh\n# git-lfs-style pre-push: reads the ref lines from stdin\ncat > '\(marker.path)'\n"
        try setup.fixture.repo.write(".git/hooks/pre-push", lfsLike, executable: true)
        #expect(try setup.bench("hooks", "install").status == 0)
        #expect(try setup.git("push", "-q", "origin", "main").status == 0)
        let head = try setup.fixture.repo.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try String(contentsOf: marker, encoding: .utf8) == "refs/heads/main \(head) refs/heads/main \(String(repeating: "0", count: 40))\n")
        #expect(try setup.bench("hooks", "uninstall").status == 0)
        #expect(try String(contentsOf: setup.fixture.repo.url.appendingPathComponent(".git/hooks/pre-push"), encoding: .utf8) == lfsLike)
    }

    @Test func hooksFollowRelativeAndAbsoluteCoreHooksPathAndWorkInALinkedWorktree() throws {
        let setup = try Setup()
        try setup.fixture.repo.git("config", "core.hooksPath", ".githooks")
        let installed = try setup.bench("hooks", "install")
        #expect(installed.stdout == "installed post-commit, pre-push in \(setup.fixture.repo.url.path)/.githooks\n")
        let absolute = setup.fixture.repo.root.appendingPathComponent("shared-hooks")
        try setup.fixture.repo.git("config", "core.hooksPath", absolute.path)
        #expect(try setup.bench("hooks", "install").stdout == "installed post-commit, pre-push in \(absolute.path)\n")
        let status = try setup.bench("hooks", "status", "--json")
        #expect(status.stdout.contains("\"configured\" : true"))

        // A linked worktree uses the same hooks; the pre-push gate works from there.
        try setup.fixture.repo.git("config", "--unset", "core.hooksPath")
        #expect(try setup.bench("hooks", "install").status == 0)
        let linked = setup.fixture.repo.root.appendingPathComponent("linked")
        try setup.fixture.repo.git("worktree", "add", "-q", "-b", "side", linked.path)
        let fromWorktree = try runProcess(BenchFixture.binary, ["hooks", "status"], environment: setup.environment, currentDirectory: linked)
        #expect(fromWorktree.stdout.hasPrefix("hooks directory: \(setup.fixture.repo.url.path)/.git/hooks\n"))
        let push = try runProcess("/usr/bin/git", ["push", "-q", "origin", "side"], environment: setup.environment, currentDirectory: linked)
        #expect(push.status == 0)
        #expect(push.stderr.contains("no verdict for Sample/quality@"))
    }

    @Test func globalHooksPathNeedsForce() throws {
        let setup = try Setup()
        let global = setup.fixture.repo.root.appendingPathComponent("global-hooks")
        try setup.fixture.repo.git("config", "--global", "core.hooksPath", global.path)
        let refused = try setup.bench("hooks", "install")
        #expect(refused.status == 77)
        #expect(refused.stderr.contains("pass --force"))
        let forced = try setup.bench("hooks", "install", "--force")
        #expect(forced.status == 0)
        #expect(forced.stderr.contains("warning: core.hooksPath is global"))
    }

    @Test func commitReturnsBeforeTheQueuedJobFinishesAndTheJobThenRecordsItsRuns() throws {
        let setup = try Setup()
        setup.environment["SLOW_SECONDS"] = "1"
        #expect(try setup.bench("hooks", "install").status == 0)
        try setup.fixture.repo.write("bench/level", "0.9\n")
        let commit = try setup.git("commit", "-q", "-am", "faster")
        #expect(commit.status == 0)
        #expect(commit.stderr.isEmpty, "the hook only starts its background half: \(commit.stderr)")
        // The job needs six one-second repetitions: it cannot be done when the commit returned.
        #expect(try setup.fixture.runCount() < 6)
        try setup.fixture.waitUntil { try setup.fixture.runCount() == 6 }
        let head = try setup.fixture.repo.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try setup.fixture.sql("SELECT DISTINCT git_sha || ' ' || benchmark FROM runs").stdout == "\(head) slow\n")
        #expect(try hookLog(setup).contains(" post-commit \(head.prefix(10)): queued job 1 (slow)\n"))

        // A docs-only commit touches none of the benchmark's paths: nothing is queued, and the log says so.
        try setup.fixture.repo.write("README.md", "docs\n")
        try setup.fixture.repo.git("add", "README.md")
        let docs = try setup.git("commit", "-q", "-m", "docs")
        #expect(docs.status == 0)
        let docsHead = try setup.fixture.repo.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        try setup.fixture.waitUntil { try hookLog(setup).contains(" post-commit \(docsHead.prefix(10)): no post-commit benchmark is affected; nothing queued\n") }
        #expect(try setup.fixture.sql("SELECT count(*) FROM jobs").stdout == "1\n")
    }

    @Test(arguments: ["[project\nname = \n", "[\n"])
    func aBrokenManifestNeverFailsTheCommitAndIsLogged(manifest: String) throws {
        let setup = try Setup()
        #expect(try setup.bench("hooks", "install").status == 0)
        try setup.fixture.repo.write("bench/manifest.toml", manifest)
        let commit = try setup.git("commit", "-q", "-am", "break the manifest")
        #expect(commit.status == 0 && commit.stderr.isEmpty)
        let head = try setup.fixture.repo.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        try setup.fixture.waitUntil { try hookLog(setup).contains(" post-commit \(head.prefix(10)): not queued: ") }
        #expect(try hookLog(setup).contains("manifest.toml"))
        #expect(try permissions(of: setup.fixture.home.appendingPathComponent("logs/hooks.log")) == 0o600)
    }

    private func hookLog(_ setup: Setup) throws -> String {
        let log = setup.fixture.home.appendingPathComponent("logs/hooks.log")
        return FileManager.default.fileExists(atPath: log.path) ? try String(contentsOf: log, encoding: .utf8) : ""
    }
}
