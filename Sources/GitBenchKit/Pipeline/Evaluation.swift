import Foundation

/// The verdict stage: picks the baseline and candidate rows of a benchmark from the store and hands their metrics
/// (or artifact hashes) to the gate. `evaluate`, `check`, `promote` and `--until-decided` all judge through it.
public struct Evaluation: Sendable {
    /// Where the rows are read.
    public let store: RunStore
    /// This machine: rows from other hosts count only with `EvaluateOptions.anyHost`.
    public let host: String
    /// Where run set directories are, for the plan of a group `--until-decided` gathered; nil judges every group at
    /// the fixed-sample level.
    public let home: HarnessHome?

    /// Judges with the rows of `store`, as seen from `host`.
    public init(store: RunStore, host: String, home: HarnessHome? = nil) {
        self.store = store
        self.host = host
        self.home = home
    }

    /// The verdict of each benchmark named (all of the manifest's when none are), with `commit` as the candidate
    /// commit; `options.adjustAcrossSuite` applies Benjamini–Hochberg across them.
    /// Throws `HarnessError.unknownBenchmark` and store errors.
    /// With `freshness` (the working tree at HEAD, for `evaluate`), a benchmark whose runs no longer describe the tree
    /// is STALE instead (see `Freshness`).
    public func verdicts(_ benchmarkNames: [String], in project: ProjectContext, commit: ObjectID, options: EvaluateOptions,
                         freshness: Freshness? = nil) throws -> [Verdict] {
        let names = benchmarkNames.isEmpty ? project.manifest.benchmarks.map(\.name) : benchmarkNames
        let verdicts = try names.map {
            try verdict(for: project.benchmark(named: $0), in: project, commit: commit, options: options, freshness: freshness)
        }
        return options.adjustAcrossSuite ? Gate.adjustForMultipleTesting(verdicts) : verdicts
    }

    /// The verdict of `benchmark` with `commit` as the candidate commit: correctness compares the newest artifact at
    /// `commit` with the frozen reference; the other tiers compare the candidate group (`options.metaSeed`, else the
    /// newest group at `commit` that is not the baseline's own) with the group the baseline pointer names.
    public func verdict(for benchmark: Benchmark, in project: ProjectContext, commit: ObjectID, options: EvaluateOptions,
                        freshness: Freshness? = nil) throws -> Verdict {
        let filter = filter(options)
        if benchmark.tier == .correctness {
            let reference = try store.currentReference(project: project.name, benchmark: benchmark.name)
            let latest = try store.latestArtifactRun(project: project.name, benchmark: benchmark.name, commit: commit, filter: filter)
            var verdict = Gate.judgeCorrectness(project: project.name, benchmark: benchmark, referenceHash: reference?.contentHash,
                                                candidateHash: latest?.artifactHash, candidate: commit, host: host)
            if verdict.kind == .fail {
                verdict.artifactDifference = artifactDifference(verdict, project: project.name, benchmark: benchmark.name)
            }
            return verdict
        }
        let pointer = try baselinePointer(of: benchmark, in: project, options: options)
        var candidateRows: [RunRecord] = []
        var metaSeed: Int64?
        // With `--host`, the baseline host's own group stands in when this machine measured nothing at the commit.
        let candidateFilters = [filter] + (options.baselineHost.map { [RunStore.Filter(host: $0, includeDirty: options.includeDirty)] } ?? [])
        for filter in candidateFilters where candidateRows.isEmpty {
            if let runSet = options.runSet {
                // A run set named by the caller is judged as it is, complete or not.
                candidateRows = try store.runs(inRunSet: runSet).filter {
                    $0.project == project.name && $0.benchmark == benchmark.name && filter.admits($0)
                }
                metaSeed = candidateRows.first?.metaSeed
            } else {
                metaSeed = try options.metaSeed ?? candidateGroups(of: benchmark, in: project, commit: commit, pointer: pointer, filter: filter).first
                candidateRows = try metaSeed.map {
                    try store.group(project: project.name, benchmark: benchmark.name, commit: commit.hex, metaSeed: $0, filter: filter)
                } ?? []
            }
        }
        if let reason = freshness?.staleness(of: benchmark, in: project, newest: candidateRows.last) {
            return Verdict(project: project.name, benchmark: benchmark.name, kind: .stale, gate: benchmark.gatePolicy == .sigma ? .sigma : .mannWhitney,
                           threshold: benchmark.promotionThreshold, direction: benchmark.metricDirection, host: host, reason: reason)
        }
        let candidate = MetricGroup(commit: commit, metaSeed: metaSeed, metrics: candidateRows.okMetrics,
                                    failures: candidateRows.failedRepetitions.map { $0.message ?? "unknown failure" })
        // The seed contract says how the group was gathered: one side of an `ab` pair, or `--until-decided`'s looks.
        let state = runSetState(of: candidateRows, benchmark: benchmark, in: project)
        if let state, let interleaved = try interleavedVerdict(benchmark, in: project, state: state, rows: candidateRows, commit: commit, filter: filter) {
            return interleaved
        }
        let baseline = try pointer.map { try baselineGroup($0, filter: baselineFilter(options)) }
        if let state, let pointer, let baseline,
           let sequential = sequentialVerdict(benchmark, in: project, state: state, rows: candidateRows, candidate: candidate, pointer: pointer,
                                              baseline: baseline) {
            return sequential
        }
        return Gate.judge(project: project.name, benchmark: benchmark, baseline: baseline, candidate: candidate, host: host)
    }

