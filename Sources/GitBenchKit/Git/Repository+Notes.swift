import CGit2

/// What writing a note did.
public struct NoteWrite: Sendable, Equatable {
    /// The notes commit the notes ref points at afterwards (`nil` only when nothing was written to an absent ref).
    public var notesCommit: ObjectID?
    /// False when the note already had the requested text, so no notes commit was made.
    public var isChanged: Bool
    /// True when `user.name`/`user.email` are not configured and the notes commit was signed
    /// `git-bench <git-bench@localhost>` instead.
    public var usesFallbackIdentity: Bool
}

/// What merging another notes commit into a notes ref did.
public enum NotesMerge: Sendable, Equatable {
    /// The other side added nothing: it is the same commit, or already part of the ref's history.
    case upToDate
    /// The ref was absent or behind, and now points at the other commit.
    case fastForward(to: ObjectID)
    /// Both sides had new notes commits: a merge commit with both as parents now holds the union of their notes.
    /// `combinedNotes` counts the commits whose note differed on the two sides and was resolved.
    case merged(commit: ObjectID, combinedNotes: Int)
}

extension Repository {
    /// The identity git-bench falls back to when `user.name` or `user.email` is not configured.
    static let fallbackIdentity = (name: "git-bench", email: "git-bench@localhost")

    /// How often a read-modify-write of a notes ref is retried when another writer moved the ref in between.
    private static let noteWriteAttempts = 20

    /// The text of the note on `commit` in `ref` (what `git notes --ref=<ref> show <commit>` prints); `nil` when
    /// the commit has no note there or the notes ref does not exist.
    ///
    /// Notes refs are shared by all worktrees, so a linked worktree reads the main repository's notes.
    /// Throws `GitError.readNote` when the notes cannot be read.
    public func note(on commit: ObjectID, ref: NoteRef = .bench) throws -> String? {
        let failure = { (cause: String) in GitError.readNote(commit: commit, ref: ref.name, cause: cause) }
        var oid = commit.oid
        guard let note = try makeHandleIfFound({ git_note_read(&$0, handle, ref.name, &oid) }, failure) else {
            return nil
        }
        defer { git_note_free(note) }
        return git_note_message(note).map { String(cString: $0) } ?? ""
    }

    /// Replaces (or creates) the note on `commit` in `ref` with `text`, as `git notes --ref=<ref> add -f` does;
    /// each change is a new commit on the notes ref, so its history keeps every earlier note.
    ///
    /// Throws `GitError.writeNote`; see `updateNote(on:ref:_:)`.
    @discardableResult
    public func setNote(_ text: String, on commit: ObjectID, ref: NoteRef = .bench, message: String = "Notes added by git-bench") throws -> NoteWrite {
        try updateNote(on: commit, ref: ref, message: message) { _ in text }
    }

    /// Reads the note on `commit` in `ref` (`nil` when there is none), passes it to `transform`, and writes what
    /// it returns as a new notes commit; nothing is written when the text is unchanged.
    ///
    /// The read and the write are one compare-and-swap on the notes ref: when another process moves the ref in
    /// between, the note is read again and `transform` runs again, so concurrent writers never lose each other's
    /// notes. The author and committer come from `user.name`/`user.email` (`git_signature_default`), or
    /// `git-bench <git-bench@localhost>` when those are not set (`usesFallbackIdentity` says so). The note lands in
    /// the main repository even when this repository was opened from a linked worktree. `message` is the notes
    /// commit's message.
    /// Throws `GitError.writeNote` when the note cannot be read or written, or the ref keeps moving, and rethrows
    /// what `transform` throws.
    public func updateNote(
        on commit: ObjectID, ref: NoteRef = .bench, message: String = "Notes added by git-bench", _ transform: (String?) throws -> String
    ) throws -> NoteWrite {
        let failure = { (cause: String) in GitError.writeNote(commit: commit, ref: ref.name, cause: cause) }
        for _ in 0..<Self.noteWriteAttempts {
            let tip = try referenceTarget(ref.name)
            let parent = try tip.map { try lookupCommit($0) }
            defer { if let parent { git_commit_free(parent) } }

            var target = commit.oid
            var existing: String?
            if let parent, let note = try makeHandleIfFound({ git_note_commit_read(&$0, handle, parent, &target) }, failure) {
                existing = git_note_message(note).map { String(cString: $0) } ?? ""
                git_note_free(note)
            }
            let text = try transform(existing)
            if text == existing {
                return NoteWrite(notesCommit: tip, isChanged: false, usesFallbackIdentity: false)
            }

            let (signature, usesFallback) = try defaultSignature(failure)
            defer { git_signature_free(signature) }
            var notesCommit = git_oid()
            var blob = git_oid()
            // allow_note_overwrite = 1: replacing the note is the point (`git notes add -f`).
            try check(git_note_commit_create(&notesCommit, &blob, handle, parent, signature, signature, &target, text, 1), failure)
            // libgit2 names every notes commit "Notes added by 'git_note_create' from libgit2"; commit the same tree
            // and parent again under our message, so `git log <notes ref>` says what changed. The first commit is
            // never referenced and goes away with the next gc.
            let newTip = try recommit(ObjectID(notesCommit), message: message, failure)
            if try moveReference(ref.name, to: newTip, expected: tip, message: "notes: git-bench note on \(commit.short)", failure) {
                return NoteWrite(notesCommit: newTip, isChanged: true, usesFallbackIdentity: usesFallback)
            }
            // Someone else moved the notes ref between our read and our write: start again from their tip.
        }
        throw failure("the notes ref kept changing during \(Self.noteWriteAttempts) attempts; try again")
    }

