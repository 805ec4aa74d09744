import Foundation

/// The order of a run, written once: resolve the commit and manifest → refuse (dirty tree, corpus) before writing
/// anything → plan seeds → for each benchmark, run each repetition and store it the moment it finishes, mirroring it
/// into the run set's directory → decide `--until-decided` → move the baseline pointer when establishing.
/// `resume` (RunPipeline+Resume.swift) continues a run set through the same `RunSetSession`.
public struct RunPipeline: Sendable {
    /// Where every repetition is stored, the moment it finishes.
    public let store: RunStore
    /// Where run-set directories, logs and artifacts go.
    public let home: HarnessHome
    /// Progress and warnings.
    public let console: Console
    /// This machine's name, recorded on every row.
    public let host: String

    /// A pipeline over these parts; `Harness` makes one for its own store, home, console and host.
    public init(store: RunStore, home: HarnessHome, console: Console, host: String) {
        self.store = store
        self.home = home
        self.console = console
        self.host = host
    }

    /// The verdict stage over the same store and host.
    public var evaluation: Evaluation { Evaluation(store: store, host: host, home: home) }

    /// Runs each requested benchmark (all when none are named) and stores every repetition as it finishes.
    /// Refuses a dirty tree (unless allowed) and corpus drift before writing anything.
    /// Throws `RunnerError.interrupted` after storing the interrupted repetition.
    /// With `request.changedSince`, benchmarks whose `paths` saw no change are skipped (listed in `skipped`, nothing written).
    /// `beforeWriting` runs once every refusal has passed, just before the first write, and not at all when the run is
    /// refused or skips every benchmark: what it records (a foreground job row) exists only for runs that write.
    public func run(_ request: RunRequest, in project: ProjectContext, beforeWriting: () throws -> Void = {}) throws -> RunOutcome {
        try Self.checkBounds(request)
        let repository = try Repository.open(at: project.root)
        let pinned = try request.atRevision.map { try repository.resolveCommit($0) }
        let site = try MeasurementSite.open(repository, project: project, pinnedTo: pinned, console: console)
        defer { site.close() }
        if site.isDirty && !request.allowDirty { throw RunnerError.dirtyTree(path: project.root.path) }

        let names = request.benchmarks.isEmpty ? site.manifest.benchmarks.map(\.name) : request.benchmarks
        let requested = try names.map { name -> Benchmark in
            guard let benchmark = site.manifest.benchmark(named: name) else { throw HarnessError.unknownBenchmark(name, in: site.manifest, project: project.name) }
            return benchmark
        }
        let selection = try PathSelection.select(requested, changedSince: request.changedSince, repository: repository, tip: site.commit,
                                                 project: project.name)
        let benchmarks = selection.run
        if benchmarks.isEmpty { return RunOutcome(runSets: [], skipped: selection.skipped) }
        // Every check that can refuse happens before the first row is written.
        for benchmark in benchmarks { try CorpusFingerprint.verify(benchmark, projectRoot: site.workingDirectory) }
        let treeHash = try WorkingTreeHash.of(projectRoot: site.workingDirectory, trackedPaths: site.manifest.project.trackedPaths)
        let plans = try benchmarks.map { try seedPlan(for: $0, request: request) }
        if request.establishesBaseline && request.forcesBaseline != true {
            for (benchmark, plan) in zip(benchmarks, plans) where plan.seeds.count < benchmark.baselineFloor {
                if let usable = try usableBaseline(project: project.name, benchmark: benchmark) {
                    throw HarnessError.policy("not establishing a baseline of \(plan.seeds.count) repetition(s) for \(benchmark.name): the gate "
                        + "needs \(benchmark.baselineFloor) and would replace the usable baseline at \(usable.commit.short); pass --force to do it anyway")
                }
            }
        }
        try beforeWriting()
        let diff = site.isDirty ? try recordDiff(of: repository, project: project.name, commit: site.commit) : nil

        var runSets: [RunSet] = []
        for (benchmark, plan) in zip(benchmarks, plans) {
            runSets.append(try measureNewRunSet(benchmark, plan: plan, project: project.name, site: site, diff: diff, treeHash: treeHash,
                                                request: request))
        }
        return RunOutcome(runSets: runSets, skipped: selection.skipped)
    }

