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
/// Before anything is created, an owner marker `.git/gitbench-worktrees/gitbench-<hex>` records
/// the creating process (pid and start time, so a recycled pid is not taken for it) and the
/// worktree's path. A process killed with SIGKILL cannot remove its worktree; the marker lets a
/// later run (`Repository.pruneStaleTemporaryWorktrees`) tell that leftover from a worktree still
/// in use, and from a worktree git-bench did not create, which has no marker and is never touched.
///
/// `remove()` prunes the worktree (valid, locked, and its working tree), deletes its directory,
/// deletes the branch if it is still there, and deletes the marker last. Afterwards
/// `git worktree list` shows no trace of it, and `git worktree prune` has nothing to do.
public final class TemporaryWorktree {
    /// The root of the worktree's working tree: `parentDirectory/gitbench-<hex>`.
    public let path: URL
    /// The commit checked out in it.
    public let commit: ObjectID

    private let repository: Repository
    private let leftover: Leftover
    private var isRemoved = false

    private init(repository: Repository, commit: ObjectID, leftover: Leftover) {
        self.repository = repository
        self.commit = commit
        self.path = leftover.path
        self.leftover = leftover
    }

    /// Creates the worktree; see `Repository.addTemporaryWorktree(at:parentDirectory:owner:)`.
    static func add(to repository: Repository, at commit: ObjectID, parentDirectory: URL, owner: ProcessIdentity) throws -> TemporaryWorktree {
        let token = randomToken()
        let name = Leftover.namePrefix + token
        let path = parentDirectory.appendingPathComponent(name, isDirectory: true).standardizedFileURL
        guard !FileManager.default.fileExists(atPath: path.path) else {
            throw GitError.addWorktree(path: path.path, cause: "the directory already exists")
        }
        let worktree = TemporaryWorktree(repository: repository, commit: commit, leftover: Leftover(name: name, path: path))
        do {
            // The marker comes first: a kill at any later point leaves a worktree a later run can attribute.
            try Leftover.writeMarker(OwnerMarker(owner: owner, path: path), name: name, in: repository)
            try worktree.create(in: parentDirectory)
        } catch {
            // Undo whatever part was created; the creation error is the one the caller needs, and
            // deinit retries anything this could not remove.
            try? worktree.remove()
            throw error
        }
        return worktree
    }

    /// Removes the worktree: prunes it from the repository, deletes its directory, its temporary
    /// branch and its owner marker. Safe to call more than once.
    ///
    /// Throws `GitError.pruneWorktree`, `GitError.deleteBranch` or
    /// `GitError.deleteWorktreeDirectory`; calling it again retries what is left.
    public func remove() throws {
        guard !isRemoved else { return }
        try leftover.remove(from: repository)
        isRemoved = true
    }

    deinit {
        // Best effort: deinit cannot throw, and a leftover keeps its marker, so the next `--at-sha`
        // or `git bench status` removes it once this process is gone.
        if !isRemoved { try? remove() }
    }

