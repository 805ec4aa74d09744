import Testing
@testable import GitBenchKit

/// The timeline `history` prints.
@Suite struct HistoryTimelineTests {
    @Test func runsAndEventsAreOneTimelineNewestFirst() {
        var dirty = RunRecord.sample(id: 31, seed: 404285457, metric: 1.489285299, wallClockSeconds: 0.0123, timestamp: "2026-03-01T12:10:00.000Z")
        dirty.isDirty = true
        let failed = RunRecord.sample(id: 30, index: 1, seed: 7, status: .error, message: "runner exited with status 3: runner blew up",
                                      wallClockSeconds: 2, timestamp: "2026-03-01T12:09:00.000Z")
        let silent = RunRecord.sample(id: 29, seed: 8, status: .error, timestamp: "2026-03-01T12:08:00.000Z")
        var replaced = ReportFixture.reference(.replace, reason: "output format v2")
        replaced.id = 3
        let history = History(
            project: "Sample", benchmark: "quality", runs: [dirty, failed, silent],
            baselineEvents: [
                ReportFixture.pointer(.establish, commit: ReportFixture.base, metaSeed: nil),
                ReportFixture.pointer(.promote, commit: ReportFixture.head, metaSeed: 7, notes: "faster parser", at: "2026-03-01T12:20:00.000Z"),
            ],
            referenceEvents: [ReportFixture.reference(.freeze), replaced])
        #expect(HistoryTimeline.render(history) == """
            Sample/quality
              2026-03-01T12:20:00.000Z  baseline promote -> 5a3e7109db host=ci meta_seed=7  notes: faster parser
              2026-03-01T12:10:00.000Z  run 31 aaaaaaaaaa+dirty candidate seed=404285457 metric=1.489285299 wall=0.012s
              2026-03-01T12:09:00.000Z  run 30 aaaaaaaaaa candidate seed=7 error: runner exited with status 3: runner blew up wall=2.000s
              2026-03-01T12:08:00.000Z  run 29 aaaaaaaaaa candidate seed=8 error:  wall=1.000s
              2026-03-01T12:05:00.000Z  reference replace sha256:ad7c2832fa17… from run 30  reason: output format v2
              2026-03-01T12:05:00.000Z  reference freeze sha256:ad7c2832fa17… from run 30
              2026-03-01T12:00:00.000Z  baseline establish -> fb7abc811a host=ci meta_seed=none

            """)
    }

    @Test func aBenchmarkWithNothingRecordedIsJustItsName() {
        #expect(HistoryTimeline.render(History(project: "Sample", benchmark: "speed", runs: [], baselineEvents: [], referenceEvents: [])) == "Sample/speed\n")
    }
}
