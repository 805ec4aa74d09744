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

    /// Reads `<projectRoot>/bench/manifest.toml` and parses it with `parse(_:file:)`.
    ///
    /// Throws `ManifestError.missing(path:)` when the file does not exist, the file system's error when it exists
    /// but cannot be read, and `parse`'s errors (naming `bench/manifest.toml`) otherwise.
    public static func load(projectRoot: URL) throws -> Manifest {
        let url = projectRoot.appendingPathComponent("bench", isDirectory: true)
            .appendingPathComponent("manifest.toml", isDirectory: false)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch let error as CocoaError where error.code == .fileReadNoSuchFile || error.code == .fileNoSuchFile {
            throw ManifestError.missing(path: url.path)
        }
        return try parse(data, file: relativePath)
    }

    /// `sha256:<64 lowercase hex>` of `data`, the manifest digest recorded on every run.
    public static func contentHash(of data: Data) -> String {
        ContentDigest(of: data).tagged
    }
}
