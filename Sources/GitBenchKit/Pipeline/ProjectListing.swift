import Foundation

/// What `list` shows of a project: where it lives and each benchmark's settings, with the state of its pinned corpus
/// as it is on disk now.
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

    /// The listing of `project`: reads each benchmark's corpus under the project's root (`CorpusFingerprint.status`).
    public init(_ project: ProjectContext) {
        self.init(project: project.name, path: project.root.path, benchmarks: project.manifest.benchmarks.map {
            ListedBenchmark(name: $0.name, tier: $0.tier, repetitions: $0.repetitions, threads: $0.threads, gpu: $0.gpu,
                            corpus: CorpusFingerprint.status(of: $0, projectRoot: project.root))
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

    public init(name: String, tier: Tier, repetitions: Int, threads: Int, gpu: GPUMode, corpus: CorpusStatus) {
        self.name = name
        self.tier = tier
        self.repetitions = repetitions
        self.threads = threads
        self.gpu = gpu
        self.corpus = corpus
    }
}
