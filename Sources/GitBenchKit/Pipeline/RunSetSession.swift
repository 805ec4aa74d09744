import Foundation

/// One run set being measured: each repetition runs, is stored the moment it ends, and is then mirrored into the
/// run set's directory; `--until-decided` adds looks; a run set that establishes a baseline moves the pointer once;
/// the directory is finished last. `run` starts sessions and `resume` continues them, so both measure the same way.
struct RunSetSession {
    let pipeline: RunPipeline
    let benchmark: Benchmark
    let recorder: RunSetRecorder
    private let runner: RepetitionRunner
    /// Every stored row of the run set so far, in id order (earlier attempts' rows first).
    private(set) var records: [RunRecord]

    init(pipeline: RunPipeline, benchmark: Benchmark, project: ProjectSpec, workingDirectory: URL, recorder: RunSetRecorder,
         stored: [RunRecord]) {
        self.pipeline = pipeline
        self.benchmark = benchmark
        self.recorder = recorder
        self.records = stored
        runner = RepetitionRunner(project: project, benchmark: benchmark, workingDirectory: workingDirectory, home: pipeline.home,
                                  runSetID: recorder.state.runSetID)
    }

    private var state: ResumeState { recorder.state }
    private var console: Console { pipeline.console }

    /// What every row of this run set shares; `total` is the planned repetition count the rows record.
    private func context(total: Int) -> RunSetContext {
        RunSetContext(project: state.project, benchmark: state.benchmark, commit: state.commit, isDirty: state.isDirty,
                      diffPath: state.diffPath, diffSHA256: state.diffSHA256, host: pipeline.host, metaSeed: state.metaSeed,
                      runSetID: state.runSetID, role: state.role, repetitionTotal: total, manifestHash: state.manifestHash,
                      workingTreeHash: state.workingTreeHash)
    }

    /// Runs the planned repetitions at `indices`, storing each as it finishes.
    /// Throws `RunnerError.interrupted` (after storing the cut-short repetition) when a signal arrived.
    mutating func measure(_ indices: [Int], meter: RunMeter?) throws {
        let seeds = state.plannedSeeds
        for index in indices {
            try measure(index: index, seed: seeds[index], total: seeds.count, meter: meter)
        }
    }

    /// Runs one repetition, stores it the moment it finishes, then mirrors it into the run set's directory. Once the
    /// run set's first `fail_fast` repetitions have all failed, the repetition is not run: it is stored as an error
    /// row saying why, so the run set stays complete and the gate sees a candidate that no longer runs.
    mutating func measure(index: Int, seed: Int64, total: Int, meter: RunMeter?) throws {
        let repetition: Repetition
        if let reason = failFastReason(before: index) {
            repetition = Repetition(seed: seed, repetitionIndex: index, status: .error, wallClockSeconds: 0, message: reason)
        } else {
            repetition = try runner.run(seed: seed, index: index, total: total)
        }
        // Store before anything else can fail: a measured repetition is never lost.
        let record = try pipeline.store.append(repetition, in: context(total: total))
        records.append(record)
        recorder.record(record, usage: repetition.usage)
        // In an `ab` pair the two sides' lines alternate; say which is which.
        let side = state.interleave.map { $0.side == .base ? "A " : "B " } ?? ""
        let detail = "\(side)rep=\(index) seed=\(seed) " + Self.describe(record)
        if let meter { meter.record(repetition, detail: detail) } else { console.progress("  " + detail) }
        if Interrupts.shared.wasInterrupted {
            recorder.markInterrupted()
            throw RunnerError.interrupted(completed: records.counting.count, total: total, runSetID: state.runSetID,
                                          isPairSide: state.interleave != nil)
        }
    }

