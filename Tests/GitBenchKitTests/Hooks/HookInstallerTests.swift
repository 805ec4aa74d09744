import Foundation
import Testing
@testable import GitBenchKit

/// Installing next to other tools' hooks: nothing foreign is overwritten or lost.
@Suite struct HookInstallerTests {
    static let lfsPrePush = """
        #!/bin/sh
        command -v git-lfs >/dev/null 2>&1 || { echo >&2 "This repository is configured for Git LFS but 'git-lfs' was not found on your path."; exit 2; }
        git lfs pre-push "$@"

        """

    private func installer(_ repo: TestRepo) -> HookInstaller {
        HookInstaller(directory: HooksDirectory(url: repo.url.appendingPathComponent(".git/hooks"), isConfigured: false, isShared: false))
    }

    @Test func installCreatesExecutableHooksAndUninstallDeletesThem() throws {
        let repo = try TestRepo()
        let hooks = installer(repo)
        #expect(try hooks.install() == [.postCommit, .prePush])
        let postCommit = repo.url.appendingPathComponent(".git/hooks/post-commit")
        let text = try String(contentsOf: postCommit, encoding: .utf8)
        #expect(text.hasPrefix("#!/bin/sh\n# >>> git-bench >>>\n"))
        #expect(text.hasSuffix("# <<< git-bench <<<\n"))
        #expect(try permissions(of: postCommit) & 0o100 != 0)
        #expect(try hooks.status().map(\.status) == [.installed, .installed])
        #expect(try hooks.uninstall() == [.postCommit, .prePush])
        #expect(!FileManager.default.fileExists(atPath: postCommit.path))
        #expect(try hooks.status().map(\.status) == [.absent, .absent])
    }

    @Test func installBesideAForeignHookKeepsItAndUninstallRestoresItByteForByte() throws {
        let repo = try TestRepo()
        try repo.write(".git/hooks/pre-push", Self.lfsPrePush, executable: true)
        let foreignPostCommit = "#!/bin/bash\nset -e\necho 'husky post-commit'\nexit 0\n"
        try repo.write(".git/hooks/post-commit", foreignPostCommit)
        let hooks = installer(repo)
        try hooks.install()
        let prePush = try String(contentsOf: repo.url.appendingPathComponent(".git/hooks/pre-push"), encoding: .utf8)
        #expect(prePush.hasPrefix("#!/bin/sh\n# >>> git-bench >>>\n"))
        #expect(prePush.hasSuffix("# <<< git-bench <<<\n" + Self.lfsPrePush.dropFirst("#!/bin/sh\n".count)))
        #expect(try hooks.status().map(\.hasForeignContent) == [true, true])

        // Installing twice changes nothing.
        #expect(try hooks.install() == [])

        try hooks.uninstall()
        #expect(try String(contentsOf: repo.url.appendingPathComponent(".git/hooks/pre-push"), encoding: .utf8) == Self.lfsPrePush)
        #expect(try String(contentsOf: repo.url.appendingPathComponent(".git/hooks/post-commit"), encoding: .utf8) == foreignPostCommit)
        #expect(try permissions(of: repo.url.appendingPathComponent(".git/hooks/pre-push")) == 0o755)
        #expect(try hooks.status().map(\.status) == [.foreign, .foreign])
    }

    @Test func outdatedBlockIsRefreshedInPlace() throws {
        let repo = try TestRepo()
        let stale = "#!/bin/sh\necho before\n# >>> git-bench >>>\nold block\n# <<< git-bench <<<\necho after\n"
        try repo.write(".git/hooks/post-commit", stale, executable: true)
        let hooks = installer(repo)
        #expect(try hooks.status().first?.status == .outdated)
        try hooks.install()
        let refreshed = try String(contentsOf: repo.url.appendingPathComponent(".git/hooks/post-commit"), encoding: .utf8)
        #expect(refreshed == "#!/bin/sh\necho before\n" + HookBlock.text(for: .postCommit) + "echo after\n")
    }

    @Test func hooksDirectoryFollowsCoreHooksPath() {
        let workdir = URL(fileURLWithPath: "/repo")
        let common = URL(fileURLWithPath: "/repo/.git")
        #expect(HooksDirectory.resolve(hooksPath: nil, isSharedConfig: false, workdir: workdir, commonDir: common).url.path == "/repo/.git/hooks")
        #expect(HooksDirectory.resolve(hooksPath: ".githooks", isSharedConfig: false, workdir: workdir, commonDir: common).url.path == "/repo/.githooks")
        #expect(HooksDirectory.resolve(hooksPath: "/etc/hooks", isSharedConfig: true, workdir: workdir, commonDir: common) ==
                HooksDirectory(url: URL(fileURLWithPath: "/etc/hooks"), isConfigured: true, isShared: true))
        #expect(HooksDirectory.resolve(hooksPath: "~/hooks", isSharedConfig: true, workdir: workdir, commonDir: common, home: "/home/u").url.path == "/home/u/hooks")
        // A bare repository resolves relative paths against the git dir.
        #expect(HooksDirectory.resolve(hooksPath: "hooks2", isSharedConfig: false, workdir: nil, commonDir: URL(fileURLWithPath: "/srv/r.git")).url.path == "/srv/r.git/hooks2")
    }

    @Test func committedShimsExitQuietlyWithoutGitBench() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        for name in ["post-commit", "pre-push"] {
            let result = try runProcess("/bin/sh", [root.appendingPathComponent("hooks/\(name)").path, "origin", "url"],
                                        environment: ["PATH": "/usr/bin:/bin"], stdin: "")
            #expect(result.status == 0)
            #expect(result.stdout.isEmpty && result.stderr.isEmpty)
        }
    }
}
