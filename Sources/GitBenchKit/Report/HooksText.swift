import Foundation

/// What the `hooks` commands print for people.
public enum HooksText {
    /// `hooks install`: which hooks got the block, or that they all had it.
    public static func installed(_ change: HookChange) -> String {
        let hooks = change.changed.map(\.rawValue).joined(separator: ", ")
        return change.changed.isEmpty ? "hooks already installed in \(change.directory.url.path)\n"
                                      : "installed \(hooks) in \(change.directory.url.path)\n"
    }

    /// `hooks uninstall`: which hooks lost the block, or that none had it.
    public static func uninstalled(_ change: HookChange) -> String {
        let hooks = change.changed.map(\.rawValue).joined(separator: ", ")
        return change.changed.isEmpty ? "no git-bench hooks in \(change.directory.url.path)\n"
                                      : "removed git-bench from \(hooks) in \(change.directory.url.path)\n"
    }

    /// `hooks status`: the hooks directory and where it came from, then each hook's state.
    public static func status(_ status: HooksStatus) -> String {
        let directory = status.directory
        let origin = directory.isConfigured ? " (core.hooksPath\(directory.isShared ? ", global" : ""))" : ""
        return "hooks directory: \(directory.url.path)\(origin)\n" + status.hooks.map { state in
            "  \(state.hook.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)) \(state.status.rawValue)"
                + "\(state.hasForeignContent ? " (beside another hook)" : "")\n"
        }.joined()
    }
}
