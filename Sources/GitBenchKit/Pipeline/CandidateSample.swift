/// The candidate side of `--until-decided`'s looks, kept as what the gate reads: for each stored row that counts, in row
/// order, its repetition index and either its metric or its failure. A look then costs a pass over numbers, not a copy
/// of every stored row (`okMetrics` and `failedRepetitions` copy whole `RunRecord`s, which over a thousand looks of a
/// thousand rows was most of the harness's time).
///
/// `group(below:)` gives exactly `MetricGroup(metrics: rows.okMetrics, failures: rows.failedRepetitions' messages)` of the
/// rows with an index below the bound, so every look judges what it judged before.
struct CandidateSample {
    private enum Outcome {
        /// An ok row's metric (nil when an ok row has none: it is neither a metric nor a failure).
        case ok(Double?)
        case failed(String)
    }

    private var indices: [Int] = []
    private var outcomes: [Outcome] = []

    /// The rows that count among `rows`, in their order.
    init(_ rows: some Sequence<RunRecord>) {
        for row in rows { append(row) }
    }

    /// Adds a row stored after the others (ignored unless it counts).
    mutating func append(_ row: RunRecord) {
        guard row.status != .interrupted else { return }
        indices.append(row.repetitionIndex)
        outcomes.append(row.status == .ok ? .ok(row.metric) : .failed(row.message ?? "unknown failure"))
    }

    /// The group of the rows whose repetition index is below `bound` (all of them when nil).
    func group(commit: ObjectID, metaSeed: Int64?, below bound: Int? = nil) -> MetricGroup {
        var metrics: [Double] = []
        var failures: [String] = []
        metrics.reserveCapacity(outcomes.count)
        for (index, outcome) in zip(indices, outcomes) where bound.map({ index < $0 }) ?? true {
            switch outcome {
            case .ok(let metric): if let metric { metrics.append(metric) }
            case .failed(let message): failures.append(message)
            }
        }
        return MetricGroup(commit: commit, metaSeed: metaSeed, metrics: metrics, failures: failures)
    }
}
