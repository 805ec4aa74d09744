import CGit2
import Foundation

/// A git configuration level, lowest precedence first, as `git config --show-scope` names them (plus `xdg`,
/// which git counts as part of `global`). `command` is `git -c` and `git --config-env`.
public enum ConfigLevel: String, Sendable, Codable, CaseIterable {
    case system, xdg, global, local, worktree, command

    /// libgit2's priority level for a file. libgit2 1.5 has no worktree level and does not read
    /// `config.worktree`, so worktree files go in at the application level, the highest fixed level, which is
    /// where git ranks them (above local). Command-line values are not files: `GitConfig` layers them on top.
    fileprivate var libgit2Level: git_config_level_t? {
        switch self {
        case .system: return GIT_CONFIG_LEVEL_SYSTEM
        case .xdg: return GIT_CONFIG_LEVEL_XDG
        case .global: return GIT_CONFIG_LEVEL_GLOBAL
        case .local: return GIT_CONFIG_LEVEL_LOCAL
        case .worktree: return GIT_CONFIG_LEVEL_APP
        case .command: return nil
        }
    }

    fileprivate init?(_ level: git_config_level_t) {
        guard let found = ConfigLevel.allCases.first(where: { $0.libgit2Level == level }) else { return nil }
        self = found
    }
}

/// One effective configuration value and where it came from.
public struct ConfigValue: Sendable, Equatable, Codable {
    /// The key as git normalizes it: section and variable lowercased, a subsection kept as written
    /// (`bench.prePush.missing` is section `bench`, subsection `prePush`, variable `missing`).
    public var key: String
    /// The text after `=`; `nil` for a bare `key` line, which git reads as boolean true.
    public var value: String?
    /// The level of the file that set it; a value from an `[include]`d file has the including file's level.
    public var level: ConfigLevel
    /// The file of that level; for `command`, the environment variable git passed the value in.
    public var file: String
}

/// The configuration git would read for a repository (or, without one, for the user): the system, XDG, global,
/// local and worktree files, highest level winning.
///
/// Built file by file, so it honours what git honours and libgit2 1.5 does not: `GIT_CONFIG_NOSYSTEM`,
/// `GIT_CONFIG_SYSTEM`, `GIT_CONFIG_GLOBAL` (which replaces both `~/.gitconfig` and the XDG file) and
/// `extensions.worktreeConfig` (`config.worktree`) and the `git -c` values git passes to hooks in the environment.
/// Conditional includes are resolved against the repository. A snapshot: later edits are not picked up.
public final class GitConfig {
    /// The `git_config` handle, freed in `deinit`.
    private let handle: OpaquePointer
    /// The file read for each level that exists.
    public private(set) var files: [ConfigLevel: String] = [:]
    /// `git -c` values, in order; the last one for a key wins over every file.
    private var commandLine: [CommandLineConfig.Entry] = []

    private init(handle: OpaquePointer) {
        self.handle = handle
    }

    deinit {
        git_config_free(handle)
    }

