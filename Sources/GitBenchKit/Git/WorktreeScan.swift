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
