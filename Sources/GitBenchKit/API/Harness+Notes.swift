import Foundation

extension Harness {
    /// Writes `verdicts` (from `evaluate`) onto the candidate commit's verdict note under the project's notes ref
    /// (`bench.notesRef`, default `refs/notes/bench`); see `VerdictNotes.record(_:on:version:at:)`. Returns `nil`
    /// when there is nothing to write.
    ///
    /// The candidate commit is the one the verdicts were computed for (HEAD at evaluation time; HEAD now for
    /// correctness-only verdicts, which do not name it). Run after the verdicts are computed and the runs are
    /// stored, so a failure here never loses data: callers report it as a warning and keep the verdict's exit
    /// code. Warns on the console when the notes commit had to be signed with the fallback identity.
    /// Throws `GitError` (reading the repository, config or notes, or writing the note) and `ConfigError`.
    @discardableResult
    public func recordVerdicts(_ verdicts: [Verdict], in project: ProjectContext, at date: Date = Date()) throws -> NoteWrite? {
        guard !verdicts.isEmpty else { return nil }
        let repository = try Repository.open(at: project.root)
        let notes = VerdictNotes(repository: repository, ref: try BenchConfig.load(for: repository).notesRef())
        let candidate = verdicts.lazy.compactMap { $0.candidate.flatMap { ObjectID(hex: $0.sha) } }.first
        let commit = try candidate ?? repository.headCommit()
        let write = try notes.record(verdicts, on: commit, at: date)
        if write.usesFallbackIdentity {
            console.warning("user.name/user.email are not set; the verdict note was committed as git-bench <git-bench@localhost>")
        }
        return write
    }
}
