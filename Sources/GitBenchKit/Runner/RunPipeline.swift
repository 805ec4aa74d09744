import Foundation

/// The order of a run, written once: resolve the commit and manifest → refuse (dirty tree, corpus) before writing
/// anything → plan seeds → for each benchmark, run each repetition and store it the moment it finishes → move the
/// baseline pointer when establishing. `--at-sha` runs in a temporary worktree that is removed on every exit path.
extension Harness {
    /// Runs each requested benchmark (all when none are named) and stores every repetition as it finishes.
    /// Refuses a dirty tree (unless allowed) and corpus drift before writing anything.
    /// Throws `RunnerError.interrupted` after storing the interrupted repetition as an error row.
    /// With `request.changedSince`, benchmarks whose `paths` saw no change are skipped (listed in `skipped`, nothing written).
    public func run(_ request: RunRequest, in project: ProjectContext) throws -> RunOutcome {
        let repository = try Repository.open(at: project.root)
        var worktree: TemporaryWorktree?
        defer { try? worktree?.remove() }

        let commit: ObjectID
        let manifest: Manifest
        let workingDirectory: URL
        var isDirty = false
        if let revision = request.atRevision {
            commit = try repository.resolveCommit(revision)
            let scratch = URL(fileURLWithPath: NSTemporaryDirectory())
            let temporary = try repository.addTemporaryWorktree(at: commit, parentDirectory: scratch)
            worktree = temporary
            workingDirectory = temporary.path
            // The benchmark as it was defined at that commit, not as it is now.
            manifest = try ManifestLoader.load(projectRoot: temporary.path)
        } else {
            commit = try repository.headCommit()
            workingDirectory = project.root
            manifest = project.manifest
            isDirty = try repository.isDirty()
            if isDirty && !request.allowDirty { throw RunnerError.dirtyTree(path: project.root.path) }
        }

        let names = request.benchmarks.isEmpty ? manifest.benchmarks.map(\.name) : request.benchmarks
        let requested = try names.map { name -> Benchmark in
            guard let benchmark = manifest.benchmark(named: name) else { throw HarnessError.unknownBenchmark(name, project: project.name) }
            return benchmark
        }
        let selection = try selectAffected(requested, changedSince: request.changedSince, repository: repository, tip: commit, project: project.name)
        let benchmarks = selection.run
        if benchmarks.isEmpty { return RunOutcome(runSets: [], skipped: selection.skipped) }
        // Every check that can refuse happens before the first row is written.
        for benchmark in benchmarks { try CorpusFingerprint.verify(benchmark, projectRoot: workingDirectory) }
        let plans = try benchmarks.map { try seedPlan(for: $0, request: request) }

        var diffPath: String?
        var diffDigest: String?
        if isDirty {
            let diff = Data(try repository.diffAgainstHead().utf8)
            let directory = home.root.appendingPathComponent("logs").appendingPathComponent(project.name)
            try home.ensureDirectory(directory)
            let file = directory.appendingPathComponent("\(RunSetID.make().value)-\(commit.short).diff")
            try SecureFile.createNew(file, contents: diff)
            diffPath = file.path
            diffDigest = ContentDigest(of: diff).tagged
        }

        var runSets: [RunSet] = []
        for (benchmark, plan) in zip(benchmarks, plans) {
            let runSet = try runOne(benchmark, plan: plan, project: project, manifest: manifest, commit: commit, isDirty: isDirty,
                                    diffPath: diffPath, diffDigest: diffDigest, workingDirectory: workingDirectory, request: request)
            runSets.append(runSet)
        }
        return RunOutcome(runSets: runSets, skipped: selection.skipped)
    }

