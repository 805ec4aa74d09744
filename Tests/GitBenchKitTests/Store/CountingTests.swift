import Testing
@testable import GitBenchKit

/// The one rule for which stored rows count (`Sequence.counting`).
@Suite struct CountingTests {
    static func row(_ id: Int64, index: Int, _ status: RunRecord.Status, metric: Double? = nil) -> RunRecord {
        RunRecord.sample(id: id, index: index, status: status, metric: metric,
                         message: status == .interrupted ? RepetitionStatus.interruptedMessage : status == .error ? "boom" : nil)
    }

    @Test func anInterruptedRowNeverCountsAndItsIndexIsMissingUntilResumed() {
        let rows = [Self.row(1, index: 0, .ok, metric: 1), Self.row(2, index: 1, .interrupted)]
        #expect(rows.counting.map(\.id) == [1])
        #expect(rows.missingIndices(below: 3) == [1, 2])
        #expect(rows.failedRepetitions.isEmpty)

        let resumed = rows + [Self.row(3, index: 1, .ok, metric: 2), Self.row(4, index: 2, .error)]
        #expect(resumed.counting.map(\.id) == [1, 3, 4])
        #expect(resumed.missingIndices(below: 3) == [])
        #expect(resumed.okMetrics == [1, 2])
        #expect(resumed.failedRepetitions.map(\.id) == [4])
    }

    @Test func rowsSharingAnIndexAllCountAsBenchstonesGateCountsThem() {
        // An imported benchstone group keeps one run-set id for every row, and a NULL repetition index becomes 0.
        let imported = (1...4).map { Self.row(Int64($0), index: 0, .ok, metric: Double($0)) }
        #expect(imported.counting.count == 4)
        #expect(imported.okMetrics == [1, 2, 3, 4])
    }
}