    /// The uncommitted changes a dirty run measured, kept 0600 under `logs/<project>/`, and their digest.
    func recordDiff(of repository: Repository, project: String, commit: ObjectID) throws -> (path: String, digest: String) {
        let diff = Data(try repository.diffAgainstHead().utf8)
        let directory = home.root.appendingPathComponent("logs").appendingPathComponent(project)
        try home.ensureDirectory(directory)
        let file = directory.appendingPathComponent("\(RunSetID.make().value)-\(commit.short).diff")
        try SecureFile.createNew(file, contents: diff)
        return (file.path, ContentDigest(of: diff).tagged)
    }

    private func seedPlan(for benchmark: Benchmark, request: RunRequest) throws -> SeedPlan {
        // A correctness benchmark's baseline is its frozen reference (benchstone 0.3): no baseline seeds, no pointer.
        if (request.establishesBaseline || request.seedSet == .baseline) && benchmark.tier == .correctness {
            throw HarnessError.notStochastic(benchmark: benchmark.name)
        }
        if request.seedSet == .baseline || request.establishesBaseline {
            guard !benchmark.baselineSeeds.isEmpty else { throw RunnerError.noBaselineSeeds(benchmark: benchmark.name) }
            guard let count = request.repetitions else { return .baseline(benchmark.baselineSeeds) }
            guard count <= benchmark.baselineSeeds.count else {
                throw HarnessError.tooFewSeeds(benchmark: benchmark.name, requested: count, available: benchmark.baselineSeeds.count)
            }
            return .baseline(Array(benchmark.baselineSeeds.prefix(count)))
        }
        return .fresh(metaSeed: request.metaSeed ?? SeedPlan.randomMetaSeed(), count: request.repetitions ?? benchmark.repetitions)
    }

    /// Starts a run set: its seed contract and provenance are written before the first repetition (so even a killed
    /// run can be resumed), then every planned repetition runs.
    private func measureNewRunSet(_ benchmark: Benchmark, plan: SeedPlan, project: String, site: MeasurementSite,
                                  diff: (path: String, digest: String)?, treeHash: String, request: RunRequest) throws -> RunSet {
        var session = try beginRunSet(benchmark, plan: plan, project: project, site: site, diff: diff, treeHash: treeHash, request: request)
        let meter = RunMeter(console: console, label: "\(project)/\(benchmark.name)", total: plan.seeds.count)
        defer { meter.finish() }
        try session.measure(Array(plan.seeds.indices), meter: meter)
        return try session.finish()
    }

