import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Fingerprints a corpus: `bytes` = sha256 of the file, `spec` = sha256 of `corpus_spec.toml`,
/// `dir` = sha256 over the sorted list of `<relative path>\0<sha256 of contents>\n` of every file in the tree (a
/// symbolic link contributes `<relative path>\0symlink:<its target>\n` and is not followed).
///
/// The corpus is untrusted input (a committed symlink, a FIFO someone left in the tree), so the fingerprint never
/// hangs and never reads outside the repository: `corpus_path` must be relative and resolve, symlinks included, inside
/// the project root; only regular files are read, opened without following a symlink or blocking on a FIFO; a `dir`
/// walk never follows a symlink and stops at `maximumEntries` entries or `maximumDepth` levels. Anything else is
/// `RunnerError.corpusUnusable` (65); a corpus that is simply not there stays `RunnerError.corpusMissing` (77).
public enum CorpusFingerprint {
    public static let specFileName = "corpus_spec.toml"
    /// The most entries (files, directories, links) a `dir` corpus may hold: far beyond a real corpus, and a bound on
    /// what a mistaken `corpus_path` can make the harness walk.
    public static let maximumEntries = 100_000
    /// The deepest a `dir` corpus may nest below its root.
    public static let maximumDepth = 64

    /// The absolute corpus path for a benchmark, or nil when it declares none.
    public static func path(of benchmark: Benchmark, projectRoot: URL) -> URL? {
        guard let corpusPath = benchmark.corpusPath, !corpusPath.isEmpty else { return nil }
        if corpusPath.hasPrefix("/") { return URL(fileURLWithPath: corpusPath).standardizedFileURL }
        return projectRoot.appendingPathComponent(corpusPath).standardizedFileURL
    }

    /// Refuses drift or absence when the manifest pins a hash; does nothing otherwise.
    /// Throws `RunnerError.corpusDrift`, `.corpusMissing` or `.corpusUnusable`.
    public static func verify(_ benchmark: Benchmark, projectRoot: URL) throws(RunnerError) {
        guard let declared = benchmark.corpusHash else { return }
        guard let actual = try fingerprint(of: benchmark, projectRoot: projectRoot) else {
            throw .corpusMissing(benchmark: benchmark.name, path: "(none)", reason: "corpus_hash is set but corpus_path is not")
        }
        if actual != declared {
            throw .corpusDrift(benchmark: benchmark.name, declared: declared, actual: actual, path: path(of: benchmark, projectRoot: projectRoot)?.path ?? "")
        }
    }

    /// The `sha256:<hex>` the benchmark's `corpus_hash` should hold for the corpus on disk under `projectRoot`, as
    /// `verify` computes it; nil when the benchmark declares no `corpus_path`.
    /// Throws `RunnerError.corpusMissing` or `.corpusUnusable`.
    public static func fingerprint(of benchmark: Benchmark, projectRoot: URL) throws(RunnerError) -> String? {
        guard let corpusPath = benchmark.corpusPath, !corpusPath.isEmpty else { return nil }
        guard !corpusPath.hasPrefix("/") else {
            throw .corpusUnusable(benchmark: benchmark.name, path: corpusPath,
                                  reason: "it is an absolute path; the corpus must be inside the repository, named relative to its root")
        }
        let url = projectRoot.appendingPathComponent(corpusPath).standardizedFileURL
        return try fingerprint(url, type: benchmark.corpusType ?? .bytes, benchmark: benchmark.name, within: projectRoot)
    }

    /// ok / drift / missing / unusable / n/a, for `list`.
    public static func status(of benchmark: Benchmark, projectRoot: URL) -> CorpusStatus {
        do {
            try verify(benchmark, projectRoot: projectRoot)
            return benchmark.corpusHash == nil ? .notApplicable : .ok
        } catch .corpusDrift {
            return .drift
        } catch .corpusUnusable {
            return .unusable
        } catch {
            return .missing
        }
    }

