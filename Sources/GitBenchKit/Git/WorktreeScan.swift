import CGit2
import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The fast half of the dirty check. libgit2 status loads the index into a path map, verifies its checksum, and
/// stats every tracked file by full path on one thread; git's own status stats on many threads. On a
/// 50,000-file tree that is the whole difference, so this pass reads the index file directly (`IndexFile`), and
/// for each tracked directory, in parallel, stats its files relative to the directory and counts its names
/// against the index. It asks libgit2 only about what that cannot settle.
///
/// It never answers "clean" on a doubt: a file whose stat data differs from the index (or is racily clean) is
/// hashed and compared with its blob; a missing file, or an untracked file that is not ignored, is dirty at once; a
/// changed mode or type and an untracked directory that is not ignored go to libgit2 status limited to those paths. Anything git
/// models beyond plain files (submodules, sparse, assume-unchanged or intent-to-add entries, split indexes,
/// case-insensitive checkouts, names that are not UTF-8) sends the whole tree to libgit2 status.
enum WorktreeScan {
    enum Answer: Equatable {
        case clean, dirty
        /// Clean unless libgit2 status finds a change under these paths.
        case check([String])
        /// The scan cannot decide: run the full status.
        case undecided
    }

    static func run(_ repository: Repository, _ failure: (String) -> GitError) throws -> Answer {
        guard let workdir = repository.workdir else { return .undecided }
        let indexPath = repository.gitDirectory.appendingPathComponent("index").path
        // The index's own mtime, taken before reading it, bounds which entries are racily clean (see `ScanJob.matches`).
        var indexStat = stat()
        guard lstat(indexPath, &indexStat) == 0, let index = IndexFile.read(at: indexPath),
              !index.entries.contains(where: { $0.isSpecial || $0.mode == 0o160000 }),
              try !repository.ignoresCase()
        else { return .undecided }
        if index.entries.contains(where: { $0.stage != 0 }) { return .dirty }
        if try headDiffersFromIndex(repository, index, failure) { return .dirty }

        let plan = DirectoryPlan(index)
        let outcome = plan.run(root: workdir.path, indexTime: StatTime(indexStat.st_mtim))
        guard !outcome.unreadable else { return .undecided }
        var paths: [String] = []
        for path in outcome.wrongType {
            guard let path else { return .undecided }
            paths.append(path)
        }
        for number in outcome.changed {
            guard let path = plan.path(of: number) else { return .undecided }
            switch try content(of: index.entries[number], number, in: index, path: path, root: workdir.path, repository, failure) {
            case .same: continue
            case .differs: return .dirty
            case .unknown: paths.append(path)
            }
        }
        for stranger in outcome.strangers {
            guard let path = stranger else { return .undecided }
            switch try untrackedKind(path, root: workdir.path, repository, failure) {
            case .ignored: continue
            case .file: return .dirty
            case .directory: paths.append(path)
            case .other: return .undecided
            }
        }
        return paths.isEmpty ? .clean : .check(Array(Set(paths)).sorted())
    }

    /// Whether HEAD's tree and the index differ (something is staged); with no commit yet, whether anything is
    /// tracked. `TreeComparison` walks HEAD's tree beside the index, skipping every directory whose cache-tree id
    /// still matches; when it cannot follow the index, libgit2 compares them.
    private static func headDiffersFromIndex(_ repository: Repository, _ index: IndexFile, _ failure: (String) -> GitError) throws -> Bool {
        guard let tree = try repository.headTreeIfBorn(failure) else { return !index.entries.isEmpty }
        defer { git_tree_free(tree) }
        if let differs = try TreeComparison.differs(tree, index, failure) { return differs }

        let libgit2Index = try makeHandle({ git_repository_index(&$0, repository.handle) }, failure)
        defer { git_index_free(libgit2Index) }
        // The repository keeps its index object between calls: reload it if the file changed since.
        try check(git_index_read(libgit2Index, 0), failure)
        let diff = try makeHandle({ git_diff_tree_to_index(&$0, repository.handle, tree, libgit2Index, nil) }, failure)
        defer { git_diff_free(diff) }
        return git_diff_num_deltas(diff) > 0
    }

