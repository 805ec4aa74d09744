import Foundation

/// Reads and validates `bench/manifest.toml`: benchstone's format unchanged, plus git-bench's extensions.
///
/// Unknown keys and benchstone's floor checks become `Manifest.warnings`; wrong types, wrong values and missing
/// required keys throw `ManifestError.invalid` naming the file, the key path and the key's line.
public enum ManifestLoader {
    /// Where the manifest lives, relative to the project root; also the file name used in messages by `load`.
    public static let relativePath = "bench/manifest.toml"

    /// Parses and validates manifest bytes. `file` is only used in messages (e.g. `bench/manifest.toml`).
    ///
    /// Throws `ManifestError.syntax` for bytes that are not UTF-8 TOML and `ManifestError.invalid` for the first
    /// key with a wrong type or value (or a missing required key). Does no I/O.
    public static func parse(_ data: Data, file: String) throws(ManifestError) -> Manifest {
        let document: TOMLTable
        do {
            document = try TOMLParser.parse(bytes: Array(data))
        } catch {
            throw .syntax(file: file, line: error.line, column: error.column, reason: error.reason)
        }
        var reader = ManifestReader(file: file, document: document)
        let (project, benchmarks, release) = try reader.read()
        return Manifest(
            project: project, benchmarks: benchmarks, release: release,
            contentHash: contentHash(of: data), warnings: reader.warnings)
    }

    /// The largest manifest read: far above any real one, and a bound on what a hostile file can make us hold.
    public static let maximumBytes = 1 << 20

    /// Reads `<projectRoot>/bench/manifest.toml` and parses it with `parse(_:file:)`.
    ///
    /// Throws `ManifestError.missing(path:)` when the file does not exist, `.unreadable` when it cannot be read or
    /// is not a regular file of at most `maximumBytes` (a symlink to /dev/zero, a FIFO or a directory must not hang
    /// or fill memory), and `parse`'s errors (naming `bench/manifest.toml`) otherwise.
    public static func load(projectRoot: URL) throws(ManifestError) -> Manifest {
        let url = projectRoot.appendingPathComponent("bench", isDirectory: true)
            .appendingPathComponent("manifest.toml", isDirectory: false)
        return try parse(try read(url), file: relativePath)
    }

    private static func read(_ url: URL) throws(ManifestError) -> Data {
        // O_NONBLOCK: opening a FIFO must not wait for a writer.
        let descriptor = open(url.path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { throw .missing(path: url.path) }
            throw .unreadable(path: url.path, reason: String(cString: strerror(errno)))
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw .unreadable(path: url.path, reason: String(cString: strerror(errno)))
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw .unreadable(path: url.path, reason: "it is a directory, not a file")
        default: throw .unreadable(path: url.path, reason: "it is not a regular file (a device, FIFO or socket)")
        }
        let tooLarge = ManifestError.unreadable(path: url.path, reason: "it is larger than \(maximumBytes) bytes")
        if info.st_size > maximumBytes { throw tooLarge }
        let data: Data
        do {
            data = try handle.read(upToCount: maximumBytes + 1) ?? Data()
        } catch {
            throw .unreadable(path: url.path, reason: (error as NSError).localizedFailureReason ?? "read failed")
        }
        if data.count > maximumBytes { throw tooLarge }
        return data
    }

    /// `sha256:<64 lowercase hex>` of `data`, the manifest digest recorded on every run.
    public static func contentHash(of data: Data) -> String {
        ContentDigest(of: data).tagged
    }
}
