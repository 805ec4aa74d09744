import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `git bench resume`: the same run order as `run`, for the repetitions an interrupted run set is missing.
extension Harness {
    /// Finishes an interrupted run set: runs only the planned repetitions that have no row in the store (an
    /// `interrupted` error row counts as missing), with the same seeds, meta seed, role and run-set id, then continues
    /// `--until-decided`'s looks if the run set used them, moves the baseline pointer if it establishes one and has not
    /// yet, appends the attempt to the history, and rewrites summary, report and manifest (and the zip when asked for by
    /// `compress` or by the original run).
    ///
    /// Throws `RunDirError.notFound` for an unknown id, and `RunDirError.resumeRefused` when the result would not be the
    /// same measurement: another host, HEAD moved, a tree that is dirty (or differently dirty) where the original was
    /// not, a changed manifest, or an attempt still running.
    public func resume(_ runSetID: RunSetID, compress: Bool = false) throws -> RunSet {
        let directory = try RunSetDirectory.locate(runSetID, home: home)
        var state = try directory.readResumeState()
        func refuse(_ reason: String) -> RunDirError { .resumeRefused(runSetID: runSetID.value, reason: reason) }
        guard state.runSetID == runSetID else {
            throw RunDirError.notARunSet(path: directory.url.path, reason: "\(RunDir.resumeStateFile) belongs to run set \(state.runSetID)")
        }
        guard state.host == host else { throw refuse("it was measured on host \(state.host), this is \(host); resume it there") }
        for attempt in state.attempts where attempt.status == .running && attempt.pid != getpid() && Self.isAlive(attempt.pid) {
            throw refuse("attempt \(attempt.number) (pid \(attempt.pid)) is still running; wait for it to finish or stop it first")
        }

        let project = try self.project(named: state.project, from: URL(fileURLWithPath: "/"))
        let repository = try Repository.open(at: project.root)
        var worktree: TemporaryWorktree?
        defer { try? worktree?.remove() }
        let manifest: Manifest
        let workingDirectory: URL
        if state.usesWorktree {
            let temporary = try repository.addTemporaryWorktree(at: state.commit, parentDirectory: URL(fileURLWithPath: NSTemporaryDirectory()))
            worktree = temporary
            workingDirectory = temporary.path
            manifest = try ManifestLoader.load(projectRoot: temporary.path)
        } else {
            let head = try repository.headCommit()
            guard head == state.commit else {
                throw refuse("HEAD is at \(head.short) but the run set was measured at \(state.commit.short); check out \(state.commit.short) and resume again")
            }
            let isDirty = try repository.isDirty()
            if isDirty && !state.isDirty {
                throw refuse("the working tree at \(project.root.path) has uncommitted or untracked changes; the run set was measured on a clean tree")
            }
            if !isDirty && state.isDirty {
                throw refuse("the run set was measured with uncommitted changes (diff \(state.diffSHA256 ?? "unknown")) that are gone now")
            }
            if isDirty, let recorded = state.diffSHA256 {
                let now = ContentDigest(of: Data(try repository.diffAgainstHead().utf8)).tagged
                guard now == recorded else {
                    throw refuse("the uncommitted changes differ from the ones measured (diff \(now), recorded \(recorded))")
                }
            }
            workingDirectory = project.root
            manifest = project.manifest
        }
        guard manifest.contentHash == state.manifestHash else {
            throw refuse("bench/manifest.toml is \(manifest.contentHash) but the run set was measured with \(state.manifestHash)")
        }
        guard let benchmark = manifest.benchmark(named: state.benchmark) else { throw HarnessError.unknownBenchmark(state.benchmark, project: state.project) }
        try CorpusFingerprint.verify(benchmark, projectRoot: workingDirectory)

        let stored = try store.runs(inRunSet: runSetID)
        if compress { state.compress = true }
        let recorder = RunSetRecorder.resume(in: directory, state: state,
                                             provenance: resumedProvenance(directory, state: state, benchmark: benchmark, workingDirectory: workingDirectory),
                                             series: resumedSeries(directory, stored: stored), attempt: .current(number: state.attempts.count + 1, host: host),
                                             console: console)
        let planned = state.plannedSeeds.count
        let context = RunSetContext(project: state.project, benchmark: state.benchmark, commit: state.commit, isDirty: state.isDirty,
                                    diffPath: state.diffPath, diffSHA256: state.diffSHA256, host: host, metaSeed: state.metaSeed, runSetID: runSetID,
                                    role: state.role, repetitionTotal: planned, manifestHash: state.manifestHash)
        let runner = RepetitionRunner(project: manifest.project, benchmark: benchmark, workingDirectory: workingDirectory, home: home, runSetID: runSetID)
        let missing = Self.missingIndices(in: stored, below: planned)
        console.progress("\(runSetID) resume, attempt \(recorder.attemptNumber): \(missing.count) of \(planned) repetition(s) missing at "
                         + "\(state.commit.short) meta_seed=\(state.metaSeed.map(String.init) ?? "none")")

        var records = stored
        for index in missing {
            try measure(index: index, seed: state.plannedSeeds[index], total: planned, runner: runner, context: context, into: &records,
                        meter: nil, recorder: recorder)
        }
        var verdict: Verdict?
        if let metaSeed = state.metaSeed, let plan = state.untilDecided {
            verdict = try decideUntilDecided(benchmark, plan: plan, metaSeed: metaSeed, commit: state.commit, runner: runner, context: context,
                                             recorder: recorder, records: &records)
        }
        var event: BaselinePointer?
        if state.establishesBaseline {
            // The pointer moves once per run set: only if the interrupted attempt never got that far.
            event = try store.baselineEvents(project: state.project, benchmark: state.benchmark).last { $0.runSetID == runSetID.value }
            if event == nil {
                event = try store.appendBaselineEvent(project: state.project, benchmark: state.benchmark, host: host, commit: state.commit.hex,
                                                      metaSeed: nil, action: .establish, runSetID: runSetID.value, notes: state.notes)
            }
        }
        let files = recorder.finish(verdict: verdict)
        console.progress("\(runSetID) resumed: \(Self.effective(records).filter { $0.status == .ok }.count) ok of \(recorder.state.plannedSeeds.count) planned")
        return RunSet(id: runSetID, project: state.project, benchmark: state.benchmark, commit: state.commit, isDirty: state.isDirty, host: host,
                      metaSeed: state.metaSeed, role: state.role, records: records, baselineEvent: event, runDirectory: files.directory,
                      zipPath: files.zip, verdict: verdict)
    }