    private enum Content { case same, differs, unknown }

    /// Whether a file whose stat data changed still holds the indexed blob: a missing file differs; a regular file
    /// with the indexed type and executable bit differs if its size changed, and is otherwise hashed through
    /// libgit2's filters; anything else (a new type, a changed mode that `core.fileMode` may ignore, a symlink) is libgit2's call.
    private static func content(of entry: IndexFile.Entry, _ number: Int, in index: IndexFile, path: String, root: String,
                                _ repository: Repository, _ failure: (String) -> GitError) throws -> Content {
        var info = stat()
        guard lstat(root + "/" + path, &info) == 0 else { return errno == ENOENT || errno == ENOTDIR ? .differs : .unknown }
        let executable = info.st_mode & 0o100 != 0
        guard info.st_mode & S_IFMT == S_IFREG, entry.mode == (executable ? 0o100755 : 0o100644) else { return .unknown }
        // git's rule (read-cache.c, ie_modified): a new size means modified, unless the index never recorded one.
        if entry.size != 0 && UInt32(truncatingIfNeeded: info.st_size) != entry.size { return .differs }
        var id = git_oid()
        try check(git_repository_hashfile(&id, repository.handle, path, GIT_OBJECT_BLOB, nil), failure)
        let indexed = index.ids[(number * IndexFile.hashLength)..<((number + 1) * IndexFile.hashLength)]
        return withUnsafeBytes(of: id.id) { $0.elementsEqual(indexed) } ? .same : .differs
    }

    private enum UntrackedKind { case ignored, file, directory, other }

    /// A name the index does not know: an ignored entry, a file or symlink git would list as untracked, a directory
    /// (untracked only if it holds a file that is not ignored, which libgit2 status decides), or something else.
    /// libgit2 1.5 status misses an untracked file named exactly in a pathspec, so files are settled here.
    private static func untrackedKind(_ path: String, root: String, _ repository: Repository, _ failure: (String) -> GitError) throws -> UntrackedKind {
        var info = stat()
        guard lstat(root + "/" + path, &info) == 0 else { return .other }
        var ignored: Int32 = 0
        try check(git_ignore_path_is_ignored(&ignored, repository.handle, path), failure)
        let kind = info.st_mode & S_IFMT
        if ignored != 0 {
            // git matches a symlink as a file; libgit2 follows it, so a directory-only pattern (`build/`) would hide
            // a symlink to a directory that git lists. libgit2 (status included) cannot tell which pattern matched:
            // such a symlink counts as untracked unless its target is not a directory.
            var target = stat()
            let isSymlinkToDirectory = kind == S_IFLNK && stat(root + "/" + path, &target) == 0 && target.st_mode & S_IFMT == S_IFDIR
            if !isSymlinkToDirectory { return .ignored }
        }
        switch kind {
        case S_IFREG, S_IFLNK: return .file
        case S_IFDIR: return .directory
        default: return .other
        }
    }
}

extension Repository {
    /// `core.ignoreCase`: git then matches names case-insensitively, which the scan's byte comparisons do not.
    fileprivate func ignoresCase() throws -> Bool {
        let failure = { (cause: String) in GitError.readConfig(path: "core.ignorecase", cause: cause) }
        let config = try makeHandle({ git_repository_config_snapshot(&$0, handle) }, failure)
        defer { git_config_free(config) }
        var value: Int32 = 0
        return try checkFound(git_config_get_bool(&value, config, "core.ignorecase"), failure) && value != 0
    }
}

/// HEAD's tree against the index entries, in the order both share (git sorts a directory as its name plus "/"):
/// every file must match the next entry's path, mode and id, and the entries must run out with the tree. A
/// directory whose cache-tree id equals the tree's is skipped with the number of entries git recorded for it.
private final class TreeComparison {
    private let index: IndexFile
    private let paths: UnsafePointer<UInt8>
    private let ids: UnsafePointer<UInt8>
    private var cursor = 0
    /// Decided: a difference was found.
    private var differs = false
    /// The cache tree disagreed with the entries it claims to cover: let libgit2 decide.
    private var lost = false

