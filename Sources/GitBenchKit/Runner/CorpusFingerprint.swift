import Crypto
import Foundation

/// Fingerprints a corpus: `bytes` = sha256 of the file, `spec` = sha256 of `corpus_spec.toml`,
/// `dir` = sha256 over the sorted list of `<relative path>\0<sha256 of contents>\n` of every file in the tree.
public enum CorpusFingerprint {
    public static let specFileName = "corpus_spec.toml"

    /// The absolute corpus path for a benchmark, or nil when it declares none.
    public static func path(of benchmark: Benchmark, projectRoot: URL) -> URL? {
        guard let corpusPath = benchmark.corpusPath, !corpusPath.isEmpty else { return nil }
        if corpusPath.hasPrefix("/") { return URL(fileURLWithPath: corpusPath).standardizedFileURL }
        return projectRoot.appendingPathComponent(corpusPath).standardizedFileURL
    }

    /// Refuses drift or absence when the manifest pins a hash; does nothing otherwise.
    public static func verify(_ benchmark: Benchmark, projectRoot: URL) throws(RunnerError) {
        guard let declared = benchmark.corpusHash else { return }
        guard let url = path(of: benchmark, projectRoot: projectRoot) else {
            throw .corpusMissing(benchmark: benchmark.name, path: "(none)", reason: "corpus_hash is set but corpus_path is not")
        }
        let actual = try fingerprint(url, type: benchmark.corpusType ?? .bytes, benchmark: benchmark.name)
        if actual != declared {
            throw .corpusDrift(benchmark: benchmark.name, declared: declared, actual: actual, path: url.path)
        }
    }

    /// ok / drift / missing / n/a, for `list`.
    public static func status(of benchmark: Benchmark, projectRoot: URL) -> CorpusStatus {
        do {
            try verify(benchmark, projectRoot: projectRoot)
            return benchmark.corpusHash == nil ? .notApplicable : .ok
        } catch .corpusDrift {
            return .drift
        } catch {
            return .missing
        }
    }

    /// `sha256:<hex>` of the corpus at `url` by `type`.
    public static func fingerprint(_ url: URL, type: CorpusType, benchmark: String) throws(RunnerError) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw .corpusMissing(benchmark: benchmark, path: url.path, reason: "no such file or directory")
        }
        switch type {
        case .bytes:
            guard !isDirectory.boolValue else {
                throw .corpusMissing(benchmark: benchmark, path: url.path, reason: "corpus_type 'bytes' needs a file, found a directory")
            }
            return try "sha256:" + sha256(ofFile: url, benchmark: benchmark)
        case .spec:
            guard isDirectory.boolValue else {
                throw .corpusMissing(benchmark: benchmark, path: url.path, reason: "corpus_type 'spec' needs a directory holding \(specFileName)")
            }
            let spec = url.appendingPathComponent(specFileName)
            guard FileManager.default.fileExists(atPath: spec.path) else {
                throw .corpusMissing(benchmark: benchmark, path: spec.path, reason: "\(specFileName) not found")
            }
            return try "sha256:" + sha256(ofFile: spec, benchmark: benchmark)
        case .dir:
            guard isDirectory.boolValue else {
                throw .corpusMissing(benchmark: benchmark, path: url.path, reason: "corpus_type 'dir' needs a directory")
            }
            return try "sha256:" + treeHash(url, benchmark: benchmark)
        }
    }

    private static func treeHash(_ root: URL, benchmark: String) throws(RunnerError) -> String {
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey]) else {
            throw .corpusMissing(benchmark: benchmark, path: root.path, reason: "cannot list the directory")
        }
        let rootPath = root.resolvingSymlinksInPath().path
        var entries: [(String, String)] = []
        for case let file as URL in enumerator {
            let values = try? file.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey])
            let resolved = file.resolvingSymlinksInPath().path
            let relative = resolved.hasPrefix(rootPath + "/") ? String(resolved.dropFirst(rootPath.count + 1)) : file.lastPathComponent
            if values?.isSymbolicLink == true {
                let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: file.path)) ?? ""
                entries.append((relative, "symlink:" + target))
            } else if values?.isRegularFile == true {
                entries.append((relative, try sha256(ofFile: file, benchmark: benchmark)))
            }
        }
        entries.sort { Array($0.0.utf8).lexicographicallyPrecedes(Array($1.0.utf8)) }
        var hasher = SHA256()
        for (path, digest) in entries { hasher.update(data: Data("\(path)\0\(digest)\n".utf8)) }
        return ContentDigest(hasher.finalize()).hex
    }

    static func sha256(ofFile url: URL, benchmark: String) throws(RunnerError) -> String {
        guard let handle = try? FileHandle(forReadingFrom: url) else {
            throw .corpusMissing(benchmark: benchmark, path: url.path, reason: "cannot be read")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while true {
            let chunk: Data?
            do {
                chunk = try handle.read(upToCount: 1 << 20)
            } catch {
                throw .corpusMissing(benchmark: benchmark, path: url.path, reason: "read failed: \(error.localizedDescription)")
            }
            // Foundation on Linux answers nil, not empty Data, at end of file.
            guard let chunk, !chunk.isEmpty else { break }
            hasher.update(data: chunk)
        }
        return ContentDigest(hasher.finalize()).hex
    }
}
