import Foundation

/// One side of `compare`: the baseline pointer, one run set, or a revision (commit, branch or tag).
public enum ComparisonSide: Sendable, Equatable {
    case baseline
    case runSet(RunSetID)
    case revision(String)

    /// `baseline`, a run-set id (`bench_<8 hex>_<YYYYmmdd_HHMMSS>`), else a revision.
    public init(parsing text: String) {
        if text == "baseline" {
            self = .baseline
        } else if text.range(of: "^bench_[0-9a-f]{8}_[0-9]{8}_[0-9]{6}$", options: .regularExpression) != nil {
            self = .runSet(RunSetID(value: text))
        } else {
            self = .revision(text)
        }
    }
}

/// Builds `compare` and `summary` answers from the store, judging with the same gate as `evaluate`.
public struct ComparisonBuilder {
    public let evaluation: Evaluation
    public let project: ProjectContext
    public let repository: Repository
    public let points: TimelineBuilder
    /// Which rows count and which host's baseline is meant (`--any-host`, `--include-dirty`, `--host`).
    public let options: EvaluateOptions

    public init(evaluation: Evaluation, project: ProjectContext, repository: Repository, points: TimelineBuilder, options: EvaluateOptions) {
        self.evaluation = evaluation
        self.project = project
        self.repository = repository
        self.points = points
        self.options = options
    }

    /// B judged against A for each of `benchmarks` (all stochastic and correctness benchmarks when empty) that A or B
    /// measured. Throws `HarnessError.unknownBenchmark`, `GitError.unknownRevision`, or `.notFound` for a run set
    /// that is not in the store.
    public func compare(_ a: ComparisonSide, _ b: ComparisonSide, benchmarks names: [String]) throws -> Comparison {
        let resolvedA = try resolve(a)
        let resolvedB = try resolve(b)
        var benchmarks = try names.map { try project.benchmark(named: $0) }
        if benchmarks.isEmpty {
            // Two run sets name their benchmarks themselves.
            let named = Set(resolvedA.runSetBenchmarks + resolvedB.runSetBenchmarks)
            benchmarks = project.manifest.benchmarks.filter { named.isEmpty || named.contains($0.name) }
        }
        var changes: [BenchmarkChange] = []
        for benchmark in benchmarks {
            let base = try rows(of: resolvedA, benchmark: benchmark)
            let head = try rows(of: resolvedB, benchmark: benchmark)
            guard base != nil || head != nil else { continue }
            changes.append(try change(of: benchmark, base: base, head: head, headCommit: resolvedB.commit, baseIsPointer: a == .baseline,
                                      baseLabel: resolvedA.description))
        }
        return Comparison(base: resolvedA.description, head: resolvedB.description, changes: changes)
    }

    /// The verdicts of `range` for every benchmark: with no range, HEAD against the baseline (what `evaluate` says);
    /// with one revision, that commit against the baseline; with `A..B`, the newest commit of the range each
    /// benchmark was measured at, against A's own runs when A was measured, else against the baseline.
    public func summary(range: String?) throws -> ChangeSummary {
        let benchmarks = project.manifest.benchmarks
        guard let range, range.contains("..") else {
            let revision = range ?? "HEAD"
            let side = try resolve(.revision(revision))
            let changes = try benchmarks.map { benchmark in
                try change(of: benchmark, base: try rows(of: try resolve(.baseline), benchmark: benchmark),
                           head: try rows(of: side, benchmark: benchmark), headCommit: side.commit, baseIsPointer: true)
            }
            return ChangeSummary(base: "the baseline", head: side.description, changes: changes)
        }
        let commits = try repository.commits(in: range)
        let left = String(range[..<range.range(of: "..")!.lowerBound])
        let baseSide = try resolve(.revision(left.isEmpty ? "HEAD" : left))
        var changes: [BenchmarkChange] = []
        for benchmark in benchmarks {
            var head: [RunRecord]?
            var headCommit: ObjectID?
            for commit in commits {
                if let rows = try rows(of: Resolved(description: "", commit: commit), benchmark: benchmark) {
                    (head, headCommit) = (rows, commit)
                    break
                }
            }
            let measuredBase = try rows(of: baseSide, benchmark: benchmark)
            let base = try measuredBase ?? rows(of: try resolve(.baseline), benchmark: benchmark)
            changes.append(try change(of: benchmark, base: base, head: head, headCommit: headCommit ?? commits.first,
                                      baseIsPointer: measuredBase == nil))
        }
        return ChangeSummary(base: "\(baseSide.description), else the baseline", head: "the newest measured commit of \(range)", changes: changes)
    }

    // MARK: Sides

    struct Resolved {
        var description: String
        var commit: ObjectID?
        var isBaseline = false
        var runSetRows: [RunRecord]? = nil
        var runSetBenchmarks: [String] { runSetRows.map { Array(Set($0.map(\.benchmark))).sorted() } ?? [] }
    }

    func resolve(_ side: ComparisonSide) throws -> Resolved {
        switch side {
        case .baseline:
            return Resolved(description: "the baseline", isBaseline: true)
        case .runSet(let id):
            let rows = try evaluation.store.runs(inRunSet: id).filter { $0.project == project.name }
            guard let first = rows.first else {
                throw HarnessError.notFound("run set \(id.value) has no rows of project \(project.name) in the store; `git bench list` shows the run sets")
            }
            return Resolved(description: "run set \(id.value)", commit: ObjectID(hex: first.gitSHA), runSetRows: rows)
        case .revision(let revision):
            let commit = try repository.resolveCommit(revision)
            // A hex prefix of the commit says nothing more than the commit; a name is kept beside it.
            let isPrefix = commit.hex.hasPrefix(revision.lowercased())
            return Resolved(description: isPrefix ? commit.short : "\(revision) (\(commit.short))", commit: commit)
        }
    }

