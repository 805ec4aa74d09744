import Foundation
#if canImport(Glibc)
import Glibc
#endif

// API/ is the public surface other Swift programs call: register, run, evaluate, promote, references, history, verify.
// It composes Git/, Manifest/, Runner/, Store/ and Gate/ in the order run → store → verdict and prints nothing itself.

/// The harness: one home, one store, this host.
public final class Harness: Sendable {
    public let home: HarnessHome
    public let store: RunStore
    public let console: Console
    /// This machine's name, recorded on every row; gates compare the same host by default.
    public let host: String

    /// Opens the store under `home`, creating it on first use.
    public init(home: HarnessHome = .resolve(), console: Console = .standard(), host: String = Harness.currentHost()) throws {
        self.home = home
        self.console = console
        if let named = ProcessInfo.processInfo.environment["GIT_BENCH_HOST"], !Self.isValidHostName(named) {
            throw HarnessError.badRequest("GIT_BENCH_HOST \(ObjectKey.quoted(named)) is not a host name: use 1 to 64 letters, digits, '.', '_' and '-'")
        }
        self.host = host
        try SecureFile.makeDirectory(home.root)
        self.store = try RunStore(home: home)
    }

    /// `GIT_BENCH_HOST` when set (a CI runner whose machine name changes every job names itself, say `ci-runner-1`,
    /// so its rows and baselines line up across jobs), else `gethostname`, or "unknown-host". A `GIT_BENCH_HOST`
    /// that `isValidHostName` refuses is ignored here and refused by `init`.
    public static func currentHost(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let named = environment["GIT_BENCH_HOST"], isValidHostName(named) { return named }
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown-host" }
        let name = String(cString: buffer)
        return name.isEmpty ? "unknown-host" : name
    }

