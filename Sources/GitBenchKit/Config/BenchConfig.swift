import Foundation

/// What the pre-push hook does for a pushed commit that has no verdict for a gated benchmark (`bench.prePush.missing`).
public enum PrePushMissing: String, Sendable, Codable, CaseIterable {
    /// Print a warning and let the push through (the default).
    case warn
    /// Evaluate now, in the foreground, and gate on the result.
    case run
    /// Refuse the push.
    case block
}

/// One `bench.*` key as `git bench config` shows it: the effective value and where it came from.
public struct BenchSetting: Sendable, Equatable, Codable {
    /// Where the effective value came from: a git configuration level, the environment, or git-bench's default.
    public enum Origin: String, Sendable, Codable {
        case system, xdg, global, local, worktree, command, environment
        case `default`
    }

    /// The key as `git config` spells it.
    public var key: String
    /// The effective value; `nil` only for a bare key line (git's boolean true).
    public var value: String?
    /// Where the effective value came from.
    public var origin: Origin
    /// The configuration file (for a git level) or the environment variable that set it.
    public var file: String?
    /// Why git-bench cannot use the value; `nil` when it is valid.
    public var problem: String?

    enum CodingKeys: String, CodingKey { case key, value, origin, file, problem }
}

extension BenchSetting {
    /// Boolean keys print a JSON boolean (`"value": false`, not `"false"`), as a script comparing them expects.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(key, forKey: .key)
        if key == BenchConfig.Key.allowDirty.rawValue, problem == nil, let flag = GitConfig.parseBool(value) {
            try container.encode(flag, forKey: .value)
        } else {
            try container.encodeIfPresent(value, forKey: .value)
        }
        try container.encode(origin, forKey: .origin)
        try container.encodeIfPresent(file, forKey: .file)
        try container.encodeIfPresent(problem, forKey: .problem)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        key = try container.decode(String.self, forKey: .key)
        if let flag = try? container.decodeIfPresent(Bool.self, forKey: .value) {
            value = String(flag)
        } else {
            value = try container.decodeIfPresent(String.self, forKey: .value)
        }
        origin = try container.decode(Origin.self, forKey: .origin)
        file = try container.decodeIfPresent(String.self, forKey: .file)
        problem = try container.decodeIfPresent(String.self, forKey: .problem)
    }
}

/// git-bench's configuration: the `bench.*` keys of git config (system, XDG, global, local and worktree files, read
/// through libgit2) plus the environment, with defaults.
///
/// Keys: `bench.home` (the harness home; `GIT_BENCH_HOME` wins), `bench.notesRef` (default `refs/notes/bench`),
/// `bench.prePush.missing` (`warn`, `run` or `block`; default `warn`), `bench.archive.url` (default
/// `file://<home>/archive`) and the other `bench.archive.*` keys `ArchiveConfiguration` reads, and `bench.allowDirty`
/// (boolean, default false). Invalid values are reported by the
/// accessor that needs them (and by `settings`), so a bad key only fails the commands that use it.
public struct BenchConfig: Sendable {
    /// The keys git-bench reads, as `git config` spells them (the middle part is a case-sensitive subsection).
    public enum Key: String, Sendable, CaseIterable {
        case home = "bench.home"
        case notesRef = "bench.notesRef"
        case prePushMissing = "bench.prePush.missing"
        case archiveURL = "bench.archive.url"
        case archivePublicURL = "bench.archive.publicUrl"
        case archivePublicWebURL = "bench.archive.publicWebUrl"
        case archiveEndpoint = "bench.archive.endpoint"
        case archiveRegion = "bench.archive.region"
        case archiveStage = "bench.archive.stage"
        case releaseMissing = "bench.release.missing"
        case allowDirty = "bench.allowDirty"
    }

    private let values: [Key: ConfigValue]
    private let environment: [String: String]

    /// A configuration with these git config values (what `load` found) and environment.
    public init(values: [Key: ConfigValue], environment: [String: String]) {
        self.values = values
        self.environment = environment
    }

