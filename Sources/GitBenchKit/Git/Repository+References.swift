import CGit2

extension Repository {
    /// The object a reference points at (`refs/notes/bench`, `refs/heads/main`), following symbolic refs; `nil`
    /// when the reference does not exist.
    ///
    /// References live in the main repository's directory, so a linked worktree sees the same answer as its main
    /// working tree (except for HEAD and the other per-worktree refs). Throws `GitError.updateReference` when the
    /// reference exists but cannot be read.
    public func referenceTarget(_ name: String) throws -> ObjectID? {
        var oid = git_oid()
        let isFound = try checkFound(git_reference_name_to_id(&oid, handle, name)) {
            .updateReference(name: name, cause: $0)
        }
        return isFound ? ObjectID(oid) : nil
    }

    /// Deletes a reference; does nothing when it does not exist.
    ///
    /// Throws `GitError.updateReference` when it exists but cannot be deleted.
    public func deleteReference(_ name: String) throws {
        let failure = { (cause: String) in GitError.updateReference(name: name, cause: cause) }
        guard let reference = try makeHandleIfFound({ git_reference_lookup(&$0, handle, name) }, failure) else { return }
        defer { git_reference_free(reference) }
        try check(git_reference_delete(reference), failure)
    }

    /// True when `ancestor` is reachable from `commit` by following parents, or is `commit` itself.
    ///
    /// Throws `GitError.findCommit` when either commit is missing from the object database.
    public func isAncestor(_ ancestor: ObjectID, of commit: ObjectID) throws -> Bool {
        if ancestor == commit { return true }
        var commitOID = commit.oid
        var ancestorOID = ancestor.oid
        let answer = git_graph_descendant_of(handle, &commitOID, &ancestorOID)
        try check(answer) { .findCommit(ancestor, cause: $0) }
        return answer == 1
    }

    /// Points the reference `name` at `target`, but only if it still points at `expected` (`nil`: only if it does
    /// not exist yet), so a concurrent writer is never overwritten. Returns `false` when someone moved it first.
    ///
    /// Throws the `GitError` built by `failure` for any other error.
    func moveReference(
        _ name: String, to target: ObjectID, expected: ObjectID?, message: String, _ failure: (String) -> GitError
    ) throws -> Bool {
        var newOID = target.oid
        var reference: OpaquePointer?
        let code: Int32
        if let expected {
            var expectedOID = expected.oid
            code = git_reference_create_matching(&reference, handle, name, &newOID, 1, &expectedOID, message)
        } else {
            code = git_reference_create_matching(&reference, handle, name, &newOID, 0, nil, message)
        }
        if let reference { git_reference_free(reference) }
        // GIT_EMODIFIED: it moved since `expected` was read; GIT_EEXISTS: it was created meanwhile.
        if code == GIT_EMODIFIED.rawValue || code == GIT_EEXISTS.rawValue {
            git_error_clear()
            return false
        }
        try check(code, failure)
        return true
    }
}