    /// One line when the run set is so noisy that the gate, comparing it with a baseline as noisy, could not see the
    /// change the benchmark cares about (`min_effect`, else 5%) with 80% power; nil otherwise.
    private func noiseAdvice() -> String? {
        // calibrate's own repetitions are the answer to the advice.
        guard benchmark.tier != .correctness, state.calibrates != true else { return nil }
        let metrics = records.okMetrics
        let threshold = benchmark.promotionThreshold ?? Gate.fallbackThreshold
        let target = benchmark.minEffect ?? Gate.noisyWithoutMinEffect
        guard metrics.count >= 2, let detectable = Gate.detectableChange(baseline: metrics, candidate: metrics, threshold: threshold),
              detectable > target else { return nil }
        let cv = Statistics.sampleStddev(metrics) / abs(Statistics.mean(metrics))
        let needed = Gate.repetitionsToDetect(target, cv: cv, threshold: threshold)
        return "\(state.project)/\(benchmark.name) is noisy: CV " + String(format: "%.1f%%", cv * 100) + " over \(metrics.count) repetitions, so the gate "
            + "could only see a change of about " + String(format: "%.1f%%", detectable * 100) + " with 80% power; about \(needed) repetitions a side "
            + "would see " + String(format: "%g%%", target * 100) + " (-n \(needed)); `git bench calibrate \(benchmark.name)` measures it properly"
    }

    /// Why repetition `index` is not run, or nil to run it: the first `fail_fast` repetitions of the run set all
    /// failed (the first `fail_fast` themselves always run).
    private func failFastReason(before index: Int) -> String? {
        let count = benchmark.failFast
        guard count > 0, index >= count else { return nil }
        // One pass without copying rows: this runs before every repetition.
        var failed = 0
        var lastMessage: String?
        for position in records.indices where records[position].status != .interrupted && records[position].repetitionIndex < count {
            guard records[position].status != .ok else { return nil }
            failed += 1
            lastMessage = records[position].message
        }
        guard failed >= count else { return nil }
        return "not run: the first \(count) repetitions all failed (fail_fast = \(count)); the last said: \(lastMessage ?? "unknown")"
    }

    private static func describe(_ record: RunRecord) -> String {
        let wall = String(format: "%.3fs", record.wallClockSeconds)
        if record.status == .ok {
            return "metric=\(record.metric.map(MetricText.string) ?? "-") wall=\(wall)"
        }
        return "error: \(record.message ?? "unknown") wall=\(wall)"
    }

    /// Finishes the run set: `--until-decided`'s looks when it uses them, the baseline pointer when it establishes
    /// one (once per run set, whichever attempt gets there), then summary, report and manifest (and the zip).
    mutating func finish() throws -> RunSet {
        var verdict: Verdict?
        if let metaSeed = state.metaSeed, let plan = state.untilDecided {
            verdict = try decideUntilDecided(plan, metaSeed: metaSeed)
            if let verdict { recordInNote(verdict) }
        }
        let counting = records.counting
        var event: BaselinePointer?
        var refusal: HarnessError?
        if state.establishesBaseline {
            event = try pipeline.store.baselineEvents(project: state.project, benchmark: state.benchmark).last { $0.runSetID == state.runSetID.value }
            let ok = counting.filter { $0.status == .ok }.count
            if event == nil, ok < benchmark.baselineFloor, state.forcesBaseline != true,
               let usable = try pipeline.usableBaseline(project: state.project, benchmark: benchmark) {
                // Never trade a baseline the gate can use for one it cannot; the rows stay stored either way.
                refusal = .policy("not moving the baseline of \(state.project)/\(benchmark.name): run set \(state.runSetID) has \(ok) ok "
                    + "repetition(s), the gate needs \(benchmark.baselineFloor), and the baseline at \(usable.commit.short) is usable; "
                    + "its rows are stored; pass --force to move the baseline anyway")
            } else if event == nil {
                if ok < benchmark.baselineFloor {
                    console.warning("\(benchmark.name): only \(ok) ok repetition(s); the gate needs \(benchmark.baselineFloor) and will say NEEDS_MORE_DATA")
                }
                // The baseline is this run set's rows that count, and nothing stored later.
                event = try pipeline.store.appendBaselineEvent(project: state.project, benchmark: state.benchmark, host: pipeline.host,
                                                               commit: state.commit, metaSeed: nil, action: .establish,
                                                               runSetID: state.runSetID.value, runIDs: counting.map(\.id), notes: state.notes)
            }
        }
        console.progress("\(state.runSetID) done: \(counting.filter { $0.status == .ok }.count) ok, \(records.failedRepetitions.count) error "
                         + "of \(state.plannedSeeds.count) planned")
        // Advice for a person, like progress: `--json` output stays free of it.
        if let advice = noiseAdvice() { console.progress("note: " + advice) }
        let files = recorder.finish(verdict: verdict)
        if let directory = files.directory { console.progress("\(state.runSetID) run set directory: \(directory)") }
        if let refusal { throw refusal }
        return RunSet(id: state.runSetID, project: state.project, benchmark: state.benchmark, commit: state.commit, isDirty: state.isDirty,
                      host: pipeline.host, metaSeed: state.metaSeed, role: state.role, records: records, baselineEvent: event,
                      runDirectory: files.directory, zipPath: files.zip, verdict: verdict)
    }

