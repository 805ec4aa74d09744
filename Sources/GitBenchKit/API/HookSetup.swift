import Foundation

/// Finds the hooks directory of the repository around a path, the way git does.
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
}
