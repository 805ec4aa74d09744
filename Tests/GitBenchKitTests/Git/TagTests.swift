import Foundation
import Testing
@testable import GitBenchKit

/// Annotated tags through libgit2, checked with the git CLI.
@Suite struct TagTests {
    static let taggerName = "Release Manager"
    static let taggerEmail = "release@example.com"

    /// A repository with two commits and a local identity, so libgit2 signs tags the same way whatever the test
    /// process's own HOME holds.
    static func repository() throws -> (TestRepo, first: ObjectID, second: ObjectID) {
        let repo = try TestRepo()
        try repo.git("config", "user.name", taggerName)
        try repo.git("config", "user.email", taggerEmail)
        try repo.write("file.txt", "1\n")
        let first = try #require(ObjectID(hex: try repo.commit("first", time: 1)))
        try repo.write("file.txt", "2\n")
        let second = try #require(ObjectID(hex: try repo.commit("second", time: 2)))
        return (repo, first, second)
    }

    /// The raw bytes of `git cat-file tag <name>` (no trailing newline stripped).
    static func rawTag(_ repo: TestRepo, _ name: String) throws -> String {
        let result = try runProcess(TestRepo.gitExecutable, ["-C", repo.url.path, "cat-file", "tag", name], environment: repo.environment)
        guard result.status == 0 else { throw TestRepoError.setup("git cat-file tag \(name): \(result.stderr)") }
        return result.stdout
    }

    static let cycleMessage = """
        Cycle close: m19

        Rationale:
          ships the parser rewrite

        Bench scores (mean of shipped run set):
          parse (n=200, 2 runs):  84.10%

        """

