import Foundation

/// One verdict on one commit, as `git bench notes log` lists them.
public struct NoteLogEntry: Sendable, Equatable, Codable {
    /// The annotated commit.
    public var commit: ObjectID
    /// The commit's summary line.
    public var summary: String
    /// The committer time, ISO 8601 in UTC.
    public var committedAt: String
    /// One verdict line of its note.
    public var verdict: NoteLine

    enum CodingKeys: String, CodingKey {
        case commit, summary
        case committedAt = "committed_at"
        case verdict
    }
}

/// The verdict note of one commit, as `git bench notes show` reports it.
public struct NoteShow: Sendable, Equatable, Codable {
    /// The commit whose note was read.
    public var commit: ObjectID
    /// The notes ref read.
    public var ref: String
    /// The verdict lines, parsed; empty when the commit has no note.
    public var verdicts: [NoteLine]
    /// The note's other text, line by line.
    public var otherLines: [String]
    /// False when the commit has no note at all.
    public var hasNote: Bool

    enum CodingKeys: String, CodingKey {
        case commit, ref, verdicts
        case otherLines = "other_lines"
        case hasNote = "has_note"
    }
}

/// What `git bench notes push` or `pull` did.
public enum NotesSync: Sendable, Equatable {
    /// Push: there is no local notes ref yet, so there was nothing to send.
    case nothingToPush
    /// Push: the remote's notes ref now points at `commit`.
    case pushed(commit: ObjectID)
    /// Pull: the remote has no notes ref.
    case remoteHasNoNotes
    /// Pull: the local notes ref already contained everything the remote had.
    case upToDate
    /// Pull: the local notes ref was absent or behind and now points at the remote's notes commit.
    case fastForward(to: ObjectID)
    /// Pull: both sides had new notes; `commit` merges them (`combinedNotes` commits had a note on both sides that
    /// differed and were merged line by line).
    case merged(commit: ObjectID, combinedNotes: Int)
}

/// Verdicts in git: the notes of one repository under one notes ref (`bench.notesRef`, default `refs/notes/bench`).
///
/// Not `Sendable` (it holds a `Repository`): to use it from another task, open it again there.
public final class BenchNotes {
    /// The repository whose notes these are, and the notes ref used.
    public let repository: Repository
    public let ref: NoteRef

    /// The notes of `repository` under `ref`.
    public init(repository: Repository, ref: NoteRef) {
        self.repository = repository
        self.ref = ref
    }

