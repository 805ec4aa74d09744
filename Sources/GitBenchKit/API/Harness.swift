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
        self.host = host
        try SecureFile.makeDirectory(home.root)
        self.store = try RunStore(home: home)
    }

    /// `gethostname`, or "unknown-host".
    public static func currentHost() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown-host" }
        let name = String(cString: buffer)
        return name.isEmpty ? "unknown-host" : name
    }

    // MARK: Projects

    /// Registers the repository containing `path` under its manifest's project name.
    /// Throws `ManifestError` for a bad manifest and `RunnerError` when a pinned corpus is missing or drifted.
    @discardableResult
    public func register(path: URL) throws -> ProjectContext {
        let repository = try Repository.discover(from: path)
        guard let root = repository.workdir else { throw HarnessError.badRequest("\(path.path) is a bare repository; register a working tree") }
        let manifest = try ManifestLoader.load(projectRoot: root)
        for benchmark in manifest.benchmarks { try CorpusFingerprint.verify(benchmark, projectRoot: root) }
        try store.register(RegisteredProject(name: manifest.project.name, path: root.path, manifestHash: manifest.contentHash,
                                             registeredAt: Timestamp.string(Date())))
        return ProjectContext(name: manifest.project.name, root: root, manifest: manifest)
    }

    /// Forgets a registration; the project's runs stay in the store.
    public func unregister(name: String) throws {
        guard try store.unregister(name: name) else { throw HarnessError.unknownProject(name) }
    }

    /// Opens the project named `name`, or the registered project whose repository contains `directory`.
    public func project(named name: String?, from directory: URL) throws -> ProjectContext {
        let registration: RegisteredProject
        if let name {
            guard let found = try store.project(named: name) else { throw HarnessError.unknownProject(name) }
            registration = found
        } else {
            let repository = try Repository.discover(from: directory)
            guard let root = repository.workdir else { throw HarnessError.badRequest("\(directory.path) is a bare repository") }
            // A linked worktree belongs to the project registered at its main working tree.
            let mainRoot = repository.commonDir.lastPathComponent == ".git" ? repository.commonDir.deletingLastPathComponent() : nil
            guard let found = try store.project(atPath: root.path) ?? mainRoot.flatMap({ try store.project(atPath: $0.path) }) else {
                throw HarnessError.notRegistered(path: root.path)
            }
            registration = found
        }
        let root = URL(fileURLWithPath: registration.path)
        let manifest = try ManifestLoader.load(projectRoot: root)
        return ProjectContext(name: registration.name, root: root, manifest: manifest)
    }

    // MARK: Evaluate

    /// Judges the candidate at HEAD against the baseline for each benchmark (all when none are named).
    public func evaluate(_ benchmarkNames: [String], in project: ProjectContext, options: EvaluateOptions = EvaluateOptions()) throws -> [Verdict] {
        let head = try Repository.open(at: project.root).headCommit()
        let names = benchmarkNames.isEmpty ? project.manifest.benchmarks.map(\.name) : benchmarkNames
        let verdicts = try names.map { try verdict(for: project.benchmark(named: $0), in: project, head: head, options: options) }
        return options.adjustAcrossSuite ? Gate.adjustForMultipleTesting(verdicts) : verdicts
    }

    /// The verdict of `benchmark` with `head` as the candidate commit (internal: `check` judges other commits too).
    func verdict(for benchmark: Benchmark, in project: ProjectContext, head: ObjectID, options: EvaluateOptions) throws -> Verdict {
        let filter = RunStore.Filter(host: options.anyHost ? nil : host, includeDirty: options.includeDirty)
        if benchmark.tier == .correctness {
            let reference = try store.currentReference(project: project.name, benchmark: benchmark.name)
            let latest = try store.latestArtifactRun(project: project.name, benchmark: benchmark.name, commit: head, filter: filter)
            return Gate.judgeCorrectness(project: project.name, benchmark: benchmark, referenceHash: reference?.contentHash,
                                         candidateHash: latest?.artifactHash, candidateSHA: head.hex, host: host)
        }
        let pointer = try store.currentBaseline(project: project.name, benchmark: benchmark.name, host: options.anyHost ? nil : host)
        let metaSeed = try options.metaSeed ?? candidateGroups(benchmark, in: project, head: head, pointer: pointer, filter: filter).first
        let candidateRows = try metaSeed.map {
            try store.group(project: project.name, benchmark: benchmark.name, commit: head.hex, metaSeed: $0, filter: filter)
        } ?? []
        let candidate = MetricGroup(sha: head.hex, metaSeed: metaSeed, metrics: candidateRows.okMetrics)
        var baseline: MetricGroup?
        if let pointer {
            let rows = try store.group(project: project.name, benchmark: benchmark.name, commit: pointer.gitSHA, metaSeed: pointer.metaSeed, filter: filter)
            baseline = MetricGroup(sha: pointer.gitSHA, metaSeed: pointer.metaSeed, metrics: rows.okMetrics)
        }
        return Gate.judge(project: project.name, benchmark: benchmark, baseline: baseline, candidate: candidate, host: host)
    }

    /// Candidate meta-seed groups at HEAD, newest first, never the baseline's own group:
    /// right after a promote the promoted runs are the baseline, and comparing them with themselves says nothing.
    private func candidateGroups(_ benchmark: Benchmark, in project: ProjectContext, head: ObjectID, pointer: BaselinePointer?,
                                 filter: RunStore.Filter) throws -> [Int64] {
        let groups = try store.candidateMetaSeeds(project: project.name, benchmark: benchmark.name, commit: head, filter: filter)
        guard let pointer, pointer.gitSHA == head.hex, let baselineSeed = pointer.metaSeed else { return groups }
        return groups.filter { $0 != baselineSeed }
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
        let filter = RunStore.Filter(host: options.anyHost ? nil : host, includeDirty: options.includeDirty)
        let pointer = try store.currentBaseline(project: project.name, benchmark: benchmark.name, host: options.anyHost ? nil : host)
        let groups = try candidateGroups(benchmark, in: project, head: head, pointer: pointer, filter: filter)
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
        let verdict = try self.verdict(for: benchmark, in: project, head: head, options: chosenOptions)
        guard verdict.kind == .promote || force else { throw HarnessError.promotionRefused(benchmark: benchmark.name, kind: verdict.kind) }
        let event = try store.appendBaselineEvent(project: project.name, benchmark: benchmark.name, host: host, commit: head.hex,
                                                  metaSeed: chosen, action: .promote, runSetID: nil, notes: notes)
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
        History(project: project, benchmark: benchmark,
                runs: try store.history(project: project, benchmark: benchmark, since: since, shaPrefix: shaPrefix?.lowercased(), limit: limit),
                baselineEvents: try store.baselineEvents(project: project, benchmark: benchmark),
                referenceEvents: try store.referenceEvents(project: project, benchmark: benchmark))
    }

    /// Walks the hash chain of every stored run and runs SQLite's integrity check.
    public func verify() throws -> ChainReport {
        var report = try store.verifyChain()
        report.integrity = try store.integrityCheck()
        return report
    }
}

extension Array where Element == RunRecord {
    /// Metrics of the ok rows, in order.
    var okMetrics: [Double] { compactMap { $0.status == .ok ? $0.metric : nil } }
}