    /// The verdict of a group that is the HEAD side of a `git bench ab` pair: judged against its own BASE side by the
    /// interleaved test, whatever the baseline pointer says, so `evaluate`, `check` and `promote` agree with `ab`.
    /// Nil for any other group.
    func interleavedVerdict(_ benchmark: Benchmark, in project: ProjectContext, state: ResumeState, rows: [RunRecord], commit: ObjectID,
                            filter: RunStore.Filter) throws -> Verdict? {
        guard let interleave = state.interleave, interleave.side == .head else { return nil }
        let partner = try store.runs(inRunSet: interleave.partner).filter(filter.admits)
        guard let baseCommit = partner.first.flatMap({ ObjectID(hex: $0.gitSHA) }) else { return nil }
        let count = state.plannedSeeds.count
        return Gate.judgeInterleaved(project: project.name, benchmark: benchmark,
                                     baseline: RunPipeline.side(partner, commit: baseCommit, metaSeed: state.metaSeed, count: count),
                                     candidate: RunPipeline.side(rows, commit: commit, metaSeed: state.metaSeed, count: count), host: host)
    }

    /// The seed contract of the one run set `rows` come from; nil when they come from several, or its directory is gone.
    func runSetState(of rows: [RunRecord], benchmark: Benchmark, in project: ProjectContext) -> ResumeState? {
        guard let home, let runSetID = rows.first?.runSetID, rows.allSatisfy({ $0.runSetID == runSetID }) else { return nil }
        let directory = RunSetDirectory(url: RunDir.directory(home: home, project: project.name, benchmark: benchmark.name,
                                                              runSetID: RunSetID(value: runSetID)))
        return try? directory.readResumeState()
    }

    /// The verdict of a group one `--until-decided` run set gathered against the baseline its looks compared with:
    /// its looks taken again over the stored rows, in repetition order. Judging the final group at the fixed-sample
    /// level would ignore that the run chose when to stop, and spend more than α (BENCHMARKS.md); replaying the
    /// procedure gives the run's own verdict back, from the store. Nil for any other group.
    func sequentialVerdict(_ benchmark: Benchmark, in project: ProjectContext, state: ResumeState, rows: [RunRecord], candidate: MetricGroup,
                           pointer: BaselinePointer, baseline: MetricGroup) -> Verdict? {
        guard let plan = state.untilDecided, plan.baselineEventID == pointer.id,
              let procedure = SequentialProcedure(planned: plan.planned, budget: plan.budget, baselineCount: baseline.metrics.count,
                                                  threshold: benchmark.promotionThreshold ?? Gate.fallbackThreshold)
        else { return nil }
        let sample = CandidateSample(rows)
        return procedure.run(project: project.name, benchmark: benchmark, baseline: baseline, host: host) { size in
            sample.group(commit: candidate.commit, metaSeed: candidate.metaSeed, below: size)
        }
    }