    @Test func createdTagIsAnAnnotatedTagObjectWithTheConfiguredTaggerAndTheExactMessage() throws {
        let (repo, first, _) = try Self.repository()
        let repository = try Repository.open(at: repo.url)

        let tag = try repository.createAnnotatedTag(name: "bench/m19", target: first, message: Self.cycleMessage, force: false)

        #expect(try repo.git("cat-file", "-t", "bench/m19") == "tag")
        #expect(try repo.git("rev-parse", "bench/m19^{commit}") == first.hex)
        #expect(try repo.git("rev-parse", "bench/m19") == tag.id.hex)
        let raw = try Self.rawTag(repo, "bench/m19")
        let (header, body) = try #require(raw.range(of: "\n\n").map { (String(raw[..<$0.lowerBound]), String(raw[$0.upperBound...])) })
        let headerLines = header.split(separator: "\n").map(String.init)
        #expect(headerLines.count == 4)
        #expect(headerLines[0] == "object \(first.hex)")
        #expect(headerLines[1] == "type commit")
        #expect(headerLines[2] == "tag bench/m19")
        #expect(headerLines[3].hasPrefix("tagger Release Manager <release@example.com> "))
        #expect(body == Self.cycleMessage)
        #expect(tag == AnnotatedTag(name: "bench/m19", id: tag.id, target: first, taggerName: Self.taggerName, taggerEmail: Self.taggerEmail,
                                    taggedAt: tag.taggedAt, message: Self.cycleMessage))
        #expect(try repository.annotatedTag(named: "bench/m19") == tag)
        #expect(try repo.git("for-each-ref", "--format=%(taggername) %(taggeremail)", "refs/tags/bench/m19") == "Release Manager <release@example.com>")
    }

    @Test func aMessageWithoutTrailingNewlineIsStoredWithOneAsGitTagDoes() throws {
        let (repo, first, _) = try Self.repository()
        let repository = try Repository.open(at: repo.url)

        let tag = try repository.createAnnotatedTag(name: "v1.2.0", target: first, message: "Release v1.2.0", force: false)

        #expect(tag.message == "Release v1.2.0\n")
        #expect(try Self.rawTag(repo, "v1.2.0").hasSuffix("\n\nRelease v1.2.0\n"))
        #expect(try repo.git("tag", "-l", "--format=%(contents)", "v1.2.0") == "Release v1.2.0")
    }

    @Test func theTaggerComesFromGitConfig() throws {
        let (repo, _, _) = try Self.repository()
        let tagger = try Repository.open(at: repo.url).tagger()

        #expect(tagger.name == Self.taggerName && tagger.email == Self.taggerEmail && !tagger.usesFallback)
    }

    /// libgit2 reads HOME once per process, so this runs `git-bench-tagger` with a HOME that has no identity.
    @Test func withoutUserNameAndEmailTheTaggerFallsBackToGitBench() throws {
        let repo = try TestRepo()
        try repo.write("file.txt", "1\n")
        try repo.commit("first", time: 1)
        let emptyHome = repo.root.appendingPathComponent("empty-home", isDirectory: true)
        try FileManager.default.createDirectory(at: emptyHome, withIntermediateDirectories: true)
        var environment = repo.environment
        environment["HOME"] = emptyHome.path
        environment["XDG_CONFIG_HOME"] = emptyHome.appendingPathComponent(".config").path
        let probe = URL(fileURLWithPath: BenchFixture.binary).deletingLastPathComponent().appendingPathComponent("git-bench-tagger").path

        let result = try runProcess(probe, [repo.url.path, "bench/m19"], environment: environment)

        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "git-bench|git-bench@localhost|fallback\n")
        #expect(try repo.git("cat-file", "-t", "bench/m19") == "tag")
        #expect(try Self.rawTag(repo, "bench/m19").contains("\ntagger git-bench <git-bench@localhost> "))

        // The same probe with the configured HOME signs as the configured user.
        let configured = try runProcess(probe, [repo.url.path], environment: repo.environment)
        #expect(configured.stdout == "\(TestRepo.authorName)|\(TestRepo.authorEmail)|config\n")
    }

    @Test func creatingAnExistingTagWithoutForceIsRefusedAndLeavesItByteForByte() throws {
        let (repo, first, second) = try Self.repository()
        let repository = try Repository.open(at: repo.url)
        let original = try repository.createAnnotatedTag(name: "bench/m19", target: first, message: "first\n", force: false)
        let raw = try Self.rawTag(repo, "bench/m19")
        let refsBefore = try repo.git("for-each-ref", "--format=%(objectname)", "refs/tags/")

        let error = #expect(throws: GitError.self) {
            try repository.createAnnotatedTag(name: "bench/m19", target: second, message: "second\n", force: false)
        }

        #expect(error == .tagExists(name: "bench/m19", target: first))
        #expect(try repo.git("rev-parse", "bench/m19") == original.id.hex)
        #expect(try Self.rawTag(repo, "bench/m19") == raw)
        #expect(try repo.git("for-each-ref", "--format=%(objectname)", "refs/tags/") == refsBefore)
    }

    @Test func anExistingLightweightTagIsAlsoRefusedWithoutForce() throws {
        let (repo, first, second) = try Self.repository()
        try repo.git("tag", "bench/light", first.hex)
        let repository = try Repository.open(at: repo.url)

        let error = #expect(throws: GitError.self) {
            try repository.createAnnotatedTag(name: "bench/light", target: second, message: "x\n", force: false)
        }

        #expect(error == .tagExists(name: "bench/light", target: first))
        #expect(try repo.git("cat-file", "-t", "bench/light") == "commit")
    }

    @Test func forceRefreshesTheMessageAtTheSameCommitAndCanMoveTheTag() throws {
        let (repo, first, second) = try Self.repository()
        let repository = try Repository.open(at: repo.url)
        let original = try repository.createAnnotatedTag(name: "v1.2.0", target: first, message: "Release v1.2.0\n", force: false)

        let refreshed = try repository.createAnnotatedTag(name: "v1.2.0", target: first, message: "Release v1.2.0\n\nPackages released:\n  a v1.2.0\n  b v1.2.0\n", force: true)

        #expect(refreshed.id != original.id)
        #expect(refreshed.target == first)
        #expect(try repo.git("tag", "-l", "--format=%(contents)", "v1.2.0") == "Release v1.2.0\n\nPackages released:\n  a v1.2.0\n  b v1.2.0")
        #expect(try repo.git("rev-parse", "v1.2.0^{commit}") == first.hex)

        let moved = try repository.createAnnotatedTag(name: "v1.2.0", target: second, message: "moved\n", force: true)

        #expect(moved.target == second)
        #expect(try repo.git("rev-parse", "v1.2.0^{commit}") == second.hex)
        #expect(try repo.git("cat-file", "-t", "v1.2.0") == "tag")
        #expect(try repo.git("tag", "-l") == "v1.2.0")
    }

    @Test(arguments: ["bench/has space", "bench/..", "bench/a~b", "bench/a:b", "bench/a^b", "bench/x.lock", "bench/", "-bench", "bench//x", ""])
    func invalidTagNamesAreRefusedAndWriteNothing(name: String) throws {
        let (repo, first, _) = try Self.repository()
        let repository = try Repository.open(at: repo.url)
        let objectsBefore = try repo.git("count-objects", "-v")

        let error = #expect(throws: GitError.self) {
            try repository.createAnnotatedTag(name: name, target: first, message: "x\n", force: true)
        }

        guard case .invalidTagName(let rejected, _) = error else {
            Issue.record("expected invalidTagName, got \(String(describing: error))")
            return
        }
        #expect(rejected == name)
        #expect(try repo.git("for-each-ref", "refs/tags/") == "")
        #expect(try repo.git("count-objects", "-v") == objectsBefore)
    }

    @Test func aMissingTagReadsAsNilAndAnInvalidNameIsAnInvalidTagName() throws {
        let (repo, _, _) = try Self.repository()
        let repository = try Repository.open(at: repo.url)

        #expect(try repository.annotatedTag(named: "bench/none") == nil)
        let error = #expect(throws: GitError.self) { try repository.annotatedTag(named: "bench/has space") }
        guard case .invalidTagName("bench/has space", _) = error else {
            Issue.record("expected invalidTagName, got \(String(describing: error))")
            return
        }
    }

    @Test func aLightweightTagOrATagOfATreeIsNotAnAnnotatedTagOfACommit() throws {
        let (repo, first, _) = try Self.repository()
        try repo.git("tag", "bench/light", first.hex)
        try repo.git("tag", "-a", "-m", "a tree", "bench/tree", "\(first.hex)^{tree}")
        let repository = try Repository.open(at: repo.url)

        for name in ["bench/light", "bench/tree"] {
            let error = #expect(throws: GitError.self) { try repository.annotatedTag(named: name) }
            guard case .notAnnotatedTag(let reported, let reason) = error else {
                Issue.record("expected notAnnotatedTag for \(name), got \(String(describing: error))")
                continue
            }
            #expect(reported == name)
            #expect(reason.contains(name == "bench/light" ? "lightweight" : "tree"))
        }
    }

    @Test func anAnnotatedTagWrittenByGitReadsBack() throws {
        let (repo, _, second) = try Self.repository()
        try repo.git(["tag", "-a", "-m", "from git", "bench/git"], extraEnvironment: ["GIT_COMMITTER_DATE": "@1700000100 +0000"])
        let tag = try #require(try Repository.open(at: repo.url).annotatedTag(named: "bench/git"))

        #expect(tag.target == second)
        #expect(tag.message == "from git\n")
        #expect(tag.taggerName == TestRepo.authorName && tag.taggerEmail == TestRepo.authorEmail)
        #expect(tag.taggedAt == Date(timeIntervalSince1970: 1_700_000_100))
        #expect(tag.id.hex == (try repo.git("rev-parse", "bench/git")))
    }

    @Test func tagsWithAPrefixListsOnlyThoseAmongTenThousandPackedTags() throws {
        let (repo, first, second) = try Self.repository()
        // Writing packed-refs directly is the fast way to 10,000 tags; git reads it as it would after `git pack-refs`.
        var lines = (0..<10_000).map { "\(first.hex) refs/tags/bench/run-" + String(format: "%05d", $0) }
        lines += ["\(first.hex) refs/tags/benchmark/other", "\(first.hex) refs/tags/bench-x", "\(first.hex) refs/tags/v1.0.0", "\(first.hex) refs/heads/bench/branch"]
        lines.sort()
        let packed = "# pack-refs with: peeled fully-peeled sorted \n" + lines.joined(separator: "\n") + "\n"
        try packed.write(to: repo.url.appendingPathComponent(".git/packed-refs"), atomically: true, encoding: .utf8)
        let repository = try Repository.open(at: repo.url)
        // A loose annotated tag too, and a loose one that shadows a packed one.
        try repository.createAnnotatedTag(name: "bench/loose", target: second, message: "loose\n", force: false)
        try repository.createAnnotatedTag(name: "bench/run-00007", target: second, message: "moved\n", force: true)
        #expect(try repo.git("tag", "-l", "bench/*").split(separator: "\n").count == 10_001)

        let clock = ContinuousClock()
        var bench: [String] = []
        let elapsed = try clock.measure { bench = try repository.tags(withPrefix: "bench/") }
        print("tags(withPrefix: \"bench/\") over 10,004 tags: \(bench.count) names in \(elapsed)")

        #expect(bench.count == 10_001)
        #expect(bench.first == "bench/loose")
        #expect(bench[1] == "bench/run-00000")
        #expect(bench.last == "bench/run-09999")
        #expect(bench == bench.sorted())
        #expect(Set(bench).count == bench.count)
        #expect(try repository.tags(withPrefix: "bench").count == 10_003)
        #expect(try repository.tags(withPrefix: "").count == 10_004)
        #expect(try repository.tags(withPrefix: "v") == ["v1.0.0"])
        #expect(try repository.tags(withPrefix: "bench/run-0999") == (9990...9999).map { String(format: "bench/run-%05d", $0) })
        #expect(try repository.tags(withPrefix: "nothing/").isEmpty)
        #expect(try repository.tags(withPrefix: "bench/*").isEmpty)
    }
}
