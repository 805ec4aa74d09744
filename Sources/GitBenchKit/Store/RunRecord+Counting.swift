/// Which stored rows count: the one rule every verdict, `resume`, run-set summary and report applies.
///
/// Rows are append-only, so a repetition can have several: `resume` re-runs the index of a row that Ctrl-C left
/// `interrupted`. For each repetition (run set and index) the newest row counts, and an interrupted row never does:
/// it measured nothing.
extension Sequence where Element == RunRecord {
    /// The rows that count, in their original order.
    public var counting: [RunRecord] {
        var newest: [RepetitionKey: Int64] = [:]
        for record in self where record.status != .interrupted {
            let key = RepetitionKey(runSetID: record.runSetID, index: record.repetitionIndex)
            if (newest[key] ?? Int64.min) < record.id { newest[key] = record.id }
        }
        return filter { newest[RepetitionKey(runSetID: $0.runSetID, index: $0.repetitionIndex)] == $0.id }
    }

    /// The metrics of the `ok` rows that count, in order: what a gate compares.
    public var okMetrics: [Double] { counting.compactMap { $0.status == .ok ? $0.metric : nil } }

    /// The indices below `bound` with no row that counts: what `resume` (and each look of `--until-decided`) still
    /// has to run. Meant for the rows of one run set.
    public func missingIndices(below bound: Int) -> [Int] {
        let present = Set(counting.map(\.repetitionIndex))
        return (0..<bound).filter { !present.contains($0) }
    }

    /// The rows that count and did not end `ok`: a run set with any of these exits 65.
    public var failedRepetitions: [RunRecord] { counting.filter { $0.status != .ok } }
}

private struct RepetitionKey: Hashable {
    var runSetID: String
    var index: Int
}
