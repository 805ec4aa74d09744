import Foundation
import Testing
@testable import GitBenchKit

/// git config through libgit2, level by level, with git's own environment variables honoured.
@Suite struct GitConfigTests {
    @Test func localValueWinsOverGlobalAndEachNamesItsFile() throws {
        let repo = try TestRepo()
        try repo.git("config", "--global", "bench.notesRef", "refs/notes/global")
        let repository = try Repository.open(at: repo.url)

        let global = try #require(try repository.configValue("bench.notesRef", environment: repo.environment))
        #expect(global == ConfigValue(key: "bench.notesref", value: "refs/notes/global", level: .global,
                                      file: repo.home.appendingPathComponent(".gitconfig").path))

        try repo.git("config", "bench.notesRef", "refs/notes/local")
        let local = try #require(try repository.configValue("bench.notesRef", environment: repo.environment))
        #expect(local.value == "refs/notes/local" && local.level == .local)
        #expect(local.file == repo.url.appendingPathComponent(".git/config").path)
    }

    @Test func xdgFileIsReadUnlessGitConfigGlobalReplacesIt() throws {
        let repo = try TestRepo()
        let xdg = repo.home.appendingPathComponent(".config/git/config")
        try FileManager.default.createDirectory(at: xdg.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "[bench]\n\thome = /from/xdg\n".write(to: xdg, atomically: true, encoding: .utf8)
        let repository = try Repository.open(at: repo.url)
        var environment = repo.environment
        environment["GIT_CONFIG_GLOBAL"] = nil

        let found = try #require(try repository.configValue("bench.home", environment: environment))
        #expect(found.level == .xdg && found.value == "/from/xdg" && found.file == xdg.path)
        // git agrees (it reports the XDG file as part of the global scope).
        let git = try runProcess(TestRepo.gitExecutable, ["-C", repo.url.path, "config", "--show-origin", "--get", "bench.home"], environment: environment)
        #expect(git.stdout == "file:\(xdg.path)\t/from/xdg\n")
        // With GIT_CONFIG_GLOBAL set (as TestRepo sets it), git reads that file instead of both.
        #expect(try repository.configValue("bench.home", environment: repo.environment) == nil)
    }

    @Test func worktreeConfigWinsOverLocalOnlyWhenTheExtensionIsOn() throws {
        let repo = try TestRepo()
        try repo.commit(time: 1)
        try repo.git("config", "bench.allowDirty", "false")
        let worktreeFile = repo.url.appendingPathComponent(".git/config.worktree")
        try "[bench]\n\tallowDirty = true\n".write(to: worktreeFile, atomically: true, encoding: .utf8)
        let repository = try Repository.open(at: repo.url)

        #expect(try repository.configValue("bench.allowDirty", environment: repo.environment)?.level == .local)

        try repo.git("config", "extensions.worktreeConfig", "true")
        let found = try #require(try repository.configValue("bench.allowDirty", environment: repo.environment))
        #expect(found.level == .worktree && found.value == "true" && found.file == worktreeFile.path)
    }

    @Test func linkedWorktreeReadsItsOwnConfigWorktree() throws {
        let repo = try TestRepo()
        try repo.commit(time: 1)
        try repo.git("config", "extensions.worktreeConfig", "true")
        let linked = repo.root.appendingPathComponent("linked")
        try repo.git("worktree", "add", "-q", "--detach", linked.path)
        try repo.git("-C", linked.path, "config", "--worktree", "bench.notesRef", "refs/notes/linked")

        let inLinked = try #require(try Repository.discover(from: linked).configValue("bench.notesRef", environment: repo.environment))
        #expect(inLinked.level == .worktree && inLinked.value == "refs/notes/linked")
        #expect(try Repository.open(at: repo.url).configValue("bench.notesRef", environment: repo.environment) == nil)
    }

    @Test func systemFileComesFromGitConfigSystemAndNoSystemSkipsIt() throws {
        let repo = try TestRepo()
        let system = repo.root.appendingPathComponent("gitconfig-system")
        try "[bench \"archive\"]\n\turl = s3://team-bucket\n".write(to: system, atomically: true, encoding: .utf8)
        var environment = repo.environment
        environment["GIT_CONFIG_SYSTEM"] = system.path
        environment["GIT_CONFIG_NOSYSTEM"] = "0"

        let found = try #require(try GitConfig.load(for: nil, environment: environment).value("bench.archive.url"))
        #expect(found == ConfigValue(key: "bench.archive.url", value: "s3://team-bucket", level: .system, file: system.path))

        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        #expect(try GitConfig.load(for: nil, environment: environment).value("bench.archive.url") == nil)
    }

    @Test func subsectionIsCaseSensitiveAndABareKeyIsTrue() throws {
        let repo = try TestRepo()
        try repo.git("config", "bench.prePush.missing", "block")
        try FileHandle(forWritingTo: repo.url.appendingPathComponent(".git/config")).seekToEndAndWrite("[bench]\n\tallowDirty\n")
        let config = try GitConfig.load(for: try Repository.open(at: repo.url), environment: repo.environment)

        #expect(try config.value("bench.prePush.missing")?.value == "block")
        #expect(try config.value("BENCH.prePush.MISSING")?.value == "block")
        #expect(try config.value("bench.prepush.missing") == nil)
        #expect(try config.value("bench.allowDirty")?.value == nil)
        #expect(try config.bool("bench.allowDirty") == true)
    }
}

extension FileHandle {
    fileprivate func seekToEndAndWrite(_ text: String) throws {
        try seekToEnd()
        try write(contentsOf: Data(text.utf8))
        try close()
    }
}
