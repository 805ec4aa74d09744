import Foundation

/// Where a run set is measured: the commit, the manifest as it is at that commit, and the directory the runner
/// starts in. At HEAD that is the project's working tree (which may be dirty); a pinned commit (`--at-sha`, the
/// post-commit hook, a resumed `--at-sha` run set) gets a temporary worktree, removed by `close()`.
///
/// `run` and `resume` both open one, so both measure in the same place the same way.
final class MeasurementSite {
    /// The commit measured.
    let commit: ObjectID
    /// The benchmarks as that commit defines them.
    let manifest: Manifest
    /// The runner's working directory: the repository root or the temporary worktree.
    let workingDirectory: URL
    /// The working tree has uncommitted or untracked changes (always false in a temporary worktree).
    let isDirty: Bool
    private let worktree: TemporaryWorktree?

    /// True when the site is a temporary worktree of a pinned commit.
    var usesWorktree: Bool { worktree != nil }

    private init(commit: ObjectID, manifest: Manifest, workingDirectory: URL, isDirty: Bool, worktree: TemporaryWorktree?) {
        self.commit = commit
        self.manifest = manifest
        self.workingDirectory = workingDirectory
        self.isDirty = isDirty
        self.worktree = worktree
    }

    /// HEAD of `project`'s working tree when `commit` is nil; otherwise a temporary worktree of `commit`, whose own
    /// manifest is loaded, after the worktrees earlier killed runs left behind are removed (`pruneStaleWorktrees`).
    /// Throws `GitError` and `ManifestError`.
    static func open(_ repository: Repository, project: ProjectContext, pinnedTo commit: ObjectID?, console: Console) throws -> MeasurementSite {
        guard let commit else {
            return MeasurementSite(commit: try repository.headCommit(), manifest: project.manifest, workingDirectory: project.root,
                                   isDirty: try repository.isDirty(), worktree: nil)
        }
        pruneStaleWorktrees(repository, console: console)
        let worktree = try repository.addTemporaryWorktree(at: commit, parentDirectory: URL(fileURLWithPath: NSTemporaryDirectory()),
                                                           owner: ProcessTable.current())
        do {
            // The benchmark as it was defined at that commit, not as it is now.
            let manifest = try ProjectContext.loadManifest(projectRoot: worktree.path)
            return MeasurementSite(commit: commit, manifest: manifest, workingDirectory: worktree.path, isDirty: false, worktree: worktree)
        } catch {
            try? worktree.remove()
            throw error
        }
    }

    /// Removes the temporary worktrees of `repository` that a git-bench killed before it could remove them left
    /// behind (their owner is gone; pid reuse is told apart by start time), saying so on the console. One that cannot
    /// be removed is a warning: the leftover costs disk space, not the measurement.
    static func pruneStaleWorktrees(_ repository: Repository, console: Console) {
        do {
            for stale in try repository.pruneStaleTemporaryWorktrees(isRunning: ProcessTable.isRunning) {
                console.progress("removed the temporary worktree \(stale.path.path) left by git-bench pid \(stale.owner.pid), which is gone")
            }
        } catch {
            console.warning("could not remove a temporary worktree left by a killed git-bench: \(error)")
        }
    }

    /// Removes the temporary worktree, if any. Call on every exit path (`defer`); a worktree that cannot be removed
    /// is retried by `TemporaryWorktree`'s deinit, and keeps its owner marker for the next `pruneStaleWorktrees`.
    func close() {
        try? worktree?.remove()
    }
}
