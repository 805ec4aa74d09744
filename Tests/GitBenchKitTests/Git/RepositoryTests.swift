import Foundation
import GitBenchKit
import Testing

@Suite struct RepositoryTests {
    /// This process, as the owner a temporary worktree's marker records (no start time: liveness is the pid's).
    static let me = ProcessIdentity(pid: getpid(), group: getpgrp(), startTicks: nil)
    // MARK: Opening

    @Test func discoverFindsRootFromSubdirectory() throws {
        let repo = try TestRepo()
        try repo.write("src/deep/file.txt", "x\n")
        try repo.commit(time: 1)

        let repository = try Repository.discover(from: repo.url.appendingPathComponent("src/deep"))

        #expect(repository.workdir?.path == repo.url.path)
        #expect(repository.workdir?.path == (try repo.git("rev-parse", "--show-toplevel")))
        #expect(repository.commonDir.path == repo.url.appendingPathComponent(".git").path)
    }

    @Test func discoverOutsideAnyRepositoryThrowsNotARepository() throws {
        let repo = try TestRepo()
        let outside = repo.home

        let error = #expect(throws: GitError.self) { try Repository.discover(from: outside) }

        #expect(error == .notARepository(path: outside.path))
    }

    @Test func discoverInsideLinkedWorktreeFindsItsRootAndTheSharedGitDir() throws {
        let repo = try TestRepo()
        try repo.write("a.txt", "a\n")
        try repo.commit(time: 1)
        let linked = repo.root.appendingPathComponent("linked")
        try repo.git("worktree", "add", "-q", "--detach", linked.path)
        try FileManager.default.createDirectory(
            at: linked.appendingPathComponent("sub"), withIntermediateDirectories: true)

        let repository = try Repository.discover(from: linked.appendingPathComponent("sub"))

        #expect(repository.workdir?.path == linked.path)
        #expect(repository.commonDir.path == repo.url.appendingPathComponent(".git").path)
    }

    // MARK: Commits

    @Test func headCommitMatchesGitRevParse() throws {
        let repo = try TestRepo()
        try repo.write("a.txt", "one\n")
        try repo.commit(time: 1)
        try repo.write("a.txt", "two\n")
        let sha = try repo.commit(time: 2)

        let head = try Repository.open(at: repo.url).headCommit()

        #expect(head.hex == sha)
        #expect(head == ObjectID(hex: try repo.git("rev-parse", "HEAD")))
    }

    @Test func unbornHeadThrowsClearError() throws {
        let repo = try TestRepo()
        let repository = try Repository.open(at: repo.url)

        let error = #expect(throws: GitError.self) { try repository.headCommit() }

        #expect(error == .unbornHead(path: repo.url.path))
        #expect(error?.description == "could not read HEAD in \(repo.url.path): the current branch has no commits yet")
    }