    /// `sha256:<hex>` of the corpus at `url` by `type`; `url` and everything read must lie inside `root`.
    /// Throws `RunnerError.corpusMissing` when nothing is at `url`, `.corpusUnusable` for anything it refuses to read.
    public static func fingerprint(_ url: URL, type: CorpusType, benchmark: String, within root: URL) throws(RunnerError) -> String {
        let corpus = try Located(url, root: root, benchmark: benchmark)
        switch type {
        case .bytes:
            guard corpus.kind != .directory else { throw corpus.unusable("corpus_type 'bytes' needs a file, found a directory") }
            return try "sha256:" + sha256(ofFile: corpus)
        case .spec:
            guard corpus.kind == .directory else { throw corpus.unusable("corpus_type 'spec' needs a directory holding \(specFileName)") }
            let spec = try Located(URL(fileURLWithPath: corpus.real).appendingPathComponent(specFileName), root: root, benchmark: benchmark,
                                   missingReason: "\(specFileName) not found")
            return try "sha256:" + sha256(ofFile: spec)
        case .dir:
            guard corpus.kind == .directory else { throw corpus.unusable("corpus_type 'dir' needs a directory") }
            return try "sha256:" + treeHash(corpus)
        }
    }

    /// What `lstat` says an entry is.
    private enum Kind: Equatable {
        case regular, directory, symlink
        /// A FIFO, device or socket: never read.
        case special(String)

        init(mode: mode_t) {
            switch mode & S_IFMT {
            case S_IFREG: self = .regular
            case S_IFDIR: self = .directory
            case S_IFLNK: self = .symlink
            case S_IFIFO: self = .special("a FIFO")
            case S_IFCHR: self = .special("a character device")
            case S_IFBLK: self = .special("a block device")
            case S_IFSOCK: self = .special("a socket")
            default: self = .special("not a regular file")
            }
        }

        static func of(_ path: String) -> Kind? {
            var info = stat()
            guard lstat(path, &info) == 0 else { return nil }
            return Kind(mode: info.st_mode)
        }
    }

    /// A corpus path with its symlinks resolved, checked to lie inside the project root.
    private struct Located {
        /// The path as the manifest names it (for messages).
        let path: String
        /// The path with every symlink resolved.
        let real: String
        let kind: Kind
        let benchmark: String

        /// A regular file met in a `dir` walk: it was reached through real directories only, so it is already resolved.
        init(fileInWalk real: String, of corpus: Located) {
            path = real
            self.real = real
            kind = .regular
            benchmark = corpus.benchmark
        }

        init(_ url: URL, root: URL, benchmark: String, missingReason: String = "no such file or directory") throws(RunnerError) {
            path = url.path
            self.benchmark = benchmark
            let rootPath = root.standardizedFileURL.path
            // `..` is resolved lexically first, so `../outside` is refused whether or not it exists.
            guard Self.isInside(url.standardizedFileURL.path, rootPath) else {
                throw .corpusUnusable(benchmark: benchmark, path: path, reason: "it is outside the repository \(rootPath)")
            }
            guard Kind.of(url.path) != nil else { throw .corpusMissing(benchmark: benchmark, path: path, reason: missingReason) }
            guard let resolved = realpath(url.path, nil) else {
                if errno == ENOENT { throw .corpusMissing(benchmark: benchmark, path: path, reason: "a symbolic link to nothing") }
                throw .corpusUnusable(benchmark: benchmark, path: path, reason: "cannot be resolved: \(String(cString: strerror(errno)))")
            }
            real = String(cString: resolved)
            free(resolved)
            let realRoot = realpath(rootPath, nil).map { pointer in
                defer { free(pointer) }
                return String(cString: pointer)
            } ?? rootPath
            guard Self.isInside(real, realRoot) else {
                throw .corpusUnusable(benchmark: benchmark, path: path, reason: "it resolves to \(real), outside the repository \(realRoot)")
            }
            guard let kind = Kind.of(real) else { throw .corpusMissing(benchmark: benchmark, path: path, reason: missingReason) }
            if case .special(let what) = kind { throw .corpusUnusable(benchmark: benchmark, path: path, reason: "it is \(what), not a regular file") }
            self.kind = kind
        }

