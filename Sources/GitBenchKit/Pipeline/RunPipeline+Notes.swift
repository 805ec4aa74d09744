import Foundation

/// The note stage: verdicts go onto the commit they judge, under the project's notes ref.
extension RunPipeline {
    /// Writes `verdicts` onto `commit`'s verdict note under the project's notes ref (`bench.notesRef`, default
    /// `refs/notes/bench`); see `BenchNotes.record(_:on:version:at:)`. Returns `nil` when there is nothing to write.
    ///
    /// Runs after the verdicts are computed and the runs are stored, so a failure here never loses data: callers
    /// report it as a warning and keep the verdict's exit code.
    /// Throws `GitError` (reading the repository, config or notes, or writing the note) and `ConfigError`.
    @discardableResult
    public func recordVerdicts(_ verdicts: [Verdict], on commit: ObjectID, in project: ProjectContext, at date: Date = Date()) throws -> NoteWrite? {
        try recordVerdicts(verdicts, on: commit, inRepositoryAt: project.root, at: date)
    }

    /// `recordVerdicts(_:on:in:at:)` for the repository containing `directory` (a linked or temporary worktree
    /// writes into the main repository's notes: notes refs are shared).
    public func recordVerdicts(_ verdicts: [Verdict], on commit: ObjectID, inRepositoryAt directory: URL, at date: Date = Date()) throws -> NoteWrite? {
        // STALE is about this working tree, not about the commit: it is never written into the commit's note.
        let verdicts = verdicts.filter { $0.kind != .stale }
        guard !verdicts.isEmpty else { return nil }
        let repository = try Repository.discover(from: directory)
        let notes = BenchNotes(repository: repository, ref: try BenchConfig.load(for: repository).notesRef())
        // The note also anchors this host's store: `verify --against-notes` checks the tip it records.
        let tip = try store.runsTip()
        return try notes.record(verdicts, on: commit, at: date, storeTip: tip.map { ($0.count, $0.hash) }, host: host)
    }
}
