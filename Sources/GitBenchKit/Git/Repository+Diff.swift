import CGit2

extension Repository {
    /// Patch text of HEAD -> working tree (index included), with untracked files' contents shown
    /// as additions: what `git add -A; git diff --cached HEAD` would show, without rename
    /// detection. Ignored files are left out; binary files show as "Binary files … differ".
    ///
    /// Returns "" for a clean tree. In a repository without commits, everything is an addition.
    /// Throws `GitError.diffAgainstHead` when HEAD, the index or the working tree cannot be read.
    public func diffAgainstHead() throws -> String {
        let failure = { (cause: String) in GitError.diffAgainstHead(path: self.displayPath, cause: cause) }
        let headTree = try headTreeIfBorn(failure)
        defer { if let headTree { git_tree_free(headTree) } }

        var options = git_diff_options()
        try check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), failure)
        options.flags = GIT_DIFF_INCLUDE_UNTRACKED.rawValue
            | GIT_DIFF_RECURSE_UNTRACKED_DIRS.rawValue
            | GIT_DIFF_SHOW_UNTRACKED_CONTENT.rawValue

        // "with_index" makes staged deletions and additions count, as `git diff HEAD` does.
        let diff = try makeHandle({ git_diff_tree_to_workdir_with_index(&$0, handle, headTree, &options) }, failure)
        defer { git_diff_free(diff) }

        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        try check(git_diff_to_buf(&buffer, diff, GIT_DIFF_FORMAT_PATCH), failure)
        guard let bytes = buffer.ptr, buffer.size > 0 else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: bytes, count: buffer.size), as: UTF8.self)
    }

    /// HEAD's tree, or `nil` when the current branch has no commit yet; the caller frees it.
    func headTreeIfBorn(_ failure: (String) -> GitError) throws -> OpaquePointer? {
        var reference: OpaquePointer?
        let code = git_repository_head(&reference, handle)
        if code == GIT_EUNBORNBRANCH.rawValue {
            git_error_clear()
            return nil
        }
        try check(code, failure)
        guard let reference else { throw failure("libgit2 returned no reference") }
        defer { git_reference_free(reference) }
        return try makeHandle({ git_reference_peel(&$0, reference, GIT_OBJECT_TREE) }, failure)
    }
}