    private func seedPlan(for benchmark: Benchmark, request: RunRequest) throws -> SeedPlan {
        if request.establishesBaseline && benchmark.tier == .correctness { throw HarnessError.notStochastic(benchmark: benchmark.name) }
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

    private func runOne(_ benchmark: Benchmark, plan: SeedPlan, project: ProjectContext, manifest: Manifest, commit: ObjectID, isDirty: Bool,
                        diffPath: String?, diffDigest: String?, workingDirectory: URL, request: RunRequest) throws -> RunSet {
        let runSetID = RunSetID.make()
        let seeds = plan.seeds
        let role: RunRecord.Role = plan.metaSeed == nil ? .baseline : .candidate
        let context = RunSetContext(project: project.name, benchmark: benchmark.name, commit: commit, isDirty: isDirty, diffPath: diffPath,
                                    diffSHA256: diffDigest, host: host, metaSeed: plan.metaSeed, runSetID: runSetID, role: role,
                                    repetitionTotal: seeds.count, manifestHash: manifest.contentHash)
        let runner = RepetitionRunner(project: manifest.project, benchmark: benchmark, workingDirectory: workingDirectory, home: home, runSetID: runSetID)
        let metaText = plan.metaSeed.map(String.init) ?? "none"
        console.progress("\(runSetID) \(project.name)/\(benchmark.name): \(seeds.count) repetition(s) at \(commit.short)\(isDirty ? " (dirty)" : "") meta_seed=\(metaText)")

        var records: [RunRecord] = []
        let meter = RunMeter(console: console, label: "\(project.name)/\(benchmark.name)", total: seeds.count)
        defer { meter.finish() }
        // The run set's directory is a view of the store, started before the first repetition so a killed run can be resumed.
        let recorder = try beginRunSetDirectory(RunSetStart(
            runSetID: runSetID, benchmark: benchmark, project: project.name, manifest: manifest, commit: commit, isDirty: isDirty,
            diffPath: diffPath, diffDigest: diffDigest, workingDirectory: workingDirectory, request: request, plan: plan))
        for (index, seed) in seeds.enumerated() {
            try measure(index: index, seed: seed, total: seeds.count, runner: runner, context: context, into: &records, meter: meter, recorder: recorder)
        }
        var verdict: Verdict?
        if let metaSeed = plan.metaSeed, let untilDecided = recorder.state.untilDecided {
            verdict = try decideUntilDecided(benchmark, plan: untilDecided, metaSeed: metaSeed, commit: commit, runner: runner, context: context,
                                             recorder: recorder, records: &records)
        }

        var event: BaselinePointer?
        if request.establishesBaseline {
            let ok = records.filter { $0.status == .ok }.count
            if ok < benchmark.baselineFloor {
                console.warning("\(benchmark.name): only \(ok) ok repetition(s); the gate needs \(benchmark.baselineFloor) and will say NEEDS_MORE_DATA")
            }
            event = try store.appendBaselineEvent(project: project.name, benchmark: benchmark.name, host: host, commit: commit.hex,
                                                  metaSeed: nil, action: .establish, runSetID: runSetID.value, notes: request.notes)
        }
        console.progress("\(runSetID) done: \(records.filter { $0.status == .ok }.count) ok, \(records.filter { $0.status == .error }.count) error")
        let files = recorder.finish(verdict: verdict)
        if let directory = files.directory { console.progress("\(runSetID) run set directory: \(directory)") }
        return RunSet(id: runSetID, project: project.name, benchmark: benchmark.name, commit: commit, isDirty: isDirty, host: host,
                      metaSeed: plan.metaSeed, role: role, records: records, baselineEvent: event, runDirectory: files.directory,
                      zipPath: files.zip, verdict: verdict)
    }

    /// Runs one repetition, stores it the moment it finishes, then mirrors it into the run set's directory.
    /// Throws `RunnerError.interrupted` (after storing) when a signal arrived during it.
    func measure(index: Int, seed: Int64, total: Int, runner: RepetitionRunner, context: RunSetContext, into records: inout [RunRecord],
                 meter: RunMeter?, recorder: RunSetRecorder) throws {
        let repetition = try runner.run(seed: seed, index: index, total: total)
        // Store before anything else can fail: a measured repetition is never lost.
        let record = try store.append(repetition, in: context)
        records.append(record)
        recorder.record(record, usage: repetition.usage)
        console.progress("  rep=\(index) seed=\(seed) " + describe(record))
        meter?.record(record)
        if Interrupts.shared.wasInterrupted {
            recorder.markInterrupted()
            throw RunnerError.interrupted(completed: records.count - 1, total: total)
        }
    }

    private func describe(_ record: RunRecord) -> String {
        let wall = String(format: "%.3fs", record.wallClockSeconds)
        if record.status == .ok {
            return "metric=\(record.metric.map { String($0) } ?? "-") wall=\(wall)"
        }
        return "error: \(record.message ?? "unknown") wall=\(wall)"
    }
}
