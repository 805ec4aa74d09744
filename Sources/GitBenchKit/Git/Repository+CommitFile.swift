import CGit2
import Foundation

extension Repository {
    /// Commits one file on the current branch: a new commit whose parent is the branch tip and whose tree is the tip's
    /// tree with `path` (slash-separated, relative to the repository root) added or replaced by `contents`. Returns
    /// the new commit.
    ///
    /// Nothing else is committed: other staged or unstaged changes stay in the index and working tree exactly as
    /// they were. Author and committer are `tagger()`. The message is stored as given, plus one newline when it does
    /// not already end with one. The branch moves with a compare-and-swap from the tip read at the start, so a
    /// concurrent commit is never lost (`GitError.branchMoved`, and the branch, working tree and index are
    /// untouched; only missing parent directories of `path` may have been created). Then `contents` replaces the
    /// working-tree file atomically (rename; a new file is created with the file mode of the tree entry, an
    /// executable entry stays executable) and its index entry is refreshed, so `git status` shows nothing for it.
    /// Whatever the working tree or index held for `path` before is replaced.
    ///
    /// Throws `GitError.invalidFilePath` for an empty, absolute or non-normalized path, one with a `.`/`..`
    /// component, one inside `.git`, one below a symbolic link in the working tree, or one naming a directory or a
    /// submodule in HEAD's tree; `GitError.detachedHead` and `GitError.unbornHead` when there is no branch commit
    /// to build on; `GitError.commitFile` when the repository is bare or a step fails (after the branch moved, the
    /// message says the commit was made).
    @discardableResult
    public func commitFile(path: String, contents: Data, message: String) throws -> ObjectID {
        try commitFile(path: path, contents: contents, message: message, beforeMovingBranch: {})
    }

    /// `commitFile(path:contents:message:)`, calling `beforeMovingBranch` between making the commit and moving the
    /// branch, which is where a concurrent writer would have to strike (tests move the branch there).
    func commitFile(path: String, contents: Data, message: String, beforeMovingBranch: () throws -> Void) throws -> ObjectID {
        let failure = { (cause: String) in GitError.commitFile(path: path, cause: cause) }
        try Self.validateCommitPath(path)
        guard !message.utf8.contains(0) else { throw failure("the message contains a NUL byte") }
        guard let workdir else { throw failure("the repository is bare; there is no working tree to write it to") }
        try refuseSymbolicLinks(in: path, below: workdir)

        let branch = try currentBranch()
        guard let tip = try referenceTarget(branch) else { throw GitError.unbornHead(path: displayPath) }
        let parent = try lookupCommit(tip)
        defer { git_commit_free(parent) }
        let baseTree = try makeHandle({ git_commit_tree(&$0, parent) }, failure)
        defer { git_tree_free(baseTree) }
        let mode = try fileMode(for: path, in: baseTree, failure)

        var blob = git_oid()
        let bytes = [UInt8](contents)
        try check(git_blob_create_from_buffer(&blob, handle, bytes, bytes.count), failure)
        var treeOID = git_oid()
        try path.withCString { cPath in
            var update = git_tree_update(action: GIT_TREE_UPDATE_UPSERT, id: blob, filemode: mode, path: cPath)
            try check(git_tree_create_updated(&treeOID, handle, baseTree, 1, &update), failure)
        }
        let tree = try makeHandle({ git_tree_lookup(&$0, handle, &treeOID) }, failure)
        defer { git_tree_free(tree) }

        let (signature, _) = try defaultSignature(failure)
        defer { git_signature_free(signature) }
        let stored = message.isEmpty || message.hasSuffix("\n") ? message : message + "\n"
        var commitOID = git_oid()
        var parents: [OpaquePointer?] = [parent]
        try parents.withUnsafeMutableBufferPointer { buffer in
            try check(git_commit_create(&commitOID, handle, nil, signature, signature, nil, stored, tree, buffer.count, buffer.baseAddress), failure)
        }
        let commit = ObjectID(commitOID)

        // Write the file next to its destination before moving the branch, so the step that can fail for ordinary
        // reasons (space, permissions) happens while nothing has changed yet.
        let destination = workdir.appendingPathComponent(path)
        let temporary = try writeTemporaryFile(bytes, beside: destination, executable: mode == GIT_FILEMODE_BLOB_EXECUTABLE, failure)
        let subject = stored.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
        let moved: Bool
        do {
            try beforeMovingBranch()
            moved = try moveReference(branch, to: commit, expected: tip, message: "commit: \(subject)", failure)
        } catch {
            unlink(temporary.path)
            throw error
        }
        guard moved else {
            unlink(temporary.path)
            throw GitError.branchMoved(name: branch, expected: tip)
        }

        let afterCommit = { (what: String, cause: String) in
            failure("committed as \(commit.short) on \(branch), but could not \(what): \(cause)")
        }
        guard rename(temporary.path, destination.path) == 0 else {
            let cause = String(cString: strerror(errno))
            unlink(temporary.path)
            throw afterCommit("write it to the working tree", cause)
        }
        try refreshIndexEntry(path) { afterCommit("update its index entry", $0) }
        return commit
    }

    // MARK: - Helpers

