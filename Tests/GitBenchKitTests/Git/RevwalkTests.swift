import Foundation
import Testing
@testable import GitBenchKit

/// Walking history through libgit2 gives what `git rev-list` gives.
@Suite struct RevwalkTests {
    /// c1 - c2 - c3 - merge - c4 on main, with `side` (s1) branched from c2 and merged.
    static func history() throws -> TestRepo {
        let repo = try TestRepo()
        try repo.write("a.txt", "1\n")
        try repo.commit("c1", time: 1)
        try repo.write("a.txt", "2\n")
        try repo.commit("c2", time: 2)
        try repo.git("branch", "side")
        try repo.write("a.txt", "3\n")
        try repo.commit("c3", time: 3)
        try repo.git("checkout", "-q", "side")
        try repo.write("b.txt", "side\n")
        try repo.commit("s1", time: 4)
        try repo.git("checkout", "-q", "main")
        let date = "@1700000005 +0000"
        try repo.git(["merge", "-q", "--no-ff", "-m", "merge side", "side"], extraEnvironment: ["GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date])
        try repo.write("a.txt", "4\n")
        try repo.commit("c4", time: 6)
        return repo
    }

    static func revList(_ repo: TestRepo, _ arguments: String...) throws -> [ObjectID] {
        try repo.git(["rev-list"] + arguments).split(separator: "\n").compactMap { ObjectID(hex: String($0)) }
    }

    @Test func firstParentWalkIsTheBranchsOwnHistory() throws {
        let repo = try Self.history()
        let repository = try Repository.open(at: repo.url)

        let walked = try repository.commits(in: "HEAD")

        #expect(walked == (try Self.revList(repo, "--first-parent", "HEAD")))
        #expect(try walked.map { try repository.commitSummary(of: $0).summary } == ["c4", "merge side", "c3", "c2", "c1"])
    }

    @Test func fullWalkAlsoListsMergedInCommits() throws {
        let repo = try Self.history()
        let walked = try Repository.open(at: repo.url).commits(in: "HEAD", firstParent: false)

        #expect(walked.count == 6)
        #expect(Set(walked) == Set(try Self.revList(repo, "HEAD")))
    }

    @Test func rangeListsWhatIsReachableFromTheRightSideOnly() throws {
        let repo = try Self.history()
        let repository = try Repository.open(at: repo.url)

        #expect(try repository.commits(in: "HEAD~2..HEAD") == (try Self.revList(repo, "--first-parent", "HEAD~2..HEAD")))
        #expect(try repository.commits(in: "main~1..", firstParent: false) == (try Self.revList(repo, "main~1..")))
        #expect(try repository.commits(in: "HEAD", limit: 2).count == 2)
    }

    @Test func symmetricRangesAndUnknownRevisionsAreRefused() throws {
        let repo = try Self.history()
        let repository = try Repository.open(at: repo.url)

        #expect(throws: GitError.unknownRevision("nope..HEAD")) { try repository.commits(in: "nope..HEAD") }
        let error = #expect(throws: GitError.self) { try repository.commits(in: "side...main") }
        #expect(error?.description == "could not resolve revision 'side...main' to a commit: symmetric ranges (A...B) are not supported; use A..B")
    }

    @Test func commitSummaryHasTheSubjectAndCommitterTime() throws {
        let repo = try Self.history()
        let repository = try Repository.open(at: repo.url)

        let summary = try repository.commitSummary(of: try repository.headCommit())

        #expect(summary.summary == "c4")
        #expect(summary.time == Date(timeIntervalSince1970: 1_700_000_006))
    }
}
