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

    /// The bytes of `config.json`, exactly as benchstone writes them: Python's `json.dumps(asdict(cfg), sort_keys=True)`,
    /// so keys sorted, `", "` and `": "` separators, `artifact_path` always present (null when absent), integers as
    /// integers, non-ASCII as `\uXXXX` (astral characters as a surrogate pair), no trailing newline. Runners parse it
    /// with grep and awk (benchstone's own shell fixture reads `"seed": *[0-9]*` and takes awk's second field), so every
    /// byte counts.
    public var fileContents: Data {
        var text = "{\"artifact_path\": " + (artifactPath.map(Self.pythonString) ?? "null")
        text += ", \"benchmark\": " + Self.pythonString(benchmark)
        text += ", \"corpus_path\": " + Self.pythonString(corpusPath)
        text += ", \"repetition_index\": \(repetitionIndex), \"repetition_total\": \(repetitionTotal), \"seed\": \(seed)}"
        return Data(text.utf8)
    }

    /// A JSON string as Python's `json.dumps` writes it with `ensure_ascii=True`: `"` `\\` and the five short escapes
    /// (`\b \f \n \r \t`), every other character outside printable ASCII as lowercase `\u00XX`/`\uXXXX`.
    static func pythonString(_ value: String) -> String {
        var out = "\""
        for unit in value.utf16 {
            switch unit {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x08: out += "\\b"
            case 0x0C: out += "\\f"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x20...0x7E: out.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
            default:
                let hex = String(unit, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
        }
        return out + "\""
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
