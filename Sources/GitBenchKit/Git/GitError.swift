/// A git operation that failed, one case per operation.
///
/// Each case carries what the operation was working on (a path, a revision, a commit, a branch) and,
/// where libgit2 reported one, its error message as `cause`. `description` reads
/// "could not <verb> <thing>: <cause>".
public enum GitError: Error, Equatable, CustomStringConvertible {
    /// `git_libgit2_init` failed, so no git operation can run.
    case initializeLibrary(cause: String)
    /// Neither `path` nor any directory above it is inside a git repository.
    case notARepository(path: String)
    /// `path` looks like a repository but libgit2 could not open it (corrupt, unreadable, unsafe owner).
    case openRepository(path: String, cause: String)
    /// The repository at `path` has no commit yet: HEAD names a branch that does not exist.
    case unbornHead(path: String)
    /// HEAD of the repository at `path` could not be read or peeled to a commit.
    case readHead(path: String, cause: String)
    /// The revision names no object, or more than one (an ambiguous short SHA).
    case unknownRevision(String)
    /// The revision names an object, but it cannot be peeled to a commit (a blob, or a tree).
    case resolveRevision(String, cause: String)
    /// The commit is not in the repository's object database.
    case findCommit(ObjectID, cause: String)
    /// A path inside a commit's tree could not be read.
    case readFile(path: String, commit: ObjectID, cause: String)
    /// The status of the working tree at `path` could not be computed.
    case readStatus(path: String, cause: String)
    /// HEAD could not be diffed against the working tree at `path`.
    case diffAgainstHead(path: String, cause: String)
    /// The branch that carries a temporary worktree could not be created.
    case createBranch(name: String, cause: String)
    /// A branch could not be deleted.
    case deleteBranch(name: String, cause: String)
    /// A linked worktree could not be added at `path`.
    case addWorktree(path: String, cause: String)
    /// HEAD of the linked worktree at `path` could not be detached from its temporary branch.
    case detachWorktree(path: String, cause: String)
    /// A linked worktree could not be pruned from the repository's administrative files.
    case pruneWorktree(path: String, cause: String)
    /// The parent directory for a linked worktree could not be created.
    case createDirectory(path: String, cause: String)
    /// The directory of a linked worktree could not be deleted.
    case deleteWorktreeDirectory(path: String, cause: String)
    /// The trees of two commits could not be compared (`from` is nil when a commit is compared with its parent).
    case diffCommits(from: ObjectID?, to: ObjectID, cause: String)
    /// The commits between two commits could not be listed (`from` is nil for the whole history of `to`).
    case walkCommits(from: ObjectID?, to: ObjectID, cause: String)
    /// The note on `commit` in the notes ref `ref` could not be read.
    case readNote(commit: ObjectID, ref: String, cause: String)
    /// The note on `commit` in the notes ref `ref` could not be written.
    case writeNote(commit: ObjectID, ref: String, cause: String)
    /// The notes in the notes ref `ref` (or the notes commit it names) could not be listed.
    case listNotes(ref: String, cause: String)
    /// The notes ref `ref` could not be merged with the notes commit `other`.
    case mergeNotes(ref: String, other: ObjectID, cause: String)
    /// A notes ref name was given that git cannot use for notes.
    case invalidNotesRef(String, reason: String)
    /// The reference `name` could not be read, moved or deleted.
    case updateReference(name: String, cause: String)
    /// A git configuration file, or a value in it, could not be read.
    case readConfig(path: String, cause: String)
    /// The history named by a revision or range could not be walked.
    case walkHistory(revision: String, cause: String)
    /// The tag `refs/tags/<name>` could not be read.
    case readTag(name: String, cause: String)
    /// The tag `refs/tags/<name>` exists but is not an annotated tag of a commit (lightweight, or peels to a tree or blob).
    case notAnnotatedTag(name: String, reason: String)
    /// A tag name was given that git does not allow (`git check-ref-format` on `refs/tags/<name>`).
    case invalidTagName(String, reason: String)
    /// The tag `refs/tags/<name>` already exists (pointing at the commit `target`) and was not to be replaced.
    case tagExists(name: String, target: ObjectID)
    /// The annotated tag `refs/tags/<name>` could not be written.
    case writeTag(name: String, cause: String)
    /// The tags starting with `prefix` could not be listed.
    case listTags(prefix: String, cause: String)
    /// A file path to commit was given that is not a plain path inside the working tree.
    case invalidFilePath(String, reason: String)
    /// HEAD of the repository at `path` is detached, so there is no branch to commit on.
    case detachedHead(path: String)
    /// The branch `name` moved away from `expected` while a commit on it was being made; nothing was changed.
    case branchMoved(name: String, expected: ObjectID)
    /// The file `path` could not be committed, or written to the working tree and index after its commit.
    case commitFile(path: String, cause: String)
    /// The `git` command (used only for network operations) could not be started, or failed.
    case runGit(arguments: [String], status: Int32, cause: String)

