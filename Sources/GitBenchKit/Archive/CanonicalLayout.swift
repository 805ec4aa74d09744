import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The canonical local layout of external harness results, `benchmark-results/<harness>/<bench>/<project>/`, walked
/// the way astrocyte's `archive rescan` walks it:
///
/// - A result file is `<bench>_results_*.json` (Mem0 harness) or `results-*.json` (PageIndex). A directory holding one
///   is a project directory when it is exactly three segments below the root; anywhere else it is skipped as
///   non-canonical. A three-deep directory with no result file is skipped too.
/// - The newest result file of a project directory is the one archived: the latest modification time (what astrocyte
///   uses; the two harnesses stamp names in different clocks, Mem0 in local time), ties broken by the greater name.
/// - stage = the project directory's name without a leading `astrocyte-` (empty: `local-ad-hoc`); the bench is the one
///   the result file names, else the bench directory's, with `lme`/`long_memeval` read as `longmemeval`.
/// - A directory with `_ARCHIVED` is skipped unless forced; smoke runs (stage containing `smoke`, or fewer than 30
///   questions) are skipped unless included. `_r2/` (what `archive fetch` writes) and dot names are ignored silently.
/// - Nothing is followed or read that is not a regular file inside the tree: symbolic links (to a directory or a
///   file, even `/dev/zero`), FIFOs and devices are skipped with a reason, and so is a file over the size limit.
///
/// Candidates and skips come out in walk order: depth first, names in byte order.
public enum CanonicalLayout {
    /// The layout's root, under a repository's work tree.
    public static let directoryName = "benchmark-results"
    /// Runs with fewer questions are smoke runs.
    public static let smokeMinimumQuestions = 30
    /// The largest result file read: 64 MiB.
    public static let defaultFileSizeLimit = 64 << 20
    /// The stage of a project directory whose name is nothing but the prefix.
    public static let defaultStage = "local-ad-hoc"
    /// How deep the walk goes looking for misplaced result files.
    static let maximumDepth = 32

    public struct Options: Sendable, Equatable {
        /// Keep smoke runs as candidates (`--include-smoke`).
        public var includeSmoke: Bool
        /// Keep directories carrying `_ARCHIVED` as candidates (`--force`).
        public var force: Bool
        /// The Mem0 cutoff (`--cutoff`); nil tries `HarnessResult.mem0CutoffOrder`.
        public var cutoff: String?
        public var fileSizeLimit: Int

        public init(includeSmoke: Bool = false, force: Bool = false, cutoff: String? = nil, fileSizeLimit: Int = CanonicalLayout.defaultFileSizeLimit) {
            self.includeSmoke = includeSmoke
            self.force = force
            self.cutoff = cutoff
            self.fileSizeLimit = fileSizeLimit
        }
    }

    /// Walks `<repository>/benchmark-results/`; no such directory is an empty scan.
    public static func scan(repository: URL, options: Options = Options()) throws(CanonicalLayoutError) -> CanonicalScan {
        try scan(root: repository.appendingPathComponent(directoryName, isDirectory: true), options: options)
    }