    private init(_ index: IndexFile, paths: UnsafePointer<UInt8>, ids: UnsafePointer<UInt8>) {
        self.index = index
        self.paths = paths
        self.ids = ids
    }

    /// true or false when the walk decided; nil when libgit2 should compare.
    static func differs(_ tree: OpaquePointer, _ index: IndexFile, _ failure: (String) -> GitError) throws -> Bool? {
        if let root = index.cachedTrees[[]], let head = git_tree_id(tree) {
            return !withUnsafeBytes(of: head.pointee.id) { $0.elementsEqual(root.id) }
        }
        return try index.paths.withUnsafeBufferPointer { paths in
            try index.ids.withUnsafeBufferPointer { ids in
                guard let pathBase = paths.baseAddress, let idBase = ids.baseAddress else { return nil }
                let comparison = TreeComparison(index, paths: pathBase, ids: idBase)
                let code = withExtendedLifetime(comparison) {
                    git_tree_walk(tree, GIT_TREEWALK_PRE, { root, entry, payload in
                        guard let root, let entry, let payload else { return -1 }
                        return Unmanaged<TreeComparison>.fromOpaque(payload).takeUnretainedValue().visit(root, entry)
                    }, Unmanaged.passUnretained(comparison).toOpaque())
                }
                if comparison.lost { return nil }
                if comparison.differs { return true }
                try check(code, failure)
                return comparison.cursor != index.entries.count
            }
        }
    }

    /// 0 to go on, 1 to skip a directory, -1 to stop.
    private func visit(_ root: UnsafePointer<CChar>, _ entry: OpaquePointer) -> Int32 {
        guard let name = git_tree_entry_name(entry), let id = git_tree_entry_id(entry) else { return stop(lost: true) }
        let rootLength = strlen(root), nameLength = strlen(name)
        if git_tree_entry_type(entry) == GIT_OBJECT_TREE {
            let path = Array(UnsafeRawBufferPointer(start: root, count: rootLength)) + Array(UnsafeRawBufferPointer(start: name, count: nameLength))
            guard let cached = index.cachedTrees[path], withUnsafeBytes(of: id.pointee.id, { $0.elementsEqual(cached.id) }) else { return 0 }
            // The covered entries must be the next ones: all under this directory, and no more.
            let prefix = path + [UInt8(ascii: "/")]
            let end = cursor + cached.entryCount
            guard cached.entryCount > 0, end <= index.entries.count,
                  hasPrefix(index.entries[cursor], prefix), hasPrefix(index.entries[end - 1], prefix),
                  end == index.entries.count || !hasPrefix(index.entries[end], prefix)
            else { return stop(lost: true) }
            cursor += cached.entryCount
            return 1
        }
        guard cursor < index.entries.count else { return stop(lost: false) }
        let next = index.entries[cursor]
        let start = paths + next.pathOffset
        guard next.pathLength == rootLength + nameLength,
              memcmp(start, root, rootLength) == 0, memcmp(start + rootLength, name, nameLength) == 0,
              next.mode == git_tree_entry_filemode(entry).rawValue,
              withUnsafeBytes(of: id.pointee.id, { memcmp(ids + cursor * IndexFile.hashLength, $0.baseAddress!, IndexFile.hashLength) == 0 })
        else { return stop(lost: false) }
        cursor += 1
        return 0
    }

    private func hasPrefix(_ entry: IndexFile.Entry, _ prefix: [UInt8]) -> Bool {
        entry.pathLength > prefix.count && memcmp(paths + entry.pathOffset, prefix, prefix.count) == 0
    }

    private func stop(lost: Bool) -> Int32 {
        if lost { self.lost = true } else { differs = true }
        return -1
    }
}

/// The tracked directories, each with the index entries directly in it and how many subdirectories it should hold.
private struct DirectoryPlan {
    struct Directory {
        /// Relative to the root, without a trailing slash; empty for the root.
        var path: [UInt8]
        var files: [Int] = []
        var subdirectories: [[UInt8]] = []
    }

