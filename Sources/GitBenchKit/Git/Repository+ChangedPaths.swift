import CGit2

extension Repository {
    /// The paths that differ between the trees of `base` and `commit` (what `git diff --name-only base commit`
    /// lists, plus the old side of every entry): added, modified, deleted and type-changed files, slash-separated
    /// and relative to the repository root, sorted, without duplicates.
    ///
    /// Renames are not detected, so a renamed file appears as the deletion of its old path and the addition of its
    /// new one: both paths are listed, which is what path-aware selection needs (a benchmark watching either side
    /// must run). Changes made and undone again between the two commits do not show: only the two trees are
    /// compared. Throws `GitError.findCommit` when either commit is missing and `GitError.diffCommits` when a tree
    /// cannot be read or diffed.
    public func changedPaths(from base: ObjectID, to commit: ObjectID) throws -> [String] {
        let failure = { (cause: String) in GitError.diffCommits(from: base, to: commit, cause: cause) }
        let oldTree = try tree(of: base, failure)
        defer { git_tree_free(oldTree) }
        let newTree = try tree(of: commit, failure)
        defer { git_tree_free(newTree) }
        return try Array(Set(paths(from: oldTree, to: newTree, failure))).sorted()
    }

    /// The paths `commit` changed relative to its first parent, as `changedPaths(from:to:)` lists them; for a root
    /// commit, every file in its tree. A merge commit is compared with its first parent, so it lists what the merge
    /// brought into the branch.
    ///
    /// Throws `GitError.findCommit` when the commit is missing and `GitError.diffCommits` when a tree cannot be read.
    public func changedPaths(in commit: ObjectID) throws -> [String] {
        let commitHandle = try lookupCommit(commit)
        defer { git_commit_free(commitHandle) }
        let failure = { (cause: String) in GitError.diffCommits(from: nil, to: commit, cause: cause) }
        let newTree = try makeHandle({ git_commit_tree(&$0, commitHandle) }, failure)
        defer { git_tree_free(newTree) }
        guard git_commit_parentcount(commitHandle) > 0 else {
            // A root commit: diffing against no tree lists every file as added.
            return try Array(Set(paths(from: nil, to: newTree, failure))).sorted()
        }
        let parent = try makeHandle({ git_commit_parent(&$0, commitHandle, 0) }, failure)
        defer { git_commit_free(parent) }
        let oldTree = try makeHandle({ git_commit_tree(&$0, parent) }, failure)
        defer { git_tree_free(oldTree) }
        return try Array(Set(paths(from: oldTree, to: newTree, failure))).sorted()
    }

    /// The union of the paths touched by each commit in `base..commit` (reachable from `commit`, not from `base`;
    /// every commit reachable from `commit` when `base` is nil), each compared with its first parent as
    /// `changedPaths(in:)` does. Sorted, without duplicates.
    ///
    /// Unlike `changedPaths(from:to:)` this also lists a file that one commit changed and a later one changed back:
    /// it answers "did any of these commits touch the path", which is what a hook checking a pushed range asks.
    /// Throws `GitError.walkCommits` when the history cannot be walked, and what `changedPaths(in:)` throws.
    public func pathsTouched(byCommitsFrom base: ObjectID?, to commit: ObjectID) throws -> [String] {
        var touched = Set<String>()
        for each in try commits(from: base, to: commit) {
            touched.formUnion(try changedPaths(in: each))
        }
        return touched.sorted()
    }

    /// The commits reachable from `commit` and not from `base`, newest first.
    private func commits(from base: ObjectID?, to commit: ObjectID) throws -> [ObjectID] {
        let failure = { (cause: String) in GitError.walkCommits(from: base, to: commit, cause: cause) }
        let walk = try makeHandle({ git_revwalk_new(&$0, handle) }, failure)
        defer { git_revwalk_free(walk) }
        var tip = commit.oid
        try check(git_revwalk_push(walk, &tip), failure)
        if let base {
            var hidden = base.oid
            try check(git_revwalk_hide(walk, &hidden), failure)
        }
        var found: [ObjectID] = []
        var next = git_oid()
        while true {
            let code = git_revwalk_next(&next, walk)
            if code == GIT_ITEROVER.rawValue {
                git_error_clear()
                return found
            }
            try check(code, failure)
            found.append(ObjectID(next))
        }
    }

    /// `commit`'s tree; the caller frees it with `git_tree_free`.
    private func tree(of commit: ObjectID, _ failure: (String) -> GitError) throws -> OpaquePointer {
        let commitHandle = try lookupCommit(commit)
        defer { git_commit_free(commitHandle) }
        return try makeHandle({ git_commit_tree(&$0, commitHandle) }, failure)
    }

    /// Old and new path of every delta between two trees (`nil` old tree: the empty tree).
    private func paths(from oldTree: OpaquePointer?, to newTree: OpaquePointer, _ failure: (String) -> GitError) throws -> [String] {
        var options = git_diff_options()
        try check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), failure)
        options.flags = GIT_DIFF_INCLUDE_TYPECHANGE.rawValue
        let diff = try makeHandle({ git_diff_tree_to_tree(&$0, handle, oldTree, newTree, &options) }, failure)
        defer { git_diff_free(diff) }

        var paths: [String] = []
        for index in 0..<git_diff_num_deltas(diff) {
            guard let delta = git_diff_get_delta(diff, index) else { continue }
            if let path = delta.pointee.old_file.path { paths.append(String(cString: path)) }
            if let path = delta.pointee.new_file.path { paths.append(String(cString: path)) }
        }
        return paths
    }
}
