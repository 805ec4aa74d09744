/// What `hooks install` or `hooks uninstall` did: the hooks directory and the hooks whose file changed (none when
/// every hook already was as asked).
public struct HookChange: Sendable, Equatable {
    public var directory: HooksDirectory
    public var changed: [GitHook]

    public init(directory: HooksDirectory, changed: [GitHook]) {
        self.directory = directory
        self.changed = changed
    }
}
