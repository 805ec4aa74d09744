import Foundation
import Testing
@testable import GitBenchKit

/// Notes through libgit2, checked with the git CLI.
@Suite struct RepositoryNotesTests {
    /// A repository with commits at times 1...count and a local identity, so libgit2 signs notes commits the
    /// same way whatever the test process's own HOME holds.
    static func repository(commits count: Int) throws -> (TestRepo, [ObjectID]) {
        let repo = try TestRepo()
        try repo.git("config", "user.name", TestRepo.authorName)
        try repo.git("config", "user.email", TestRepo.authorEmail)
        var commits: [ObjectID] = []
        for time in 1...count {
            try repo.write("file.txt", "\(time)\n")
            commits.append(try #require(ObjectID(hex: try repo.commit("commit \(time)", time: time))))
        }
        return (repo, commits)
    }

    @Test func commitWithoutANoteReadsAsNil() throws {
        let (repo, commits) = try Self.repository(commits: 1)
        let repository = try Repository.open(at: repo.url)

        #expect(try repository.note(on: commits[0]) == nil)
        #expect(try repository.noteBlobs(in: .bench).isEmpty)
    }

    @Test func writtenNoteIsWhatGitNotesShows() throws {
        let (repo, commits) = try Self.repository(commits: 1)
        let repository = try Repository.open(at: repo.url)

        let write = try repository.setNote("P/q: PASS correctness\n", on: commits[0], message: "git-bench: test\n")

        #expect(write.isChanged && !write.usesFallbackIdentity)
        #expect(try repo.git("notes", "--ref=bench", "show", commits[0].hex) == "P/q: PASS correctness")
        #expect(try repository.note(on: commits[0]) == "P/q: PASS correctness\n")
        #expect(try repo.git("log", "-1", "--format=%an <%ae>|%s", "refs/notes/bench") == "Test Author <test@example.com>|git-bench: test")
        #expect(write.notesCommit?.hex == (try repo.git("rev-parse", "refs/notes/bench")))
    }

    @Test func rewritingANoteReplacesItAndTheNotesHistoryKeepsEveryVersion() throws {
        let (repo, commits) = try Self.repository(commits: 1)
        let repository = try Repository.open(at: repo.url)

        try repository.setNote("first\n", on: commits[0])
        try repository.setNote("second\n", on: commits[0])
        let unchanged = try repository.setNote("second\n", on: commits[0])

        #expect(!unchanged.isChanged)
        #expect(try repo.git("notes", "--ref=bench", "show", commits[0].hex) == "second")
        #expect(try repo.git("rev-list", "--count", "refs/notes/bench") == "2")
        #expect(try repo.git("show", "refs/notes/bench~1:\(commits[0].hex)") == "first")
    }

    @Test func aWriterThatLostTheRaceReadsTheNewTipAndKeepsTheOtherWritersNote() throws {
        let (repo, commits) = try Self.repository(commits: 2)
        let repository = try Repository.open(at: repo.url)
        try repository.setNote("base\n", on: commits[0])

        var seen: [String?] = []
        try repository.updateNote(on: commits[0]) { existing in
            seen.append(existing)
            if seen.count == 1 {
                // Another process writes between our read and our write.
                try repo.git("notes", "--ref=bench", "add", "-m", "concurrent", commits[1].hex)
            }
            return (existing ?? "") + "ours\n"
        }

        #expect(seen == ["base\n", "base\n"])
        #expect(try repo.git("notes", "--ref=bench", "show", commits[0].hex) == "base\nours")
        #expect(try repo.git("notes", "--ref=bench", "show", commits[1].hex) == "concurrent")
    }

    @Test func noteWrittenFromALinkedWorktreeLandsInTheMainRepository() throws {
        let (repo, _) = try Self.repository(commits: 1)
        let linked = repo.root.appendingPathComponent("linked")
        try repo.git("worktree", "add", "-q", "-b", "feature", linked.path)
        try "linked\n".write(to: linked.appendingPathComponent("file.txt"), atomically: true, encoding: .utf8)
        try repo.git(["-C", linked.path, "commit", "-qam", "in the linked worktree"],
                     extraEnvironment: ["GIT_AUTHOR_DATE": "@1700000009 +0000", "GIT_COMMITTER_DATE": "@1700000009 +0000"])
        let inLinked = try Repository.discover(from: linked)
        let head = try inLinked.headCommit()

        try inLinked.setNote("from the linked worktree\n", on: head)

        #expect(try repo.git("notes", "--ref=bench", "show", head.hex) == "from the linked worktree")
        #expect(try Repository.open(at: repo.url).note(on: head) == "from the linked worktree\n")
        #expect(FileManager.default.fileExists(atPath: linked.appendingPathComponent(".git").path))
        #expect(!FileManager.default.fileExists(atPath: repo.url.appendingPathComponent(".git/worktrees/linked/refs/notes").path))
    }

    @Test func noteWrittenInATemporaryWorktreeOutlivesTheWorktree() throws {
        let (repo, commits) = try Self.repository(commits: 2)
        let main = try Repository.open(at: repo.url)
        let worktree = try main.addTemporaryWorktree(at: commits[0], parentDirectory: repo.root.appendingPathComponent("scratch"), owner: ProcessTable.current())

        let inWorktree = try Repository.open(at: worktree.path)
        try inWorktree.setNote("measured at the old commit\n", on: try inWorktree.headCommit())
        try worktree.remove()

        #expect(try repo.git("notes", "--ref=bench", "show", commits[0].hex) == "measured at the old commit")
    }

    @Test func noteBlobsListsTheNotesGitWrote() throws {
        let (repo, commits) = try Self.repository(commits: 3)
        try repo.git("notes", "--ref=bench", "add", "-m", "one", commits[0].hex)
        try repo.git("notes", "--ref=bench", "add", "-m", "three", commits[2].hex)
        let repository = try Repository.open(at: repo.url)

        let blobs = try repository.noteBlobs(in: .bench)

        #expect(Set(blobs.keys) == [commits[0], commits[2]])
        #expect(try blobs[commits[2]].map { try repository.noteText(blob: $0) } == "three\n")
    }

    @Test func divergedNotesMergeIntoACommitWithBothTipsAsParents() throws {
        let (repo, commits) = try Self.repository(commits: 3)
        let repository = try Repository.open(at: repo.url)
        try repository.setNote("base\n", on: commits[0])
        let base = try #require(try repository.referenceTarget("refs/notes/bench"))
        try repository.setNote("theirs changed base\n", on: commits[0])
        try repository.setNote("theirs only\n", on: commits[2])
        let theirs = try #require(try repository.referenceTarget("refs/notes/bench"))
        try repo.git("update-ref", "refs/notes/bench", base.hex)
        try repository.setNote("ours only\n", on: commits[1])
        let ours = try #require(try repository.referenceTarget("refs/notes/bench"))

        var resolved: [ObjectID] = []
        let merge = try repository.mergeNotes(into: .bench, from: theirs, message: "merge\n") { commit, mine, other in
            resolved.append(commit)
            return mine + other
        }

        guard case .merged(let commit, let combined) = merge else {
            Issue.record("expected a merge, got \(merge)")
            return
        }
        #expect(combined == 1 && resolved == [commits[0]])
        #expect(try repo.git("rev-parse", "refs/notes/bench") == commit.hex)
        #expect(try repo.git("rev-list", "--parents", "-1", "refs/notes/bench") == "\(commit.hex) \(ours.hex) \(theirs.hex)")
        #expect(try repo.git("notes", "--ref=bench", "show", commits[0].hex) == "base\ntheirs changed base")
        #expect(try repo.git("notes", "--ref=bench", "show", commits[1].hex) == "ours only")
        #expect(try repo.git("notes", "--ref=bench", "show", commits[2].hex) == "theirs only")
    }

    @Test func mergeFastForwardsABehindRefAndLeavesAnAheadRefAlone() throws {
        let (repo, commits) = try Self.repository(commits: 2)
        let repository = try Repository.open(at: repo.url)
        try repository.setNote("one\n", on: commits[0])
        let older = try #require(try repository.referenceTarget("refs/notes/bench"))
        try repository.setNote("two\n", on: commits[1])
        let newer = try #require(try repository.referenceTarget("refs/notes/bench"))

        #expect(try repository.mergeNotes(into: .bench, from: older, message: "m") { _, a, _ in a } == .upToDate)
        try repo.git("update-ref", "refs/notes/bench", older.hex)
        #expect(try repository.mergeNotes(into: .bench, from: newer, message: "m") { _, a, _ in a } == .fastForward(to: newer))
        #expect(try repo.git("rev-parse", "refs/notes/bench") == newer.hex)
        let other = try NoteRef("other")
        #expect(try repository.mergeNotes(into: other, from: newer, message: "m") { _, a, _ in a } == .fastForward(to: newer))
    }

    @Test func notesRefNamesAreExpandedAndValidated() throws {
        #expect(try NoteRef("perf").name == "refs/notes/perf")
        #expect(try NoteRef("refs/notes/team/perf").shortName == "team/perf")
        #expect(throws: GitError.invalidNotesRef("refs/heads/main", reason: "notes refs live under refs/notes/")) { try NoteRef("refs/heads/main") }
        #expect(throws: GitError.self) { try NoteRef("bad..name") }
        #expect(throws: GitError.self) { try NoteRef("has space") }
    }
}
