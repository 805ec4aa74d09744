import Testing
@testable import GitBenchKit

/// What `notes push` and `notes pull` print, as a sentence and as JSON.
@Suite struct NotesSyncViewTests {
    static let notesCommit = ObjectID.test("364ef3e251fd3438f241a0e7e30bc02ba9f78e37")

    @Test func everyOutcomeReadsAsOneSentence() {
        let sentences = [
            NotesSync.nothingToPush, .pushed(commit: Self.notesCommit), .remoteHasNoNotes, .upToDate, .fastForward(to: Self.notesCommit),
            .merged(commit: Self.notesCommit, combinedNotes: 3),
        ].map { NotesSyncView($0, remote: "origin", ref: "refs/notes/bench").text }.joined()
        #expect(sentences == """
            nothing to push: refs/notes/bench does not exist yet (run git bench evaluate first)
            pushed refs/notes/bench (364ef3e251) to origin
            origin has no refs/notes/bench yet; nothing to pull
            refs/notes/bench already has every verdict from origin
            refs/notes/bench fast-forwarded to origin's 364ef3e251
            refs/notes/bench merged with origin's verdicts in 364ef3e251 (3 note(s) combined line by line)

            """)
    }

    @Test func theJSONCarriesTheCommitOnlyWhenTheRefMovedAndTheCountOnlyAfterAMerge() throws {
        #expect(try JSONDocument.render(NotesSyncView(.upToDate, remote: "origin", ref: "refs/notes/bench")) == """
            {
              "outcome" : "up_to_date",
              "ref" : "refs/notes/bench",
              "remote" : "origin"
            }

            """)
        #expect(try JSONDocument.render(NotesSyncView(.merged(commit: Self.notesCommit, combinedNotes: 2), remote: "up", ref: "refs/notes/perf")) == """
            {
              "combined_notes" : 2,
              "commit" : "364ef3e251fd3438f241a0e7e30bc02ba9f78e37",
              "outcome" : "merged",
              "ref" : "refs/notes/perf",
              "remote" : "up"
            }

            """)
    }
}
