import Foundation
import Testing
@testable import GitBenchKit

/// `--at-sha` worktrees a SIGKILLed git-bench could not remove are removed by the next `--at-sha` and by `status`;
/// one whose owner still runs, and one git-bench did not create, never are.
@Suite struct StaleWorktreeTests {
    /// A fixture whose git-bench processes put their temporary worktrees in `tmp/` beside the repository.
    private struct Scene {
        let fixture: BenchFixture
        let tmp: URL
        let gate: RepetitionGate

        init() throws {
            fixture = try BenchFixture()
            tmp = fixture.repo.root.appendingPathComponent("tmp")
            try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
            gate = try fixture.holdRepetitions(from: 1)
        }

        var environment: [String: String] { ["TMPDIR": tmp.path] }

        /// The `gitbench-*` directories in `tmp/`.
        func worktreeDirectories() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: tmp.path).filter { $0.hasPrefix("gitbench-") }.sorted()
        }

        /// The paths `git worktree list` shows besides the main working tree.
        func linkedWorktrees() throws -> [String] {
            try fixture.repo.git("worktree", "list", "--porcelain").split(separator: "\n")
                .filter { $0.hasPrefix("worktree ") }.map { String($0.dropFirst("worktree ".count)) }
                .filter { $0 != fixture.repo.url.path }.sorted()
        }

        /// `baseline establish slow --at-sha HEAD`, held at its second repetition, then SIGKILLed: its worktree stays.
        func killedAtShaRun() throws -> (pid: Int32, worktree: String) {
            let process = try fixture.start(["baseline", "establish", "slow", "--at-sha", "HEAD"], extraEnvironment: environment)
            try fixture.waitUntil { !gate.heldRunners().isEmpty }
            let worktree = try #require(try worktreeDirectories().first)
            try gate.kill(process, fixture: fixture)
            #expect(try worktreeDirectories() == [worktree])
            #expect(try linkedWorktrees() == [tmp.appendingPathComponent(worktree).path])
            return (process.processIdentifier, worktree)
        }

        /// A worktree named like git-bench's that git-bench did not create.
        func foreignWorktree() throws -> String {
            let path = tmp.appendingPathComponent("gitbench-0123456789abcdef").path
            try fixture.repo.git("worktree", "add", "-q", "--detach", path, "HEAD")
            return path
        }
    }

    @Test func theNextAtShaRemovesTheWorktreeOfAKilledOne() throws {
        let scene = try Scene()
        let (pid, worktree) = try scene.killedAtShaRun()
        let foreign = try scene.foreignWorktree()

        let next = try scene.fixture.bench("baseline", "establish", "quality", "--at-sha", "HEAD", timeout: 120, extraEnvironment: scene.environment)
        #expect(next.status == 0, "\(next.stderr)")
        #expect(next.stderr.contains("removed the temporary worktree \(scene.tmp.path)/\(worktree) left by git-bench pid \(pid), which is gone"),
                "\(next.stderr)")
        #expect(try scene.worktreeDirectories() == ["gitbench-0123456789abcdef"])
        #expect(try scene.linkedWorktrees() == [foreign])
        #expect(try scene.fixture.repo.git("branch", "--list", "git-bench/*") == "")
        #expect(!FileManager.default.fileExists(atPath: scene.fixture.repo.url.appendingPathComponent(".git/gitbench-worktrees").path))
    }

    @Test func statusRemovesItTooButNeverOneWhoseOwnerRuns() throws {
        let scene = try Scene()
        let foreign = try scene.foreignWorktree()
        // In use: a held --at-sha run owns it.
        let process = try scene.fixture.start(["baseline", "establish", "slow", "--at-sha", "HEAD"], extraEnvironment: scene.environment)
        try scene.fixture.waitUntil { !scene.gate.heldRunners().isEmpty }
        let live = try #require(try scene.worktreeDirectories().first { $0 != "gitbench-0123456789abcdef" })
        let during = try scene.fixture.bench("status", timeout: 120, extraEnvironment: scene.environment)
        #expect(during.status == 0, "\(during.stderr)")
        #expect(try scene.worktreeDirectories() == [live, "gitbench-0123456789abcdef"].sorted())
        #expect(try scene.linkedWorktrees().count == 2)

        try scene.gate.kill(process, fixture: scene.fixture)
        let after = try scene.fixture.bench("status", timeout: 120, extraEnvironment: scene.environment)
        #expect(after.status == 0, "\(after.stderr)")
        #expect(after.stderr.contains("removed the temporary worktree \(scene.tmp.path)/\(live) left by git-bench pid \(process.processIdentifier)"),
                "\(after.stderr)")
        #expect(try scene.worktreeDirectories() == ["gitbench-0123456789abcdef"])
        #expect(try scene.linkedWorktrees() == [foreign])
    }
}
