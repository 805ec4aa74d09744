import Foundation

/// How `Harness.check(revision:benchmarks:in:options:)` finds its verdicts.
public struct CheckOptions: Sendable, Equatable {
    /// Use the verdict stored in the commit's note when there is one (the default); false always computes.
    public var usesNotes: Bool
    /// When computing: compare runs from any host.
    public var anyHost: Bool
    /// When computing: let rows recorded with --allow-dirty count.
    public var includeDirty: Bool
    /// When computing: compare against this host's baseline (`EvaluateOptions.baselineHost`).
    public var baselineHost: String?

    /// Options with the defaults above: use notes, this host only, clean rows only.
    public init(usesNotes: Bool = true, anyHost: Bool = false, includeDirty: Bool = false, baselineHost: String? = nil) {
        self.baselineHost = baselineHost
        self.usesNotes = usesNotes
        self.anyHost = anyHost
        self.includeDirty = includeDirty
    }
}

extension Harness {
    /// The regression check (`RegressionCheck`) of each benchmark (all of the manifest's when none are named) at
    /// the commit `revision` names (HEAD when `nil`).
    ///
    /// A benchmark whose line is in the commit's verdict note is decided from that line, whichever machine wrote
    /// it (`source` = note); otherwise its verdict is computed now from this store's runs at that commit against
    /// the current baseline, as `evaluate` computes it for HEAD (`source` = computed). Nothing is written.
    /// Throws `HarnessError.unknownBenchmark`, `GitError.unknownRevision` for a bad revision, `ConfigError` for a
    /// bad `bench.notesRef`, and store errors.
    public func check(
        revision: String? = nil, benchmarks: [String] = [], in project: ProjectContext, options: CheckOptions = CheckOptions()
    ) throws -> [RegressionCheck] {
        let repository = try Repository.open(at: project.root)
        let commit = try revision.map { try repository.resolveCommit($0) } ?? repository.headCommit()
        let selected = try (benchmarks.isEmpty ? project.manifest.benchmarks.map(\.name) : benchmarks).map { try project.benchmark(named: $0) }
        var note = CommitNote()
        if options.usesNotes {
            let ref = try BenchConfig.load(for: repository).notesRef()
            note = CommitNote(parsing: try repository.note(on: commit, ref: ref))
        }
        let computeOptions = EvaluateOptions(anyHost: options.anyHost, includeDirty: options.includeDirty, baselineHost: options.baselineHost)
        return try selected.map { benchmark in
            if let stored = note.verdict(project: project.name, benchmark: benchmark.name),
               try noteStillHolds(stored, for: benchmark, in: project, commit: commit, options: computeOptions) {
                return RegressionCheck.judge(stored.verdict, commit: commit, source: .note)
            }
            let verdict = try evaluation.verdict(for: benchmark, in: project, commit: commit, options: computeOptions)
            return RegressionCheck.judge(verdict, commit: commit, source: .computed)
        }
    }

    /// A note line is a cache of a verdict on one candidate group. It holds while that group (its meta seed and ok
    /// runs) is still the newest complete group this store has at the commit, or when this store has none (the line
    /// came from a machine that measured what this one did not). Newer runs, an `--until-decided` extension or a line
    /// that does not say which group it judged make it stale: the verdict is computed again.
    private func noteStillHolds(_ line: NoteLine, for benchmark: Benchmark, in project: ProjectContext, commit: ObjectID,
                                options: EvaluateOptions) throws -> Bool {
        guard line.gate != .correctness else { return true }
        let pointer = try evaluation.baselinePointer(of: benchmark, in: project, options: options)
        let filter = evaluation.filter(options)
        guard let newest = try evaluation.candidateGroups(of: benchmark, in: project, commit: commit, pointer: pointer, filter: filter).first else {
            return true
        }
        let okRuns = try store.group(project: project.name, benchmark: benchmark.name, commit: commit.hex, metaSeed: newest, filter: filter).okMetrics.count
        return line.candidateMetaSeed == newest && line.candidateCount == okRuns
    }
}
