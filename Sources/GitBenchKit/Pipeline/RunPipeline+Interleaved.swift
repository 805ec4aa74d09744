import Foundation

/// What `git bench ab` measures.
public struct ABRequest: Sendable, Equatable {
    /// The A side: a revision, or nil for each benchmark's baseline pointer commit.
    public var base: String?
    /// Benchmarks to measure (default: every stochastic one).
    public var benchmarks: [String]
    /// Repetitions a side (default: the manifest's), rounded up to an even number of at least 4: whole A B B A blocks.
    public var repetitions: Int?
    public var metaSeed: Int64?
    public var allowDirty: Bool
    public var notes: String?

    public init(base: String? = nil, benchmarks: [String] = [], repetitions: Int? = nil, metaSeed: Int64? = nil, allowDirty: Bool = false,
                notes: String? = nil) {
        self.base = base
        self.benchmarks = benchmarks
        self.repetitions = repetitions
        self.metaSeed = metaSeed
        self.allowDirty = allowDirty
        self.notes = notes
    }

    /// The repetitions a side `ab` runs for `requested`: whole blocks of two a side, at least two blocks.
    public static func repetitions(for requested: Int) -> Int { max(4, requested + requested % 2) }
}

/// One measured pair: both run sets and the verdict of the interleaved test.
public struct ABPair: Sendable, Codable {
    public var base: RunSet
    public var head: RunSet
    public var verdict: Verdict
}

extension RunPipeline {
    /// `git bench ab`: for each benchmark, measures BASE (in a temporary worktree, as `--at-sha` does) and HEAD
    /// alternately, A B B A A B B A …, with the same seed for both sides of each index, storing each side as its own
    /// run set linked to the other (`ResumeState.Interleave`), then judges them with `Gate.judgeInterleaved`.
    /// Refuses a dirty tree (unless allowed), a correctness benchmark, a benchmark missing at BASE and corpus drift on
    /// either side before writing anything.
    public func ab(_ request: ABRequest, in project: ProjectContext) throws -> [ABPair] {
        try Self.checkBound(request.repetitions, option: "-n")
        let repository = try Repository.open(at: project.root)
        let head = try MeasurementSite.open(repository, project: project, pinnedTo: nil, console: console)
        defer { head.close() }
        if head.isDirty && !request.allowDirty { throw RunnerError.dirtyTree(path: project.root.path) }
        let names = request.benchmarks.isEmpty ? head.manifest.benchmarks.filter { $0.tier != .correctness }.map(\.name) : request.benchmarks
        let benchmarks = try names.map { name -> Benchmark in
            guard let benchmark = head.manifest.benchmark(named: name) else { throw HarnessError.unknownBenchmark(name, in: head.manifest, project: project.name) }
            guard benchmark.tier != .correctness else { throw HarnessError.notStochastic(benchmark: name) }
            return benchmark
        }
        let explicitBase = try request.base.map { try repository.resolveCommit($0) }
        let bases = try benchmarks.map { benchmark -> ObjectID in
            if let explicitBase { return explicitBase }
            guard let pointer = try store.currentBaseline(project: project.name, benchmark: benchmark.name, host: host) else {
                throw HarnessError.policy("no BASE given and \(project.name)/\(benchmark.name) has no baseline on this host; "
                    + "name a revision (git bench ab main) or run `git bench baseline establish \(benchmark.name)`")
            }
            return pointer.commit
        }
        for benchmark in benchmarks { try CorpusFingerprint.verify(benchmark, projectRoot: head.workingDirectory) }
        let headTree = try WorkingTreeHash.of(projectRoot: head.workingDirectory, trackedPaths: head.manifest.project.trackedPaths)
        let diff = head.isDirty ? try recordDiff(of: repository, project: project.name, commit: head.commit) : nil
        return try zip(benchmarks, bases).map { benchmark, baseCommit in
            try measurePair(benchmark, baseCommit: baseCommit, head: head, headTree: headTree, diff: diff, repository: repository,
                            project: project, request: request)
        }
    }

