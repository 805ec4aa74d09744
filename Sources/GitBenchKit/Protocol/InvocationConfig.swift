import Foundation

// Protocol/ is the JSON-over-files contract with the project's runner, byte-compatible with benchstone.
// It is pure: values and strict decoding only, no process or disk handling.

/// What the harness writes to `{config_path}` before each repetition.
public struct InvocationConfig: Sendable, Equatable, Codable {
    public var benchmark: String
    public var seed: Int64
    /// Absolute corpus path, or "" when the manifest declares none.
    public var corpusPath: String
    public var repetitionIndex: Int
    public var repetitionTotal: Int
    /// Where a correctness runner writes its artifact; nil for other tiers.
    public var artifactPath: String?

    public init(benchmark: String, seed: Int64, corpusPath: String, repetitionIndex: Int, repetitionTotal: Int, artifactPath: String?) {
        self.benchmark = benchmark
        self.seed = seed
        self.corpusPath = corpusPath
        self.repetitionIndex = repetitionIndex
        self.repetitionTotal = repetitionTotal
        self.artifactPath = artifactPath
    }

    enum CodingKeys: String, CodingKey {
        case benchmark, seed
        case corpusPath = "corpus_path"
        case repetitionIndex = "repetition_index"
        case repetitionTotal = "repetition_total"
        case artifactPath = "artifact_path"
    }

    // Always write artifact_path, as null when absent: benchstone's runners read the key.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(benchmark, forKey: .benchmark)
        try container.encode(seed, forKey: .seed)
        try container.encode(corpusPath, forKey: .corpusPath)
        try container.encode(repetitionIndex, forKey: .repetitionIndex)
        try container.encode(repetitionTotal, forKey: .repetitionTotal)
        if let artifactPath { try container.encode(artifactPath, forKey: .artifactPath) } else { try container.encodeNil(forKey: .artifactPath) }
    }
}
