import Foundation

/// What `list` shows of a project: where it lives and each benchmark's settings, with the state of its pinned corpus
/// as it is on disk now and where its baseline (or, for correctness, its frozen reference) stands.
public struct ProjectListing: Sendable, Equatable, Codable {
    /// The project's registered name.
    public var project: String
    /// The project's working tree.
    public var path: String
    /// The manifest's benchmarks, in manifest order.
    public var benchmarks: [ListedBenchmark]

    public init(project: String, path: String, benchmarks: [ListedBenchmark]) {
        self.project = project
        self.path = path
        self.benchmarks = benchmarks
    }

    /// The listing of `project`: reads each benchmark's corpus under the project's root (`CorpusFingerprint.status`)
    /// and its baseline or reference through `evaluation`.
    public init(_ project: ProjectContext, evaluation: Evaluation) throws {
        self.init(project: project.name, path: project.root.path, benchmarks: try project.manifest.benchmarks.map { benchmark in
            var listed = ListedBenchmark(name: benchmark.name, tier: benchmark.tier, repetitions: benchmark.repetitions, threads: benchmark.threads,
                                         gpu: benchmark.gpu, corpus: CorpusFingerprint.status(of: benchmark, projectRoot: project.root))
            if benchmark.tier == .correctness {
                listed.referenceHash = try evaluation.store.currentReference(project: project.name, benchmark: benchmark.name)?.contentHash
            } else {
                let baseline = try evaluation.baselineState(of: benchmark, in: project)
                listed.baselineCommit = baseline.pointer?.commit
                listed.baselineRuns = baseline.pointer == nil ? nil : baseline.okRuns
            }
            return listed
        })
    }
}

/// One benchmark of a `ProjectListing`.
public struct ListedBenchmark: Sendable, Equatable, Codable {
    public var name: String
    public var tier: Tier
    /// Planned repetitions per run.
    public var repetitions: Int
    /// Threads one repetition holds.
    public var threads: Int
    public var gpu: GPUMode
    /// The pinned corpus's state on disk: `ok`, `drift`, `missing`, or `n/a` without a pinned corpus.
    public var corpus: CorpusStatus
    /// The commit of the baseline (this host's) and its ok runs; nil without one (and for correctness benchmarks).
    public var baselineCommit: ObjectID?
    public var baselineRuns: Int?
    /// The frozen reference's `sha256:<hex>` (correctness benchmarks); nil before one is frozen.
    public var referenceHash: String?

    public init(name: String, tier: Tier, repetitions: Int, threads: Int, gpu: GPUMode, corpus: CorpusStatus) {
        self.name = name
        self.tier = tier
        self.repetitions = repetitions
        self.threads = threads
        self.gpu = gpu
        self.corpus = corpus
    }

    enum CodingKeys: String, CodingKey {
        case name, tier, repetitions, threads, gpu, corpus
        case baselineCommit = "baseline_commit"
        case baselineRuns = "baseline_runs"
        case referenceHash = "reference_hash"
    }
}
