import Testing
@testable import GitBenchKit

/// The looks' candidate side, kept as numbers: each look must see exactly the group the stored rows make.
@Suite struct CandidateSampleTests {
    /// The group as the looks built it from whole rows.
    static func naive(_ rows: [RunRecord], below bound: Int?) -> MetricGroup {
        let looked = rows.filter { row in bound.map { row.repetitionIndex < $0 } ?? true }
        return MetricGroup(commit: .test("c"), metaSeed: 7, metrics: looked.okMetrics,
                           failures: looked.failedRepetitions.map { $0.message ?? "unknown failure" })
    }

    @Test func everyLookSeesTheGroupItsRowsMakeInAnyOrder() {
        var random = SplitMix64(seed: 13)
        for trial in 0..<200 {
            // Rows of a run set as resume leaves them: indices out of order, interrupted rows measured again, failures
            // with and without a message, an ok row without a metric.
            let count = 1 + Int(random.next() % 40)
            var rows: [RunRecord] = []
            for id in 0..<count {
                let index = Int(random.next() % UInt64(count))
                let roll = random.next() % 10
                let status: RunRecord.Status = roll < 6 ? .ok : roll < 9 ? .error : .interrupted
                let metric: Double? = status == .ok && roll != 5 ? Double(random.next() % 1_000) / 7 : nil
                let message: String? = status == .ok || random.next() % 2 == 0 ? nil : "failure \(id)"
                rows.append(.sample(id: Int64(id), index: index, status: status, metric: metric, message: message))
            }
            let sample = CandidateSample(rows)
            for bound in [nil, 0, 1, count / 2, count, count + 3] {
                #expect(sample.group(commit: .test("c"), metaSeed: 7, below: bound) == Self.naive(rows, below: bound), "trial \(trial) bound \(String(describing: bound))")
            }
            var grown = CandidateSample([RunRecord]())
            for row in rows { grown.append(row) }
            #expect(grown.group(commit: .test("c"), metaSeed: 7) == Self.naive(rows, below: nil), "trial \(trial)")
        }
    }
}