    /// Reads the configuration of the repository containing `directory`, or only the system, XDG and global
    /// files when `directory` is not inside a repository.
    ///
    /// Throws `GitError.readConfig` when a configuration file cannot be parsed, and `GitError.openRepository`
    /// when the repository exists but cannot be opened.
    public static func load(
        from directory: URL, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> BenchConfig {
        let repository: Repository?
        do {
            repository = try Repository.discover(from: directory)
        } catch GitError.notARepository {
            // Outside a repository git itself still reads the user's files; so do we.
            repository = nil
        }
        return try load(for: repository, environment: environment)
    }

    /// Reads the configuration of `repository` (`nil`: the system, XDG and global files only).
    ///
    /// Throws `GitError.readConfig` when a configuration file cannot be parsed.
    public static func load(
        for repository: Repository?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> BenchConfig {
        let config = try GitConfig.load(for: repository, environment: environment)
        var values: [Key: ConfigValue] = [:]
        for key in Key.allCases {
            values[key] = try config.value(key.rawValue)
        }
        return BenchConfig(values: values, environment: environment)
    }

    /// The harness home: `$GIT_BENCH_HOME`, else `bench.home`, else the XDG default (see `HarnessHome.resolve`).
    public var home: HarnessHome {
        HarnessHome.resolve(environment: environment, configured: values[.home]?.value)
    }

    /// The notes ref verdicts are written to and read from (`bench.notesRef`, default `refs/notes/bench`; a short
    /// name such as `perf` means `refs/notes/perf`).
    ///
    /// Throws `ConfigError.invalidValue` when the value is not a ref under `refs/notes/`.
    public func notesRef() throws -> NoteRef {
        guard let found = values[.notesRef] else { return .bench }
        do {
            return try NoteRef(found.value ?? "")
        } catch {
            throw invalid(.notesRef, found, expected: "a ref under refs/notes/, such as refs/notes/bench")
        }
    }

    /// What the pre-push hook does without a verdict (`bench.prePush.missing`, default `warn`).
    ///
    /// Throws `ConfigError.invalidValue` for anything but warn, run or block.
    public func prePushMissing() throws -> PrePushMissing {
        guard let found = values[.prePushMissing] else { return .warn }
        guard let value = found.value, let parsed = PrePushMissing(rawValue: value) else {
            throw invalid(.prePushMissing, found, expected: "one of " + PrePushMissing.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return parsed
    }

    /// Where archives go (`bench.archive.url`, default `file://<home>/archive`).
    ///
    /// Throws `ConfigError.invalidValue` for anything but a `file://` or `s3://` URL.
    public func archiveURL() throws -> String {
        guard let found = values[.archiveURL] else { return "file://" + home.root.appendingPathComponent("archive").path }
        guard let value = found.value, value.hasPrefix("file://") || value.hasPrefix("s3://"), value.count > "s3://".count else {
            throw invalid(.archiveURL, found, expected: "a file:// or s3:// URL, such as s3://my-bucket")
        }
        return value
    }

    /// The value of `key` as git config has it, nil when unset (the archive keys are checked where they are used:
    /// `ArchiveConfiguration.resolve`).
    public func value(_ key: Key) -> String? {
        values[key]?.value
    }

    /// Whether `run` and `baseline establish` behave as if `--allow-dirty` were given (`bench.allowDirty`,
    /// default false).
    ///
    /// Throws `ConfigError.invalidValue` when the value is not a git boolean.
    public func allowDirty() throws -> Bool {
        guard let found = values[.allowDirty] else { return false }
        guard let parsed = GitConfig.parseBool(found.value) else {
            throw invalid(.allowDirty, found, expected: "a boolean (true/false, yes/no, on/off, 1/0)")
        }
        return parsed
    }

    /// Every key with its effective value, origin and, for an invalid value, the problem; in `Key` order.
    /// The optional archive keys (publicUrl, publicWebUrl, endpoint, region, stage) appear only when set.
    public var settings: [BenchSetting] {
        Key.allCases.filter { !Self.shownWhenSet.contains($0) || values[$0] != nil }.map(setting)
    }

    private static let shownWhenSet: Set<Key> = [.archivePublicURL, .archivePublicWebURL, .archiveEndpoint, .archiveRegion, .archiveStage, .releaseMissing]

    /// Whether a release tag is refused when a gated benchmark has no verdict note (`bench.release.missing`: `warn`,
    /// the default, or `block`). Throws `ConfigError.invalidValue` for anything else.
    public func releaseMissingBlocks() throws -> Bool {
        guard let found = values[.releaseMissing] else { return false }
        switch found.value {
        case "warn": return false
        case "block": return true
        default: throw invalid(.releaseMissing, found, expected: "warn or block")
        }
    }

    private func setting(_ key: Key) -> BenchSetting {
        let found = values[key]
        var setting = BenchSetting(
            key: key.rawValue, value: found?.value, origin: found.map { Self.origin($0.level) } ?? .default, file: found?.file)
        do {
            switch key {
            case .home:
                if let explicit = environment["GIT_BENCH_HOME"], !explicit.isEmpty {
                    setting.origin = .environment
                    setting.file = "GIT_BENCH_HOME"
                }
                setting.value = home.root.path
            case .notesRef: setting.value = try notesRef().name
            case .prePushMissing: setting.value = try prePushMissing().rawValue
            case .archiveURL: setting.value = try archiveURL()
            case .archivePublicURL, .archivePublicWebURL, .archiveEndpoint, .archiveRegion, .archiveStage: break
            case .releaseMissing: setting.value = try releaseMissingBlocks() ? "block" : "warn"
            case .allowDirty: setting.value = String(try allowDirty())
            }
        } catch {
            setting.problem = Redaction.urls(in: "\(error)")
        }
        // The value is shown, never used, from here: a credential inside a URL stays out of the output.
        setting.value = setting.value.map(Redaction.urls(in:))
        return setting
    }

    private func invalid(_ key: Key, _ found: ConfigValue, expected: String) -> ConfigError {
        .invalidValue(key: key.rawValue, value: found.value ?? "", origin: "\(found.level.rawValue) config \(found.file)", expected: expected)
    }

    private static func origin(_ level: ConfigLevel) -> BenchSetting.Origin {
        switch level {
        case .system: return .system
        case .xdg: return .xdg
        case .global: return .global
        case .local: return .local
        case .worktree: return .worktree
        case .command: return .command
        }
    }
}
