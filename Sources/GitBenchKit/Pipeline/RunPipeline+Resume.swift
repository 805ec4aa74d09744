import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `git bench resume`: the same run order as `run`, for the repetitions an interrupted run set is missing.
extension RunPipeline {
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
        if let interleave = state.interleave {
            // One side alone would lose the A B B A order the pair is judged by.
            throw refuse("it is the \(interleave.side.rawValue) side of a `git bench ab` pair with run set \(interleave.partner); run `git bench ab` again")
        }
        for attempt in state.attempts where attempt.isStillRunning {
            throw refuse("attempt \(attempt.number) (pid \(attempt.pid)) is still running; wait for it to finish or stop it first")
        }

        let project = try ProjectContext.open(named: state.project, from: URL(fileURLWithPath: "/"), store: store)
        let repository = try Repository.open(at: project.root)
        let site = try MeasurementSite.open(repository, project: project, pinnedTo: state.usesWorktree ? state.commit : nil, console: console)
        defer { site.close() }
        if !state.usesWorktree {
            guard site.commit == state.commit else {
                throw refuse("HEAD is at \(site.commit.short) but the run set was measured at \(state.commit.short); check out \(state.commit.short) and resume again")
            }
            if site.isDirty && !state.isDirty {
                throw refuse("the working tree at \(project.root.path) has uncommitted or untracked changes; the run set was measured on a clean tree")
            }
            if !site.isDirty && state.isDirty {
                throw refuse("the run set was measured with uncommitted changes (diff \(state.diffSHA256 ?? "unknown")) that are gone now")
            }
            if site.isDirty, let recorded = state.diffSHA256 {
                let now = ContentDigest(of: Data(try repository.diffAgainstHead().utf8)).tagged
                guard now == recorded else {
                    throw refuse("the uncommitted changes differ from the ones measured (diff \(now), recorded \(recorded))")
                }
            }
        }
        guard site.manifest.contentHash == state.manifestHash else {
            throw refuse("bench/manifest.toml is \(site.manifest.contentHash) but the run set was measured with \(state.manifestHash)")
        }
        if let recorded = state.workingTreeHash {
            let now = try WorkingTreeHash.of(projectRoot: site.workingDirectory, trackedPaths: site.manifest.project.trackedPaths)
            guard now == recorded else {
                throw refuse("the files under [project] tracked_paths changed since the run set was measured (\(now), recorded \(recorded))")
            }
        }
        guard let benchmark = site.manifest.benchmark(named: state.benchmark) else {
            throw HarnessError.unknownBenchmark(state.benchmark, project: state.project)
        }
        try CorpusFingerprint.verify(benchmark, projectRoot: site.workingDirectory)

        let stored = try store.runs(inRunSet: runSetID)
        if compress { state.compress = true }
        let recorder = RunSetRecorder.resume(
            in: directory, state: state,
            provenance: resumedProvenance(directory, state: state, benchmark: benchmark, workingDirectory: site.workingDirectory),
            earlier: earlierSeries(directory), attempt: .current(number: state.attempts.count + 1, host: host), runs: stored, console: console)
        let missing = stored.missingIndices(below: state.plannedSeeds.count)
        console.progress("\(runSetID) resume, attempt \(recorder.attemptNumber): \(missing.count) of \(state.plannedSeeds.count) repetition(s) "
                         + "missing at \(state.commit.short) meta_seed=\(state.metaSeed.map(String.init) ?? "none")")
        var session = RunSetSession(pipeline: self, benchmark: benchmark, project: site.manifest.project, workingDirectory: site.workingDirectory,
                                    recorder: recorder, stored: stored)
        try session.measure(missing, meter: nil)
        return try session.finish()
    }

    /// What only the series file knows about stored rows (CPU, RSS and the attempt that measured each), by run id.
    /// A file that cannot be read costs those figures for earlier repetitions, nothing else.
    private func earlierSeries(_ directory: RunSetDirectory) -> [Int64: SeriesEntry] {
        do {
            return Dictionary(try directory.readSeries(toleratingTornTail: true).map { ($0.runID, $0) }, uniquingKeysWith: { $1 })
        } catch {
            console.warning("\(error); rebuilding \(RunDir.seriesFile) from the store (CPU and RSS of earlier repetitions are lost)")
            return [:]
        }
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
}