    /// Every note in `ref`: the annotated object's ID mapped to the ID of the blob holding the note's text. Empty
    /// when the notes ref does not exist. Reads only the notes trees (fanned out or flat), not the note texts; use
    /// `noteText(blob:)` for those.
    ///
    /// Throws `GitError.listNotes` when the notes cannot be listed.
    public func noteBlobs(in ref: NoteRef = .bench) throws -> [ObjectID: ObjectID] {
        let failure = { (cause: String) in GitError.listNotes(ref: ref.name, cause: cause) }
        guard let iterator = try makeHandleIfFound({ git_note_iterator_new(&$0, handle, ref.name) }, failure) else {
            return [:]
        }
        defer { git_note_iterator_free(iterator) }
        return try collectNotes(iterator, failure)
    }

    /// Every note in the notes commit `notesCommit` (a tip or an older commit of a notes ref), as
    /// `noteBlobs(in:)` lists them.
    ///
    /// Throws `GitError.findCommit` when the commit is missing and `GitError.listNotes` when its notes cannot be
    /// listed.
    public func noteBlobs(inNotesCommit notesCommit: ObjectID) throws -> [ObjectID: ObjectID] {
        let failure = { (cause: String) in GitError.listNotes(ref: notesCommit.short, cause: cause) }
        let commitHandle = try lookupCommit(notesCommit)
        defer { git_commit_free(commitHandle) }
        let iterator = try makeHandle({ git_note_commit_iterator_new(&$0, commitHandle) }, failure)
        defer { git_note_iterator_free(iterator) }
        return try collectNotes(iterator, failure)
    }

    /// The text of a note's blob, as listed by `noteBlobs(in:)` (invalid UTF-8 is repaired).
    ///
    /// Throws `GitError.listNotes` when the blob cannot be read.
    public func noteText(blob: ObjectID) throws -> String {
        let failure = { (cause: String) in GitError.listNotes(ref: "blob \(blob.short)", cause: cause) }
        var oid = blob.oid
        let blobHandle = try makeHandle({ git_blob_lookup(&$0, handle, &oid) }, failure)
        defer { git_blob_free(blobHandle) }
        let size = Int(git_blob_rawsize(blobHandle))
        guard size > 0, let bytes = git_blob_rawcontent(blobHandle) else { return "" }
        // Decode while `blobHandle` is alive: the raw content belongs to it.
        return String(decoding: UnsafeRawBufferPointer(start: bytes, count: size), as: UTF8.self)
    }

    /// Merges the notes commit `other` (typically fetched from a remote) into the notes ref `ref`.
    ///
    /// An absent or behind ref is fast-forwarded; a ref that already contains `other` is left alone. When both
    /// sides have their own notes commits, the result is a new notes commit whose parents are both tips and whose
    /// notes are the union of both sides: a commit annotated on one side only keeps that note, identical notes stay,
    /// and for a commit whose note differs on the two sides `resolve(commit, ours, theirs)` returns the merged text.
    /// This is a two-way union, so a note removed on one side only comes back from the other. The ref is moved
    /// with a compare-and-swap, so a note written locally during the merge is never lost (the merge fails instead).
    /// Throws `GitError.mergeNotes` (also when the ref moved during the merge) and `GitError.findCommit`.
    public func mergeNotes(
        into ref: NoteRef, from other: ObjectID, message: String, resolve: (ObjectID, String, String) throws -> String
    ) throws -> NotesMerge {
        let failure = { (cause: String) in GitError.mergeNotes(ref: ref.name, other: other, cause: cause) }
        let movedMeanwhile = "\(ref.name) changed during the merge; run the pull again"
        guard let local = try referenceTarget(ref.name) else {
            guard try moveReference(ref.name, to: other, expected: nil, message: message, failure) else { throw failure(movedMeanwhile) }
            return .fastForward(to: other)
        }
        if try isAncestor(other, of: local) { return .upToDate }
        if try isAncestor(local, of: other) {
            guard try moveReference(ref.name, to: other, expected: local, message: message, failure) else { throw failure(movedMeanwhile) }
            return .fastForward(to: other)
        }

        let ours = try noteBlobs(inNotesCommit: local)
        let theirs = try noteBlobs(inNotesCommit: other)
        var merged = ours
        var combined = 0
        for (target, theirBlob) in theirs {
            guard let ourBlob = ours[target] else {
                merged[target] = theirBlob
                continue
            }
            guard ourBlob != theirBlob else { continue }
            let text = try resolve(target, try noteText(blob: ourBlob), try noteText(blob: theirBlob))
            merged[target] = try createBlob(text, failure)
            combined += 1
        }

        let tree = try writeFlatNotesTree(merged, failure)
        let mergeCommit = try createCommit(tree: tree, parents: [local, other], message: message, failure)
        guard try moveReference(ref.name, to: mergeCommit, expected: local, message: message, failure) else { throw failure(movedMeanwhile) }
        return .merged(commit: mergeCommit, combinedNotes: combined)
    }

