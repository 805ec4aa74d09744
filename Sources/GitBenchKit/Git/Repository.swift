import CGit2
import Foundation

/// An open git repository: the main working tree, a linked worktree, or a bare repository.
///
/// Not `Sendable`: to use a repository from another task, pass its `workdir` (or `commonDir`) and
/// open it again there.
public final class Repository {
    /// The `git_repository` handle, freed in `deinit`.
    ///
    /// Internal only because `Repository+Status.swift`, `Repository+Diff.swift` and
    /// `TemporaryWorktree.swift` need it; nothing outside Git/ may use it.
    let handle: OpaquePointer

    private init(handle: OpaquePointer) {
        self.handle = handle
    }

    deinit {
        git_repository_free(handle)
    }

    /// Finds the repository containing `path` (like `git rev-parse --show-toplevel`), following
    /// into linked worktrees.
    ///
    /// Searches `path` and its parents, stopping at a filesystem boundary as git does.
    /// Throws `GitError.notARepository` when there is none, and `GitError.openRepository` when one
    /// was found but could not be opened.
    public static func discover(from path: URL) throws -> Repository {
        try open(path, flags: 0)
    }

    /// Opens the repository whose working tree root or git directory is exactly `path`.
    ///
    /// Throws `GitError.notARepository` when `path` is not one, and `GitError.openRepository`
    /// when it could not be opened.
    public static func open(at path: URL) throws -> Repository {
        try open(path, flags: GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue)
    }

    private static func open(_ path: URL, flags: UInt32) throws -> Repository {
        try initializeLibgit2()
        let handle = try makeHandleIfFound({ git_repository_open_ext(&$0, path.path, flags, nil) }) {
            .openRepository(path: path.path, cause: $0)
        }
        guard let handle else { throw GitError.notARepository(path: path.path) }
        return Repository(handle: handle)
    }

    /// The root of the working tree (standardized, no trailing slash); `nil` for a bare repository.
    public var workdir: URL? {
        git_repository_workdir(handle).map(Self.directoryURL)
    }

    /// The main repository's `.git` directory, which linked worktrees share.
    public var commonDir: URL {
        // commondir is set for every open repository; the repository's own git dir is the same
        // directory for a main working tree and is only a fallback.
        guard let path = git_repository_commondir(handle) ?? git_repository_path(handle) else {
            return URL(fileURLWithPath: ".git", isDirectory: true)
        }
        return Self.directoryURL(path)
    }

    /// The path named in errors: the working tree root, or the git directory of a bare repository.
    var displayPath: String {
        if let workdir { return workdir.path }
        return git_repository_path(handle).map { Self.directoryURL($0).path } ?? "repository"
    }

    /// The commit HEAD points at.
    ///
    /// Throws `GitError.unbornHead` when the current branch has no commit yet, and
    /// `GitError.readHead` when HEAD is missing or broken.
    public func headCommit() throws -> ObjectID {
        let failure = { (cause: String) in GitError.readHead(path: self.displayPath, cause: cause) }
        var reference: OpaquePointer?
        let code = git_repository_head(&reference, handle)
        if code == GIT_EUNBORNBRANCH.rawValue {
            git_error_clear()
            throw GitError.unbornHead(path: displayPath)
        }
        try check(code, failure)
        guard let reference else { throw failure("libgit2 returned no reference") }
        defer { git_reference_free(reference) }

        let commit = try makeHandle({ git_reference_peel(&$0, reference, GIT_OBJECT_COMMIT) }, failure)
        defer { git_object_free(commit) }
        return try objectID(of: commit, failure)
    }

    /// The commit a revision names (`HEAD~2`, `main`, `v1.0`, a full or abbreviated SHA), peeled
    /// through tags to a commit, like `git rev-parse <revision>^{commit}`.
    ///
    /// Throws `GitError.unknownRevision` when it names nothing or is ambiguous, and
    /// `GitError.resolveRevision` when it names something that is not a commit.
    public func resolveCommit(_ revision: String) throws -> ObjectID {
        let failure = { (cause: String) in GitError.resolveRevision(revision, cause: cause) }
        var object: OpaquePointer?
        let code = git_revparse_single(&object, handle, revision)
        if code == GIT_ENOTFOUND.rawValue || code == GIT_EAMBIGUOUS.rawValue || code == GIT_EINVALIDSPEC.rawValue {
            git_error_clear()
            throw GitError.unknownRevision(revision)
        }
        try check(code, failure)
        guard let object else { throw failure("libgit2 returned no object") }
        defer { git_object_free(object) }

        let commit = try makeHandle({ git_object_peel(&$0, object, GIT_OBJECT_COMMIT) }, failure)
        defer { git_object_free(commit) }
        return try objectID(of: commit, failure)
    }

    /// The contents of the file at `path` (slash-separated, relative to the repository root) in
    /// `commit`'s tree; `nil` when the tree has no such file (or the path names a directory or a
    /// submodule).
    ///
    /// Throws `GitError.findCommit` when the commit is not in the repository, and
    /// `GitError.readFile` when the tree or the file cannot be read.
    public func fileContents(_ path: String, at commit: ObjectID) throws -> Data? {
        let failure = { (cause: String) in GitError.readFile(path: path, commit: commit, cause: cause) }
        let commitHandle = try lookupCommit(commit)
        defer { git_commit_free(commitHandle) }
        let tree = try makeHandle({ git_commit_tree(&$0, commitHandle) }, failure)
        defer { git_tree_free(tree) }

        guard let entry = try makeHandleIfFound({ git_tree_entry_bypath(&$0, tree, path) }, failure) else {
            return nil
        }
        defer { git_tree_entry_free(entry) }
        guard git_tree_entry_type(entry) == GIT_OBJECT_BLOB, let entryID = git_tree_entry_id(entry) else {
            return nil
        }

        var blobID = entryID.pointee
        let blob = try makeHandle({ git_blob_lookup(&$0, handle, &blobID) }, failure)
        defer { git_blob_free(blob) }
        let size = Int(git_blob_rawsize(blob))
        guard size > 0, let bytes = git_blob_rawcontent(blob) else { return Data() }
        // Copy while `blob` is alive: the raw content belongs to it.
        return Data(bytes: bytes, count: size)
    }

    /// Looks up a commit; the caller frees the returned handle with `git_commit_free`.
    ///
    /// Throws `GitError.findCommit` when the commit is not in the repository.
    func lookupCommit(_ commit: ObjectID) throws -> OpaquePointer {
        var oid = commit.oid
        return try makeHandle({ git_commit_lookup(&$0, handle, &oid) }) {
            .findCommit(commit, cause: $0)
        }
    }

    private func objectID(of object: OpaquePointer, _ failure: (String) -> GitError) throws -> ObjectID {
        guard let oid = git_object_id(object) else { throw failure("libgit2 returned no object id") }
        return ObjectID(oid.pointee)
    }

    /// A directory path as libgit2 reports it ("/a/b/") as a standardized URL without the
    /// trailing slash in `path`.
    private static func directoryURL(_ cPath: UnsafePointer<CChar>) -> URL {
        var path = String(cString: cPath)
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        return URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
    }
}
