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

    @Test func gitDashCValuesWinOverEveryFileAsGitPassesThemToHooks() throws {
        let repo = try TestRepo()
        try repo.git("config", "bench.notesRef", "refs/notes/local")
        // What git itself puts in the environment of the commands and hooks it starts.
        let printed = try repo.git("-c", "Bench.NotesRef=refs/notes/dash-c", "-c", "bench.home=/tmp/it's here", "-c", "bench.allowDirty",
                                   "-c", "bench.prePush.missing=", "-c", "alias.penv=!printenv GIT_CONFIG_PARAMETERS", "penv")
        var environment = repo.environment
        environment["GIT_CONFIG_PARAMETERS"] = printed.trimmingCharacters(in: .newlines)
        let config = try GitConfig.load(for: try Repository.open(at: repo.url), environment: environment)

        #expect(try config.value("bench.notesRef") == ConfigValue(key: "bench.notesref", value: "refs/notes/dash-c", level: .command,
                                                                  file: "GIT_CONFIG_PARAMETERS"))
        #expect(try config.value("bench.home")?.value == "/tmp/it's here")
        #expect(try config.bool("bench.allowDirty") == true)
        #expect(try config.value("bench.prePush.missing")?.value == "")
        #expect(try config.value("alias.penv")?.value == "!printenv GIT_CONFIG_PARAMETERS")
        // The subsection stays case-sensitive, as in files.
        #expect(try config.value("bench.prepush.missing") == nil)
    }

    @Test func countedConfigVariablesComeBeforeParametersAndGitAgrees() throws {
        let repo = try TestRepo()
        var environment = repo.environment
        environment["GIT_CONFIG_COUNT"] = "2"
        environment["GIT_CONFIG_KEY_0"] = "bench.archive.url"
        environment["GIT_CONFIG_VALUE_0"] = "s3://counted"
        environment["GIT_CONFIG_KEY_1"] = "bench.home"
        environment["GIT_CONFIG_VALUE_1"] = "/counted"
        environment["GIT_CONFIG_PARAMETERS"] = "'bench.home'='/from-parameters' 'bench.notesRef=refs/notes/old-style'"
        let config = try GitConfig.load(for: try Repository.open(at: repo.url), environment: environment)

        #expect(try config.value("bench.archive.url") == ConfigValue(key: "bench.archive.url", value: "s3://counted", level: .command,
                                                                     file: "GIT_CONFIG_KEY_0"))
        #expect(try config.value("bench.home")?.value == "/from-parameters")
        #expect(try config.value("bench.notesRef")?.value == "refs/notes/old-style")
        let git = try runProcess(TestRepo.gitExecutable, ["-C", repo.url.path, "config", "--get", "bench.home"], environment: environment)
        #expect(git.stdout == "/from-parameters\n")
    }

    @Test func commandLineConfigEdgesReadAsGitReadsThem() throws {
        let repo = try TestRepo()
        for (name, value, expected) in [("GIT_CONFIG_PARAMETERS", "'bench.home =old style'", "old style"),
                                        ("GIT_CONFIG_PARAMETERS", "'bench.home'='tab'\t'bench.x'='y' ", "tab"),
                                        ("GIT_CONFIG_PARAMETERS", "'bench.home='", ""),
                                        ("GIT_CONFIG_COUNT", " +1", "counted")] {
            var environment = repo.environment
            environment[name] = value
            environment["GIT_CONFIG_KEY_0"] = "bench.home"
            environment["GIT_CONFIG_VALUE_0"] = "counted"
            #expect(try GitConfig.load(for: nil, environment: environment).value("bench.home")?.value == expected, "\(name)=\(value)")
            let git = try runProcess(TestRepo.gitExecutable, ["config", "--get", "bench.home"], environment: environment)
            #expect(git.stdout == expected + "\n", "git, \(name)=\(value)")
        }
        var empty = repo.environment
        empty["GIT_CONFIG_PARAMETERS"] = ""
        #expect(try GitConfig.load(for: nil, environment: empty).value("bench.home") == nil)
    }

    @Test func malformedCommandLineConfigIsAClearError() throws {
        let repo = try TestRepo()
        for (name, value) in [("GIT_CONFIG_PARAMETERS", "'bench.home'='unterminated"), ("GIT_CONFIG_PARAMETERS", "bench.home=bare"),
                              ("GIT_CONFIG_PARAMETERS", " 'bench.home'='leading blank'"), ("GIT_CONFIG_PARAMETERS", "'nodot'='x'"),
                              ("GIT_CONFIG_PARAMETERS", "'bench.home'='x'\u{A0}'bench.y'='z'"), ("GIT_CONFIG_COUNT", "1"),
                              ("GIT_CONFIG_COUNT", "1 ")] {
            var environment = repo.environment
            environment[name] = value
            #expect(throws: GitError.self, "\(name)=\(value)") { try GitConfig.load(for: nil, environment: environment) }
            // git refuses the same input.
            let git = try runProcess(TestRepo.gitExecutable, ["-C", repo.url.path, "config", "--get", "bench.home"], environment: environment)
            #expect(git.status != 0 && git.status != 1, "\(name)=\(value)")
        }
    }
}

extension FileHandle {
    fileprivate func seekToEndAndWrite(_ text: String) throws {
        try seekToEnd()
        try write(contentsOf: Data(text.utf8))
        try close()
    }
}
