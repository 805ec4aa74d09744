import Foundation
import Yams

/// `BENCH_PARITY.yaml`: one row per released package version, linking it to the bench cycle it embeds.
///
/// ```yaml
/// schema_version: 1
/// releases:
///   - package: astrocyte
///     version: "0.14.0"
///     bench_cycle: m19
///     bench_tag: bench/m19
///     bench_commit: 1a2b3c4…
///     released_at: "2026-05-30"
///     scores:
///       locomo: {overall: 0.8410, n_questions: 200, runs: 2}
/// ```
///
/// The seed's files carry no `schema_version`; a missing one reads as 1, any other number is refused.
public struct BenchParity: Codable, Sendable, Equatable {
    public static let fileName = "BENCH_PARITY.yaml"
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    public var releases: [Release]

    public struct Release: Codable, Sendable, Equatable {
        public var package: String
        /// Text, as the seed quotes it: `0.10.0` is not a number.
        public var version: String
        public var benchCycle: String
        public var benchTag: String?
        public var benchCommit: String?
        /// `YYYY-MM-DD`.
        public var releasedAt: String
        public var scores: [String: Score]

        public init(package: String, version: String, benchCycle: String, benchTag: String?, benchCommit: String?, releasedAt: String,
                    scores: [String: Score]) {
            self.package = package
            self.version = version
            self.benchCycle = benchCycle
            self.benchTag = benchTag
            self.benchCommit = benchCommit
            self.releasedAt = releasedAt
            self.scores = scores
        }

        enum CodingKeys: String, CodingKey {
            case package, version, scores
            case benchCycle = "bench_cycle"
            case benchTag = "bench_tag"
            case benchCommit = "bench_commit"
            case releasedAt = "released_at"
        }
    }

    public struct Score: Codable, Sendable, Equatable {
        public var overall: Double
        public var nQuestions: Int?
        public var runs: Int?

        public init(overall: Double, nQuestions: Int?, runs: Int?) {
            self.overall = overall
            self.nQuestions = nQuestions
            self.runs = runs
        }

        enum CodingKeys: String, CodingKey {
            case overall, runs
            case nQuestions = "n_questions"
        }
    }

    public init(schemaVersion: Int = BenchParity.currentSchemaVersion, releases: [Release]) {
        self.schemaVersion = schemaVersion
        self.releases = releases
    }

    enum CodingKeys: String, CodingKey {
        case releases
        case schemaVersion = "schema_version"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        schemaVersion = try container.decodeIfPresent(Int.self, forKey: .schemaVersion) ?? Self.currentSchemaVersion
        releases = try container.decodeIfPresent([Release].self, forKey: .releases) ?? []
    }

    /// The file at `url`; a missing file is an empty one (no release yet).
    public static func read(from url: URL) throws(BenchParityError) -> BenchParity {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            if !FileManager.default.fileExists(atPath: url.path) { return BenchParity(releases: []) }
            throw BenchParityError(path: url.path, reason: "cannot read it (\(error.localizedDescription))")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw BenchParityError(path: url.path, reason: "it is not UTF-8") }
        return try parse(text, path: url.path)
    }

    /// Parses the file's text; `path` names it in errors.
    public static func parse(_ text: String, path: String) throws(BenchParityError) -> BenchParity {
        // An empty (or comment-only) file holds no release.
        let parity: BenchParity
        do {
            if try Yams.compose(yaml: text) == nil { return BenchParity(releases: []) }
            parity = try YAMLDecoder().decode(BenchParity.self, from: text)
        } catch let error as DecodingError {
            throw BenchParityError(path: path, reason: describe(error))
        } catch {
            throw BenchParityError(path: path, reason: oneLine("\(error)"))
        }
        guard parity.schemaVersion == currentSchemaVersion else {
            throw BenchParityError(path: path, reason: "schema_version \(parity.schemaVersion) is not one this git-bench reads (\(currentSchemaVersion))")
        }
        return parity
    }

    /// The rows as the badge writer takes them.
    public var releaseRows: [ReleaseRow] {
        releases.map { release in
            ReleaseRow(package: release.package, version: release.version, releasedAt: release.releasedAt,
                       scores: release.scores.mapValues { ReleasedScore(overall: $0.overall, nQuestions: $0.nQuestions, runs: $0.runs) })
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func at(_ path: [any CodingKey]) -> String {
            var out = ""
            for key in path {
                if let index = key.intValue { out += "[\(index)]" } else { out += (out.isEmpty ? "" : ".") + key.stringValue }
            }
            return out.isEmpty ? "the top level" : out
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(at(context.codingPath + [key])): missing"
        case .typeMismatch(let type, let context): return "\(at(context.codingPath)): expected \(typeName(type))"
        case .valueNotFound(let type, let context): return "\(at(context.codingPath)): expected \(typeName(type)), found null"
        case .dataCorrupted(let context): return "\(at(context.codingPath)): \(oneLine(context.debugDescription))"
        @unknown default: return oneLine("\(error)")
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "text"
        case is Int.Type: return "an integer"
        case is Double.Type: return "a number"
        case is Node.Sequence.Type: return "a list"
        case is Node.Mapping.Type: return "a mapping"
        default: return "a single value"
        }
    }

    /// Yams' messages span lines (a caret under the source line); the first says what is wrong and where.
    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty } ?? "unreadable YAML"
    }
}

/// `BENCH_PARITY.yaml` could not be read: one line naming the file.
public struct BenchParityError: Error, Equatable, CustomStringConvertible {
    public let path: String
    public let reason: String

    public var description: String { "\(path): \(reason)" }
}
