/// What `hooks status` reports: where the hooks live, whether `core.hooksPath` chose that place (and from global or
/// system config), and each hook's state. Its JSON is `{"directory", "configured", "shared", "hooks"}`.
public struct HooksStatus: Sendable, Equatable, Encodable {
    public var directory: HooksDirectory
    public var hooks: [HookState]

    public init(directory: HooksDirectory, hooks: [HookState]) {
        self.directory = directory
        self.hooks = hooks
    }

    enum CodingKeys: String, CodingKey {
        case directory, configured, shared, hooks
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(directory.url.path, forKey: .directory)
        try container.encode(directory.isConfigured, forKey: .configured)
        try container.encode(directory.isShared, forKey: .shared)
        try container.encode(hooks, forKey: .hooks)
    }
}
