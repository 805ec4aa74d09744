// Config/ owns git-bench's own git configuration keys (`bench.*`): which keys exist, their defaults, how their
// values are validated, and where each effective value came from. Reading configuration files is Git/'s job
// (`GitConfig`); this folder only interprets the values. It never writes configuration and never prints.

/// A `bench.*` configuration value that git-bench cannot use.
public enum ConfigError: Error, Equatable, CustomStringConvertible {
    /// `key` is set to `value` in `file` (or the environment), but only `expected` is accepted.
    case invalidValue(key: String, value: String, origin: String, expected: String)

    public var description: String {
        switch self {
        case .invalidValue(let key, let value, let origin, let expected):
            return "could not use \(key) = '\(value)' from \(origin): expected \(expected); fix it with `git config \(key) <value>`"
        }
    }
}