    /// A host name git-bench records: 1 to 64 letters, digits, `.`, `_` and `-` (it appears in notes and paths).
    public static func isValidHostName(_ name: String) -> Bool {
        (1...64).contains(name.utf8.count) && name.utf8.allSatisfy {
            (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
        }
    }

    // MARK: Projects

    /// Registers the repository containing `path` under its manifest's project name.
    /// Throws `ManifestError` for a bad manifest and `RunnerError` when a pinned corpus is missing or drifted.
    @discardableResult
    public func register(path: URL) throws -> ProjectContext {
        let repository = try Repository.discover(from: path)
        guard let root = repository.workdir else { throw HarnessError.badRequest("\(path.path) is a bare repository; register a working tree") }
        let manifest = try ProjectContext.loadManifest(projectRoot: root)
        for benchmark in manifest.benchmarks { try CorpusFingerprint.verify(benchmark, projectRoot: root) }
        try store.register(RegisteredProject(name: manifest.project.name, path: root.path, manifestHash: manifest.contentHash,
                                             registeredAt: Timestamp.string(Date())))
        return ProjectContext(name: manifest.project.name, root: root, manifest: manifest)
    }

    /// Forgets a registration and returns it; the project's runs stay in the store.
    @discardableResult
    public func unregister(name: String) throws -> RegisteredProject {
        guard let registration = try store.project(named: name), try store.unregister(name: name) else {
            throw try HarnessError.unknownProject(name, in: store)
        }
        return registration
    }

    /// Every registered project, by name, with how many benchmarks its manifest defines now (`ProjectSummary`).
    public func projects() throws -> [ProjectSummary] {
        try store.projects().map(ProjectSummary.init)
    }

    /// Opens the project named `name`, or the registered project whose repository contains `directory`
    /// (see `ProjectContext.open(named:from:store:)`).
    public func project(named name: String?, from directory: URL) throws -> ProjectContext {
        try ProjectContext.open(named: name, from: directory, store: store)
    }

    // MARK: Evaluate

    /// The run pipeline over this harness's store, home, console and host.
    public var pipeline: RunPipeline { RunPipeline(store: store, home: home, console: console, host: host) }

    /// The verdict stage over this harness's store and host.
    public var evaluation: Evaluation { Evaluation(store: store, host: host, home: home) }

    /// Runs each requested benchmark and stores every repetition as it finishes (`RunPipeline.run(_:in:)`).
    public func run(_ request: RunRequest, in project: ProjectContext) throws -> RunOutcome {
        try pipeline.run(request, in: project)
    }

    /// Finishes an interrupted run set (`RunPipeline.resume(_:compress:)`).
    /// Archives the finished run set as `run` does when an archive is configured (`archiveAfterRun`).
    public func resume(_ runSetID: RunSetID, compress: Bool = false) throws -> RunSet {
        let runSet = try pipeline.resume(runSetID, compress: compress)
        if let project = try? project(named: runSet.project, from: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) {
            archiveAfterRun(RunOutcome(runSets: [runSet]), in: project)
        }
        return runSet
    }

    /// Judges the candidate at HEAD against the baseline for each benchmark (all when none are named).
    public func evaluate(_ benchmarkNames: [String], in project: ProjectContext, options: EvaluateOptions = EvaluateOptions()) throws -> [Verdict] {
        let head = try Repository.open(at: project.root).headCommit()
        let freshness = options.allowsStaleTree ? nil : try Freshness.read(project)
        return try evaluation.verdicts(benchmarkNames, in: project, commit: head, options: options, freshness: freshness)
    }

    /// `evaluate`, then the note stage: the verdicts are written onto HEAD's verdict note (`RunPipeline.recordVerdicts`)
    /// unless `recordsNote` is false. A note that cannot be written does not throw: the verdicts stand, and the
    /// failure is in the result for the caller to report.
    public func evaluateAndRecord(_ benchmarkNames: [String], in project: ProjectContext, options: EvaluateOptions = EvaluateOptions(),
                                  recordsNote: Bool = true) throws -> EvaluationOutcome {
        let head = try Repository.open(at: project.root).headCommit()
        let freshness = options.allowsStaleTree ? nil : try Freshness.read(project)
        let verdicts = try evaluation.verdicts(benchmarkNames, in: project, commit: head, options: options, freshness: freshness)
        guard recordsNote else { return EvaluationOutcome(commit: head, verdicts: verdicts, note: .skipped) }
        do {
            let write = try pipeline.recordVerdicts(verdicts, on: head, in: project)
            return EvaluationOutcome(commit: head, verdicts: verdicts, note: write.map { .written($0) } ?? .skipped)
        } catch {
            return EvaluationOutcome(commit: head, verdicts: verdicts, note: .failed("\(error)"))
        }
    }

    // MARK: Promote

    /// The result of `promote`: the verdict it acted on and the pointer event, if it moved.
    public struct Promotion: Sendable, Equatable {
        public var verdict: Verdict
        public var event: BaselinePointer
    }

    /// Moves the baseline pointer to the candidate group at HEAD when its verdict is PROMOTE (or `force`).
    /// Refuses when several candidate groups exist at HEAD and no meta seed is given.
    public func promote(_ benchmarkName: String, in project: ProjectContext, metaSeed: Int64? = nil, force: Bool = false, notes: String? = nil,
                        options: EvaluateOptions = EvaluateOptions()) throws -> Promotion {
        let benchmark = try project.benchmark(named: benchmarkName)
        guard benchmark.tier != .correctness else { throw HarnessError.notStochastic(benchmark: benchmark.name) }
        let head = try Repository.open(at: project.root).headCommit()
        let pointer = try evaluation.baselinePointer(of: benchmark, in: project, options: options)
        let groups = try evaluation.candidateGroups(of: benchmark, in: project, commit: head, pointer: pointer, filter: evaluation.filter(options))
        // The baseline's own group is never a candidate; promoting it again is a no-op to name, not a missing run.
        if let pointer, pointer.commit == head, let current = pointer.metaSeed, metaSeed == nil || metaSeed == current,
           metaSeed != nil || groups.isEmpty {
            throw HarnessError.alreadyBaseline(benchmark: benchmark.name, commit: head.short, metaSeed: current)
        }
        let chosen: Int64
        if let metaSeed {
            guard groups.contains(metaSeed) else { throw HarnessError.noCandidate(benchmark: benchmark.name, commit: "\(head.short) with meta_seed \(metaSeed)") }
            chosen = metaSeed
        } else {
            guard let only = groups.first else { throw HarnessError.noCandidate(benchmark: benchmark.name, commit: head.short) }
            guard groups.count == 1 else { throw HarnessError.ambiguousCandidate(benchmark: benchmark.name, metaSeeds: groups) }
            chosen = only
        }
        var chosenOptions = options
        chosenOptions.metaSeed = chosen
        let verdict = try evaluation.verdict(for: benchmark, in: project, commit: head, options: chosenOptions)
        guard verdict.kind == .promote || force else { throw HarnessError.promotionRefused(benchmark: benchmark.name, kind: verdict.kind) }
        // The new baseline is exactly the group just judged: rows stored at HEAD later never join it.
        let judged = try evaluation.candidateRows(of: benchmark, in: project, commit: head, metaSeed: chosen, options: chosenOptions)
        let event = try store.appendBaselineEvent(project: project.name, benchmark: benchmark.name, host: host, commit: head,
                                                  metaSeed: chosen, action: .promote, runSetID: nil, runIDs: judged.map(\.id), notes: notes)
        return Promotion(verdict: verdict, event: event)
    }

    // MARK: References

    /// Freezes the artifact of a run (default: the newest ok run at HEAD) as the correctness reference.
    /// Refuses when one exists already.
    public func freezeReference(_ benchmarkName: String, in project: ProjectContext, fromRun runID: Int64? = nil, notes: String? = nil) throws -> ReferenceEvent {
        let (benchmark, run, size) = try artifactRun(benchmarkName, in: project, runID: runID)
        if let existing = try store.currentReference(project: project.name, benchmark: benchmark.name) {
            throw HarnessError.referenceExists(benchmark: benchmark.name, contentHash: existing.contentHash)
        }
        guard let event = try store.appendReferenceEvent(project: project.name, benchmark: benchmark.name, contentHash: run.artifactHash ?? "",
                                                         size: size, action: .freeze, fromRunID: run.id, reason: nil, notes: notes) else {
            let existing = try store.currentReference(project: project.name, benchmark: benchmark.name)
            throw HarnessError.referenceExists(benchmark: benchmark.name, contentHash: existing?.contentHash ?? "")
        }
        return event
    }

    /// Replaces the correctness reference; `reason` must not be blank and is kept in the event log.
    public func replaceReference(_ benchmarkName: String, in project: ProjectContext, reason: String, fromRun runID: Int64? = nil) throws -> ReferenceEvent {
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw HarnessError.blankReason }
        let (benchmark, run, size) = try artifactRun(benchmarkName, in: project, runID: runID)
        guard let event = try store.appendReferenceEvent(project: project.name, benchmark: benchmark.name, contentHash: run.artifactHash ?? "",
                                                         size: size, action: .replace, fromRunID: run.id, reason: reason, notes: nil) else {
            throw HarnessError.badRequest("could not record the replacement for \(benchmark.name)")
        }
        return event
    }