    /// Walks `root` (itself may be a symbolic link; nothing under it is followed).
    public static func scan(root: URL, options: Options = Options()) throws(CanonicalLayoutError) -> CanonicalScan {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory) else { return CanonicalScan(candidates: [], skips: []) }
        guard isDirectory.boolValue else { throw .notADirectory(path: root.path) }
        var walker = Walker(options: options)
        try walker.visit(root, segments: [])
        return CanonicalScan(candidates: walker.candidates, skips: walker.skips)
    }

    /// The stage a project directory names: without a leading `astrocyte-`, trimmed; `local-ad-hoc` when nothing is left.
    public static func stage(projectDirectoryName name: String) -> String {
        var stage = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if stage.hasPrefix("astrocyte-") { stage.removeFirst("astrocyte-".count) }
        return stage.isEmpty ? defaultStage : stage
    }

    /// `*_results_*.json` or `results-*.json`.
    public static func isResultFileName(_ name: String) -> Bool {
        guard name.hasSuffix(".json") else { return false }
        return name.hasPrefix("results-") || name.dropLast(5).contains("_results_")
    }

    /// A smoke run: its stage says so, or it asked fewer than `smokeMinimumQuestions` questions.
    public static func isSmoke(stage: String, nQuestions: Int?) -> Bool {
        stage.lowercased().contains("smoke") || (nQuestions.map { $0 < smokeMinimumQuestions } ?? false)
    }

    private struct Walker {
        let options: Options
        var candidates: [CanonicalCandidate] = []
        var skips: [CanonicalSkip] = []

        mutating func skip(_ kind: CanonicalSkip.Kind, _ url: URL, _ reason: String) {
            skips.append(CanonicalSkip(kind: kind, path: url.path, reason: reason))
        }

        mutating func visit(_ directory: URL, segments: [String]) throws(CanonicalLayoutError) {
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            } catch {
                if segments.isEmpty { throw .unreadable(path: directory.path, reason: error.localizedDescription) }
                skip(.unreadable, directory, "cannot list the directory (\(error.localizedDescription))")
                return
            }
            var results: [Entry] = []
            var subdirectories: [(URL, String)] = []
            for name in names.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) where !name.hasPrefix(".") && name != "_r2" {
                let url = directory.appendingPathComponent(name)
                let entry = Entry(url: url, name: name)
                if entry.type == .directory {
                    subdirectories.append((url, name))
                } else if isResultFileName(name) {
                    results.append(entry)
                } else if entry.type == .symbolicLink && segments.count < 3 && entry.pointsAtDirectory {
                    skip(.notRegular, url, "a symbolic link to a directory, not followed")
                }
            }
            if segments.count == 3 {
                project(directory, segments: segments, results: results)
            } else if !results.isEmpty {
                skip(.nonCanonical, directory, "non-canonical layout: result files belong in \(CanonicalLayout.directoryName)/<harness>/<bench>/<project>/")
            }
            for (url, name) in subdirectories {
                guard segments.count + 1 <= CanonicalLayout.maximumDepth else {
                    skip(.nonCanonical, url, "more than \(CanonicalLayout.maximumDepth) levels deep, not walked")
                    continue
                }
                try visit(url, segments: segments + [name])
            }
        }

        mutating func project(_ directory: URL, segments: [String], results: [Entry]) {
            guard !results.isEmpty else {
                skip(.noResultFile, directory, "no result file (<bench>_results_*.json or results-*.json)")
                return
            }
            for entry in results where entry.type != .regular {
                skip(.notRegular, entry.url, entry.type == .symbolicLink ? "a symbolic link, not followed" : "not a regular file (\(entry.type.rawValue))")
            }
            guard let newest = results.filter({ $0.type == .regular }).max(by: { $0.isOlder(than: $1) }) else { return }
            let stage = CanonicalLayout.stage(projectDirectoryName: segments[2])
            do { try ArchiveKey.validate(stage: stage) } catch {
                skip(.invalidName, directory, error.description)
                return
            }
            var archived: ArchivedMarker?
            if Entry(url: directory.appendingPathComponent(ArchivedMarker.fileName), name: ArchivedMarker.fileName).type != .absent {
                do {
                    archived = try ArchivedMarker.read(projectDirectory: directory)
                } catch {
                    if !options.force {
                        skip(.archived, directory, "already archived (its _ARCHIVED is unreadable: \(error.description)); force re-archives it")
                        return
                    }
                }
                if !options.force {
                    skip(.archived, directory, "already archived (_ARCHIVED); force re-archives it")
                    return
                }
            }
            let data: Data
            switch RegularFile.read(newest.url, limit: options.fileSizeLimit) {
            case .bytes(let bytes): data = bytes
            case .absent:
                skip(.unreadable, newest.url, "disappeared during the scan")
                return
            case .refused(let reason):
                skip(reason.hasPrefix("larger") ? .tooLarge : .unreadable, newest.url, reason)
                return
            }
            let result: HarnessResult
            do {
                result = try HarnessResult.read(data, path: newest.url.path, cutoff: options.cutoff,
                                                directoryBench: HarnessResult.normalizedBench(segments[1]))
            } catch {
                skip(.invalidResult, newest.url, error.reason)
                return
            }
            let shipLabel: ShipLabel?
            do { shipLabel = try ShipLabel.read(projectDirectory: directory) } catch {
                skip(.invalidMarker, directory.appendingPathComponent(ShipLabel.fileName), error.description)
                return
            }
            let isSmoke = CanonicalLayout.isSmoke(stage: stage, nQuestions: result.nQuestions)
            if isSmoke && !options.includeSmoke {
                if stage.lowercased().contains("smoke") {
                    skip(.smoke, directory, "smoke stage \(ObjectKey.quoted(stage)); include smoke runs to archive it")
                } else {
                    skip(.smoke, directory, "micro run (n=\(result.nQuestions ?? 0) < \(CanonicalLayout.smokeMinimumQuestions)); include smoke runs to archive it")
                }
                return
            }
            candidates.append(CanonicalCandidate(harness: segments[0], bench: result.bench, projectDirectory: directory, stage: stage,
                                                 resultFile: newest.url, resultModifiedAt: newest.modifiedAt, result: result, shipLabel: shipLabel,
                                                 archived: archived, isSmoke: isSmoke, resultBytes: data))
        }
    }

    /// One directory entry as `lstat` sees it.
    private struct Entry {
        enum FileType: String { case absent, regular, directory, symbolicLink = "symbolic link", fifo = "a FIFO", other = "a device or socket" }

        let url: URL
        let name: String
        let type: FileType
        let modified: (Int, Int)

        init(url: URL, name: String) {
            self.url = url
            self.name = name
            var info = stat()
            guard lstat(url.path, &info) == 0 else {
                type = .absent
                modified = (0, 0)
                return
            }
            switch info.st_mode & S_IFMT {
            case S_IFREG: type = .regular
            case S_IFDIR: type = .directory
            case S_IFLNK: type = .symbolicLink
            case S_IFIFO: type = .fifo
            default: type = .other
            }
            modified = (Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec))
        }

        var modifiedAt: Date { Date(timeIntervalSince1970: Double(modified.0) + Double(modified.1) / 1e9) }

        /// For a symbolic link: whether it leads to a directory (only `stat`ed, never opened).
        var pointsAtDirectory: Bool {
            var info = stat()
            return stat(url.path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
        }

        func isOlder(than other: Entry) -> Bool {
            modified != other.modified ? modified < other.modified : name.utf8.lexicographicallyPrecedes(other.name.utf8)
        }
    }
}

