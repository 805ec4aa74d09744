import CGit2
#if canImport(Glibc)
import Glibc
#endif

extension Repository {
    /// True when the working tree or index differs from HEAD, untracked files included, ignored
    /// files excluded (what a non-empty `git status --porcelain` means).
    ///
    /// A parallel stat pass (`WorktreeScan`) settles the common cases; the paths it cannot settle by stat, or the
    /// whole tree when it cannot run, go to libgit2 status. In a repository without commits, any file makes it dirty.
    /// Throws `GitError.readStatus`, for example for a bare repository, which has no working tree.
    public func isDirty() throws -> Bool {
        let failure = { (cause: String) in GitError.readStatus(path: self.displayPath, cause: cause) }
        switch try WorktreeScan.run(self, failure) {
        case .dirty: return true
        case .clean: return false
        case .check(let paths): return try statusFindsChanges(in: paths, failure)
        case .undecided: return try statusFindsChanges(in: nil, failure)
        }
    }

    /// libgit2 status of the whole tree, or of `paths` only (literal paths; a directory covers what is under it).
    private func statusFindsChanges(in paths: [String]?, _ failure: (String) -> GitError) throws -> Bool {
        var options = git_status_options()
        try check(git_status_options_init(&options, UInt32(GIT_STATUS_OPTIONS_VERSION)), failure)
        options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR
        // Without RECURSE_UNTRACKED_DIRS an untracked directory is one entry, which is enough to
        // answer "dirty?" and avoids walking it. Ignored files stay out: IGNORED is not requested.
        options.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED.rawValue
        guard let paths else { return try statusEntryCount(&options, failure) > 0 }

        options.flags |= GIT_STATUS_OPT_DISABLE_PATHSPEC_MATCH.rawValue
        var pointers: [UnsafeMutablePointer<CChar>?] = paths.map { strdup($0) }
        defer { pointers.forEach { free($0) } }
        return try pointers.withUnsafeMutableBufferPointer { buffer in
            options.pathspec = git_strarray(strings: buffer.baseAddress, count: buffer.count)
            return try statusEntryCount(&options, failure) > 0
        }
    }

    private func statusEntryCount(_ options: inout git_status_options, _ failure: (String) -> GitError) throws -> Int {
        let list = try makeHandle({ git_status_list_new(&$0, handle, &options) }, failure)
        defer { git_status_list_free(list) }
        return git_status_list_entrycount(list)
    }
}
