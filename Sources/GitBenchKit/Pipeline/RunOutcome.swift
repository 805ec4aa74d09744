/// What one `run` or `baseline establish` did: the run sets it stored and the benchmarks path-aware selection
/// left out (`RunRequest.changedSince`).
///
/// It is a collection of its run sets, so code written when `Harness.run` returned `[RunSet]` keeps working.
public struct RunOutcome: Sendable, Equatable, Codable, RandomAccessCollection {
    /// The run sets stored, one per benchmark that ran, in request order.
    public var runSets: [RunSet]
    /// The benchmarks skipped because the changes in question touched none of their `paths`.
    public var skipped: [SkippedBenchmark]

    public init(runSets: [RunSet], skipped: [SkippedBenchmark] = []) {
        self.runSets = runSets
        self.skipped = skipped
    }

    enum CodingKeys: String, CodingKey {
        case runSets = "run_sets"
        case skipped
    }

    public var startIndex: Int { runSets.startIndex }
    public var endIndex: Int { runSets.endIndex }
    public subscript(position: Int) -> RunSet { runSets[position] }
}

extension RunOutcome {
    /// True when a repetition that counts failed in any run set: `run`, `baseline establish`, `resume` and a job's
    /// worker then exit 65 (the rows are stored; the data is bad).
    public var hasFailedRepetitions: Bool { runSets.contains { $0.errorCount > 0 } }

    /// The repetitions that count and failed (`RunRecord.failedRepetitions`), run set by run set in order.
    public var failedRepetitions: [RunRecord] { runSets.flatMap(\.records.failedRepetitions) }

    /// How many repetitions count (`RunRecord.counting`), across every run set.
    public var countedRepetitionCount: Int { runSets.reduce(0) { $0 + $1.records.counting.count } }
}

/// A benchmark that path-aware selection did not run, and why.
public struct SkippedBenchmark: Sendable, Equatable, Codable {
    public var project: String
    public var benchmark: String
    /// The commit the changes were measured from (`--changed-since` resolved); nil for a single commit's own change.
    public var base: ObjectID?
    /// The commit the changes were measured to.
    public var tip: ObjectID
    /// One line for people, e.g. "no change under its paths since 1a2b3c4d5e".
    public var reason: String

    public init(project: String, benchmark: String, base: ObjectID?, tip: ObjectID, reason: String) {
        self.project = project
        self.benchmark = benchmark
        self.base = base
        self.tip = tip
        self.reason = reason
    }
}
