import Foundation
import Testing
@testable import GitBenchKit

/// The dirty check against git itself: for each way a tree can differ from HEAD (or only seem to), `isDirty()`
/// answers what a non-empty `git status --porcelain` says, and the parallel stat pass settles the common cases
/// without a full libgit2 status.
@Suite struct DirtyCheckTests {
    /// One state of the working tree, made from the committed base tree.
    struct Scenario: CustomTestStringConvertible, Sendable {
        var name: String
        var isDirty: Bool
        /// What the stat pass answers on its own; nil when any answer is acceptable.
        var scan: WorktreeScan.Answer?
        var change: @Sendable (TestRepo) throws -> Void
        var testDescription: String { name }
    }

    static let scenarios: [Scenario] = [
        Scenario(name: "clean", isDirty: false, scan: .clean) { _ in },
        Scenario(name: "touched only", isDirty: false, scan: .clean) { try touch($0, "src/d3/f3.txt") },
        Scenario(name: "modified", isDirty: true, scan: .dirty) { try $0.write("a.txt", "changed\n") },
        Scenario(name: "same size and mtime, new content", isDirty: true, scan: .dirty) { repo in
            try repo.write("a.txt", "ONE\n")
            try touch(repo, "a.txt", at: "@1600000000")
        },
        // git calls a file with a new size modified without reading it, even when its clean filter would undo the
        // change; libgit2 status would hash it and say clean. The check follows git.
        Scenario(name: "line endings changed under a text attribute", isDirty: true, scan: .dirty) { repo in
            try repo.write("notes.crlf", "one\r\ntwo\r\n")
        },
        Scenario(name: "same size, filtered to the same blob", isDirty: false, scan: .clean) { repo in
            try repo.write("notes.crlf", "one\ntwo\n")
        },
        Scenario(name: "deleted", isDirty: true, scan: .dirty) {
            try FileManager.default.removeItem(at: $0.url.appendingPathComponent("src/d1/f1.txt"))
        },
        Scenario(name: "staged, then restored in the tree", isDirty: true, scan: .dirty) { repo in
            try repo.write("a.txt", "staged\n")
            try repo.git("add", "a.txt")
            try repo.write("a.txt", "one\n")
        },
        Scenario(name: "staged, then staged back by hand (cache tree invalidated)", isDirty: false, scan: .clean) { repo in
            try repo.write("a.txt", "staged\n")
            try repo.git("add", "a.txt")
            try repo.write("a.txt", "one\n")
            try repo.git("add", "a.txt")
        },
        Scenario(name: "soft reset: the whole cached tree differs from HEAD", isDirty: true, scan: .dirty) { repo in
            try repo.write("a.txt", "next\n")
            try repo.commit(time: 2)
            try repo.git("reset", "-q", "--soft", "HEAD~1")
        },
        Scenario(name: "index version 4, clean", isDirty: false, scan: .clean) { try $0.git("update-index", "--index-version", "4") },
        // The entry after a 170-byte path strips more than 127 bytes of it: a two-byte varint.
        Scenario(name: "index version 4 after a long path, one file changed", isDirty: true, scan: .dirty) { repo in
            try repo.write("long/" + String(repeating: "x", count: 150) + "/file.txt", "deep\n")
            try repo.commit(time: 2)
            try repo.git("update-index", "--index-version", "4")
            #expect(try WorktreeScan.run(Repository.open(at: repo.url)) { GitError.readStatus(path: "", cause: $0) } == .clean)
            try repo.write("notes.crlf", "changed\n")
        },
        Scenario(name: "index version 4, one file changed", isDirty: true, scan: .dirty) { repo in
            try repo.git("update-index", "--index-version", "4")
            try repo.write("src/d10/f98.txt", "changed\n")
        },
        Scenario(name: "skip-worktree entry", isDirty: false, scan: .undecided) { try $0.git("update-index", "--skip-worktree", "a.txt") },
        Scenario(name: "tracked directory replaced by a symlink to a copy", isDirty: true, scan: nil) { repo in
            let directory = repo.url.appendingPathComponent("src/d3")
            let copy = repo.root.appendingPathComponent("d3-copy")
            try FileManager.default.copyItem(at: directory, to: copy)
            try FileManager.default.removeItem(at: directory)
            try FileManager.default.createSymbolicLink(atPath: directory.path, withDestinationPath: copy.path)
        },
        // git matches a symlink as a file, so `build/` does not hide a symlink named build (libgit2 follows it).
        Scenario(name: "untracked symlink to a directory under a directory-only ignore pattern", isDirty: true, scan: .dirty) { repo in
            try FileManager.default.createSymbolicLink(atPath: repo.url.appendingPathComponent("build").path, withDestinationPath: repo.root.path)
        },
        Scenario(name: "ignored symlink to a file", isDirty: false, scan: .clean) { repo in
            try FileManager.default.createSymbolicLink(atPath: repo.url.appendingPathComponent("latest.log").path, withDestinationPath: "a.txt")
        },
        Scenario(name: "tracked directory moved away and replaced by a symlink to it", isDirty: true, scan: nil) { repo in
            let moved = repo.root.appendingPathComponent("d5-moved")
            try FileManager.default.moveItem(at: repo.url.appendingPathComponent("src/d5"), to: moved)
            try FileManager.default.createSymbolicLink(atPath: repo.url.appendingPathComponent("src/d5").path, withDestinationPath: moved.path)
        },
        Scenario(name: "whole tracked directory deleted", isDirty: true, scan: .dirty) {
            try FileManager.default.removeItem(at: $0.url.appendingPathComponent("src/d6"))
        },
        Scenario(name: "untracked file at the root", isDirty: true, scan: .dirty) { try $0.write("new.txt", "new\n") },
        Scenario(name: "untracked file in a tracked directory", isDirty: true, scan: .dirty) { try $0.write("src/d9/new.txt", "new\n") },
        Scenario(name: "untracked file in a new nested directory", isDirty: true, scan: .check(["fresh"])) {
            try $0.write("fresh/nested/new.txt", "new\n")
        },
        Scenario(name: "untracked name with spaces and accents", isDirty: true, scan: .dirty) { try $0.write("src/ünï côde 2.txt", "x\n") },
        Scenario(name: "ignored file", isDirty: false, scan: .clean) { try $0.write("src/d2/run.log", "noise\n") },
        Scenario(name: "ignored directory", isDirty: false, scan: .clean) { try $0.write("build/out/obj.o", "object\n") },
        Scenario(name: "excluded by info/exclude", isDirty: false, scan: .clean) { repo in
            try repo.write(".git/info/exclude", "*.tmp\n")
            try repo.write("scratch.tmp", "x\n")
        },
        Scenario(name: "ignored by a nested .gitignore", isDirty: false, scan: .clean) { try $0.write("src/d4/cache.bin", "x\n") },
        Scenario(name: "new directory holding only ignored files", isDirty: false, scan: .check(["logs"])) {
            try $0.write("logs/today.log", "x\n")
        },
        Scenario(name: "empty new directory", isDirty: false, scan: .check(["empty"])) {
            try FileManager.default.createDirectory(at: $0.url.appendingPathComponent("empty"), withIntermediateDirectories: true)
        },
        Scenario(name: "executable bit set", isDirty: true, scan: .check(["a.txt"])) {
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: $0.url.appendingPathComponent("a.txt").path)
        },
        Scenario(name: "executable bit set with core.fileMode off", isDirty: false, scan: .check(["a.txt"])) { repo in
            try repo.git("config", "core.fileMode", "false")
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: repo.url.appendingPathComponent("a.txt").path)
        },
        Scenario(name: "symlink retargeted", isDirty: true, scan: .check(["link"])) { repo in
            let link = repo.url.appendingPathComponent("link")
            try FileManager.default.removeItem(at: link)
            try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "src")
        },
        Scenario(name: "file replaced by a directory", isDirty: true, scan: .check(["tool.sh"])) { repo in
            try FileManager.default.removeItem(at: repo.url.appendingPathComponent("tool.sh"))
            try repo.write("tool.sh/inner.txt", "x\n")
        },
        Scenario(name: "intent to add", isDirty: true, scan: .undecided) { repo in
            try repo.write("planned.txt", "x\n")
            try repo.git("add", "-N", "planned.txt")
        },
        Scenario(name: "merge conflict", isDirty: true, scan: .dirty) { repo in
            try repo.git("checkout", "-q", "-b", "side")
            try repo.write("a.txt", "side\n")
            try repo.commit(time: 2)
            try repo.git("checkout", "-q", "main")
            try repo.write("a.txt", "main\n")
            try repo.commit(time: 3)
            _ = try? repo.git("merge", "-q", "side")
        },
    ]

    @Test(arguments: scenarios)
    func dirtyCheckAgreesWithGitStatus(_ scenario: Scenario) throws {
        let repo = try Self.baseRepository()
        try scenario.change(repo)
        let repository = try Repository.open(at: repo.url)

        if let expected = scenario.scan {
            #expect(try WorktreeScan.run(repository) { GitError.readStatus(path: "", cause: $0) } == expected)
        }
        #expect(try repository.isDirty() == scenario.isDirty)
        let git = try repo.git("status", "--porcelain")
        #expect(!git.isEmpty == scenario.isDirty, "git status --porcelain: \(git)")
    }

    @Test func largeTreeIsSplitAcrossThreadsAndStillFindsOneChange() throws {
        let repo = try Self.baseRepository(files: 2_100)
        let repository = try Repository.open(at: repo.url)
        let scan = { try WorktreeScan.run(repository) { GitError.readStatus(path: "", cause: $0) } }

        #expect(try scan() == .clean)
        try repo.write("src/d9/f母.txt", "x\n")
        #expect(try scan() == .dirty)
        try FileManager.default.removeItem(at: repo.url.appendingPathComponent("src/d9/f母.txt"))
        try repo.write("src/d9/f647.txt", "longer content\n")
        #expect(try scan() == .dirty)
        #expect(try repository.isDirty())
    }

    @Test func splitIndexIsAClearErrorNotAGuess() throws {
        let repo = try Self.baseRepository()
        try repo.git("update-index", "--split-index")
        let repository = try Repository.open(at: repo.url)

        #expect(try WorktreeScan.run(repository) { GitError.readStatus(path: "", cause: $0) } == .undecided)
        // libgit2 1.5 cannot read a split index either; the user sees why.
        #expect { try repository.isDirty() } throws: { "\($0)".contains("unsupported mandatory extension: 'link'") }
    }

    @Test func linkedWorktreeIsCheckedAgainstItsOwnIndex() throws {
        let repo = try Self.baseRepository()
        let linked = repo.root.appendingPathComponent("linked")
        try repo.git("worktree", "add", "-q", "--detach", linked.path)
        let repository = try Repository.discover(from: linked)

        #expect(try repository.isDirty() == false)
        try "changed\n".write(to: linked.appendingPathComponent("src/d0/f0.txt"), atomically: true, encoding: .utf8)
        #expect(try repository.isDirty())
        #expect(try Repository.open(at: repo.url).isDirty() == false)
    }

    /// `files` tracked files in eleven directories, an executable, a symlink, ignore rules at two levels and a
    /// non-ASCII name, all with an old mtime so none is racily clean. (Creating files is slow on the CI machines,
    /// hence few.)
    static func baseRepository(files: Int = 110) throws -> TestRepo {
        let repo = try TestRepo()
        try repo.write("a.txt", "one\n")
        try repo.write("tool.sh", "#!/bin/sh\n", executable: true)
        try repo.write(".gitignore", "*.log\nbuild/\n")
        try repo.write(".gitattributes", "*.crlf text\n")
        try repo.write("notes.crlf", "one\ntwo\n")
        try repo.write("src/d4/.gitignore", "*.bin\n")
        try repo.write("src/ünï côde.txt", "accents\n")
        try FileManager.default.createSymbolicLink(atPath: repo.url.appendingPathComponent("link").path, withDestinationPath: "a.txt")
        let script = """
            mkdir -p src/d0 src/d1 src/d2 src/d3 src/d4 src/d5 src/d6 src/d7 src/d8 src/d9 src/d10
            i=0; while [ $i -lt \(files) ]; do echo "file $i" > src/d$((i % 11))/f$i.txt; i=$((i + 1)); done
            find . -path ./.git -prune -o -exec touch -h -d @1600000000 {} +
            """
        let made = try runProcess("/bin/sh", ["-c", script], currentDirectory: repo.url)
        guard made.status == 0 else { throw TestRepoError.setup("generating files failed: \(made.stderr)") }
        try repo.commit(time: 1)
        return repo
    }

    static func touch(_ repo: TestRepo, _ path: String, at date: String? = nil) throws {
        let result = try runProcess("/usr/bin/touch", (date.map { ["-d", $0] } ?? []) + [repo.url.appendingPathComponent(path).path])
        guard result.status == 0 else { throw TestRepoError.setup("touch failed: \(result.stderr)") }
    }
}