/// What a walk of the canonical layout found.
public struct CanonicalScan: Sendable, Equatable {
    /// Project directories to archive, in walk order.
    public var candidates: [CanonicalCandidate]
    /// Everything left out and why, in walk order.
    public var skips: [CanonicalSkip]

    public init(candidates: [CanonicalCandidate], skips: [CanonicalSkip]) {
        self.candidates = candidates
        self.skips = skips
    }
}

/// One project directory's newest result, ready to archive.
public struct CanonicalCandidate: Sendable, Equatable {
    /// The harness directory's name (what astrocyte's manifest calls `harness`; `result.harness` is the schema).
    public var harness: String
    /// `result.bench`: the file's bench, else the directory's, normalised.
    public var bench: String
    public var projectDirectory: URL
    public var stage: String
    public var resultFile: URL
    /// The result file's modification time: roughly when the run finished (neither harness records when it started).
    public var resultModifiedAt: Date
    public var result: HarnessResult
    public var shipLabel: ShipLabel?
    /// The directory's `_ARCHIVED`, when forced past it (nil when absent or unreadable).
    public var archived: ArchivedMarker?
    /// True only when smoke runs were included.
    public var isSmoke: Bool
    /// The result file's bytes as the walk read them: what the archive uploads, so the file is read once.
    public var resultBytes: Data

    public init(harness: String, bench: String, projectDirectory: URL, stage: String, resultFile: URL, resultModifiedAt: Date,
                result: HarnessResult, shipLabel: ShipLabel?, archived: ArchivedMarker?, isSmoke: Bool, resultBytes: Data = Data()) {
        self.resultBytes = resultBytes
        self.harness = harness
        self.bench = bench
        self.projectDirectory = projectDirectory
        self.stage = stage
        self.resultFile = resultFile
        self.resultModifiedAt = resultModifiedAt
        self.result = result
        self.shipLabel = shipLabel
        self.archived = archived
        self.isSmoke = isSmoke
    }

