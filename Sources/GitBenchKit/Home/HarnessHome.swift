import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The harness home directory (`$GIT_BENCH_HOME`, else `$XDG_DATA_HOME/git-bench`, else `~/.local/share/git-bench`).
public struct HarnessHome: Sendable, Equatable {
    public let root: URL

    public init(root: URL) {
        self.root = root.standardizedFileURL
    }

    /// Resolves the home from the environment; `configured` is `git config bench.home` when the caller has it.
    public static func resolve(environment: [String: String] = ProcessInfo.processInfo.environment, configured: String? = nil) -> HarnessHome {
        if let explicit = environment["GIT_BENCH_HOME"], !explicit.isEmpty {
            return HarnessHome(root: URL(fileURLWithPath: expandTilde(explicit, environment: environment)))
        }
        if let configured, !configured.isEmpty {
            return HarnessHome(root: URL(fileURLWithPath: expandTilde(configured, environment: environment)))
        }
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
            return HarnessHome(root: URL(fileURLWithPath: xdg).appendingPathComponent("git-bench"))
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return HarnessHome(root: URL(fileURLWithPath: home).appendingPathComponent(".local/share/git-bench"))
    }

    static func expandTilde(_ path: String, environment: [String: String]) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        return (environment["HOME"] ?? NSHomeDirectory()) + path.dropFirst()
    }

    public var storeFile: URL { root.appendingPathComponent("store.sqlite3") }

    /// `artifacts/<project>/<benchmark>/`: content-addressed artifacts and frozen references.
    public func artifactsDirectory(project: String, benchmark: String) -> URL {
        root.appendingPathComponent("artifacts").appendingPathComponent(project).appendingPathComponent(benchmark)
    }

    /// `logs/<project>/<benchmark>/`: stderr logs and dirty diffs.
    public func logsDirectory(project: String, benchmark: String) -> URL {
        root.appendingPathComponent("logs").appendingPathComponent(project).appendingPathComponent(benchmark)
    }

    /// Creates `directory` and every missing parent under the home with mode 0700.
    public func ensureDirectory(_ directory: URL) throws(HomeError) {
        try SecureFile.makeDirectory(directory)
    }
}

/// Creates files and directories with owner-only permissions.
public enum SecureFile {
    /// `mkdir -p` with mode 0700 for every directory it creates; `directory` itself, when it exists already and is
    /// ours, is tightened to 0700 (a home someone made 0777 must not stay readable to others). Existing parents are
    /// left as they are: they are not git-bench's.
    public static func makeDirectory(_ directory: URL) throws(HomeError) {
        try create(directory)
        var info = stat()
        if stat(directory.path, &info) == 0, info.st_uid == geteuid(), info.st_mode & 0o077 != 0 {
            _ = chmod(directory.path, 0o700)
        }
    }

    private static func create(_ directory: URL) throws(HomeError) {
        let path = directory.path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .notADirectory(path: path) }
            return
        }
        let parent = directory.deletingLastPathComponent()
        if parent.path != path { try create(parent) }
        if mkdir(path, 0o700) != 0 && errno != EEXIST {
            throw .create(path: path, reason: String(cString: strerror(errno)))
        }
        _ = chmod(path, 0o700)
    }

    /// Writes `data` to a new file with mode 0600, failing if it exists (no clobbering).
    /// `durable: false` skips the fsync, for scratch files nobody needs after a crash.
    public static func createNew(_ url: URL, contents data: Data, durable: Bool = true) throws(HomeError) {
        try write(url, data, flags: O_WRONLY | O_CREAT | O_EXCL, durable: durable)
    }

    /// True for the name of a temp file `replace` writes (`.<name>.<uuid>.tmp`), which a kill can leave behind.
    public static func isTemporaryName(_ name: String) -> Bool {
        name.hasPrefix(".") && name.hasSuffix(".tmp")
    }

    /// Writes `data` atomically (temp file + rename) with mode 0600. `durable: false` skips the fsync, for files
    /// whose loss in an OS crash only costs what the crash costs anyway.
    public static func replace(_ url: URL, contents data: Data, durable: Bool = true) throws(HomeError) {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        try write(temporary, data, flags: O_WRONLY | O_CREAT | O_EXCL, durable: durable)
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary.path)
            throw .write(path: url.path, reason: reason)
        }
    }

    /// Creates an empty file with mode 0600 if it does not exist; returns true when it created it.
    @discardableResult
    public static func touch(_ url: URL) throws(HomeError) -> Bool {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd < 0 {
            if errno == EEXIST { return false }
            throw .create(path: url.path, reason: String(cString: strerror(errno)))
        }
        close(fd)
        return true
    }

    /// Appends `data` to `url` (created 0600 if missing) in one write loop, without fsync.
    public static func append(_ url: URL, contents data: Data) throws(HomeError) {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .create(path: url.path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        if let failure = writeAll(data, to: fd) { throw .write(path: url.path, reason: failure) }
    }

    /// Writes every byte, retrying on EINTR; returns the error text, or nil.
    private static func writeAll(_ data: Data, to fd: Int32) -> String? {
        var failure: String?
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count, let base = buffer.baseAddress {
                let written = Glibc.write(fd, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += written
            }
        }
        return failure
    }

    private static func write(_ url: URL, _ data: Data, flags: Int32, durable: Bool) throws(HomeError) {
        let fd = open(url.path, flags | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .create(path: url.path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        let failure = writeAll(data, to: fd)
        if let failure { throw .write(path: url.path, reason: failure) }
        if durable && fsync(fd) != 0 { throw .write(path: url.path, reason: String(cString: strerror(errno))) }
    }
}

/// A failure creating or writing something under the harness home.
public enum HomeError: Error, Equatable, CustomStringConvertible {
    case create(path: String, reason: String)
    case write(path: String, reason: String)
    case notADirectory(path: String)

    public var description: String {
        switch self {
        case .create(let path, let reason): return "could not create \(path): \(reason)"
        case .write(let path, let reason): return "could not write \(path): \(reason)"
        case .notADirectory(let path): return "could not use \(path) as a directory: it is a file"
        }
    }
}
