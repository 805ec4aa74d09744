import Foundation

/// Finds the hooks directory of the repository around a path, the way git does, and installs, removes or inspects
/// git-bench's blocks there (`HookInstaller`), deciding when a directory is too widely shared to touch.
public enum HookSetup {
    /// The hooks directory of the repository containing `directory`: `core.hooksPath` (any config level; flagged
    /// shared when it comes from global, XDG or system config) or the common git dir's `hooks/`, which every linked
    /// worktree shares. Throws `GitError.notARepository` and `GitError.readConfig`.
    public static func hooksDirectory(from directory: URL, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> HooksDirectory {
        let repository = try Repository.discover(from: directory)
        let configured = try repository.configValue("core.hooksPath", environment: environment)
        let shared = configured.map { [.system, .xdg, .global].contains($0.level) } ?? false
        return HooksDirectory.resolve(hooksPath: configured?.value, isSharedConfig: shared, workdir: repository.workdir,
                                      commonDir: repository.commonDir, home: environment["HOME"] ?? NSHomeDirectory())
    }

    /// Adds git-bench's block to the post-commit and pre-push hooks of the repository around `directory`
    /// (idempotent). A `core.hooksPath` from global or system config is every repository's hooks directory: installing
    /// there is refused with `HarnessError.policy` unless `force`, and with `force` it is done with a warning on
    /// `console`. Throws as `hooksDirectory(from:environment:)` does, and `HookError`.
    public static func install(from directory: URL, force: Bool, console: Console,
                               environment: [String: String] = ProcessInfo.processInfo.environment) throws -> HookChange {
        let hooks = try hooksDirectory(from: directory, environment: environment)
        if hooks.isShared {
            guard force else {
                throw HarnessError.policy("core.hooksPath (\(hooks.url.path)) comes from global or system config: installing there changes every repository's hooks; pass --force to do it anyway")
            }
            console.warning("core.hooksPath is global: every repository using \(hooks.url.path) gets these hooks")
        }
        return HookChange(directory: hooks, changed: try HookInstaller(directory: hooks).install())
    }

    /// Removes exactly git-bench's block from the hooks of the repository around `directory`, leaving other hooks
    /// byte for byte. Throws as `hooksDirectory(from:environment:)` does, and `HookError`.
    public static func uninstall(from directory: URL, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> HookChange {
        let hooks = try hooksDirectory(from: directory, environment: environment)
        return HookChange(directory: hooks, changed: try HookInstaller(directory: hooks).uninstall())
    }

    /// Each hook's state in the repository around `directory`. Throws as `hooksDirectory(from:environment:)` does, and
    /// `HookError`.
    public static func status(from directory: URL, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> HooksStatus {
        let hooks = try hooksDirectory(from: directory, environment: environment)
        return HooksStatus(directory: hooks, hooks: try HookInstaller(directory: hooks).status())
    }
}
