import Foundation

/// The run-set half of the run order: the run set's directory (started before the first repetition, a series line per
/// stored repetition, finished after the last) and `--until-decided`'s extra batches.
extension Harness {
    /// Everything a new run set's directory needs to know at its start.
    struct RunSetStart {
        var runSetID: RunSetID
        var benchmark: Benchmark
        var project: String
        var manifest: Manifest
        var commit: ObjectID
        var isDirty: Bool
        var diffPath: String?
        var diffDigest: String?
        var workingDirectory: URL
        var request: RunRequest
        var plan: SeedPlan
    }

    /// Creates `runs/<project>/<benchmark>/<run-set-id>/` with its seed contract and provenance (attempt 1 running).
    /// Throws only when the store cannot be read for `--until-decided`'s baseline.
    func beginRunSetDirectory(_ start: RunSetStart) throws -> RunSetRecorder {
        let directory = RunSetDirectory(url: RunDir.directory(home: home, project: start.project, benchmark: start.benchmark.name,
                                                              runSetID: start.runSetID))
        let attempt = RunAttempt.current(number: 1, host: host)
        let role: RunRecord.Role = start.plan.metaSeed == nil ? .baseline : .candidate
        var untilDecided: ResumeState.UntilDecided?
        if let budget = untilDecidedBudget(start.request, benchmark: start.benchmark, plan: start.plan) {
            let pointer = try store.currentBaseline(project: start.project, benchmark: start.benchmark.name, host: host)
            untilDecided = ResumeState.UntilDecided(planned: start.plan.seeds.count, budget: budget, baselineSHA: pointer?.gitSHA,
                                                    baselineMetaSeed: pointer?.metaSeed)
        }
        let state = ResumeState(
            runSetID: start.runSetID, project: start.project, benchmark: start.benchmark.name, commit: start.commit, host: host,
            usesWorktree: start.request.atRevision != nil, isDirty: start.isDirty, allowsDirty: start.request.allowDirty, diffPath: start.diffPath,
            diffSHA256: start.diffDigest, role: role, metaSeed: start.plan.metaSeed, plannedSeeds: start.plan.seeds,
            manifestHash: start.manifest.contentHash, establishesBaseline: start.request.establishesBaseline, notes: start.request.notes,
            compress: start.request.compress, untilDecided: untilDecided, attempts: [attempt])
        let provenance = RunProvenance(
            runSetID: start.runSetID, project: start.project, benchmark: start.benchmark.name,
            git: .init(sha: start.commit, isDirty: start.isDirty, diffSHA256: start.diffDigest, diffPath: start.diffPath,
                       usesWorktree: start.request.atRevision != nil),
            host: host, machine: HostFacts.current(), versions: Self.versions, invocation: CommandLine.arguments,
            workingDirectory: start.workingDirectory.path, manifestHash: start.manifest.contentHash,
            corpusFingerprint: corpusFingerprint(start.benchmark, projectRoot: start.workingDirectory), startedAt: attempt.startedAt,
            endedAt: nil, attempts: [attempt])
        return RunSetRecorder.begin(in: directory, state: state, provenance: provenance, console: console)
    }

    /// git-bench, libgit2 and SQLite versions, as provenance records them.
    static var versions: RunProvenance.Versions {
        RunProvenance.Versions(gitBench: GitBench.version, libgit2: Repository.libgit2Version, sqlite: RunStore.sqliteVersion)
    }

    /// The corpus fingerprint provenance records: the pinned hash when the manifest pins one (it was just verified),
    /// else the fingerprint of whatever is at `corpus_path`, else nil.
    func corpusFingerprint(_ benchmark: Benchmark, projectRoot: URL) -> String? {
        if let pinned = benchmark.corpusHash { return pinned }
        guard let url = CorpusFingerprint.path(of: benchmark, projectRoot: projectRoot) else { return nil }
        // An unpinned corpus that cannot be fingerprinted is not an error for the run; provenance just has no fingerprint.
        return try? CorpusFingerprint.fingerprint(url, type: benchmark.corpusType ?? .bytes, benchmark: benchmark.name)
    }