    // MARK: - Helpers

    private func collectNotes(_ iterator: OpaquePointer, _ failure: (String) -> GitError) throws -> [ObjectID: ObjectID] {
        var notes: [ObjectID: ObjectID] = [:]
        var blob = git_oid()
        var annotated = git_oid()
        while true {
            let code = git_note_next(&blob, &annotated, iterator)
            if code == GIT_ITEROVER.rawValue {
                git_error_clear()
                return notes
            }
            try check(code, failure)
            notes[ObjectID(annotated)] = ObjectID(blob)
        }
    }

    /// The signature for a notes commit: `user.name`/`user.email`, or the fallback identity when they are unset
    /// (`git_signature_default` fails then). The caller frees it with `git_signature_free`.
    func defaultSignature(_ failure: (String) -> GitError) throws -> (UnsafeMutablePointer<git_signature>, usesFallback: Bool) {
        var signature: UnsafeMutablePointer<git_signature>?
        if git_signature_default(&signature, handle) == 0, let signature {
            return (signature, false)
        }
        git_error_clear()
        try check(git_signature_now(&signature, Self.fallbackIdentity.name, Self.fallbackIdentity.email), failure)
        guard let signature else { throw failure("libgit2 returned no signature") }
        return (signature, true)
    }

    /// A commit with the tree and parents of `commit` and the message `message`.
    private func recommit(_ commit: ObjectID, message: String, _ failure: (String) -> GitError) throws -> ObjectID {
        let commitHandle = try lookupCommit(commit)
        defer { git_commit_free(commitHandle) }
        guard let tree = git_commit_tree_id(commitHandle) else { throw failure("libgit2 returned no tree for the notes commit") }
        var parents: [ObjectID] = []
        for index in 0..<git_commit_parentcount(commitHandle) {
            guard let parent = git_commit_parent_id(commitHandle, index) else { throw failure("libgit2 returned no parent id") }
            parents.append(ObjectID(parent.pointee))
        }
        return try createCommit(tree: ObjectID(tree.pointee), parents: parents, message: message, failure)
    }

    private func createBlob(_ text: String, _ failure: (String) -> GitError) throws -> ObjectID {
        var oid = git_oid()
        let bytes = Array(text.utf8)
        try check(git_blob_create_from_buffer(&oid, handle, bytes, bytes.count), failure)
        return ObjectID(oid)
    }

    /// A notes tree with one blob per annotated object, named by its 40-hex ID at the top level (no fan-out
    /// directories: git and libgit2 read flat and fanned-out notes trees alike).
    private func writeFlatNotesTree(_ notes: [ObjectID: ObjectID], _ failure: (String) -> GitError) throws -> ObjectID {
        let builder = try makeHandle({ git_treebuilder_new(&$0, handle, nil) }, failure)
        defer { git_treebuilder_free(builder) }
        for (target, blob) in notes {
            var blobOID = blob.oid
            try check(git_treebuilder_insert(nil, builder, target.hex, &blobOID, GIT_FILEMODE_BLOB), failure)
        }
        var tree = git_oid()
        try check(git_treebuilder_write(&tree, builder), failure)
        return ObjectID(tree)
    }

    private func createCommit(tree: ObjectID, parents: [ObjectID], message: String, _ failure: (String) -> GitError) throws -> ObjectID {
        var treeOID = tree.oid
        let treeHandle = try makeHandle({ git_tree_lookup(&$0, handle, &treeOID) }, failure)
        defer { git_tree_free(treeHandle) }
        var parentHandles: [OpaquePointer?] = []
        defer { parentHandles.forEach { git_commit_free($0) } }
        for parent in parents { parentHandles.append(try lookupCommit(parent)) }

        let (signature, _) = try defaultSignature(failure)
        defer { git_signature_free(signature) }
        var commit = git_oid()
        try parentHandles.withUnsafeMutableBufferPointer { buffer in
            try check(git_commit_create(&commit, handle, nil, signature, signature, nil, message, treeHandle, buffer.count, buffer.baseAddress), failure)
        }
        return ObjectID(commit)
    }
}