    /// Throws `GitError.invalidFilePath` unless `path` is a plain, normalized, repository-relative path outside `.git`.
    static func validateCommitPath(_ path: String) throws {
        let invalid = { (reason: String) in GitError.invalidFilePath(path, reason: reason) }
        guard !path.isEmpty else { throw invalid("the path is empty") }
        guard !path.utf8.contains(0) else { throw invalid("the path contains a NUL byte") }
        guard !path.hasPrefix("/") else { throw invalid("the path must be relative to the repository root, not absolute") }
        for component in path.split(separator: "/", omittingEmptySubsequences: false) {
            if component.isEmpty { throw invalid("the path has an empty component (a leading, trailing or double '/')") }
            if component == "." || component == ".." { throw invalid("the path may not contain '.' or '..' components") }
            if component.lowercased() == ".git" { throw invalid("the path may not point inside .git") }
        }
    }

    /// Throws `GitError.invalidFilePath` when a directory on the way to `path` is a symbolic link in the working tree,
    /// which would write the file outside it (git refuses the same path: "beyond a symbolic link").
    private func refuseSymbolicLinks(in path: String, below workdir: URL) throws {
        var directory = workdir
        for component in path.split(separator: "/").dropLast() {
            directory.appendPathComponent(String(component))
            var status = stat()
            guard lstat(directory.path, &status) == 0 else { return }
            if status.st_mode & S_IFMT == S_IFLNK {
                throw GitError.invalidFilePath(path, reason: "\(directory.path) is a symbolic link")
            }
        }
    }

    /// The branch HEAD names (`refs/heads/main`).
    ///
    /// Throws `GitError.detachedHead` when HEAD names a commit directly, and `GitError.readHead` when it cannot be
    /// read or names something other than a branch.
    private func currentBranch() throws -> String {
        let failure = { (cause: String) in GitError.readHead(path: self.displayPath, cause: cause) }
        let head = try makeHandle({ git_reference_lookup(&$0, handle, "HEAD") }, failure)
        defer { git_reference_free(head) }
        guard git_reference_type(head) == GIT_REFERENCE_SYMBOLIC else { throw GitError.detachedHead(path: displayPath) }
        guard let target = git_reference_symbolic_target(head) else { throw failure("HEAD names no reference") }
        let branch = String(cString: target)
        guard branch.hasPrefix("refs/heads/") else { throw failure("HEAD points at \(branch), which is not a branch") }
        return branch
    }

    /// The file mode the committed file gets: that of the entry it replaces when that one is executable, else a plain file.
    private func fileMode(for path: String, in tree: OpaquePointer, _ failure: (String) -> GitError) throws -> git_filemode_t {
        guard let entry = try makeHandleIfFound({ git_tree_entry_bypath(&$0, tree, path) }, failure) else {
            return GIT_FILEMODE_BLOB
        }
        defer { git_tree_entry_free(entry) }
        switch git_tree_entry_filemode(entry) {
        case GIT_FILEMODE_BLOB_EXECUTABLE: return GIT_FILEMODE_BLOB_EXECUTABLE
        case GIT_FILEMODE_TREE: throw GitError.invalidFilePath(path, reason: "it is a directory in HEAD")
        case GIT_FILEMODE_COMMIT: throw GitError.invalidFilePath(path, reason: "it is a submodule in HEAD")
        default: return GIT_FILEMODE_BLOB
        }
    }

    /// Re-reads the index from disk, stages the working-tree file `path` (content and stat data) and writes the
    /// index back, leaving every other entry as it was.
    private func refreshIndexEntry(_ path: String, _ failure: (String) -> GitError) throws {
        let index = try makeHandle({ git_repository_index(&$0, handle) }, failure)
        defer { git_index_free(index) }
        // force: another process may have written the index since libgit2 last loaded it.
        try check(git_index_read(index, 1), failure)
        try check(git_index_add_bypath(index, path), failure)
        try check(git_index_write(index), failure)
    }
}

/// Writes `bytes` to a new file in `destination`'s directory (created if missing) and flushes it to disk;
/// returns its URL, for a later `rename` onto `destination`.
private func writeTemporaryFile(
    _ bytes: [UInt8], beside destination: URL, executable: Bool, _ failure: (String) -> GitError
) throws -> URL {
    let directory = destination.deletingLastPathComponent()
    do {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch {
        throw failure("could not create \(directory.path): \(error.localizedDescription)")
    }
    let temporary = directory.appendingPathComponent(".\(destination.lastPathComponent).git-bench-\(UUID().uuidString)")
    // A free function, so `open` is POSIX open(2) and not `Repository.open`. The umask applies, as for files git checks out.
    let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, executable ? 0o777 : 0o666)
    guard descriptor >= 0 else { throw failure("could not create \(temporary.path): \(String(cString: strerror(errno)))") }
    var written = 0
    var writeError: Int32 = 0
    bytes.withUnsafeBytes { buffer in
        while written < buffer.count {
            let count = write(descriptor, buffer.baseAddress! + written, buffer.count - written)
            if count < 0 {
                if errno == EINTR { continue }
                writeError = errno
                return
            }
            written += count
        }
    }
    if writeError == 0, fsync(descriptor) != 0 { writeError = errno }
    if close(descriptor) != 0, writeError == 0 { writeError = errno }
    guard writeError == 0 else {
        unlink(temporary.path)
        throw failure("could not write \(temporary.path): \(String(cString: strerror(writeError)))")
    }
    return temporary
}
