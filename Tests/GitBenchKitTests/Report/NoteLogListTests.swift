import Foundation
import Testing
@testable import GitBenchKit

/// The lines `notes log` prints.
@Suite struct NoteLogListTests {
    @Test func eachVerdictIsItsCommitThenTheNoteLineAsStored() {
        let at = Date(timeIntervalSince1970: 1_700_000_000)
        let entries = [
            NoteLogEntry(commit: ReportFixture.head, summary: "level 1.5", committedAt: "2023-11-14T22:13:20Z",
                         verdict: NoteLine(verdict: ReportFixture.noBaseline, version: "0.1.0", evaluatedAt: at)),
            NoteLogEntry(commit: ReportFixture.base, summary: "add benchmarks", committedAt: "2023-11-14T22:00:00Z",
                         verdict: NoteLine(verdict: ReportFixture.reject(), version: "0.1.0", evaluatedAt: at)),
        ]
        #expect(NoteLogList.render(entries) == """
            5a3e7109db Sample/speed: NO_BASELINE mann_whitney thr=2.00 minimize git-bench/0.1.0 at=2023-11-14T22:13:20.000Z
            fb7abc811a Sample/quality: REJECT sigma z=1.42 thr=2.00 minimize baseline=fb7abc811a n=8/12 mean 1.0136->0.9956 (-1.77%) \
            ci95=[-4.41%,+0.87%] meta_seed=5 git-bench/0.1.0 at=2023-11-14T22:13:20.000Z

            """)
        #expect(NoteLogList.render([]) == "")
    }
}
