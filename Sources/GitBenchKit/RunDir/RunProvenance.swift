import Foundation

/// `provenance.json`: where, on what and from what a run set was measured.
public struct RunProvenance: Sendable, Equatable, Codable {
    /// The commit and the state of the working tree.
    public struct GitState: Sendable, Equatable, Codable {
        public var sha: ObjectID
        public var isDirty: Bool
        /// `sha256:<hex>` of the diff stored for a dirty run.
        public var diffSHA256: String?
        public var diffPath: String?
        /// Measured in a temporary worktree (`--at-sha`).
        public var usesWorktree: Bool

        public init(sha: ObjectID, isDirty: Bool, diffSHA256: String?, diffPath: String?, usesWorktree: Bool) {
            self.sha = sha
            self.isDirty = isDirty
            self.diffSHA256 = diffSHA256
            self.diffPath = diffPath
            self.usesWorktree = usesWorktree
        }

        enum CodingKeys: String, CodingKey {
            case sha
            case isDirty = "dirty"
            case diffSHA256 = "diff_sha256"
            case diffPath = "diff_path"
            case usesWorktree = "uses_worktree"
        }
    }

    /// Versions of git-bench and the C libraries it links.
    public struct Versions: Sendable, Equatable, Codable {
        public var gitBench: String
        public var libgit2: String
        public var sqlite: String

        public init(gitBench: String, libgit2: String, sqlite: String) {
            self.gitBench = gitBench
            self.libgit2 = libgit2
            self.sqlite = sqlite
        }

        enum CodingKeys: String, CodingKey {
            case gitBench = "git_bench"
            case libgit2, sqlite
        }
    }

    public var schema: String = RunDir.provenanceSchema
    public var schemaVersion: Int = RunDir.schemaVersion
    public var runSetID: RunSetID
    public var project: String
    public var benchmark: String
    public var git: GitState
    public var host: String
    public var machine: HostFacts
    public var versions: Versions
    /// The command line of the first attempt; every attempt's own is in `attempts`.
    public var invocation: [String]
    public var workingDirectory: String
    /// `sha256:<hex>` of bench/manifest.toml as used.
    public var manifestHash: String
    /// The corpus fingerprint (per `corpus_type`), when the benchmark declares a corpus.
    public var corpusFingerprint: String?
    public var startedAt: String
    /// Set when the latest attempt finished.
    public var endedAt: String?
    public var attempts: [RunAttempt]

    public init(runSetID: RunSetID, project: String, benchmark: String, git: GitState, host: String, machine: HostFacts, versions: Versions,
                invocation: [String], workingDirectory: String, manifestHash: String, corpusFingerprint: String?, startedAt: String,
                endedAt: String?, attempts: [RunAttempt]) {
        self.runSetID = runSetID
        self.project = project
        self.benchmark = benchmark
        self.git = git
        self.host = host
        self.machine = machine
        self.versions = versions
        self.invocation = invocation
        self.workingDirectory = workingDirectory
        self.manifestHash = manifestHash
        self.corpusFingerprint = corpusFingerprint
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.attempts = attempts
    }

    enum CodingKeys: String, CodingKey {
        case schema
        case schemaVersion = "schema_version"
        case runSetID = "run_set_id"
        case project, benchmark, git, host, machine, versions, invocation
        case workingDirectory = "working_directory"
        case manifestHash = "manifest_hash"
        case corpusFingerprint = "corpus_fingerprint"
        case startedAt = "started_at"
        case endedAt = "ended_at"
        case attempts
    }
}
