import CGit2
import Foundation

/// A linked worktree that exists only for one run, checked out with a detached HEAD at `commit`.
///
/// libgit2 1.5 cannot create a detached worktree: `git_worktree_add` needs a branch. So adding
/// one creates the branch `git-bench/tmp-<random hex>` at the commit, passes it as the new
/// worktree's HEAD, then detaches that HEAD and deletes the branch at once, so even a killed
/// process leaves no branch behind. The worktree is named `gitbench-<same hex>`, which cannot
/// clash with a user's branch.
///
/// `remove()` prunes the worktree (valid, locked, and its working tree), deletes its directory,
/// and deletes the branch if it is still there. Afterwards `git worktree list` shows no trace of
/// it, and `git worktree prune` has nothing to do.
public final class TemporaryWorktree {
    /// The root of the worktree's working tree: `parentDirectory/gitbench-<hex>`.
    public let path: URL
    /// The commit checked out in it.
    public let commit: ObjectID

    private let repository: Repository
    /// The name under `.git/worktrees/`.
    private let name: String
    /// The branch libgit2 needs to create the worktree.
    private let branchName: String
    private var isRemoved = false

    private init(repository: Repository, commit: ObjectID, path: URL, name: String, branchName: String) {
        self.repository = repository
        self.commit = commit
        self.path = path
        self.name = name
        self.branchName = branchName
    }

    /// Creates the worktree; see `Repository.addTemporaryWorktree(at:parentDirectory:)`.
    static func add(to repository: Repository, at commit: ObjectID, parentDirectory: URL) throws -> TemporaryWorktree {
        let token = randomToken()
        let name = "gitbench-\(token)"
        let path = parentDirectory.appendingPathComponent(name, isDirectory: true).standardizedFileURL
        guard !FileManager.default.fileExists(atPath: path.path) else {
            throw GitError.addWorktree(path: path.path, cause: "the directory already exists")
        }
        let worktree = TemporaryWorktree(
            repository: repository, commit: commit, path: path, name: name, branchName: "git-bench/tmp-\(token)")
        do {
            try worktree.create(in: parentDirectory)
        } catch {
            // Undo whatever part was created; the creation error is the one the caller needs, and
            // deinit retries anything this could not remove.
            try? worktree.remove()
            throw error
        }
        return worktree
    }

    /// Removes the worktree: prunes it from the repository, deletes its directory, and deletes
    /// its temporary branch. Safe to call more than once.
    ///
    /// Throws `GitError.pruneWorktree`, `GitError.deleteBranch` or
    /// `GitError.deleteWorktreeDirectory`; calling it again retries what is left.
    public func remove() throws {
        guard !isRemoved else { return }
        try prune()
        try deleteBranchIfPresent()
        if FileManager.default.fileExists(atPath: path.path) {
            do {
                try FileManager.default.removeItem(at: path)
            } catch {
                throw GitError.deleteWorktreeDirectory(path: path.path, cause: "\(error)")
            }
        }
        removeEmptyWorktreesDirectory()
        isRemoved = true
    }

    deinit {
        // Best effort: deinit cannot throw, and a leftover is still removable with
        // `git worktree prune` once its directory is gone.
        if !isRemoved { try? remove() }
    }

    private func create(in parentDirectory: URL) throws {
        do {
            try FileManager.default.createDirectory(at: parentDirectory, withIntermediateDirectories: true)
        } catch {
            throw GitError.createDirectory(path: parentDirectory.path, cause: "\(error)")
        }

        let commitHandle = try repository.lookupCommit(commit)
        defer { git_commit_free(commitHandle) }
        let branch = try makeHandle({ git_branch_create(&$0, repository.handle, branchName, commitHandle, 0) }) {
            .createBranch(name: self.branchName, cause: $0)
        }
        defer { git_reference_free(branch) }

        let addFailure = { (cause: String) in GitError.addWorktree(path: self.path.path, cause: cause) }
        var options = git_worktree_add_options()
        try check(git_worktree_add_options_init(&options, UInt32(GIT_WORKTREE_ADD_OPTIONS_VERSION)), addFailure)
        // libgit2 1.5 has no detached mode here: it needs a branch for the new HEAD. Give it ours,
        // then detach HEAD and delete the branch at once, so a killed process leaves no branch.
        options.ref = branch
        let worktree = try makeHandle({ git_worktree_add(&$0, repository.handle, name, path.path, &options) }, addFailure)
        defer { git_worktree_free(worktree) }

        let detachFailure = { (cause: String) in GitError.detachWorktree(path: self.path.path, cause: cause) }
        let worktreeRepository = try makeHandle({ git_repository_open_from_worktree(&$0, worktree) }, detachFailure)
        defer { git_repository_free(worktreeRepository) }
        var oid = commit.oid
        try check(git_repository_set_head_detached(worktreeRepository, &oid), detachFailure)

        try check(git_branch_delete(branch)) { .deleteBranch(name: self.branchName, cause: $0) }
    }

    private func prune() throws {
        let failure = { (cause: String) in GitError.pruneWorktree(path: self.path.path, cause: cause) }
        // git_worktree_lookup reports a missing worktree as a generic error (-1, no message), not
        // GIT_ENOTFOUND, so ask the list first: someone may have run `git worktree remove`.
        guard try isRegistered(failure) else { return }
        let worktree = try makeHandle({ git_worktree_lookup(&$0, repository.handle, name) }, failure)
        defer { git_worktree_free(worktree) }
        var options = git_worktree_prune_options()
        try check(git_worktree_prune_options_init(&options, UInt32(GIT_WORKTREE_PRUNE_OPTIONS_VERSION)), failure)
        options.flags = GIT_WORKTREE_PRUNE_VALID.rawValue
            | GIT_WORKTREE_PRUNE_LOCKED.rawValue
            | GIT_WORKTREE_PRUNE_WORKING_TREE.rawValue
        try check(git_worktree_prune(worktree, &options), failure)
    }

    /// True when the repository still lists this worktree under `.git/worktrees/`.
    private func isRegistered(_ failure: (String) -> GitError) throws -> Bool {
        var names = git_strarray()
        try check(git_worktree_list(&names, repository.handle), failure)
        defer { git_strarray_dispose(&names) }
        guard let strings = names.strings else { return false }
        return (0..<names.count).contains { index in
            strings[index].map { String(cString: $0) == name } ?? false
        }
    }

    private func deleteBranchIfPresent() throws {
        let failure = { (cause: String) in GitError.deleteBranch(name: self.branchName, cause: cause) }
        guard let branch = try makeHandleIfFound({ git_branch_lookup(&$0, repository.handle, branchName, GIT_BRANCH_LOCAL) }, failure) else {
            return
        }
        defer { git_reference_free(branch) }
        try check(git_branch_delete(branch), failure)
    }

    /// Deletes `.git/worktrees` when this was its last worktree, as `git worktree remove` does.
    private func removeEmptyWorktreesDirectory() {
        let directory = repository.commonDir.appendingPathComponent("worktrees", isDirectory: true)
        // rmdir only succeeds on an empty directory, so a worktree added concurrently by someone
        // else is safe; failing (not empty, already gone) leaves nothing to clean up.
        _ = rmdir(directory.path)
    }

    private static func randomToken() -> String {
        let hex = String(UInt64.random(in: .min ... .max), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
