import Foundation

/// How `Harness.check(revision:benchmarks:in:options:)` finds its verdicts.
public struct CheckOptions: Sendable, Equatable {
    /// Use the verdict stored in the commit's note when there is one (the default); false always computes.
    public var usesNotes: Bool
    /// When computing: compare runs from any host.
    public var anyHost: Bool
    /// When computing: let rows recorded with --allow-dirty count.
    public var includeDirty: Bool

    /// Options with the defaults above: use notes, this host only, clean rows only.
    public init(usesNotes: Bool = true, anyHost: Bool = false, includeDirty: Bool = false) {
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
        let computeOptions = EvaluateOptions(anyHost: options.anyHost, includeDirty: options.includeDirty)
        return try selected.map { benchmark in
            if let stored = note.verdict(project: project.name, benchmark: benchmark.name) {
                return RegressionCheck.judge(stored.verdict, commit: commit, source: .note)
            }
            let verdict = try evaluation.verdict(for: benchmark, in: project, commit: commit, options: computeOptions)
            return RegressionCheck.judge(verdict, commit: commit, source: .computed)
        }
    }
}