    /// The budget of `--until-decided` for this benchmark, or nil when the run does not look sequentially (not asked,
    /// a baseline run, a correctness benchmark).
    func untilDecidedBudget(_ request: RunRequest, benchmark: Benchmark, plan: SeedPlan) -> Int? {
        guard request.untilDecided, plan.metaSeed != nil, benchmark.tier != .correctness else { return nil }
        return max(request.budget ?? 4 * plan.seeds.count, plan.seeds.count)
    }

    /// Runs `--until-decided`'s looks over the run set's candidate rows: the planned repetitions are already in
    /// `records`; each further look runs the next batch of the same seed stream first. Returns the verdict of the last look.
    func decideUntilDecided(_ benchmark: Benchmark, plan: ResumeState.UntilDecided, metaSeed: Int64, commit: ObjectID,
                            runner: RepetitionRunner, context: RunSetContext, recorder: RunSetRecorder,
                            records: inout [RunRecord]) throws -> Verdict? {
        var baseline: MetricGroup?
        if let sha = plan.baselineSHA {
            let rows = try store.group(project: context.project, benchmark: benchmark.name, commit: sha, metaSeed: plan.baselineMetaSeed,
                                       filter: RunStore.Filter(host: host, includeDirty: false))
            baseline = MetricGroup(sha: sha, metaSeed: plan.baselineMetaSeed, metrics: rows.okMetrics)
        }
        guard let procedure = SequentialProcedure(planned: plan.planned, budget: plan.budget, baselineCount: baseline?.metrics.count ?? 0,
                                                  threshold: benchmark.promotionThreshold ?? Gate.fallbackThreshold) else { return nil }
        var collected = records
        let verdict = try procedure.run(project: context.project, benchmark: benchmark, baseline: baseline, host: host) { size in
            let missing = Self.missingIndices(in: collected, below: size)
            if !missing.isEmpty {
                let seeds = SeedPlan.fresh(metaSeed: metaSeed, count: size).seeds
                recorder.extendPlan(to: seeds)
                console.progress("\(context.runSetID) until-decided: running repetitions \(missing.first ?? 0)-\(missing.last ?? 0) of at most \(plan.budget)")
                var batchContext = context
                batchContext.repetitionTotal = size
                for index in missing {
                    try measure(index: index, seed: seeds[index], total: size, runner: runner, context: batchContext, into: &collected,
                                meter: nil, recorder: recorder)
                }
            }
            return MetricGroup(sha: commit.hex, metaSeed: metaSeed, metrics: Self.effective(collected).okMetrics)
        }
        records = collected
        if let look = verdict.sequential {
            console.progress("\(context.runSetID) until-decided: \(verdict.kind.rawValue) at look \(look.look) of \(look.plannedLooks) "
                             + "(\(look.repetitions) repetitions, threshold " + String(format: "%.3f -> %.3f", look.nominalThreshold, look.adjustedThreshold)
                             + ", \(look.stoppedBecause))")
        }
        return verdict
    }

    /// Indices below `bound` with no row that counts (an `interrupted` error row does not: it measured nothing).
    static func missingIndices(in records: [RunRecord], below bound: Int) -> [Int] {
        let present = Set(records.filter { !isInterruptedRow($0) }.map(\.repetitionIndex))
        return (0..<bound).filter { !present.contains($0) }
    }

    /// For each index, the newest row that counts, in index order.
    static func effective(_ records: [RunRecord]) -> [RunRecord] {
        var latest: [Int: RunRecord] = [:]
        for record in records where !isInterruptedRow(record) && (latest[record.repetitionIndex]?.id ?? Int64.min) < record.id {
            latest[record.repetitionIndex] = record
        }
        return latest.values.sorted { $0.repetitionIndex < $1.repetitionIndex }
    }

    /// The error row Ctrl-C leaves for the repetition it cut short (see `RepetitionRunner`).
    static func isInterruptedRow(_ record: RunRecord) -> Bool {
        record.status == .error && record.message == "interrupted"
    }
}
