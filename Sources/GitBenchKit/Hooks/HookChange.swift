/// What `hooks install` or `hooks uninstall` did: the hooks directory and the hooks whose file changed (none when
/// every hook already was as asked). Its JSON is `{"directory", "configured", "shared", "changed"}`, like `hooks status`.
public struct HookChange: Sendable, Equatable, Encodable {
    public var directory: HooksDirectory
    public var changed: [GitHook]

    public init(directory: HooksDirectory, changed: [GitHook]) {
        self.directory = directory
        self.changed = changed
    }

    enum CodingKeys: String, CodingKey {
        case directory, configured, shared, changed
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(directory.url.path, forKey: .directory)
        try container.encode(directory.isConfigured, forKey: .configured)
        try container.encode(directory.isShared, forKey: .shared)
        try container.encode(changed.map(\.rawValue), forKey: .changed)
    }
}