    private func create(in parentDirectory: URL) throws {
        do {
            try FileManager.default.createDirectory(at: parentDirectory, withIntermediateDirectories: true)
        } catch {
            throw GitError.createDirectory(path: parentDirectory.path, cause: "\(error)")
        }

        let name = leftover.name
        let branchName = leftover.branchName
        let commitHandle = try repository.lookupCommit(commit)
        defer { git_commit_free(commitHandle) }
        let branch = try makeHandle({ git_branch_create(&$0, repository.handle, branchName, commitHandle, 0) }) {
            .createBranch(name: branchName, cause: $0)
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

        try check(git_branch_delete(branch)) { .deleteBranch(name: branchName, cause: $0) }
    }

    private static func randomToken() -> String {
        let hex = String(UInt64.random(in: .min ... .max), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// What an owner marker records: the process that created a temporary worktree, and where.
struct OwnerMarker: Equatable {
    var owner: ProcessIdentity
    var path: URL

    /// `pid=…`, `start_ticks=…` (empty where `/proc` is unavailable) and `path=…`, one per line.
    var text: String {
        "pid=\(owner.pid)\nstart_ticks=\(owner.startTicks.map(String.init) ?? "")\npath=\(path.path)\n"
    }

    init(owner: ProcessIdentity, path: URL) {
        self.owner = owner
        self.path = path
    }

    /// Parses `text`; nil for anything git-bench did not write.
    init?(text: String) {
        var fields: [Substring: Substring] = [:]
        for line in text.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { return nil }
            fields[line[..<equals]] = line[line.index(after: equals)...]
        }
        guard let pid = fields["pid"].flatMap({ Int32($0) }), pid > 0, let ticks = fields["start_ticks"],
              let path = fields["path"], path.hasPrefix("/") else { return nil }
        owner = ProcessIdentity(pid: pid, group: pid, startTicks: ticks.isEmpty ? nil : Int64(ticks))
        self.path = URL(fileURLWithPath: String(path), isDirectory: true)
    }
}

/// Everything one temporary worktree leaves in a repository and on disk: the admin entry
/// `.git/worktrees/gitbench-<hex>`, the working tree, the branch `git-bench/tmp-<hex>` and the
/// owner marker. Removing it removes each that exists, the marker last.
struct Leftover {
    static let namePrefix = "gitbench-"
    static let markerDirectoryName = "gitbench-worktrees"

    /// `gitbench-<16 hex>`, the name under `.git/worktrees/`.
    let name: String
    /// The working tree.
    let path: URL

    var branchName: String { "git-bench/tmp-" + name.dropFirst(Self.namePrefix.count) }

    /// True for the names `TemporaryWorktree` gives: the prefix and 16 lowercase hex digits.
    static func isTemporaryName(_ name: String) -> Bool {
        guard name.hasPrefix(namePrefix) else { return false }
        let token = name.dropFirst(namePrefix.count)
        return token.count == 16 && token.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    static func markerDirectory(of repository: Repository) -> URL {
        repository.commonDir.appendingPathComponent(markerDirectoryName, isDirectory: true)
    }

    /// Writes the marker through a temp file and a rename, so a reader never sees half of one.
    static func writeMarker(_ marker: OwnerMarker, name: String, in repository: Repository) throws {
        let directory = markerDirectory(of: repository)
        let file = directory.appendingPathComponent(name)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(marker.text.utf8).write(to: file, options: .atomic)
        } catch {
            throw GitError.addWorktree(path: marker.path.path, cause: "could not write its owner marker \(file.path): \(error)")
        }
    }

    func remove(from repository: Repository) throws {
        try prune(in: repository)
        try deleteBranchIfPresent(in: repository)
        if FileManager.default.fileExists(atPath: path.path) {
            do {
                try FileManager.default.removeItem(at: path)
            } catch {
                throw GitError.deleteWorktreeDirectory(path: path.path, cause: "\(error)")
            }
        }
        removeEmptyDirectory(repository.commonDir.appendingPathComponent("worktrees", isDirectory: true))
        let marker = Self.markerDirectory(of: repository).appendingPathComponent(name)
        if FileManager.default.fileExists(atPath: marker.path) {
            do {
                try FileManager.default.removeItem(at: marker)
            } catch {
                throw GitError.deleteWorktreeDirectory(path: marker.path, cause: "\(error)")
            }
        }
        removeEmptyDirectory(Self.markerDirectory(of: repository))
    }

    private func prune(in repository: Repository) throws {
        let failure = { (cause: String) in GitError.pruneWorktree(path: self.path.path, cause: cause) }
        // git_worktree_lookup reports a missing worktree as a generic error (-1, no message), not
        // GIT_ENOTFOUND, so ask the list first: someone may have run `git worktree remove`.
        guard try Self.registeredNames(in: repository, failure).contains(name) else { return }
        let worktree = try makeHandle({ git_worktree_lookup(&$0, repository.handle, name) }, failure)
        defer { git_worktree_free(worktree) }
        var options = git_worktree_prune_options()
        try check(git_worktree_prune_options_init(&options, UInt32(GIT_WORKTREE_PRUNE_OPTIONS_VERSION)), failure)
        options.flags = GIT_WORKTREE_PRUNE_VALID.rawValue
            | GIT_WORKTREE_PRUNE_LOCKED.rawValue
            | GIT_WORKTREE_PRUNE_WORKING_TREE.rawValue
        try check(git_worktree_prune(worktree, &options), failure)
    }

    /// The names the repository lists under `.git/worktrees/`.
    static func registeredNames(in repository: Repository, _ failure: (String) -> GitError) throws -> [String] {
        var names = git_strarray()
        try check(git_worktree_list(&names, repository.handle), failure)
        defer { git_strarray_dispose(&names) }
        guard let strings = names.strings else { return [] }
        return (0..<names.count).compactMap { index in strings[index].map { String(cString: $0) } }
    }

    private func deleteBranchIfPresent(in repository: Repository) throws {
        let failure = { (cause: String) in GitError.deleteBranch(name: self.branchName, cause: cause) }
        guard let branch = try makeHandleIfFound({ git_branch_lookup(&$0, repository.handle, branchName, GIT_BRANCH_LOCAL) }, failure) else {
            return
        }
        defer { git_reference_free(branch) }
        try check(git_branch_delete(branch), failure)
    }

    /// Deletes `directory` when it is empty, as `git worktree remove` does for `.git/worktrees`.
    private func removeEmptyDirectory(_ directory: URL) {
        // rmdir only succeeds on an empty directory, so an entry added concurrently by someone
        // else is safe; failing (not empty, already gone) leaves nothing to clean up.
        _ = rmdir(directory.path)
    }
}

/// A temporary worktree a killed git-bench left behind, removed by `pruneStaleTemporaryWorktrees`.
public struct StaleWorktree: Sendable, Equatable {
    /// Its working tree.
    public var path: URL
    /// The process that created it, which is gone.
    public var owner: ProcessIdentity
}

extension Repository {
    /// Adds a linked worktree checked out (detached) at `commit` under `parentDirectory/<name>`,
    /// creating `parentDirectory` if needed, with an owner marker naming `owner` (the calling
    /// process); see `TemporaryWorktree` for how it is cleaned up.
    ///
    /// Throws `GitError.findCommit`, `GitError.createDirectory`, `GitError.createBranch`,
    /// `GitError.addWorktree` or `GitError.detachWorktree`; whatever was created before the failure
    /// is removed again.
    public func addTemporaryWorktree(at commit: ObjectID, parentDirectory: URL, owner: ProcessIdentity) throws -> TemporaryWorktree {
        try TemporaryWorktree.add(to: self, at: commit, parentDirectory: parentDirectory, owner: owner)
    }

    /// Removes the temporary worktrees of this repository whose owner marker names a process that
    /// `isRunning` says is gone: the admin entry, the working tree, the branch, then the marker.
    /// A worktree whose owner still runs, and one without a marker (not created by git-bench, or
    /// by a git-bench from before markers), are left alone. Returns what it removed.
    ///
    /// Throws `GitError.pruneWorktree`, `GitError.deleteBranch` or `GitError.deleteWorktreeDirectory`
    /// for the first leftover it could not remove (the ones before it are gone).
    @discardableResult
    public func pruneStaleTemporaryWorktrees(isRunning: (ProcessIdentity) -> Bool) throws -> [StaleWorktree] {
        let directory = Leftover.markerDirectory(of: self)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        var removed: [StaleWorktree] = []
        for name in names.sorted() where Leftover.isTemporaryName(name) {
            guard let text = try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8),
                  let marker = OwnerMarker(text: text), !isRunning(marker.owner) else { continue }
            // Only ever delete the directory this name was given: a marker edited to point elsewhere is not followed.
            let path = marker.path.standardizedFileURL
            guard path.lastPathComponent == name else { continue }
            try Leftover(name: name, path: path).remove(from: self)
            removed.append(StaleWorktree(path: path, owner: marker.owner))
        }
        return removed
    }
}