    /// The current baseline pointer of `benchmark`: this host's, `options.baselineHost`'s, or any host's with
    /// `options.anyHost`.
    public func baselinePointer(of benchmark: Benchmark, in project: ProjectContext, options: EvaluateOptions) throws -> BaselinePointer? {
        try store.currentBaseline(project: project.name, benchmark: benchmark.name, host: options.baselineHost ?? (options.anyHost ? nil : host))
    }

    /// Candidate meta-seed groups at `commit` that can be judged, newest first: complete ones only (every run set in
    /// the group stored all its planned repetitions: `Sequence.isComplete`), so a group still being measured or cut
    /// short by Ctrl-C never decides a verdict; never the baseline's own group: right after a promote the promoted
    /// runs are the baseline, and comparing them with themselves says nothing; and never `calibrate`'s repetitions.
    public func candidateGroups(of benchmark: Benchmark, in project: ProjectContext, commit: ObjectID, pointer: BaselinePointer?,
                                filter: RunStore.Filter) throws -> [Int64] {
        var groups = try store.candidateMetaSeeds(project: project.name, benchmark: benchmark.name, commit: commit, filter: filter)
        if let pointer, pointer.commit == commit, let baselineSeed = pointer.metaSeed { groups.removeAll { $0 == baselineSeed } }
        return try groups.filter {
            let rows = try store.group(project: project.name, benchmark: benchmark.name, commit: commit.hex, metaSeed: $0, filter: filter)
            // `calibrate`'s repetitions describe the machine's noise, not a candidate anyone asked to judge.
            return rows.isComplete && runSetState(of: rows, benchmark: benchmark, in: project)?.calibrates != true
        }
    }

    /// The baseline side as the gate receives it: the metrics of the `ok` rows that count among the runs the pointer
    /// stands for (its snapshot; `RunStore.baselineRows(of:filter:)`).
    func baselineGroup(_ pointer: BaselinePointer, filter: RunStore.Filter) throws -> MetricGroup {
        MetricGroup(commit: pointer.commit, metaSeed: pointer.metaSeed, metrics: try store.baselineRows(of: pointer, filter: filter).okMetrics)
    }

    /// The rows of the candidate group `metaSeed` at `commit` that count: what a verdict on that group judged, and
    /// so what `promote` records as the new baseline's snapshot.
    public func candidateRows(of benchmark: Benchmark, in project: ProjectContext, commit: ObjectID, metaSeed: Int64,
                              options: EvaluateOptions) throws -> [RunRecord] {
        try store.group(project: project.name, benchmark: benchmark.name, commit: commit.hex, metaSeed: metaSeed, filter: filter(options)).counting
    }

    /// The rows a gate may see: this host's unless `anyHost`, clean ones unless `includeDirty`.
    public func filter(_ options: EvaluateOptions) -> RunStore.Filter {
        RunStore.Filter(host: options.anyHost ? nil : host, includeDirty: options.includeDirty)
    }

    /// The baseline rows a gate may see: `options.baselineHost`'s when given, else as `filter`.
    func baselineFilter(_ options: EvaluateOptions) -> RunStore.Filter {
        options.baselineHost.map { RunStore.Filter(host: $0, includeDirty: options.includeDirty) } ?? filter(options)
    }
}

extension Evaluation {
    /// What a correctness FAIL changed: both stored artifacts compared, when both are still in the harness home.
    func artifactDifference(_ verdict: Verdict, project: String, benchmark: String) -> ArtifactDifference? {
        guard let home, let referenceDigest = verdict.referenceHash.flatMap(ContentDigest.init(tagged:)),
              let candidateDigest = verdict.candidateHash.flatMap(ContentDigest.init(tagged:)),
              let reference = home.artifact(referenceDigest, project: project, benchmark: benchmark),
              let candidate = home.artifact(candidateDigest, project: project, benchmark: benchmark)
        else { return nil }
        return ArtifactDifference(
            reference: reference, candidate: candidate,
            referencePath: home.artifactFile(referenceDigest, project: project, benchmark: benchmark).path,
            candidatePath: home.artifactFile(candidateDigest, project: project, benchmark: benchmark).path)
    }
}
