import Foundation
import Testing
@testable import GitBenchKit

/// What `hooks install`, `uninstall` and `status` print.
@Suite struct HooksTextTests {
    static let local = HooksDirectory(url: URL(fileURLWithPath: "/src/sample/.git/hooks"), isConfigured: false, isShared: false)
    static let global = HooksDirectory(url: URL(fileURLWithPath: "/home/me/.hooks"), isConfigured: true, isShared: true)

    @Test func installAndUninstallNameTheHooksTheyChangedOrSayNothingChanged() {
        #expect(HooksText.installed(HookChange(directory: Self.local, changed: [.postCommit, .prePush]))
                == "installed post-commit, pre-push in /src/sample/.git/hooks\n")
        #expect(HooksText.installed(HookChange(directory: Self.local, changed: [])) == "hooks already installed in /src/sample/.git/hooks\n")
        #expect(HooksText.uninstalled(HookChange(directory: Self.local, changed: [.prePush]))
                == "removed git-bench from pre-push in /src/sample/.git/hooks\n")
        #expect(HooksText.uninstalled(HookChange(directory: Self.local, changed: [])) == "no git-bench hooks in /src/sample/.git/hooks\n")
    }

    @Test func statusNamesTheDirectoryItsOriginAndEachHook() {
        let status = HooksStatus(directory: Self.global, hooks: [
            HookState(hook: .postCommit, path: "/home/me/.hooks/post-commit", status: .installed, hasForeignContent: true),
            HookState(hook: .prePush, path: "/home/me/.hooks/pre-push", status: .absent, hasForeignContent: false),
        ])
        #expect(HooksText.status(status) == """
            hooks directory: /home/me/.hooks (core.hooksPath, global)
              post-commit  installed (beside another hook)
              pre-push     absent

            """)
    }
}