        func unusable(_ reason: String) -> RunnerError {
            .corpusUnusable(benchmark: benchmark, path: path, reason: reason)
        }

        static func isInside(_ path: String, _ root: String) -> Bool {
            path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
        }
    }

    /// Walks the tree under `corpus` without following a symlink, then hashes what it found; the bounds are checked
    /// during the walk, before any file is read.
    private static func treeHash(_ corpus: Located) throws(RunnerError) -> String {
        var pending: [(relative: String, depth: Int)] = [("", 0)]
        var files: [String] = []
        var links: [(String, String)] = []
        var seen = 0
        while let (directory, depth) = pending.popLast() {
            let absolute = directory.isEmpty ? corpus.real : corpus.real + "/" + directory
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: absolute)
            } catch {
                throw corpus.unusable("cannot list \(directory.isEmpty ? "the directory" : directory)")
            }
            for name in names {
                seen += 1
                guard seen <= maximumEntries else {
                    throw corpus.unusable("the directory holds more than \(maximumEntries) entries; point corpus_path at the corpus itself")
                }
                let relative = directory.isEmpty ? name : directory + "/" + name
                switch Kind.of(corpus.real + "/" + relative) {
                case .regular:
                    files.append(relative)
                case .directory:
                    guard depth < maximumDepth else {
                        throw corpus.unusable("the directory nests more than \(maximumDepth) levels deep (at \(relative))")
                    }
                    pending.append((relative, depth + 1))
                case .symlink:
                    let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: corpus.real + "/" + relative)) ?? ""
                    links.append((relative, "symlink:" + target))
                case .special(let what):
                    throw corpus.unusable("\(relative) is \(what); a dir corpus holds only regular files, directories and symbolic links")
                case nil:
                    continue  // removed while walking
                }
            }
        }
        var entries = links
        for file in files {
            entries.append((file, try sha256(ofFile: Located(fileInWalk: corpus.real + "/" + file, of: corpus))))
        }
        entries.sort { Array($0.0.utf8).lexicographicallyPrecedes(Array($1.0.utf8)) }
        var hasher = SHA256()
        for (path, digest) in entries { hasher.update(data: Data("\(path)\0\(digest)\n".utf8)) }
        return ContentDigest(hasher.finalize()).hex
    }

    /// The sha256 hex of a located regular file, opened without following a symlink and without blocking, and read
    /// only when `fstat` on the open descriptor says it is a regular file (it may have changed since it was located).
    private static func sha256(ofFile file: Located) throws(RunnerError) -> String {
        let descriptor = open(file.real, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            if errno == ENOENT { throw .corpusMissing(benchmark: file.benchmark, path: file.path, reason: "no such file or directory") }
            throw file.unusable("cannot be opened: \(reason)")
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw file.unusable("cannot be read: \(String(cString: strerror(errno)))") }
        if case .special(let what) = Kind(mode: info.st_mode) { throw file.unusable("it is \(what), not a regular file") }
        guard Kind(mode: info.st_mode) == .regular else { throw file.unusable("it is not a regular file") }
        var hasher = SHA256()
        while true {
            let chunk: Data?
            do {
                chunk = try handle.read(upToCount: 1 << 20)
            } catch {
                throw file.unusable("read failed: \(error.localizedDescription)")
            }
            // Foundation on Linux answers nil, not empty Data, at end of file.
            guard let chunk, !chunk.isEmpty else { break }
            hasher.update(data: chunk)
        }
        return ContentDigest(hasher.finalize()).hex
    }
}
