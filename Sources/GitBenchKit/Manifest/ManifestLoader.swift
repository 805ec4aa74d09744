import Foundation
import TOMLKit

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
        let text = try decodeUTF8(data, file: file)
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw .syntax(
                file: file, line: error.source.begin.line, column: error.source.begin.column,
                reason: error.description)
        } catch {
            // TOMLKit documents TOMLParseError as its only parse error; keep anything else visible rather than lose it.
            throw .syntax(file: file, line: 1, column: 1, reason: String(describing: error))
        }
        var reader = ManifestReader(file: file, source: SourceMap(text))
        let (project, benchmarks, release) = try reader.read(root)
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

    /// Decodes strict UTF-8; TOML requires it, and a NUL byte would silently truncate the C string toml++ parses.
    private static func decodeUTF8(_ data: Data, file: String) throws(ManifestError) -> String {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = data.makeIterator()
        var line = 1
        var column = 1
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                let scalar = Unicode.UTF8.decode(encoded)
                if scalar == "\0" {
                    throw .syntax(file: file, line: line, column: column, reason: "the file contains a NUL byte")
                }
                if scalar == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            case .error:
                throw .syntax(file: file, line: line, column: column, reason: "the file is not valid UTF-8")
            case .emptyInput:
                return String(decoding: data, as: UTF8.self)
            }
        }
    }
}