    /// `--until-decided` ends in a verdict on its own group: it goes into the commit's note as `evaluate`'s would, so
    /// `check` and pre-push see it. Its rows are stored already, so a note that cannot be written is a warning.
    private func recordInNote(_ verdict: Verdict) {
        do {
            if let write = try pipeline.recordVerdicts([verdict], on: state.commit, inRepositoryAt: runner.workingDirectory),
               let warning = EvaluationOutcome.NoteOutcome.written(write).warning {
                console.warning(warning)
            }
        } catch {
            console.warning("\(error); the verdict is unaffected and the rows are stored")
        }
    }

    /// Runs `--until-decided`'s looks over the run set's candidate rows: the planned repetitions are already stored;
    /// each further look runs the next batch of the same seed stream first. Returns the verdict of the last look.
    private mutating func decideUntilDecided(_ plan: ResumeState.UntilDecided, metaSeed: Int64) throws -> Verdict? {
        let filter = RunStore.Filter(host: pipeline.host, includeDirty: false)
        var baseline: MetricGroup?
        if let id = plan.baselineEventID, let pointer = try pipeline.store.baselineEvent(id: id) {
            baseline = try pipeline.evaluation.baselineGroup(pointer, filter: filter)
        } else if let commit = plan.baselineCommit {
            let rows = try pipeline.store.group(project: state.project, benchmark: benchmark.name, commit: commit.hex,
                                                metaSeed: plan.baselineMetaSeed, filter: filter)
            baseline = MetricGroup(commit: commit, metaSeed: plan.baselineMetaSeed, metrics: rows.okMetrics)
        }
        guard let procedure = SequentialProcedure(planned: plan.planned, budget: plan.budget, baselineCount: baseline?.metrics.count ?? 0,
                                                  threshold: benchmark.promotionThreshold ?? Gate.fallbackThreshold) else { return nil }
        var session = self
        // Each look's work is kept to its own batch: the seed stream is drawn once (a plan of n seeds is the first n of
        // any longer one), the indices below `measuredBelow` are known to be stored, and the candidate grows by the rows
        // this look stored.
        let seeds = SeedPlan.fresh(metaSeed: metaSeed, count: procedure.schedule.last ?? plan.budget).seeds
        var present = Set(records.counting.map(\.repetitionIndex))
        var measuredBelow = 0
        var sample = CandidateSample(records)
        let verdict = try procedure.run(project: state.project, benchmark: benchmark, baseline: baseline, host: pipeline.host) { size in
            let missing = (measuredBelow..<size).filter { !present.contains($0) }
            if !missing.isEmpty {
                session.recorder.extendPlan(to: Array(seeds.prefix(size)))
                session.console.progress("\(session.state.runSetID) until-decided: running repetitions \(missing.first ?? 0)-\(missing.last ?? 0) "
                                         + "of at most \(plan.budget)")
                for index in missing {
                    try session.measure(index: index, seed: seeds[index], total: size, meter: nil)
                    if let stored = session.records.last {
                        sample.append(stored)
                        present.insert(stored.repetitionIndex)
                    }
                }
            }
            measuredBelow = max(measuredBelow, size)
            return sample.group(commit: session.state.commit, metaSeed: metaSeed)
        }
        self = session
        if let look = verdict.sequential {
            console.progress("\(state.runSetID) until-decided: \(verdict.kind.rawValue) at look \(look.look) of \(look.plannedLooks) "
                             + "(\(look.repetitions) repetitions, threshold " + String(format: "%.3f -> %.3f", look.nominalThreshold, look.adjustedThreshold)
                             + ", \(look.stoppedBecause))")
        }
        return verdict
    }
}
