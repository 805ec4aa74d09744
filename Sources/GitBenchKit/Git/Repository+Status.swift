import CGit2

extension Repository {
    /// True when the working tree or index differs from HEAD, untracked files included, ignored
    /// files excluded (what a non-empty `git status --porcelain` means).
    ///
    /// In a repository without commits, any file makes it dirty. Throws `GitError.readStatus`,
    /// for example for a bare repository, which has no working tree.
    public func isDirty() throws -> Bool {
        let failure = { (cause: String) in GitError.readStatus(path: self.displayPath, cause: cause) }
        var options = git_status_options()
        try check(git_status_options_init(&options, UInt32(GIT_STATUS_OPTIONS_VERSION)), failure)
        options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR
        // Without RECURSE_UNTRACKED_DIRS an untracked directory is one entry, which is enough to
        // answer "dirty?" and avoids walking it. Ignored files stay out: IGNORED is not requested.
        options.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED.rawValue

        let list = try makeHandle({ git_status_list_new(&$0, handle, &options) }, failure)
        defer { git_status_list_free(list) }
        return git_status_list_entrycount(list) > 0
    }
}