    private func measurePair(_ benchmark: Benchmark, baseCommit: ObjectID, head: MeasurementSite, headTree: String,
                             diff: (path: String, digest: String)?, repository: Repository, project: ProjectContext,
                             request: ABRequest) throws -> ABPair {
        let base = try MeasurementSite.open(repository, project: project, pinnedTo: baseCommit, console: console)
        defer { base.close() }
        guard let baseBenchmark = base.manifest.benchmark(named: benchmark.name) else {
            throw HarnessError.policy("\(benchmark.name) is not in bench/manifest.toml at \(baseCommit.short); ab needs it on both sides")
        }
        try CorpusFingerprint.verify(baseBenchmark, projectRoot: base.workingDirectory)
        let baseTree = try WorkingTreeHash.of(projectRoot: base.workingDirectory, trackedPaths: base.manifest.project.trackedPaths)
        let count = ABRequest.repetitions(for: request.repetitions ?? benchmark.repetitions)
        let plan = SeedPlan.fresh(metaSeed: request.metaSeed ?? SeedPlan.randomMetaSeed(), count: count)
        let runRequest = RunRequest(benchmarks: [benchmark.name], metaSeed: plan.metaSeed, repetitions: count, allowDirty: request.allowDirty,
                                    notes: request.notes)
        let baseID = RunSetID.make()
        var headID = RunSetID.make()
        while headID == baseID { headID = RunSetID.make() }
        var a = try beginRunSet(baseBenchmark, plan: plan, project: project.name, site: base, diff: nil, treeHash: baseTree, request: runRequest,
                                runSetID: baseID, interleave: .init(side: .base, partner: headID))
        var b = try beginRunSet(benchmark, plan: plan, project: project.name, site: head, diff: diff, treeHash: headTree, request: runRequest,
                                runSetID: headID, interleave: .init(side: .head, partner: baseID))
        console.progress("ab \(project.name)/\(benchmark.name): \(count) repetitions a side, A=\(baseCommit.short) (\(baseID)) "
                         + "B=\(head.commit.short) (\(headID)), order A B B A …, meta_seed=\(plan.metaSeed.map(String.init) ?? "none")")
        let meter = RunMeter(console: console, label: "\(project.name)/\(benchmark.name) ab", total: 2 * count)
        defer { meter.finish() }
        for (index, seed) in plan.seeds.enumerated() {
            if Interleaved.measuresBaselineFirst(pair: index) {
                try a.measure(index: index, seed: seed, total: count, meter: meter)
                try b.measure(index: index, seed: seed, total: count, meter: meter)
            } else {
                try b.measure(index: index, seed: seed, total: count, meter: meter)
                try a.measure(index: index, seed: seed, total: count, meter: meter)
            }
        }
        let baseSet = try a.finish()
        let headSet = try b.finish()
        let verdict = Gate.judgeInterleaved(project: project.name, benchmark: benchmark, baseline: Self.side(baseSet.records, commit: baseCommit,
                                                                                                         metaSeed: plan.metaSeed, count: count),
                                            candidate: Self.side(headSet.records, commit: head.commit, metaSeed: plan.metaSeed, count: count),
                                            host: host)
        return ABPair(base: baseSet, head: headSet, verdict: verdict)
    }

    /// One side as the interleaved gate receives it: the metric of each index's counting row, nil where it failed.
    static func side(_ records: [RunRecord], commit: ObjectID, metaSeed: Int64?, count: Int) -> InterleavedSide {
        var values = [Double?](repeating: nil, count: count)
        for record in records.counting where record.repetitionIndex < count && record.status == .ok {
            values[record.repetitionIndex] = record.metric
        }
        return InterleavedSide(commit: commit, metaSeed: metaSeed, values: values)
    }
}
