import Crypto
import Foundation

/// `manifest.json`, written last: the run set's table of contents. Every other file is listed with its SHA-256 and size,
/// and the manifest carries a digest of itself, so one changed byte anywhere in the directory is found.
public struct RunSetManifest: Sendable, Equatable, Codable {
    /// One file of the run set.
    public struct Artifact: Sendable, Equatable, Codable {
        /// Lowercase hex SHA-256 of the file's bytes.
        public var sha256: String
        public var size: Int64
        /// The schema marker of the file's content (nil for RUN_REPORT.md).
        public var schema: String?
        public var schemaVersion: Int?

        public init(sha256: String, size: Int64, schema: String?, schemaVersion: Int?) {
            self.sha256 = sha256
            self.size = size
            self.schema = schema
            self.schemaVersion = schemaVersion
        }

        enum CodingKeys: String, CodingKey {
            case sha256, size, schema
            case schemaVersion = "schema_version"
        }
    }

    public var schema: String = RunDir.manifestSchema
    public var schemaVersion: Int = RunDir.schemaVersion
    public var runSetID: RunSetID
    public var project: String
    public var benchmark: String
    public var gitBenchVersion: String
    public var createdAt: String
    /// Relative path → hash, size and schema, for every file in the directory except manifest.json.
    public var artifacts: [String: Artifact]
    /// SHA-256 of this file as written with `manifest_sha256` set to "".
    public var manifestSHA256: String

    public init(runSetID: RunSetID, project: String, benchmark: String, gitBenchVersion: String, createdAt: String,
                artifacts: [String: Artifact], manifestSHA256: String = "") {
        self.runSetID = runSetID
        self.project = project
        self.benchmark = benchmark
        self.gitBenchVersion = gitBenchVersion
        self.createdAt = createdAt
        self.artifacts = artifacts
        self.manifestSHA256 = manifestSHA256
    }

    enum CodingKeys: String, CodingKey {
        case schema
        case schemaVersion = "schema_version"
        case runSetID = "run_set_id"
        case project, benchmark
        case gitBenchVersion = "git_bench_version"
        case createdAt = "created_at"
        case artifacts
        case manifestSHA256 = "manifest_sha256"
    }

    /// The digest `manifestSHA256` must hold: SHA-256 of the file as written with the digest blank.
    public func computedDigest() throws -> String {
        var blank = self
        blank.manifestSHA256 = ""
        return ContentDigest(of: try RunDir.encodePretty(blank)).hex
    }

    /// The schema marker and version of a run-set file, by name.
    static func schema(of name: String) -> (String, Int)? {
        switch name {
        case RunDir.provenanceFile: return (RunDir.provenanceSchema, RunDir.schemaVersion)
        case RunDir.resumeStateFile: return (RunDir.resumeStateSchema, RunDir.schemaVersion)
        case RunDir.seriesFile: return (RunDir.seriesSchema, RunDir.schemaVersion)
        case RunDir.summaryFile: return (RunDir.summarySchema, RunDir.schemaVersion)
        default: return nil
        }
    }
}