    /// What the parallel pass found.
    struct Outcome {
        /// Entries whose stat data differs, or that are missing or racily clean.
        var changed: [Int] = []
        /// Tracked names that are now of another type (a directory replaced by a symlink, say); nil when not UTF-8.
        var wrongType: [String?] = []
        /// Names no entry accounts for; nil when not UTF-8.
        var strangers: [String?] = []
        /// A directory could not be read: the scan cannot decide.
        var unreadable = false
    }

    let index: IndexFile
    private(set) var directories: [Directory] = []

    init(_ index: IndexFile) {
        self.index = index
        var positions: [[UInt8]: Int] = [:]
        var previous: (parent: ArraySlice<UInt8>, position: Int)?
        func position(of directory: ArraySlice<UInt8>) -> Int {
            if let known = positions[Array(directory)] { return known }
            if !directory.isEmpty {
                let slash = directory.lastIndex(of: UInt8(ascii: "/"))
                let parent = position(of: directory[directory.startIndex..<(slash ?? directory.startIndex)])
                directories[parent].subdirectories.append(Array(directory[(slash.map { $0 + 1 } ?? directory.startIndex)...]))
            }
            directories.append(Directory(path: Array(directory)))
            positions[Array(directory)] = directories.count - 1
            return directories.count - 1
        }
        _ = position(of: [])
        for (number, entry) in index.entries.enumerated() {
            let path = index.paths[entry.pathOffset..<(entry.pathOffset + entry.pathLength)]
            let parent = path[path.startIndex..<(path.lastIndex(of: UInt8(ascii: "/")) ?? path.startIndex)]
            // The index is sorted by path, so an entry's neighbour usually shares its directory.
            if let previous, previous.parent.elementsEqual(parent) {
                directories[previous.position].files.append(number)
                continue
            }
            let found = position(of: parent)
            directories[found].files.append(number)
            previous = (parent, found)
        }
    }

    func path(of entry: Int) -> String? {
        let entry = index.entries[entry]
        return String(validating: index.paths[entry.pathOffset..<(entry.pathOffset + entry.pathLength)], as: UTF8.self)
    }

    /// Stats every entry and lists every directory, a job per directory (large ones split), on all cores.
    func run(root: String, indexTime: StatTime) -> Outcome {
        let jobs = directories.indices.flatMap { directory in
            let files = directories[directory].files
            return stride(from: 0, to: max(files.count, 1), by: ScanJob.filesPerJob).map { start in
                ScanJob(directory: directory, files: start..<min(start + ScanJob.filesPerJob, files.count), lists: start == 0)
            }
        }
        let outcome = Mutex(Outcome())
        let rootBytes = Array(root.utf8)
        index.paths.withUnsafeBufferPointer { paths in
            let shared = SharedPaths(base: paths)
            DispatchQueue.concurrentPerform(iterations: jobs.count) { number in
                let found = jobs[number].run(self, root: rootBytes, paths: shared, indexTime: indexTime)
                outcome.withLock { total in
                    total.changed += found.changed
                    total.wrongType += found.wrongType
                    total.strangers += found.strangers
                    total.unreadable = total.unreadable || found.unreadable
                }
            }
        }
        return outcome.withLock { $0 }
    }
}

/// The index's path bytes, read by every job while `DirectoryPlan.run` holds them.
private struct SharedPaths: @unchecked Sendable {
    let base: UnsafeBufferPointer<UInt8>
}

/// One directory's share of the pass: stat `files` relative to the directory, and (for the first share) list it.
private struct ScanJob: Sendable {
    static let filesPerJob = 2048

    var directory: Int
    var files: Range<Int>
    var lists: Bool