    /// The notes of the repository containing `directory`, under the notes ref its configuration names.
    ///
    /// Throws `GitError.notARepository`, `GitError.readConfig` and `ConfigError.invalidValue` (a bad
    /// `bench.notesRef`).
    public static func open(
        from directory: URL, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> BenchNotes {
        let repository = try Repository.discover(from: directory)
        let ref = try BenchConfig.load(for: repository, environment: environment).notesRef()
        return BenchNotes(repository: repository, ref: ref)
    }

    /// Writes `verdicts` onto `commit`'s note: each replaces the line of its own `project/benchmark` in place, the
    /// lines stay sorted, and every other line (other benchmarks, other projects, text someone else wrote) is kept,
    /// except that a worse-informed verdict never replaces a decided one (`NoteLine.isLessInformed(than:)`).
    /// Each change is a new commit on the notes ref, whose history thus keeps every earlier verdict.
    ///
    /// Throws `GitError.writeNote`.
    @discardableResult
    public func record(_ verdicts: [Verdict], on commit: ObjectID, version: String = GitBench.version, at date: Date = Date(),
                       storeTip: (count: Int64, hash: String)? = nil, host: String? = nil) throws -> NoteWrite {
        let summary = verdicts.map { "\($0.project)/\($0.benchmark) \($0.kind.rawValue)" }.joined(separator: ", ")
        let message = "git-bench \(version): verdicts on \(commit.short)\n\n\(summary)\n"
        return try repository.updateNote(on: commit, ref: ref, message: message) { existing in
            var note = CommitNote(parsing: existing)
            for verdict in verdicts {
                let line = NoteLine(verdict: verdict, version: version, evaluatedAt: date, storeTip: storeTip, host: host)
                if let noted = note.verdict(project: line.project, benchmark: line.benchmark), line.isLessInformed(than: noted) { continue }
                note.record(line)
            }
            return note.text
        }
    }

    /// The parsed note on the commit `revision` names.
    ///
    /// Throws `GitError.unknownRevision`/`resolveRevision` for a bad revision and `GitError.readNote`.
    public func show(_ revision: String = "HEAD") throws -> NoteShow {
        let commit = try repository.resolveCommit(revision)
        let text = try repository.note(on: commit, ref: ref)
        let note = CommitNote(parsing: text)
        return NoteShow(commit: commit, ref: ref.name, verdicts: note.verdicts, otherLines: note.otherLines, hasNote: text != nil)
    }

    /// The verdicts along the history `revision` names (`HEAD`, `main`, `A..B`), newest commit first, one entry per
    /// commit and verdict line (sorted by benchmark within a commit); commits without a verdict are skipped.
    ///
    /// First-parent by default, like a branch's own history; `firstParent: false` also lists merged-in commits.
    /// `benchmark` keeps only the lines of that benchmark (`name` or `project/name`). The notes trees are listed
    /// once and only the notes of listed commits are read, so this stays fast on long histories.
    /// Throws what `Repository.commits(in:firstParent:limit:)` and the note readers throw.
    public func log(_ revision: String = "HEAD", firstParent: Bool = true, benchmark: String? = nil) throws -> [NoteLogEntry] {
        let blobs = try repository.noteBlobs(in: ref)
        guard !blobs.isEmpty else {
            // Nothing to list, but a revision that does not exist is still the caller's mistake to hear about.
            _ = try repository.commits(in: revision, firstParent: firstParent, limit: 1)
            return []
        }
        var entries: [NoteLogEntry] = []
        for commit in try repository.commits(in: revision, firstParent: firstParent) {
            guard let blob = blobs[commit] else { continue }
            let verdicts = CommitNote(parsing: try repository.noteText(blob: blob)).verdicts.filter {
                benchmark == nil || $0.benchmark == benchmark || $0.key == benchmark
            }
            guard !verdicts.isEmpty else { continue }
            let summary = try repository.commitSummary(of: commit)
            let committedAt = Timestamp.string(summary.time)
            entries += verdicts.map { NoteLogEntry(commit: commit, summary: summary.summary, committedAt: committedAt, verdict: $0) }
        }
        return entries
    }

    /// Sends the notes ref to `remote` with `git push` (the pre-push hook is not run for it). A rejected push
    /// (the remote has notes this repository lacks) needs `pull(from:)` first.
    ///
    /// Throws `GitError.runGit` when git fails, with its message.
    public func push(to remote: String) throws -> NotesSync {
        guard let tip = try repository.referenceTarget(ref.name) else { return .nothingToPush }
        let operation = NetworkOperation.push(remote: remote, ref: ref.name)
        let result = try repository.run(operation)
        guard result.status == 0 else {
            var cause = Self.lastLines(result.stderr)
            if result.stderr.contains("[rejected]") || result.stderr.contains("non-fast-forward") {
                cause += "; the remote has verdicts this repository lacks: run `git bench notes pull \(remote)`, then push again"
            }
            throw GitError.runGit(arguments: operation.arguments, status: result.status, cause: cause)
        }
        return .pushed(commit: tip)
    }

    /// Fetches `remote`'s notes ref and merges it into the local one without losing a line: a fast-forward when
    /// one side is behind; otherwise a notes merge commit (parents: both tips) holding, for every commit, the union
    /// of both notes by `project/benchmark`, where the newer evaluation (`at=`) wins (`CommitNote.merged`).
    ///
    /// The remote's notes are fetched into the temporary ref `<ref>-remote-tmp`, which is deleted afterwards.
    /// Throws `GitError.runGit` when git fails, `GitError.mergeNotes` when the merge fails (for example because
    /// a verdict was written locally meanwhile: pull again), and the other `GitError`s of the note readers.
    public func pull(from remote: String) throws -> NotesSync {
        let probe = NetworkOperation.listRemoteRef(remote: remote, ref: ref.name)
        let listed = try repository.run(probe)
        // `ls-remote --exit-code` exits 2 when the remote answered but has no such ref.
        if listed.status == 2 { return .remoteHasNoNotes }
        guard listed.status == 0 else {
            throw GitError.runGit(arguments: probe.arguments, status: listed.status, cause: Self.lastLines(listed.stderr))
        }

        let temporary = ref.name + "-remote-tmp"
        let fetch = NetworkOperation.fetch(remote: remote, source: ref.name, destination: temporary)
        let fetched = try repository.run(fetch)
        do {
            guard fetched.status == 0 else {
                throw GitError.runGit(arguments: fetch.arguments, status: fetched.status, cause: Self.lastLines(fetched.stderr))
            }
            guard let theirs = try repository.referenceTarget(temporary) else {
                throw GitError.runGit(arguments: fetch.arguments, status: fetched.status, cause: "git fetch did not create \(temporary)")
            }
            let merge = try repository.mergeNotes(into: ref, from: theirs, message: "notes: git-bench merge of \(ref.name) from \(remote)") {
                _, ours, theirs in CommitNote.merged(CommitNote(parsing: ours), CommitNote(parsing: theirs)).text
            }
            try repository.deleteReference(temporary)
            switch merge {
            case .upToDate: return .upToDate
            case .fastForward(let commit): return .fastForward(to: commit)
            case .merged(let commit, let combined): return .merged(commit: commit, combinedNotes: combined)
            }
        } catch {
            // The failure is what the caller needs to see; the temporary ref is only scratch, and a leftover one is
            // overwritten by the next pull.
            try? repository.deleteReference(temporary)
            throw error
        }
    }

    /// Every verdict line of every note under the ref, with the commit it annotates, in no particular order.
    public func allLines() throws -> [(commit: ObjectID, line: NoteLine)] {
        try repository.noteBlobs(in: ref).flatMap { commit, blob in
            CommitNote(parsing: try repository.noteText(blob: blob)).verdicts.map { (commit, $0) }
        }
    }

    /// The last three non-empty lines of git's stderr, joined: enough to say why, short enough for one line.
    private static func lastLines(_ text: String) -> String {
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return lines.suffix(3).joined(separator: " / ")
    }
}
