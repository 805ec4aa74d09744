/// What `notes log` prints: one line per commit and verdict, the commit's short id and then the note line as stored.
///
///     5a3e7109db Sample/quality: REJECT sigma z=-20.82 thr=2.00 minimize … git-bench/0.1.0 at=2026-03-01T12:00:00.000Z
public enum NoteLogList {
    /// One line per entry, in the order given (newest first from `BenchNotes.log`).
    public static func render(_ entries: [NoteLogEntry]) -> String {
        entries.map { "\($0.commit.short) \($0.verdict.line)\n" }.joined()
    }
}
