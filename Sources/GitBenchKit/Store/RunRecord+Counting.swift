/// Which stored rows count: the one rule every verdict, `resume`, run-set summary and report applies.
///
/// Every stored row counts but an interrupted one: Ctrl-C, SIGTERM or `git bench cancel` cut it short, so it measured
/// nothing, and `resume` measures its index again. No other repetition is ever measured twice (`resume` and the looks
/// of `--until-decided` run only indices without a counting row), so there is nothing else to drop; rows imported from
/// benchstone, which may share an index within a group, all count, as they do in benchstone's gate.
extension Sequence where Element == RunRecord {
    /// The rows that count, in their original order.
    public var counting: [RunRecord] { filter { $0.status != .interrupted } }

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

    /// True when every run set among these rows stored all its planned repetitions: as many rows that count as the
    /// largest `repetition_total` its rows record (`--until-decided` raises it batch by batch). A run set still being
    /// measured, or cut short and not resumed yet, is incomplete.
    public var isComplete: Bool {
        var counted: [String: Int] = [:]
        var planned: [String: Int] = [:]
        for record in self {
            planned[record.runSetID] = Swift.max(planned[record.runSetID] ?? 0, record.repetitionTotal)
            if record.status != .interrupted { counted[record.runSetID, default: 0] += 1 }
        }
        return !planned.isEmpty && planned.allSatisfy { (counted[$0.key] ?? 0) >= $0.value }
    }
}