    func run(_ plan: DirectoryPlan, root: [UInt8], paths: SharedPaths, indexTime: StatTime) -> DirectoryPlan.Outcome {
        var outcome = DirectoryPlan.Outcome()
        let directory = plan.directories[directory]
        let entries = directory.files[files]
        var full = root + [UInt8(ascii: "/")] + directory.path
        full.append(0)
        let descriptor = full.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        guard descriptor >= 0 else {
            // A directory that is gone (or is now a file) leaves its files missing: each is a change.
            if errno == ENOENT || errno == ENOTDIR { outcome.changed = Array(entries) } else { outcome.unreadable = true }
            return outcome
        }
        let nameStart = directory.path.isEmpty ? 0 : directory.path.count + 1
        for number in entries {
            let entry = plan.index.entries[number]
            let name = UnsafeRawPointer(paths.base.baseAddress! + entry.pathOffset + nameStart).assumingMemoryBound(to: CChar.self)
            var info = stat()
            if fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) != 0 || !Self.matches(entry, info, indexTime: indexTime) {
                outcome.changed.append(number)
            }
        }
        guard lists else {
            close(descriptor)
            return outcome
        }
        guard let stream = fdopendir(descriptor) else {
            close(descriptor)
            outcome.unreadable = true
            return outcome
        }
        defer { closedir(stream) }
        listAndCompare(stream, directory, plan, paths: paths, into: &outcome)
        return outcome
    }

    /// Counts the directory's files and subdirectories; when the counts differ from the index's, compares name by
    /// name. Equal counts leave no room for a stranger: every expected name that exists was counted, and one that
    /// is missing is already a change from the stat pass.
    private func listAndCompare(_ stream: OpaquePointer, _ directory: DirectoryPlan.Directory, _ plan: DirectoryPlan, paths: SharedPaths,
                                into outcome: inout DirectoryPlan.Outcome) {
        let isRoot = directory.path.isEmpty
        var listed: [(name: [UInt8], isDirectory: Bool)] = []
        var fileCount = 0, directoryCount = 0
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if name == [46] || name == [46, 46] || (isRoot && name == Array(".git".utf8)) { continue }
            var isDirectory = Int32(entry.pointee.d_type) == DT_DIR
            if Int32(entry.pointee.d_type) == DT_UNKNOWN {
                var info = stat()
                isDirectory = name.withUnsafeBufferPointer { bytes in
                    var text = Array(bytes) + [0]
                    return text.withUnsafeMutableBufferPointer {
                        fstatat(dirfd(stream), UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), &info, AT_SYMLINK_NOFOLLOW) == 0
                    } && info.st_mode & S_IFMT == S_IFDIR
                }
            }
            if isDirectory { directoryCount += 1 } else { fileCount += 1 }
            listed.append((name, isDirectory))
        }
        if fileCount == directory.files.count && directoryCount == directory.subdirectories.count { return }

        let prefix = isRoot ? [] : directory.path + [UInt8(ascii: "/")]
        let nameStart = prefix.count
        let files = Set(directory.files.map { number -> [UInt8] in
            let entry = plan.index.entries[number]
            return Array(paths.base[(entry.pathOffset + nameStart)..<(entry.pathOffset + entry.pathLength)])
        })
        let subdirectories = Set(directory.subdirectories)
        for (name, isDirectory) in listed {
            let path = String(validating: prefix + name, as: UTF8.self)
            if files.contains(name) {
                continue  // a changed type shows in the stat pass
            } else if subdirectories.contains(name) {
                if !isDirectory { outcome.wrongType.append(path) }
            } else {
                outcome.strangers.append(path)
            }
        }
    }

    /// The fields git compares (stricter than `core.checkStat = minimal`), plus the file type and executable bit.
    /// An entry modified in the same instant the index was written may match by stat yet differ in content
    /// ("racily clean"): such entries never match here, so libgit2 reads them, as git does.
    private static func matches(_ entry: IndexFile.Entry, _ info: stat, indexTime: StatTime) -> Bool {
        let type = info.st_mode & S_IFMT
        let mode: UInt32 = type == S_IFLNK ? 0o120000 : type == S_IFREG ? (info.st_mode & 0o100 != 0 ? 0o100755 : 0o100644) : 0
        return entry.mtime < indexTime && mode == entry.mode
            && StatTime(info.st_mtim) == entry.mtime && StatTime(info.st_ctim) == entry.ctime
            && UInt32(truncatingIfNeeded: info.st_ino) == entry.inode
            && info.st_uid == entry.uid && info.st_gid == entry.gid
            && UInt32(truncatingIfNeeded: info.st_size) == entry.size
    }
}
