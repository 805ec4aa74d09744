/// What `evaluate` did: the verdicts on one commit, and what became of their note.
public struct EvaluationOutcome: Sendable, Equatable {
    /// The note stage's result.
    public enum NoteOutcome: Sendable, Equatable {
        /// Not asked for (`--no-note`), or nothing to write.
        case skipped
        /// Written; see `NoteWrite.usesFallbackIdentity`.
        case written(NoteWrite)
        /// Could not be written, for this reason; the verdicts stand.
        case failed(String)

        /// The one line to warn with, or nil when all went well.
        public var warning: String? {
            switch self {
            case .skipped: return nil
            case .written(let write):
                return write.usesFallbackIdentity
                    ? "user.name/user.email are not set; the verdict note was committed as git-bench <git-bench@localhost>" : nil
            case .failed(let reason): return "\(reason); the verdict above is unaffected"
            }
        }
    }

    /// The candidate commit the verdicts judge (HEAD when evaluated).
    public var commit: ObjectID
    /// One verdict per benchmark, in request order.
    public var verdicts: [Verdict]
    /// What the note stage did.
    public var note: NoteOutcome
}