    /// The run's manifest entry: the result's, with this directory's stage and ship label.
    public func manifestEntry(date: String, sha: String, uploadedAt: String, resultKey: String) -> ManifestEntry {
        let entry = result.manifestEntry(date: date, stage: stage, sha: sha, uploadedAt: uploadedAt, resultKey: resultKey)
        return shipLabel?.applied(to: entry) ?? entry
    }
}

/// Something the walk left out, and why.
public struct CanonicalSkip: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// A result file outside `<harness>/<bench>/<project>/`.
        case nonCanonical
        /// A project directory without a result file.
        case noResultFile
        /// A symbolic link, FIFO or device where a directory or result file was expected.
        case notRegular
        /// A result file over the size limit.
        case tooLarge
        /// A directory or file that could not be listed or read.
        case unreadable
        /// A result file that is not a harness result (`HarnessResultError`'s reason).
        case invalidResult
        /// A stage that cannot be an archive name.
        case invalidName
        /// A malformed `_SHIP_LABEL.json`.
        case invalidMarker
        /// `_ARCHIVED` is there (and not forced).
        case archived
        /// A smoke run (and smoke runs not included).
        case smoke
    }

    public var kind: Kind
    public var path: String
    public var reason: String

    public init(kind: Kind, path: String, reason: String) {
        self.kind = kind
        self.path = path
        self.reason = reason
    }

    /// `<path>: <reason>`, one line.
    public var description: String { "\(HarnessResultError.escaped(path)): \(HarnessResultError.escaped(reason))" }
}

/// The layout's root cannot be walked.
public enum CanonicalLayoutError: Error, Equatable, CustomStringConvertible {
    case notADirectory(path: String)
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case .notADirectory(let path): return "\(HarnessResultError.escaped(path)) is not a directory"
        case .unreadable(let path, let reason): return "cannot read \(HarnessResultError.escaped(path)): \(HarnessResultError.escaped(reason))"
        }
    }
}

extension HarnessResult {
    /// The bytes of a result file named on the command line (`archive --files`), read as the walk reads them: a regular
    /// file only, not through a symbolic link, never blocking on a FIFO, at most 64 MiB.
    public static func readFile(_ url: URL) throws(HarnessResultError) -> (bytes: Data, modifiedAt: Date?) {
        switch RegularFile.read(url, limit: CanonicalLayout.defaultFileSizeLimit) {
        case .bytes(let bytes):
            let modified = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date
            return (bytes, modified)
        case .absent: throw HarnessResultError(path: url.path, reason: "no such file")
        case .refused(let reason): throw HarnessResultError(path: url.path, reason: reason)
        }
    }
}

/// Reads a file only if it is a regular file: never through a symbolic link, never blocking on a FIFO, never more than
/// a limit.
enum RegularFile {
    enum Outcome: Equatable {
        case absent
        case bytes(Data)
        case refused(String)
    }

    static func read(_ url: URL, limit: Int) -> Outcome {
        let descriptor = open(url.path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        if descriptor < 0 {
            let code = errno
            if code == ENOENT { return .absent }
            if code == ELOOP { return .refused("a symbolic link, not followed") }
            return .refused("cannot open it (\(String(cString: strerror(code))))")
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .refused("cannot stat it (\(String(cString: strerror(errno))))") }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFIFO: return .refused("not a regular file (a FIFO)")
        case S_IFDIR: return .refused("not a regular file (a directory)")
        default: return .refused("not a regular file (a device or socket)")
        }
        guard Int(info.st_size) <= limit else { return .refused(tooLarge(limit)) }
        var bytes = Data()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .refused("cannot read it (\(String(cString: strerror(errno))))")
            }
            if count == 0 { return .bytes(bytes) }
            // It may have grown since the fstat.
            guard bytes.count + count <= limit else { return .refused(tooLarge(limit)) }
            bytes.append(contentsOf: buffer[0..<count])
        }
    }

    static func tooLarge(_ limit: Int) -> String {
        let size = limit % (1 << 20) == 0 ? "\(limit >> 20) MiB" : "\(limit) bytes"
        return "larger than \(size), the size limit"
    }
}