    private func artifactRun(_ benchmarkName: String, in project: ProjectContext, runID: Int64?) throws -> (Benchmark, RunRecord, Int64) {
        let benchmark = try project.benchmark(named: benchmarkName)
        guard benchmark.tier == .correctness else { throw HarnessError.notCorrectness(benchmark: benchmark.name) }
        let run: RunRecord
        if let runID {
            guard let found = try store.run(id: runID), found.project == project.name, found.benchmark == benchmark.name else {
                throw HarnessError.noArtifact(benchmark: benchmark.name, detail: "run \(runID) is not a run of \(project.name)/\(benchmark.name)")
            }
            run = found
        } else {
            let head = try Repository.open(at: project.root).headCommit()
            guard let found = try store.latestArtifactRun(project: project.name, benchmark: benchmark.name, commit: head,
                                                          filter: RunStore.Filter(host: nil, includeDirty: false)) else {
                throw HarnessError.noArtifact(benchmark: benchmark.name, detail: "no clean ok run with an artifact at \(head.short); run it first")
            }
            run = found
        }
        guard run.status == .ok, let digest = run.artifactHash else {
            throw HarnessError.noArtifact(benchmark: benchmark.name, detail: "run \(run.id) has no artifact")
        }
        // Re-hash the stored bytes: a reference must be exactly what the run produced.
        guard let parsed = ContentDigest(tagged: digest), let bytes = home.artifact(parsed, project: project.name, benchmark: benchmark.name) else {
            let file = ContentDigest(tagged: digest).map { home.artifactFile($0, project: project.name, benchmark: benchmark.name).path } ?? digest
            throw HarnessError.noArtifact(benchmark: benchmark.name, detail: "the stored artifact \(file) is missing or does not match \(digest)")
        }
        return (benchmark, run, Int64(bytes.count))
    }

    // MARK: History and verification

    /// A benchmark's runs (newest first, filtered) and all its pointer and reference events.
    public func history(project: String, benchmark: String, since: String? = nil, shaPrefix: String? = nil, limit: Int? = nil) throws -> History {
        if let since, !Timestamp.startsWithCalendarDay(since) {
            throw HarnessError.badRequest("since must be a date that exists, like 2026-11-01 (got \(since))")
        }
        return try store.timeline(project: project, benchmark: benchmark, since: since, shaPrefix: shaPrefix?.lowercased(), limit: limit)
    }

    /// Walks the hash chains (runs, baseline and reference events), checks the store holds the tips its anchor file
    /// recorded, and runs SQLite's integrity check. With `notesFrom` (a directory in a repository), the tips this
    /// host recorded in its verdict notes under `refs/notes/bench` must be held too.
    public func verify(notesFrom directory: URL? = nil) throws -> ChainReport {
        var report = try store.verifyAnchor(after: try store.verifyEvents(after: try store.verifyChain()))
        if report.problem == nil, let directory {
            let anchors = try BenchNotes.open(from: directory).allLines().compactMap { commit, line -> (count: Int64, hashPrefix: String, label: String)? in
                guard line.host == host, let count = line.storeTipCount, let hash = line.storeTipHash else { return nil }
                return (count, hash, "the note on \(commit.short) (\(line.key))")
            }
            report.problem = try store.missingAnchor(anchors)
        }
        report.integrity = try store.integrityCheck()
        return report
    }
}

extension Harness {
    /// Where the baseline of each named benchmark stands (all stochastic benchmarks when none are named).
    /// Throws `HarnessError.unknownBenchmark`, and `.notStochastic` for a named correctness benchmark.
    public func baselineStates(_ benchmarkNames: [String], in project: ProjectContext, options: EvaluateOptions = EvaluateOptions()) throws -> [BaselineState] {
        let benchmarks = try benchmarkNames.isEmpty
            ? project.manifest.benchmarks.filter { $0.tier != .correctness }
            : benchmarkNames.map { try project.benchmark(named: $0) }
        return try benchmarks.map { benchmark in
            guard benchmark.tier != .correctness else { throw HarnessError.notStochastic(benchmark: benchmark.name) }
            return try evaluation.baselineState(of: benchmark, in: project, options: options)
        }
    }
}
