import Foundation

/// Where a repository's hooks live: `core.hooksPath` when set, else `<common git dir>/hooks`.
public struct HooksDirectory: Sendable, Equatable {
    public var url: URL
    /// True when the directory came from `core.hooksPath`.
    public var isConfigured: Bool
    /// True when `core.hooksPath` is set in global or system config: installing there affects every repository.
    public var isShared: Bool

    public init(url: URL, isConfigured: Bool, isShared: Bool) {
        self.url = url
        self.isConfigured = isConfigured
        self.isShared = isShared
    }

    /// Resolves the directory as git does: a relative `core.hooksPath` is relative to the working tree root
    /// (the git dir for a bare repository), `~/` is the home directory; without it, hooks live in the common dir,
    /// so every linked worktree shares them.
    public static func resolve(hooksPath: String?, isSharedConfig: Bool, workdir: URL?, commonDir: URL,
                               home: String = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()) -> HooksDirectory {
        guard let hooksPath, !hooksPath.isEmpty else {
            return HooksDirectory(url: commonDir.appendingPathComponent("hooks"), isConfigured: false, isShared: false)
        }
        let path: String
        if hooksPath == "~" || hooksPath.hasPrefix("~/") {
            path = home + hooksPath.dropFirst()
        } else if hooksPath.hasPrefix("/") {
            path = hooksPath
        } else {
            path = (workdir ?? commonDir).appendingPathComponent(hooksPath).path
        }
        return HooksDirectory(url: URL(fileURLWithPath: path).standardizedFileURL, isConfigured: true, isShared: isSharedConfig)
    }
}

/// What `hooks status` reports for one hook file.
public struct HookState: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable {
        /// git-bench's current block is in the file.
        case installed
        /// A git-bench block from another version is in the file; `install` refreshes it.
        case outdated
        /// The file exists without a git-bench block.
        case foreign
        case absent
    }
    public var hook: GitHook
    public var path: String
    public var status: Status
    /// The file holds more than git-bench's block (another tool's hook).
    public var hasForeignContent: Bool

    enum CodingKeys: String, CodingKey {
        case hook, path, status
        case hasForeignContent = "has_foreign_content"
    }
}

/// Installs and removes git-bench's blocks in a hooks directory, leaving every other byte of a hook untouched.
public struct HookInstaller: Sendable {
    public let directory: HooksDirectory

    public init(directory: HooksDirectory) {
        self.directory = directory
    }

    private func file(_ hook: GitHook) -> URL { directory.url.appendingPathComponent(hook.rawValue) }

    private func read(_ url: URL) throws(HookError) -> String? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        guard let data = FileManager.default.contents(atPath: url.path) else { throw .read(path: url.path) }
        guard let text = String(data: data, encoding: .utf8) else { throw .notText(path: url.path) }
        return text
    }

    /// The state of each hook.
    public func status() throws(HookError) -> [HookState] {
        var states: [HookState] = []
        for hook in GitHook.allCases {
            let url = file(hook)
            guard let contents = try read(url) else {
                states.append(HookState(hook: hook, path: url.path, status: .absent, hasForeignContent: false))
                continue
            }
            let foreign = HookBlock.removing(from: contents) != nil
            let status: HookState.Status
            if HookBlock.isCurrent(hook, in: contents) { status = .installed }
            else if HookBlock.range(in: contents) != nil { status = .outdated }
            else { status = .foreign }
            states.append(HookState(hook: hook, path: url.path, status: status, hasForeignContent: foreign))
        }
        return states
    }

    /// Adds (or refreshes) the block in each hook; creates missing files with a shebang. Idempotent: a hook that
    /// already holds the current block is not rewritten. Returns the hooks whose file changed.
    @discardableResult
    public func install() throws(HookError) -> [GitHook] {
        try makeDirectory()
        var changed: [GitHook] = []
        for hook in GitHook.allCases {
            let url = file(hook)
            let contents = try read(url)
            let updated = HookBlock.installing(hook, into: contents)
            if updated == contents { continue }
            try write(updated, to: url, keepingModeOf: contents == nil ? nil : url)
            changed.append(hook)
        }
        return changed
    }

    /// Removes exactly the block from each hook; a file git-bench created is deleted, a foreign hook is left
    /// byte-for-byte as it was. Returns the hooks whose file changed.
    @discardableResult
    public func uninstall() throws(HookError) -> [GitHook] {
        var changed: [GitHook] = []
        for hook in GitHook.allCases {
            let url = file(hook)
            guard let contents = try read(url), HookBlock.range(in: contents) != nil else { continue }
            if let remaining = HookBlock.removing(from: contents) {
                try write(remaining, to: url, keepingModeOf: url)
            } else if unlink(url.path) != 0 {
                throw .write(path: url.path, reason: String(cString: strerror(errno)))
            }
            changed.append(hook)
        }
        return changed
    }

    private func makeDirectory() throws(HookError) {
        do {
            try FileManager.default.createDirectory(at: directory.url, withIntermediateDirectories: true)
        } catch {
            throw .write(path: directory.url.path, reason: error.localizedDescription)
        }
    }

    /// Writes through a temp file and rename, so a hook is never half-written; keeps the old file's mode and makes
    /// sure the owner can execute it.
    private func write(_ text: String, to url: URL, keepingModeOf original: URL?) throws(HookError) {
        var mode: mode_t = 0o755
        if let original {
            var info = stat()
            if stat(original.path, &info) == 0 { mode = (info.st_mode & 0o7777) | 0o100 }
        }
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).git-bench.tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: Data(text.utf8)) else {
            throw .write(path: temporary.path, reason: "cannot create")
        }
        if chmod(temporary.path, mode) != 0 || rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary.path)
            throw .write(path: url.path, reason: reason)
        }
    }
}

/// A hook file that could not be read or written.
public enum HookError: Error, Equatable, CustomStringConvertible {
    case read(path: String)
    case notText(path: String)
    case write(path: String, reason: String)

    public var description: String {
        switch self {
        case .read(let path): return "could not read hook \(path)"
        case .notText(let path): return "could not edit hook \(path): it is not a UTF-8 text file"
        case .write(let path, let reason): return "could not write hook \(path): \(reason)"
        }
    }
}