    /// The series as the store has it: each stored row's existing line (which alone knows CPU and RSS), or a line
    /// rebuilt from the row when the interrupted attempt died between storing it and writing the line.
    private func resumedSeries(_ directory: RunSetDirectory, stored: [RunRecord]) -> [SeriesEntry] {
        var existing: [Int64: SeriesEntry] = [:]
        do {
            for entry in try directory.readSeries(toleratingTornTail: true) { existing[entry.runID] = entry }
        } catch {
            console.warning("\(error); rebuilding \(RunDir.seriesFile) from the store (CPU and RSS of earlier repetitions are lost)")
        }
        return stored.map { existing[$0.id] ?? SeriesEntry(record: $0, usage: nil, attempt: nil) }
    }

    /// The recorded provenance, or a new one describing this machine when it is missing or unreadable.
    private func resumedProvenance(_ directory: RunSetDirectory, state: ResumeState, benchmark: Benchmark, workingDirectory: URL) -> RunProvenance {
        do {
            return try directory.read(RunProvenance.self, from: RunDir.provenanceFile)
        } catch {
            console.warning("\(error); writing a new \(RunDir.provenanceFile)")
        }
        return RunProvenance(
            runSetID: state.runSetID, project: state.project, benchmark: state.benchmark,
            git: .init(sha: state.commit, isDirty: state.isDirty, diffSHA256: state.diffSHA256, diffPath: state.diffPath, usesWorktree: state.usesWorktree),
            host: host, machine: HostFacts.current(), versions: Self.versions, invocation: state.attempts.first?.argv ?? CommandLine.arguments,
            workingDirectory: workingDirectory.path, manifestHash: state.manifestHash,
            corpusFingerprint: corpusFingerprint(benchmark, projectRoot: workingDirectory), startedAt: state.attempts.first?.startedAt ?? Timestamp.string(Date()),
            endedAt: nil, attempts: state.attempts)
    }

    /// Whether a process with this pid exists (EPERM: it exists but belongs to someone else).
    static func isAlive(_ pid: Int32) -> Bool {
        pid > 0 && (kill(pid, 0) == 0 || errno == EPERM)
    }
}