    /// The rows a side stands for in `benchmark`, or nil when it has none: the pointer's snapshot, the run set's rows,
    /// or the newest complete candidate group at the commit (this host's, any host's when it measured none), else the
    /// newest baseline run set measured there.
    func rows(of side: Resolved, benchmark: Benchmark) throws -> [RunRecord]? {
        let store = evaluation.store
        if side.isBaseline {
            guard let pointer = try evaluation.baselinePointer(of: benchmark, in: project, options: options) else { return nil }
            return nonEmpty(try store.baselineRows(of: pointer, filter: evaluation.baselineFilter(options)))
        }
        if let rows = side.runSetRows { return nonEmpty(rows.filter { $0.benchmark == benchmark.name }) }
        guard let commit = side.commit else { return nil }
        let filters = [evaluation.filter(options), RunStore.Filter(host: nil, includeDirty: options.includeDirty)]
        for filter in filters {
            if let metaSeed = try evaluation.candidateGroups(of: benchmark, in: project, commit: commit, pointer: nil, filter: filter).first {
                return nonEmpty(try store.group(project: project.name, benchmark: benchmark.name, commit: commit.hex, metaSeed: metaSeed, filter: filter))
            }
            let baselineRows = try store.group(project: project.name, benchmark: benchmark.name, commit: commit.hex, metaSeed: nil, filter: filter)
            if let newest = TimelineBuilder.runSets(of: baselineRows.reversed()).first { return nonEmpty(newest) }
        }
        return nil
    }

    private func nonEmpty(_ rows: [RunRecord]) -> [RunRecord]? { rows.isEmpty ? nil : rows }

    // MARK: Judging

    /// `baseLabel` names A in the reason when A has no runs of the benchmark (and is not the pointer).
    func change(of benchmark: Benchmark, base: [RunRecord]?, head: [RunRecord]?, headCommit: ObjectID?, baseIsPointer: Bool,
                baseLabel: String = "A") throws -> BenchmarkChange {
        let basePoint = base.map { points.point(of: $0) }
        let headPoint = head.map { points.point(of: $0) }
        var verdict = try judge(benchmark, base: base, head: head, headCommit: headCommit, baseIsPointer: baseIsPointer)
        if base == nil, !baseIsPointer, verdict.kind == .noBaseline || verdict.kind == .noReference {
            verdict.kind = .needsMoreData
            verdict.reason = "A, \(baseLabel), has no runs of \(project.name)/\(benchmark.name) to compare with"
        }
        var warnings: [String] = []
        if let basePoint, let headPoint, basePoint.host != headPoint.host {
            warnings.append("host mismatch: A was measured on \(basePoint.host) and B on \(headPoint.host); timings of two machines do not compare")
        }
        for (name, point) in [("A", basePoint), ("B", headPoint)] where point?.isDirty == true {
            warnings.append("\(name) includes rows measured on a dirty tree")
        }
        return BenchmarkChange(project: project.name, benchmark: benchmark.name, unit: benchmark.unit, direction: benchmark.metricDirection,
                               base: basePoint, head: headPoint, verdict: verdict, warnings: warnings)
    }

    func judge(_ benchmark: Benchmark, base: [RunRecord]?, head: [RunRecord]?, headCommit: ObjectID?, baseIsPointer: Bool) throws -> Verdict {
        let headCommit = head.flatMap { $0.first.flatMap { ObjectID(hex: $0.gitSHA) } } ?? headCommit
        guard let head, let headCommit else {
            let at = headCommit.map { " at \($0.short)" } ?? ""
            return Verdict(project: project.name, benchmark: benchmark.name, kind: .needsMoreData,
                           gate: benchmark.tier == .correctness ? .correctness : (benchmark.gatePolicy == .sigma ? .sigma : .mannWhitney),
                           threshold: benchmark.promotionThreshold, direction: benchmark.metricDirection, host: evaluation.host,
                           reason: "not measured\(at); `git bench run \(benchmark.name)` measures it")
        }
        // Against the pointer, the verdict is `evaluate`'s own, `ab` pairs and `--until-decided` looks included.
        if baseIsPointer, head.first?.role == .candidate, let metaSeed = head.first?.metaSeed {
            var options = self.options
            options.metaSeed = metaSeed
            options.anyHost = options.anyHost || head.first?.host != evaluation.host
            options.includeDirty = options.includeDirty || head.contains(where: \.isDirty)
            return try evaluation.verdict(for: benchmark, in: project, commit: headCommit, options: options)
        }
        let host = head.first?.host
        if benchmark.tier == .correctness {
            let hash = { (rows: [RunRecord]?) in rows?.counting.last { $0.status == .ok && $0.artifactHash != nil }?.artifactHash }
            let reference = baseIsPointer ? try evaluation.store.currentReference(project: project.name, benchmark: benchmark.name)?.contentHash : hash(base)
            return Gate.judgeCorrectness(project: project.name, benchmark: benchmark, referenceHash: reference, candidateHash: hash(head),
                                         candidate: headCommit, host: host)
        }
        let baseGroup = base.map { rows in
            MetricGroup(commit: rows.first.flatMap { ObjectID(hex: $0.gitSHA) } ?? headCommit, metaSeed: rows.first?.metaSeed, metrics: rows.okMetrics)
        }
        let counting = head.counting
        let candidate = MetricGroup(commit: headCommit, metaSeed: head.first?.metaSeed, metrics: counting.okMetrics,
                                    failures: counting.failedRepetitions.map { $0.message ?? "unknown failure" })
        return Gate.judge(project: project.name, benchmark: benchmark, baseline: baseGroup, candidate: candidate, host: host)
    }
}
