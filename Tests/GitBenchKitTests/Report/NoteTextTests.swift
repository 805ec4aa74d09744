import Foundation
import Testing
@testable import GitBenchKit

/// What `notes show` prints, and its error for a commit without a note.
@Suite struct NoteTextTests {
    @Test func aNoteIsItsVerdictLinesThenABlankLineAndItsOtherText() {
        let line = NoteLine(verdict: ReportFixture.noBaseline, version: "0.1.0", evaluatedAt: Date(timeIntervalSince1970: 1_700_000_000))
        let shown = NoteShow(commit: ReportFixture.head, ref: "refs/notes/bench", verdicts: [line], otherLines: ["reviewed by kim"], hasNote: true)
        #expect(NoteText.render(shown) == """
            Sample/speed: NO_BASELINE mann_whitney thr=2.00 minimize git-bench/0.1.0 at=2023-11-14T22:13:20.000Z

            reviewed by kim

            """)
    }

    @Test func aCommitWithoutANoteShowsNothingAndNamesTheRef() {
        let shown = NoteShow(commit: ReportFixture.head, ref: "refs/notes/perf", verdicts: [], otherLines: [], hasNote: false)
        #expect(NoteText.render(shown) == "")
        #expect(NoteText.absence(in: shown) == "no verdict note on 5a3e7109db in refs/notes/perf")
    }
}
