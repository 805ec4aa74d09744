import Foundation

/// What `git bench corpus-hash BENCH` reports: the digest a benchmark's `corpus_hash` should hold for the corpus on
/// disk now, computed exactly as `register`, `run` and the freshness guard verify it (`CorpusFingerprint`).
public struct CorpusHash: Sendable, Equatable, Codable {
    public var project: String
    public var benchmark: String
    /// `corpus_path` as the manifest writes it.
    public var corpusPath: String
    public var corpusType: CorpusType
    /// `sha256:<hex>`: the value to put in `corpus_hash`.
    public var digest: String
    /// The manifest's `corpus_hash` now; nil when it pins none.
    public var declared: String?

    /// True when the manifest already pins this digest.
    public var matchesManifest: Bool { declared == digest }

    /// Fingerprints `benchmark`'s corpus under `root`, the working tree of project `project`.
    /// Throws `HarnessError.badRequest` when the benchmark declares no `corpus_path`, `HarnessError.noCorpus` when
    /// nothing is there, and `RunnerError.corpusUnusable` for a corpus the fingerprint refuses to read.
    public init(_ benchmark: Benchmark, project: String, root: URL) throws {
        let fingerprint: String?
        do {
            fingerprint = try CorpusFingerprint.fingerprint(of: benchmark, projectRoot: root)
        } catch {
            if case .corpusMissing(_, let path, let reason) = error {
                throw HarnessError.noCorpus(benchmark: benchmark.name, path: path, reason: reason)
            }
            throw error
        }
        guard let fingerprint, let corpusPath = benchmark.corpusPath else {
            throw HarnessError.badRequest("\(benchmark.name) declares no corpus_path; corpus_hash pins the file or directory corpus_path names")
        }
        self.project = project
        self.benchmark = benchmark.name
        self.corpusPath = corpusPath
        corpusType = benchmark.corpusType ?? .bytes
        digest = fingerprint
        declared = benchmark.corpusHash
    }

    enum CodingKeys: String, CodingKey {
        case project, benchmark
        case corpusPath = "corpus_path"
        case corpusType = "corpus_type"
        case digest = "corpus_hash"
        case declared = "declared_corpus_hash"
        case matchesManifest = "matches_manifest"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        project = try container.decode(String.self, forKey: .project)
        benchmark = try container.decode(String.self, forKey: .benchmark)
        corpusPath = try container.decode(String.self, forKey: .corpusPath)
        corpusType = try container.decode(CorpusType.self, forKey: .corpusType)
        digest = try container.decode(String.self, forKey: .digest)
        declared = try container.decodeIfPresent(String.self, forKey: .declared)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(project, forKey: .project)
        try container.encode(benchmark, forKey: .benchmark)
        try container.encode(corpusPath, forKey: .corpusPath)
        try container.encode(corpusType, forKey: .corpusType)
        try container.encode(digest, forKey: .digest)
        try container.encode(declared, forKey: .declared)
        try container.encode(matchesManifest, forKey: .matchesManifest)
    }
}