    @Test func resolveCommitAcceptsShortSHAAndRejectsGarbage() throws {
        let repo = try TestRepo()
        try repo.write("a.txt", "one\n")
        let first = try repo.commit(time: 1)
        try repo.git("tag", "-a", "v1", "-m", "first release")
        try repo.write("a.txt", "two\n")
        let second = try repo.commit(time: 2)
        let repository = try Repository.open(at: repo.url)

        #expect(try repository.resolveCommit(String(first.prefix(7))).hex == first)
        #expect(try repository.resolveCommit(first).hex == first)
        #expect(try repository.resolveCommit("HEAD~1").hex == first)
        #expect(try repository.resolveCommit("v1").hex == first)
        #expect(try repository.resolveCommit("main").hex == second)
        #expect(throws: GitError.unknownRevision("no-such-branch")) {
            try repository.resolveCommit("no-such-branch")
        }
        #expect(throws: GitError.unknownRevision("HEAD~5")) { try repository.resolveCommit("HEAD~5") }
        let blobError = #expect(throws: GitError.self) { try repository.resolveCommit("HEAD:a.txt") }
        guard case .resolveRevision("HEAD:a.txt", _) = blobError else {
            Issue.record("expected resolveRevision for a blob, got \(String(describing: blobError))")
            return
        }
    }

    // MARK: Status

    @Test func cleanTreeIsNotDirty() throws {
        let repo = try TestRepo()
        try repo.write("a.txt", "one\n")
        try repo.commit(time: 1)

        #expect(try Repository.open(at: repo.url).isDirty() == false)
    }

    @Test func untrackedFileMakesTreeDirty() throws {
        let repo = try TestRepo()
        try repo.write("a.txt", "one\n")
        try repo.commit(time: 1)
        try repo.write("new/untracked.txt", "new\n")

        #expect(try Repository.open(at: repo.url).isDirty())
    }

    @Test func modifiedTrackedFileMakesTreeDirty() throws {
        let repo = try TestRepo()
        try repo.write("a.txt", "one\n")
        try repo.commit(time: 1)
        try repo.write("a.txt", "changed\n")
        let repository = try Repository.open(at: repo.url)

        #expect(try repository.isDirty())

        try repo.git("add", "a.txt")
        #expect(try repository.isDirty(), "a staged change is still a difference from HEAD")
    }

    @Test func ignoredFileDoesNotMakeTreeDirty() throws {
        let repo = try TestRepo()
        try repo.write(".gitignore", "*.log\nbuild/\n")
        try repo.commit(time: 1)
        try repo.write("run.log", "noise\n")
        try repo.write("build/out.o", "object\n")

        #expect(try Repository.open(at: repo.url).isDirty() == false)
    }

    // MARK: Diff

    @Test func diffAgainstHeadShowsModificationsAndUntrackedContents() throws {
        let repo = try TestRepo()
        try repo.write("a.txt", "one\ntwo\nthree\n")
        try repo.write("b.txt", "bee\n")
        try repo.write(".gitignore", "*.log\n")
        try repo.commit(time: 1)
        try repo.write("a.txt", "one\nTWO\nthree\n")
        try repo.git("rm", "-q", "b.txt")
        try repo.write("dir/new.txt", "hello\nworld\n")
        try repo.write("ignored.log", "never shown\n")

        let diff = try Repository.open(at: repo.url).diffAgainstHead()

        let lines = diff.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.contains("-two"))
        #expect(lines.contains("+TWO"))
        #expect(lines.contains("-bee"))
        #expect(lines.contains("+hello"))
        #expect(lines.contains("+world"))
        #expect(lines.contains("+++ b/dir/new.txt"))
        #expect(!diff.contains("ignored.log"))
        // It is exactly what git itself shows once everything is staged.
        try repo.git("add", "-A")
        let gitDiff = try repo.git("diff", "--cached", "--no-renames", "--no-color", "HEAD")
        #expect(diff == gitDiff + "\n")
    }

    @Test func diffOfCleanTreeIsEmpty() throws {
        let repo = try TestRepo()
        try repo.write("a.txt", "one\n")
        try repo.commit(time: 1)

        #expect(try Repository.open(at: repo.url).diffAgainstHead() == "")
    }

    @Test func diffWithoutCommitsShowsEveryFileAsAdded() throws {
        let repo = try TestRepo()
        try repo.write("a.txt", "first\n")
        let repository = try Repository.open(at: repo.url)

        let diff = try repository.diffAgainstHead()

        #expect(try repository.isDirty())
        #expect(diff.contains("+++ b/a.txt\n"))
        #expect(diff.contains("\n+first\n"))
    }

    // MARK: Files

    @Test func fileContentsReadsAnOldCommit() throws {
        let repo = try TestRepo()
        try repo.write("bench/manifest.toml", "version = 1\n")
        try repo.write("old.txt", "old\n")
        let first = try #require(ObjectID(hex: try repo.commit(time: 1)))
        try repo.write("bench/manifest.toml", "version = 2\n")
        try repo.git("rm", "-q", "old.txt")
        let second = try #require(ObjectID(hex: try repo.commit(time: 2)))
        let repository = try Repository.open(at: repo.url)

        #expect(try repository.fileContents("bench/manifest.toml", at: first) == Data("version = 1\n".utf8))
        #expect(try repository.fileContents("bench/manifest.toml", at: second) == Data("version = 2\n".utf8))
        #expect(try repository.fileContents("old.txt", at: first) == Data("old\n".utf8))
        #expect(try repository.fileContents("old.txt", at: second) == nil)
        #expect(try repository.fileContents("bench/missing.toml", at: second) == nil)
        #expect(try repository.fileContents("bench", at: second) == nil, "a directory is not a file")
    }

    @Test func fileContentsOfUnknownCommitThrows() throws {
        let repo = try TestRepo()
        try repo.write("a.txt", "one\n")
        try repo.commit(time: 1)
        let missing = try #require(ObjectID(hex: String(repeating: "ab", count: 20)))

        let error = #expect(throws: GitError.self) {
            try Repository.open(at: repo.url).fileContents("a.txt", at: missing)
        }
        guard case .findCommit(missing, _) = error else {
            Issue.record("expected findCommit, got \(String(describing: error))")
            return
        }
    }

    // MARK: Temporary worktrees

    @Test func temporaryWorktreeChecksOutOldCommitAndLeavesNothingBehind() throws {
        let repo = try TestRepo()
        try repo.write("bench/manifest.toml", "version = 1\n")
        let first = try #require(ObjectID(hex: try repo.commit(time: 1)))
        try repo.write("bench/manifest.toml", "version = 2\n")
        let second = try repo.commit(time: 2)
        let repository = try Repository.open(at: repo.url)
        let runs = repo.root.appendingPathComponent("runs")

        let worktree = try repository.addTemporaryWorktree(at: first, parentDirectory: runs, owner: Self.me)

        #expect(worktree.commit == first)
        #expect(worktree.path.deletingLastPathComponent().path == runs.path)
        #expect(worktree.path.lastPathComponent.hasPrefix("gitbench-"))
        let manifest = try String(
            contentsOf: worktree.path.appendingPathComponent("bench/manifest.toml"), encoding: .utf8)
        #expect(manifest == "version = 1\n")
        let inWorktree = ["-C", worktree.path.path]
        #expect(try repo.git(inWorktree + ["rev-parse", "HEAD"]) == first.hex)
        #expect(try repo.git(inWorktree + ["status", "--porcelain"]) == "")
        #expect(try repo.git(inWorktree + ["symbolic-ref", "-q", "--short", "HEAD"], allowFailure: true) == "",
                "the worktree's HEAD is detached")
        #expect(try repo.git("rev-parse", "HEAD") == second, "the main worktree is untouched")
        #expect(try repository.isDirty() == false)
        #expect(try worktreeCount(repo) == 2)

        try worktree.remove()

        #expect(try worktreeCount(repo) == 1)
        #expect(try repo.git("branch", "--list", "git-bench/*") == "")
        #expect(!FileManager.default.fileExists(atPath: worktree.path.path))
        let prune = try runProcess(
            TestRepo.gitExecutable, ["-C", repo.url.path, "worktree", "prune", "-n", "-v"],
            environment: repo.environment)
        #expect(prune.status == 0)
        #expect(prune.stdout + prune.stderr == "", "git worktree prune has nothing to do")
        try worktree.remove()  // idempotent
    }

    @Test func worktreeIsRemovedOnDeinit() throws {
        let repo = try TestRepo()
        try repo.write("a.txt", "one\n")
        let first = try #require(ObjectID(hex: try repo.commit(time: 1)))
        let repository = try Repository.open(at: repo.url)
        var path: URL?

        do {
            let worktree = try repository.addTemporaryWorktree(
                at: first, parentDirectory: repo.root.appendingPathComponent("runs"), owner: Self.me)
            path = worktree.path
            #expect(FileManager.default.fileExists(atPath: worktree.path.appendingPathComponent("a.txt").path))
        }

        let removedPath = try #require(path)
        #expect(!FileManager.default.fileExists(atPath: removedPath.path))
        #expect(try worktreeCount(repo) == 1)
        #expect(try repo.git("branch", "--list", "git-bench/*") == "")
    }

    @Test func removeSucceedsAfterGitAlreadyRemovedTheWorktree() throws {
        let repo = try TestRepo()
        try repo.write("a.txt", "one\n")
        let first = try #require(ObjectID(hex: try repo.commit(time: 1)))
        let repository = try Repository.open(at: repo.url)
        let worktree = try repository.addTemporaryWorktree(
            at: first, parentDirectory: repo.root.appendingPathComponent("runs"), owner: Self.me)

        try repo.git("worktree", "remove", "--force", worktree.path.path)
        try worktree.remove()

        #expect(try worktreeCount(repo) == 1)
        #expect(!FileManager.default.fileExists(atPath: worktree.path.path))
    }

    @Test func pruningRemovesOnlyMarkedWorktreesWhoseOwnerIsGone() throws {
        let repo = try TestRepo()
        try repo.write("a.txt", "one\n")
        let first = try #require(ObjectID(hex: try repo.commit(time: 1)))
        let repository = try Repository.open(at: repo.url)
        let runs = repo.root.appendingPathComponent("runs")
        let worktree = try repository.addTemporaryWorktree(at: first, parentDirectory: runs, owner: Self.me)
        let marker = repo.url.appendingPathComponent(".git/gitbench-worktrees/\(worktree.path.lastPathComponent)")
        #expect(try String(contentsOf: marker, encoding: .utf8) == "pid=\(getpid())\nstart_ticks=\npath=\(worktree.path.path)\n")
        // A worktree with a name like ours that git-bench did not create: no marker.
        let foreign = runs.appendingPathComponent("gitbench-0123456789abcdef")
        try repo.git("worktree", "add", "-q", "--detach", foreign.path, "HEAD")
        #expect(try worktreeCount(repo) == 3)

        // The owner runs: nothing is touched.
        #expect(try repository.pruneStaleTemporaryWorktrees(isRunning: { $0 == Self.me }).isEmpty)
        #expect(try worktreeCount(repo) == 3)

        // The owner is gone: its worktree, directory and marker go; the foreign one stays.
        let removed = try repository.pruneStaleTemporaryWorktrees(isRunning: { _ in false })
        #expect(removed.map(\.path) == [worktree.path] && removed.map(\.owner) == [Self.me])
        #expect(try worktreeCount(repo) == 2)
        #expect(!FileManager.default.fileExists(atPath: worktree.path.path))
        #expect(FileManager.default.fileExists(atPath: foreign.appendingPathComponent("a.txt").path))
        #expect(!FileManager.default.fileExists(atPath: marker.path))
        #expect(!FileManager.default.fileExists(atPath: marker.deletingLastPathComponent().path), "the empty marker directory goes too")
        try worktree.remove()  // its own removal finds nothing left to do
        #expect(try worktreeCount(repo) == 2)
    }

    @Test func aMarkerThatPointsOutsideItsOwnNameIsNotFollowed() throws {
        let repo = try TestRepo()
        try repo.write("a.txt", "one\n")
        try repo.commit(time: 1)
        let repository = try Repository.open(at: repo.url)
        let victim = repo.root.appendingPathComponent("precious")
        try FileManager.default.createDirectory(at: victim, withIntermediateDirectories: true)
        let markers = repo.url.appendingPathComponent(".git/gitbench-worktrees")
        try FileManager.default.createDirectory(at: markers, withIntermediateDirectories: true)
        try "pid=999999\nstart_ticks=1\npath=\(victim.path)\n".write(to: markers.appendingPathComponent("gitbench-00000000000000aa"),
                                                                   atomically: true, encoding: .utf8)
        #expect(try repository.pruneStaleTemporaryWorktrees(isRunning: { _ in false }).isEmpty)
        #expect(FileManager.default.fileExists(atPath: victim.path))
    }

    private func worktreeCount(_ repo: TestRepo) throws -> Int {
        try repo.git("worktree", "list", "--porcelain")
            .split(separator: "\n")
            .filter { $0.hasPrefix("worktree ") }
            .count
    }
}

extension TestRepo {
    /// `git(_:)`, but returns stdout (trimmed) even when git exits non-zero.
    fileprivate func git(_ arguments: [String], allowFailure: Bool) throws -> String {
        let result = try runProcess(TestRepo.gitExecutable, ["-C", url.path] + arguments, environment: environment)
        guard allowFailure || result.status == 0 else {
            throw TestRepoError.git(arguments: arguments, status: result.status, stderr: result.stderr)
        }
        return result.stdout.trimmingCharacters(in: .newlines)
    }
}
