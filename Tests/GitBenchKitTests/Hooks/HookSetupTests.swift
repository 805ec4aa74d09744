import Foundation
import Testing
@testable import GitBenchKit

/// Where `hooks install` may write, and what `hooks status` reports.
@Suite struct HookSetupTests {
    @Test func aHooksPathFromGlobalConfigIsRefusedWithoutForceAndWarnedAboutWithIt() throws {
        let repo = try TestRepo()
        let shared = repo.root.appendingPathComponent("shared-hooks")
        try repo.git("config", "--global", "core.hooksPath", shared.path)
        let console = Console.capturing()

        #expect(throws: HarnessError.policy("core.hooksPath (\(shared.path)) comes from global or system config: installing there changes "
                                            + "every repository's hooks; pass --force to do it anyway")) {
            try HookSetup.install(from: repo.url, force: false, console: console, environment: repo.environment)
        }
        #expect(!FileManager.default.fileExists(atPath: shared.path))

        let change = try HookSetup.install(from: repo.url, force: true, console: console, environment: repo.environment)
        #expect(change == HookChange(directory: HooksDirectory(url: shared, isConfigured: true, isShared: true), changed: [.postCommit, .prePush]))
        #expect(console.lines == ["warning: core.hooksPath is global: every repository using \(shared.path) gets these hooks"])
        #expect(try HookSetup.uninstall(from: repo.url, environment: repo.environment).changed == [.postCommit, .prePush])
    }

    @Test func theRepositorysOwnHooksNeedNoForceAndTheStatusJSONNamesTheDirectoryAndItsOrigin() throws {
        let repo = try TestRepo()
        let console = Console.capturing()
        let hooks = repo.url.appendingPathComponent(".git/hooks")
        #expect(try HookSetup.install(from: repo.url, force: false, console: console, environment: repo.environment).changed == [.postCommit, .prePush])
        #expect(try HookSetup.install(from: repo.url, force: false, console: console, environment: repo.environment).changed == [])
        #expect(console.lines.isEmpty)

        let status = try HookSetup.status(from: repo.url, environment: repo.environment)
        #expect(try JSONDocument.render(status) == """
            {
              "configured" : false,
              "directory" : "\(hooks.path)",
              "hooks" : [
                {
                  "has_foreign_content" : false,
                  "hook" : "post-commit",
                  "path" : "\(hooks.path)/post-commit",
                  "status" : "installed"
                },
                {
                  "has_foreign_content" : false,
                  "hook" : "pre-push",
                  "path" : "\(hooks.path)/pre-push",
                  "status" : "installed"
                }
              ],
              "shared" : false
            }

            """)
    }
}