    /// Loads the configuration of `repository`, or only the system, XDG and global files when it is `nil`.
    ///
    /// `environment` supplies `HOME`, `XDG_CONFIG_HOME` and the `GIT_CONFIG_*` variables above.
    /// Throws `GitError.readConfig` when a file exists but cannot be parsed, or the `git -c` variables are malformed.
    public static func load(
        for repository: Repository?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> GitConfig {
        try initializeLibgit2()
        let handle = try makeHandle({ git_config_new(&$0) }) { .readConfig(path: "(new configuration)", cause: $0) }
        let config = GitConfig(handle: handle)
        for (level, path) in try userFiles(environment: environment) {
            try config.add(path, level: level, repository: repository)
        }
        if let repository {
            try config.add(repository.commonDir.appendingPathComponent("config").path, level: .local, repository: repository)
            if try config.bool("extensions.worktreeConfig") == true {
                let worktree = repository.gitDirectory.appendingPathComponent("config.worktree").path
                try config.add(worktree, level: .worktree, repository: repository)
            }
        }
        config.commandLine = try CommandLineConfig.entries(environment: environment)
        return config
    }

    /// The effective value of `key` (highest level wins); `nil` when no file sets it.
    ///
    /// Throws `GitError.readConfig` when `key` is not a valid key name.
    public func value(_ key: String) throws -> ConfigValue? {
        let failure = { (cause: String) in GitError.readConfig(path: key, cause: cause) }
        let canonicalKey = CommandLineConfig.canonical(key)
        if let given = commandLine.last(where: { $0.key == canonicalKey }) {
            return ConfigValue(key: given.key, value: given.value, level: .command, file: given.source)
        }
        var entry: UnsafeMutablePointer<git_config_entry>?
        guard try checkFound(git_config_get_entry(&entry, handle, key), failure), let entry else { return nil }
        defer { git_config_entry_free(entry) }
        guard let level = ConfigLevel(entry.pointee.level) else {
            throw failure("the value comes from an unexpected configuration level \(entry.pointee.level.rawValue)")
        }
        let name = entry.pointee.name.map { String(cString: $0) } ?? key
        return ConfigValue(key: name, value: entry.pointee.value.map { String(cString: $0) }, level: level, file: files[level] ?? "")
    }

    /// `key` read as a git boolean; `nil` when unset.
    ///
    /// Throws `GitError.readConfig` when the value is not a boolean git accepts.
    public func bool(_ key: String) throws -> Bool? {
        guard let found = try value(key) else { return nil }
        guard let parsed = Self.parseBool(found.value) else {
            throw GitError.readConfig(path: found.file, cause: "\(key) = '\(found.value ?? "")' is not a boolean")
        }
        return parsed
    }

    /// A value read as git reads booleans: true/yes/on/1 and a bare key are true, false/no/off/0 and "" are false
    /// (case-insensitive); anything else is `nil`.
    public static func parseBool(_ value: String?) -> Bool? {
        guard let value else { return true }
        var result: Int32 = 0
        guard git_config_parse_bool(&result, value) == 0 else {
            git_error_clear()
            return nil
        }
        return result != 0
    }

    // MARK: - Loading

    /// Adds `path` at `level` when the file exists, and records it in `files`.
    private func add(_ path: String, level: ConfigLevel, repository: Repository?) throws {
        guard FileManager.default.fileExists(atPath: path), let libgit2Level = level.libgit2Level else { return }
        let code = git_config_add_file_ondisk(handle, path, libgit2Level, repository?.handle, 0)
        if try checkFound(code, { .readConfig(path: path, cause: $0) }) { files[level] = path }
    }

    /// The system, XDG and global files git would read, before checking that they exist.
    private static func userFiles(environment: [String: String]) throws -> [(ConfigLevel, String)] {
        var files: [(ConfigLevel, String)] = []
        // git reads GIT_CONFIG_NOSYSTEM as a boolean; an unreadable value means "do not skip".
        let skipsSystem = environment["GIT_CONFIG_NOSYSTEM"].flatMap { parseBool($0) } ?? false
        if !skipsSystem {
            if let system = environment["GIT_CONFIG_SYSTEM"] {
                files.append((.system, system))
            } else if let system = try defaultSystemFile() {
                files.append((.system, system))
            }
        }
        if let global = environment["GIT_CONFIG_GLOBAL"] {
            files.append((.global, global))
            return files
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
            files.append((.xdg, xdg + "/git/config"))
        } else if let home {
            files.append((.xdg, home + "/.config/git/config"))
        }
        if let home { files.append((.global, home + "/.gitconfig")) }
        return files
    }

    /// libgit2's idea of the system file (`/etc/gitconfig` on Linux); `nil` when there is none.
    private static func defaultSystemFile() throws -> String? {
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        guard try checkFound(git_config_find_system(&buffer), { .readConfig(path: "system configuration", cause: $0) }),
              let pointer = buffer.ptr
        else { return nil }
        return String(cString: pointer)
    }
}

extension Repository {
    /// The effective value of the configuration `key` for this repository and where it came from; `nil` when no
    /// configuration file sets it. See `GitConfig` for the files read.
    ///
    /// Throws `GitError.readConfig` when a file cannot be parsed or `key` is not a valid key name.
    public func configValue(_ key: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ConfigValue? {
        try GitConfig.load(for: self, environment: environment).value(key)
    }

    /// The repository's own git directory: `.git` for the main working tree, `.git/worktrees/<name>` for a linked
    /// worktree (where its `config.worktree` lives).
    var gitDirectory: URL {
        guard let path = git_repository_path(handle) else { return commonDir }
        var text = String(cString: path)
        while text.count > 1, text.hasSuffix("/") { text.removeLast() }
        return URL(fileURLWithPath: text, isDirectory: true)
    }
}