    public var description: String {
        switch self {
        case .initializeLibrary(let cause):
            return "could not initialize libgit2: \(cause)"
        case .notARepository(let path):
            return "could not find a git repository at \(path): not a git repository (or any of the parent directories)"
        case .openRepository(let path, let cause):
            return "could not open git repository \(path): \(cause)"
        case .unbornHead(let path):
            return "could not read HEAD in \(path): the current branch has no commits yet"
        case .readHead(let path, let cause):
            return "could not read HEAD in \(path): \(cause)"
        case .unknownRevision(let revision):
            return "could not resolve revision '\(revision)': unknown or ambiguous revision"
        case .resolveRevision(let revision, let cause):
            return "could not resolve revision '\(revision)' to a commit: \(cause)"
        case .findCommit(let commit, let cause):
            return "could not find commit \(commit.short): \(cause)"
        case .readFile(let path, let commit, let cause):
            return "could not read \(path) at commit \(commit.short): \(cause)"
        case .readStatus(let path, let cause):
            return "could not read the status of \(path): \(cause)"
        case .diffAgainstHead(let path, let cause):
            return "could not diff HEAD against the working tree of \(path): \(cause)"
        case .createBranch(let name, let cause):
            return "could not create branch \(name): \(cause)"
        case .deleteBranch(let name, let cause):
            return "could not delete branch \(name): \(cause)"
        case .addWorktree(let path, let cause):
            return "could not add worktree \(path): \(cause)"
        case .detachWorktree(let path, let cause):
            return "could not detach HEAD of worktree \(path): \(cause)"
        case .pruneWorktree(let path, let cause):
            return "could not prune worktree \(path): \(cause)"
        case .createDirectory(let path, let cause):
            return "could not create directory \(path): \(cause)"
        case .deleteWorktreeDirectory(let path, let cause):
            return "could not delete worktree directory \(path): \(cause)"
        case .diffCommits(let from, let to, let cause):
            return "could not diff \(from.map { "\($0.short) against " } ?? "")\(to.short)\(from == nil ? " against its parent" : ""): \(cause)"
        case .walkCommits(let from, let to, let cause):
            return "could not list the commits \(from.map { "\($0.short).." } ?? "up to ")\(to.short): \(cause)"
        case .readNote(let commit, let ref, let cause):
            return "could not read the note on \(commit.short) in \(ref): \(cause)"
        case .writeNote(let commit, let ref, let cause):
            return "could not write the note on \(commit.short) in \(ref): \(cause)"
        case .listNotes(let ref, let cause):
            return "could not list the notes in \(ref): \(cause)"
        case .mergeNotes(let ref, let other, let cause):
            return "could not merge notes commit \(other.short) into \(ref): \(cause)"
        case .invalidNotesRef(let name, let reason):
            return "could not use '\(name)' as a notes ref: \(reason)"
        case .updateReference(let name, let cause):
            return "could not update reference \(name): \(cause)"
        case .readConfig(let path, let cause):
            return "could not read git config \(path): \(cause)"
        case .walkHistory(let revision, let cause):
            return "could not walk the history of '\(revision)': \(cause)"
        case .readTag(let name, let cause):
            return "could not read tag \(name): \(cause)"
        case .notAnnotatedTag(let name, let reason):
            return "could not read tag \(name) as an annotated tag of a commit: \(reason)"
        case .invalidTagName(let name, let reason):
            return "could not use '\(name)' as a tag name: \(reason)"
        case .tagExists(let name, let target):
            return "could not create tag \(name): it already exists (on \(target.short))"
        case .writeTag(let name, let cause):
            return "could not write tag \(name): \(cause)"
        case .listTags(let prefix, let cause):
            return "could not list the tags \(prefix)*: \(cause)"
        case .invalidFilePath(let path, let reason):
            return "could not commit '\(path)': \(reason)"
        case .detachedHead(let path):
            return "could not commit in \(path): HEAD is detached; check out a branch first"
        case .branchMoved(let name, let expected):
            return "could not update \(name): it moved away from \(expected.short) meanwhile; nothing was committed, try again"
        case .commitFile(let path, let cause):
            return "could not commit \(path): \(cause)"
        case .runGit(let arguments, let status, let cause):
            return Redaction.urls(in: "could not run git \(arguments.joined(separator: " "))\(status >= 0 ? " (exit \(status))" : ""): \(cause)")
        }
    }
}