    /// Writes a new run set's seed contract and provenance (so even a killed run can be resumed) and returns the
    /// session that measures it. `interleave` marks one side of a `git bench ab` pair.
    func beginRunSet(_ benchmark: Benchmark, plan: SeedPlan, project: String, site: MeasurementSite, diff: (path: String, digest: String)?,
                     treeHash: String, request: RunRequest, runSetID: RunSetID = .make(), interleave: ResumeState.Interleave? = nil) throws -> RunSetSession {
        let attempt = RunAttempt.current(number: 1, host: host)
        var untilDecided: ResumeState.UntilDecided?
        if let budget = untilDecidedBudget(request, benchmark: benchmark, plan: plan) {
            let pointer = try store.currentBaseline(project: project, benchmark: benchmark.name, host: host)
            untilDecided = ResumeState.UntilDecided(planned: plan.seeds.count, budget: budget, baselineCommit: pointer?.commit,
                                                    baselineMetaSeed: pointer?.metaSeed, baselineEventID: pointer?.id)
        }
        var state = ResumeState(
            runSetID: runSetID, project: project, benchmark: benchmark.name, commit: site.commit, host: host,
            usesWorktree: site.usesWorktree, isDirty: site.isDirty, allowsDirty: request.allowDirty, diffPath: diff?.path,
            diffSHA256: diff?.digest, role: plan.metaSeed == nil ? .baseline : .candidate, metaSeed: plan.metaSeed, plannedSeeds: plan.seeds,
            manifestHash: site.manifest.contentHash, establishesBaseline: request.establishesBaseline, notes: request.notes,
            compress: request.compress, untilDecided: untilDecided, attempts: [attempt])
        state.forcesBaseline = request.forcesBaseline
        state.workingTreeHash = treeHash
        state.interleave = interleave
        state.calibrates = request.calibrates
        let provenance = RunProvenance(
            runSetID: runSetID, project: project, benchmark: benchmark.name,
            git: .init(sha: site.commit, isDirty: site.isDirty, diffSHA256: diff?.digest, diffPath: diff?.path, usesWorktree: site.usesWorktree),
            host: host, machine: HostFacts.current(), versions: Self.versions, invocation: CommandLine.arguments,
            workingDirectory: site.workingDirectory.path, manifestHash: site.manifest.contentHash,
            corpusFingerprint: corpusFingerprint(benchmark, projectRoot: site.workingDirectory), startedAt: attempt.startedAt,
            endedAt: nil, attempts: [attempt])
        let directory = RunSetDirectory(url: RunDir.directory(home: home, project: project, benchmark: benchmark.name, runSetID: runSetID))
        let recorder = RunSetRecorder.begin(in: directory, state: state, provenance: provenance, console: console)

        console.progress("\(runSetID) \(project)/\(benchmark.name): \(plan.seeds.count) repetition(s) at \(site.commit.short)"
                         + "\(site.isDirty ? " (dirty)" : "") meta_seed=\(plan.metaSeed.map(String.init) ?? "none")")
        return RunSetSession(pipeline: self, benchmark: benchmark, project: site.manifest.project, workingDirectory: site.workingDirectory,
                             recorder: recorder, stored: [])
    }

    /// The current baseline pointer of `benchmark` on this host when the gate can use it (enough ok runs); nil otherwise.
    func usableBaseline(project: String, benchmark: Benchmark) throws -> BaselinePointer? {
        guard let pointer = try store.currentBaseline(project: project, benchmark: benchmark.name, host: host) else { return nil }
        let ok = try store.baselineRows(of: pointer, filter: RunStore.Filter(host: host, includeDirty: false)).okMetrics.count
        return ok >= benchmark.baselineFloor ? pointer : nil
    }

    /// git-bench, libgit2 and SQLite versions, as provenance records them.
    static var versions: RunProvenance.Versions {
        RunProvenance.Versions(gitBench: GitBench.version, libgit2: Repository.libgit2Version, sqlite: RunStore.sqliteVersion)
    }

    /// The corpus fingerprint provenance records: the pinned hash when the manifest pins one (it was just verified),
    /// else the fingerprint of whatever is at `corpus_path`, else nil.
    func corpusFingerprint(_ benchmark: Benchmark, projectRoot: URL) -> String? {
        if let pinned = benchmark.corpusHash { return pinned }
        // An unpinned corpus that cannot be fingerprinted is not an error for the run; provenance just has no fingerprint.
        return (try? CorpusFingerprint.fingerprint(of: benchmark, projectRoot: projectRoot)) ?? nil
    }

    /// Refuses (64) a request planning more repetitions than `Benchmark.maximumRepetitions`, before anything is
    /// allocated per repetition.
    static func checkBounds(_ request: RunRequest) throws {
        try checkBound(request.repetitions, option: "-n")
        try checkBound(request.budget, option: "--budget")
    }

    /// Refuses (64) a repetition count outside 1...`Benchmark.maximumRepetitions` given for `option`.
    static func checkBound(_ count: Int?, option: String) throws {
        let maximum = Benchmark.maximumRepetitions
        if let count, !(1...maximum).contains(count) {
            throw HarnessError.badRequest("\(option) must be between 1 and \(maximum) (got \(count))")
        }
    }

    /// The budget of `--until-decided` for this benchmark, or nil when the run does not look sequentially (not asked,
    /// a baseline run, a correctness benchmark).
    private func untilDecidedBudget(_ request: RunRequest, benchmark: Benchmark, plan: SeedPlan) -> Int? {
        guard request.untilDecided, plan.metaSeed != nil, benchmark.tier != .correctness else { return nil }
        return max(request.budget ?? min(4 * plan.seeds.count, Benchmark.maximumRepetitions), plan.seeds.count)
    }
}
