/// What `notes show` prints: the commit's note as it would be written back (`CommitNote.text`): its verdict lines,
/// then, after a blank line, its other text.
public enum NoteText {
    /// The note of `shown`; empty when the commit has none.
    public static func render(_ shown: NoteShow) -> String {
        CommitNote(verdicts: shown.verdicts, otherLines: shown.otherLines).text
    }

    /// The error for a commit without a note: `no verdict note on 5a3e7109db in refs/notes/bench`.
    public static func absence(in shown: NoteShow) -> String {
        "no verdict note on \(shown.commit.short) in \(shown.ref)"
    }
}
