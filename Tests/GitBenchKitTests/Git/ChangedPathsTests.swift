import Foundation
import GitBenchKit
import Testing

/// Changed paths between commits, compared with what the git CLI says.
@Suite struct ChangedPathsTests {
    @Test func treeDiffListsAddedModifiedAndDeletedFilesLikeGitDiffNameOnly() throws {
        let repo = try TestRepo()
        try repo.write("src/a.swift", "a\n")
        try repo.write("src/b.swift", "b\n")
        try repo.write("README.md", "hi\n")
        let base = try #require(ObjectID(hex: try repo.commit(time: 1)))
        try repo.write("src/a.swift", "a2\n")
        try repo.git("rm", "-q", "src/b.swift")
        try repo.write("docs/new.md", "new\n")
        let tip = try #require(ObjectID(hex: try repo.commit(time: 2)))

        let paths = try Repository.open(at: repo.url).changedPaths(from: base, to: tip)

        #expect(paths == ["docs/new.md", "src/a.swift", "src/b.swift"])
        #expect(paths == (try repo.git("diff", "--name-only", "--no-renames", base.hex, tip.hex)).split(separator: "\n").map(String.init))
    }

    @Test func renameListsBothTheOldAndTheNewPath() throws {
        let repo = try TestRepo()
        try repo.write("src/Parser.swift", "struct Parser {}\n")
        let base = try #require(ObjectID(hex: try repo.commit(time: 1)))
        try FileManager.default.createDirectory(at: repo.url.appendingPathComponent("lib"), withIntermediateDirectories: true)
        try repo.git("mv", "src/Parser.swift", "lib/Parser.swift")
        let tip = try #require(ObjectID(hex: try repo.commit(time: 2)))

        let repository = try Repository.open(at: repo.url)

        #expect(try repository.changedPaths(from: base, to: tip) == ["lib/Parser.swift", "src/Parser.swift"])
        #expect(try repository.changedPaths(in: tip) == ["lib/Parser.swift", "src/Parser.swift"])
    }

    @Test func rootCommitChangesEveryFileItHolds() throws {
        let repo = try TestRepo()
        try repo.write("Package.swift", "// swift-tools-version: 6.1\n")
        try repo.write("Sources/App/main.swift", "print(1)\n")
        let root = try #require(ObjectID(hex: try repo.commit(time: 1)))

        #expect(try Repository.open(at: repo.url).changedPaths(in: root) == ["Package.swift", "Sources/App/main.swift"])
    }

    @Test func singleCommitIsComparedWithItsParentOnly() throws {
        let repo = try TestRepo()
        try repo.write("src/a.swift", "a\n")
        try repo.commit(time: 1)
        try repo.write("src/a.swift", "a2\n")
        try repo.commit(time: 2)
        try repo.write("docs/index.md", "docs\n")
        let docsOnly = try #require(ObjectID(hex: try repo.commit(time: 3)))

        #expect(try Repository.open(at: repo.url).changedPaths(in: docsOnly) == ["docs/index.md"])
    }

    @Test func commitWalkCountsAChangeThatWasRevertedButTheTreeDiffDoesNot() throws {
        let repo = try TestRepo()
        try repo.write("src/a.swift", "a\n")
        try repo.write("README.md", "v1\n")
        let base = try #require(ObjectID(hex: try repo.commit(time: 1)))
        try repo.write("src/a.swift", "experiment\n")
        try repo.commit(time: 2)
        try repo.write("src/a.swift", "a\n")
        try repo.write("README.md", "v2\n")
        let tip = try #require(ObjectID(hex: try repo.commit(time: 3)))

        let repository = try Repository.open(at: repo.url)

        #expect(try repository.changedPaths(from: base, to: tip) == ["README.md"])
        #expect(try repository.pathsTouched(byCommitsFrom: base, to: tip) == ["README.md", "src/a.swift"])
        #expect(try repository.pathsTouched(byCommitsFrom: nil, to: tip) == ["README.md", "src/a.swift"])
    }
}
