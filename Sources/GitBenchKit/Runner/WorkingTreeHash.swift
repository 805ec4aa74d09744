import Crypto
import Foundation

/// The freshness guard's fingerprint of the files a benchmark's result depends on, byte-compatible with benchstone
/// 0.3's `working_tree_hash`: every regular file under each of `[project] tracked_paths` (symlinks and the usual
/// caches skipped), sorted by its path relative to the project root, feeds `"<path>\n<sha256 hex of its bytes>\n"`
/// into one SHA-256, written `sha256:<hex>`. Contents and locations count; modes and times do not.
public enum WorkingTreeHash {
    /// Names skipped wherever they appear (a directory's whole subtree): bytecode and tool caches change as a side
    /// effect of running anything, and would make every verdict stale.
    static let excludedNames: Set<String> = ["__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache", ".DS_Store"]
    static let excludedSuffixes = [".pyc", ".pyo"]

    /// The hash of `trackedPaths` under `projectRoot`.
    /// Throws `RunnerError.trackedPath` for a path that is absolute, leaves the project, or does not exist.
    public static func of(projectRoot: URL, trackedPaths: [String]) throws(RunnerError) -> String {
        let root = projectRoot.standardizedFileURL.resolvingSymlinksInPath()
        var files: [String: URL] = [:]
        for tracked in trackedPaths {
            guard !tracked.hasPrefix("/") else { throw .trackedPath(path: tracked, reason: "is absolute; list paths relative to the project root") }
            let url = root.appendingPathComponent(tracked).standardizedFileURL.resolvingSymlinksInPath()
            guard url.path == root.path || url.path.hasPrefix(root.path + "/") else {
                throw .trackedPath(path: tracked, reason: "leaves the project root")
            }
            let values = try? url.resourceValues(forKeys: [.isDirectoryKey, .isRegularFileKey, .isSymbolicLinkKey])
            guard let values else { throw .trackedPath(path: tracked, reason: "does not exist") }
            if values.isDirectory == true {
                for file in try regularFiles(under: url, path: tracked) { files[relative(file, to: root)] = file }
            } else if values.isRegularFile == true, !isExcluded(url.lastPathComponent) {
                files[relative(url, to: root)] = url
            }
        }
        var outer = SHA256()
        // Python sorts by code point, which is the UTF-8 byte order.
        for path in files.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            guard let file = files[path], let bytes = try? Data(contentsOf: file) else {
                throw .trackedPath(path: path, reason: "cannot be read")
            }
            outer.update(data: Data("\(path)\n\(ContentDigest(of: bytes).hex)\n".utf8))
        }
        return ContentDigest(outer.finalize()).tagged
    }

    private static func regularFiles(under directory: URL, path: String) throws(RunnerError) -> [URL] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        } catch {
            throw .trackedPath(path: path, reason: "cannot be listed: \(error.localizedDescription)")
        }
        var files: [URL] = []
        for name in names where !isExcluded(name) {
            let entry = directory.appendingPathComponent(name)
            let values = try? entry.resourceValues(forKeys: [.isDirectoryKey, .isRegularFileKey, .isSymbolicLinkKey])
            guard let values, values.isSymbolicLink != true else { continue }
            if values.isDirectory == true {
                files += try regularFiles(under: entry, path: path + "/" + name)
            } else if values.isRegularFile == true {
                files.append(entry)
            }
        }
        return files
    }

    private static func isExcluded(_ name: String) -> Bool {
        excludedNames.contains(name) || excludedSuffixes.contains { name.hasSuffix($0) }
    }

    private static func relative(_ file: URL, to root: URL) -> String {
        String(file.standardizedFileURL.path.dropFirst(root.path.count + 1))
    }
}
