import Foundation
import Testing
@testable import GitBenchKit

/// Committing one file on the current branch through libgit2, checked with the git CLI.
@Suite struct CommitFileTests {
    static let parity = """
        # Bench parity of released versions.
        schema_version: 1
        releases:
          - package: parser
            version: "1.2.0"
            bench_cycle: m19

        """

    /// A repository on `main` with a.txt, b.txt and an executable tools/run.sh committed, and a local identity.
    static func repository() throws -> (TestRepo, tip: ObjectID) {
        let repo = try TestRepo()
        try repo.git("config", "user.name", "Release Manager")
        try repo.git("config", "user.email", "release@example.com")
        try repo.write("a.txt", "a\n")
        try repo.write("b.txt", "b\n")
        try repo.write("tools/run.sh", "#!/bin/sh\n", executable: true)
        let tip = try #require(ObjectID(hex: try repo.commit("start", time: 1)))
        return (repo, tip)
    }

    @Test func theCommitTouchesOnlyThatFileAndOtherStagedAndUnstagedChangesStayAsTheyWere() throws {
        let (repo, tip) = try Self.repository()
        try repo.write("a.txt", "a staged\n")
        try repo.git("add", "a.txt")
        try repo.write("b.txt", "b unstaged\n")
        try repo.write("c.txt", "untracked\n")
        let stagedBefore = try repo.git("diff", "--cached")
        let unstagedBefore = try repo.git("diff")
        let repository = try Repository.open(at: repo.url)

        let commit = try repository.commitFile(path: "BENCH_PARITY.yaml", contents: Data(Self.parity.utf8), message: "Bench parity: parser v1.2.0")

        #expect(try repo.git("rev-parse", "HEAD") == commit.hex)
        #expect(try repo.git("rev-parse", "main") == commit.hex)
        #expect(try repo.git("rev-parse", "HEAD~1") == tip.hex)
        #expect(try repo.git("show", "--name-only", "--format=", "HEAD") == "BENCH_PARITY.yaml")
        #expect(try repo.git("show", "HEAD:BENCH_PARITY.yaml") + "\n" == Self.parity)
        #expect(try String(contentsOf: repo.url.appendingPathComponent("BENCH_PARITY.yaml"), encoding: .utf8) == Self.parity)
        #expect(try repo.git("log", "-1", "--format=%an <%ae>|%cn <%ce>|%B", "HEAD")
                == "Release Manager <release@example.com>|Release Manager <release@example.com>|Bench parity: parser v1.2.0")
        #expect(try repo.git("status", "--porcelain") == "M  a.txt\n M b.txt\n?? c.txt")
        #expect(try repo.git("diff", "--cached") == stagedBefore)
        #expect(try repo.git("diff") == unstagedBefore)
        #expect(try repo.git("show", "HEAD:a.txt") == "a")
        #expect(try repo.git("reflog", "-1", "--format=%gs", "main") == "commit: Bench parity: parser v1.2.0")
        #expect(try repo.git("fsck", "--no-dangling", "--strict").isEmpty)
    }

    @Test func replacingATrackedFileKeepsItsExecutableModeAndLeavesTheStatusClean() throws {
        let (repo, _) = try Self.repository()
        try repo.write("tools/run.sh", "#!/bin/sh\necho edited but not staged\n", executable: true)
        let repository = try Repository.open(at: repo.url)

        try repository.commitFile(path: "tools/run.sh", contents: Data("#!/bin/sh\necho new\n".utf8), message: "new runner\n")

        #expect(try repo.git("ls-tree", "HEAD", "tools/run.sh").hasPrefix("100755 blob "))
        #expect(try repo.git("show", "HEAD:tools/run.sh") == "#!/bin/sh\necho new")
        #expect(try repo.git("status", "--porcelain").isEmpty)
        #expect(FileManager.default.isExecutableFile(atPath: repo.url.appendingPathComponent("tools/run.sh").path))
        #expect(try repo.git("cat-file", "commit", "HEAD").hasSuffix("\n\nnew runner"))
    }

    @Test func aNewFileInANewDirectoryIsCommittedAndClean() throws {
        let (repo, _) = try Self.repository()
        let repository = try Repository.open(at: repo.url)

        try repository.commitFile(path: "release/parity/BENCH_PARITY.yaml", contents: Data(Self.parity.utf8), message: "parity")

        #expect(try repo.git("show", "--name-only", "--format=", "HEAD") == "release/parity/BENCH_PARITY.yaml")
        #expect(try repo.git("ls-tree", "HEAD", "release/parity/BENCH_PARITY.yaml").hasPrefix("100644 blob "))
        #expect(try repo.git("status", "--porcelain").isEmpty)
        #expect(try repo.git("ls-tree", "--name-only", "HEAD") == "a.txt\nb.txt\nrelease\ntools")
    }

    @Test func twoCommitsInARowEachMoveTheBranchByOne() throws {
        let (repo, tip) = try Self.repository()
        let repository = try Repository.open(at: repo.url)

        let first = try repository.commitFile(path: "BENCH_PARITY.yaml", contents: Data("one\n".utf8), message: "one")
        let second = try repository.commitFile(path: "BENCH_PARITY.yaml", contents: Data("two\n".utf8), message: "two")

        #expect(try repo.git("rev-list", "\(tip.hex)..HEAD") == "\(second.hex)\n\(first.hex)")
        #expect(try repo.git("show", "HEAD:BENCH_PARITY.yaml") == "two")
        #expect(try repo.git("status", "--porcelain").isEmpty)
    }

    @Test func aCommitFromALinkedWorktreeMovesItsBranch() throws {
        let (repo, tip) = try Self.repository()
        let linked = repo.root.appendingPathComponent("linked")
        try repo.git("worktree", "add", "-q", "-b", "release", linked.path)
        let repository = try Repository.open(at: linked)

        let commit = try repository.commitFile(path: "BENCH_PARITY.yaml", contents: Data("x\n".utf8), message: "parity")

        #expect(try repo.git("rev-parse", "release") == commit.hex)
        #expect(try repo.git("rev-parse", "main") == tip.hex)
        #expect(try String(contentsOf: linked.appendingPathComponent("BENCH_PARITY.yaml"), encoding: .utf8) == "x\n")
        #expect(!FileManager.default.fileExists(atPath: repo.url.appendingPathComponent("BENCH_PARITY.yaml").path))
        let status = try runProcess(TestRepo.gitExecutable, ["-C", linked.path, "status", "--porcelain"], environment: repo.environment)
        #expect(status.status == 0 && status.stdout.isEmpty)
    }

    @Test func aBranchMovedByAnotherWriterMeanwhileIsNotOverwrittenAndNothingIsWritten() throws {
        let (repo, tip) = try Self.repository()
        let repository = try Repository.open(at: repo.url)
        var concurrent = ""

        let error = #expect(throws: GitError.self) {
            try repository.commitFile(path: "BENCH_PARITY.yaml", contents: Data("x\n".utf8), message: "parity") {
                try repo.write("a.txt", "concurrent\n")
                try repo.git("commit", "-q", "-a", "-m", "concurrent")
                concurrent = try repo.git("rev-parse", "HEAD")
            }
        }

        #expect(error == .branchMoved(name: "refs/heads/main", expected: tip))
        #expect(try repo.git("rev-parse", "main") == concurrent)
        #expect(try repo.git("rev-parse", "main~1") == tip.hex)
        #expect(!FileManager.default.fileExists(atPath: repo.url.appendingPathComponent("BENCH_PARITY.yaml").path))
        #expect(try repo.git("status", "--porcelain", "--ignored", "--untracked-files=all").isEmpty)
    }

    @Test func aDetachedHeadIsRefusedAndNothingIsWritten() throws {
        let (repo, tip) = try Self.repository()
        try repo.git("checkout", "-q", "--detach")
        let repository = try Repository.open(at: repo.url)

        let error = #expect(throws: GitError.self) {
            try repository.commitFile(path: "BENCH_PARITY.yaml", contents: Data("x\n".utf8), message: "parity")
        }

        #expect(error == .detachedHead(path: repo.url.path))
        #expect(try repo.git("rev-parse", "HEAD") == tip.hex)
        #expect(try repo.git("rev-parse", "main") == tip.hex)
        #expect(!FileManager.default.fileExists(atPath: repo.url.appendingPathComponent("BENCH_PARITY.yaml").path))
    }

    @Test func anUnbornBranchIsRefused() throws {
        let repo = try TestRepo()
        let repository = try Repository.open(at: repo.url)

        let error = #expect(throws: GitError.self) {
            try repository.commitFile(path: "BENCH_PARITY.yaml", contents: Data("x\n".utf8), message: "parity")
        }

        #expect(error == .unbornHead(path: repo.url.path))
        #expect(!FileManager.default.fileExists(atPath: repo.url.appendingPathComponent("BENCH_PARITY.yaml").path))
    }

    @Test(arguments: ["", "/etc/BENCH_PARITY.yaml", "../BENCH_PARITY.yaml", "a/../BENCH_PARITY.yaml", "./BENCH_PARITY.yaml",
                      ".git/config", "sub/.GIT/x", "a//b", "release/", "tools"])
    func pathsOutsideTheWorkingTreeOrNotPlainAreRefused(path: String) throws {
        let (repo, tip) = try Self.repository()
        let repository = try Repository.open(at: repo.url)
        let configBefore = try String(contentsOf: repo.url.appendingPathComponent(".git/config"), encoding: .utf8)

        let error = #expect(throws: GitError.self) {
            try repository.commitFile(path: path, contents: Data("x\n".utf8), message: "parity")
        }

        guard case .invalidFilePath(let rejected, _) = error else {
            Issue.record("expected invalidFilePath, got \(String(describing: error))")
            return
        }
        #expect(rejected == path)
        #expect(try repo.git("rev-parse", "HEAD") == tip.hex)
        #expect(try repo.git("status", "--porcelain").isEmpty)
        #expect(try String(contentsOf: repo.url.appendingPathComponent(".git/config"), encoding: .utf8) == configBefore)
    }

    @Test func aPathBelowATrackedFileFailsAndNothingIsWritten() throws {
        let (repo, tip) = try Self.repository()
        let repository = try Repository.open(at: repo.url)

        #expect(throws: GitError.self) {
            try repository.commitFile(path: "a.txt/BENCH_PARITY.yaml", contents: Data("x\n".utf8), message: "parity")
        }

        #expect(try repo.git("rev-parse", "main") == tip.hex)
        #expect(try repo.git("status", "--porcelain", "--untracked-files=all").isEmpty)
        #expect(try repo.git("show", "HEAD:a.txt") == "a")
    }

    @Test func anEmptyFileCanBeCommitted() throws {
        let (repo, _) = try Self.repository()
        let repository = try Repository.open(at: repo.url)

        try repository.commitFile(path: "EMPTY", contents: Data(), message: "empty")

        #expect(try repo.git("ls-tree", "HEAD", "EMPTY") == "100644 blob e69de29bb2d1d6434b8b29ae775ad8c2e48c5391\tEMPTY")
        #expect(try repo.git("status", "--porcelain").isEmpty)
    }

    @Test func aPathBelowASymbolicLinkIsRefused() throws {
        let (repo, tip) = try Self.repository()
        let outside = repo.root.appendingPathComponent("outside", isDirectory: true)
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: repo.url.appendingPathComponent("linked"), withDestinationURL: outside)
        let repository = try Repository.open(at: repo.url)

        let error = #expect(throws: GitError.self) {
            try repository.commitFile(path: "linked/BENCH_PARITY.yaml", contents: Data("x\n".utf8), message: "parity")
        }

        guard case .invalidFilePath = error else {
            Issue.record("expected invalidFilePath, got \(String(describing: error))")
            return
        }
        #expect(try repo.git("rev-parse", "HEAD") == tip.hex)
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty)
    }
}
