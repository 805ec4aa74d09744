import CGit2
import Foundation

/// A commit as a history listing shows it.
public struct CommitSummary: Sendable, Equatable, Codable {
    /// The commit.
    public var id: ObjectID
    /// The first paragraph of the message, on one line (`git log --format=%s`).
    public var summary: String
    /// The committer time.
    public var time: Date
}

extension Repository {
    /// The commits a revision or range names, newest first, as `git rev-list [--first-parent] <revision>` lists
    /// them: `HEAD` or `main` (that commit and its ancestors), `A..B` (reachable from B, not from A), `A..` and
    /// `..B` (the missing side is HEAD).
    ///
    /// With `firstParent` (the default) only the first parent of each merge is followed, so a branch's own
    /// history is listed without the commits merged into it. `limit` stops after that many commits.
    /// Throws `GitError.unknownRevision` when a side names nothing, `GitError.resolveRevision` for a symmetric
    /// range (`A...B`) or a side that is not a commit, and `GitError.walkHistory` when the walk fails.
    public func commits(in revision: String, firstParent: Bool = true, limit: Int? = nil) throws -> [ObjectID] {
        let failure = { (cause: String) in GitError.walkHistory(revision: revision, cause: cause) }
        let (from, to) = try rangeEnds(revision)
        let walk = try makeHandle({ git_revwalk_new(&$0, handle) }, failure)
        defer { git_revwalk_free(walk) }
        if firstParent { try check(git_revwalk_simplify_first_parent(walk), failure) }
        var tip = to.oid
        try check(git_revwalk_push(walk, &tip), failure)
        if let from {
            var hidden = from.oid
            try check(git_revwalk_hide(walk, &hidden), failure)
        }

        var found: [ObjectID] = []
        var next = git_oid()
        while limit.map({ found.count < $0 }) ?? true {
            let code = git_revwalk_next(&next, walk)
            if code == GIT_ITEROVER.rawValue {
                git_error_clear()
                break
            }
            try check(code, failure)
            found.append(ObjectID(next))
        }
        return found
    }

    /// The summary line and committer time of `commit`.
    ///
    /// Throws `GitError.findCommit` when the commit is not in the repository.
    public func commitSummary(of commit: ObjectID) throws -> CommitSummary {
        let commitHandle = try lookupCommit(commit)
        defer { git_commit_free(commitHandle) }
        let summary = git_commit_summary(commitHandle).map { String(cString: $0) } ?? ""
        let time = Date(timeIntervalSince1970: TimeInterval(git_commit_time(commitHandle)))
        return CommitSummary(id: commit, summary: summary, time: time)
    }

    /// The hidden (`nil` for a single revision) and the visible end of `revision`, both peeled to commits.
    private func rangeEnds(_ revision: String) throws -> (from: ObjectID?, to: ObjectID) {
        let failure = { (cause: String) in GitError.resolveRevision(revision, cause: cause) }
        var spec = git_revspec()
        let code = git_revparse(&spec, handle, revision)
        if code == GIT_ENOTFOUND.rawValue || code == GIT_EAMBIGUOUS.rawValue || code == GIT_EINVALIDSPEC.rawValue {
            git_error_clear()
            throw GitError.unknownRevision(revision)
        }
        try check(code, failure)
        defer {
            if let from = spec.from { git_object_free(from) }
            if let to = spec.to { git_object_free(to) }
        }
        if spec.flags & GIT_REVSPEC_MERGE_BASE.rawValue != 0 {
            throw failure("symmetric ranges (A...B) are not supported; use A..B")
        }
        if spec.flags & GIT_REVSPEC_RANGE.rawValue != 0 {
            guard let from = spec.from, let to = spec.to else { throw failure("libgit2 returned an incomplete range") }
            return (try peeledCommit(from, failure), try peeledCommit(to, failure))
        }
        guard let single = spec.from else { throw failure("libgit2 returned no object") }
        return (nil, try peeledCommit(single, failure))
    }

    private func peeledCommit(_ object: OpaquePointer, _ failure: (String) -> GitError) throws -> ObjectID {
        let commit = try makeHandle({ git_object_peel(&$0, object, GIT_OBJECT_COMMIT) }, failure)
        defer { git_object_free(commit) }
        guard let oid = git_object_id(commit) else { throw failure("libgit2 returned no object id") }
        return ObjectID(oid.pointee)
    }
}
