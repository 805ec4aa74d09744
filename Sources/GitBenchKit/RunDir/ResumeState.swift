import Foundation

/// `resume_state.json`: the seed contract of a run set, written before its first repetition so that a killed run can be
/// finished by `git bench resume` with the same seeds, meta seed, role and commit.
public struct ResumeState: Sendable, Equatable, Codable {
    /// `git bench ab`: this run set is one side of an interleaved pair, measured A B B A … with its partner.
    public struct Interleave: Sendable, Equatable, Codable {
        public enum Side: String, Sendable, Codable { case base, head }
        public var side: Side
        /// The other side's run set.
        public var partner: RunSetID

        public init(side: Side, partner: RunSetID) {
            self.side = side
            self.partner = partner
        }
    }

    /// The extra looks of `run --until-decided`.
    public struct UntilDecided: Sendable, Equatable, Codable {
        /// Repetitions before the first look.
        public var planned: Int
        /// The most repetitions the run set may take.
        public var budget: Int
        /// The baseline the looks compare with (pointer commit and meta seed at the start), so a resume judges the same way.
        public var baselineCommit: ObjectID?
        public var baselineMetaSeed: Int64?
        /// The baseline pointer event the looks compare with, whose snapshot is the baseline; nil in run sets written
        /// before snapshots (their baseline is every row at `baselineCommit` in its meta-seed group).
        public var baselineEventID: Int64?

        public init(planned: Int, budget: Int, baselineCommit: ObjectID?, baselineMetaSeed: Int64?, baselineEventID: Int64?) {
            self.planned = planned
            self.budget = budget
            self.baselineCommit = baselineCommit
            self.baselineMetaSeed = baselineMetaSeed
            self.baselineEventID = baselineEventID
        }

        enum CodingKeys: String, CodingKey {
            case planned, budget
            case baselineCommit = "baseline_sha"
            case baselineMetaSeed = "baseline_meta_seed"
            case baselineEventID = "baseline_event_id"
        }
    }

    public var schema: String = RunDir.resumeStateSchema
    public var schemaVersion: Int = RunDir.schemaVersion
    public var runSetID: RunSetID
    public var project: String
    public var benchmark: String
    public var commit: ObjectID
    /// The host the rows carry; a resume must run there too, or the run set would mix machines.
    public var host: String
    /// The run happened in a temporary worktree (`--at-sha`), so a resume does too, whatever HEAD is.
    public var usesWorktree: Bool
    public var isDirty: Bool
    public var allowsDirty: Bool
    public var diffPath: String?
    public var diffSHA256: String?
    public var role: RunRecord.Role
    public var metaSeed: Int64?
    /// The seeds of repetitions 0, 1, … in order; grows as `--until-decided` adds batches.
    public var plannedSeeds: [Int64]
    public var manifestHash: String
    /// The freshness guard's fingerprint of `[project] tracked_paths` at the start (`WorkingTreeHash`), stored on every
    /// row; a resume refuses a tree whose fingerprint moved. Absent in run sets written before the guard.
    public var workingTreeHash: String?
    public var establishesBaseline: Bool
    /// `baseline establish --force` (see `RunRequest.forcesBaseline`); absent in run sets written before it.
    public var forcesBaseline: Bool?
    public var notes: String?
    /// Write the zip beside the directory when the run set finishes.
    public var compress: Bool
    public var untilDecided: UntilDecided?
    /// Set on both run sets of a `git bench ab` pair; absent otherwise.
    public var interleave: Interleave? = nil
    /// True for the repetitions `git bench calibrate` measures: stored like any others, never a candidate group.
    public var calibrates: Bool? = nil
    public var attempts: [RunAttempt]

    public init(runSetID: RunSetID, project: String, benchmark: String, commit: ObjectID, host: String, usesWorktree: Bool, isDirty: Bool, allowsDirty: Bool,
                diffPath: String?, diffSHA256: String?, role: RunRecord.Role, metaSeed: Int64?, plannedSeeds: [Int64], manifestHash: String,
                establishesBaseline: Bool, notes: String?, compress: Bool, untilDecided: UntilDecided?, attempts: [RunAttempt]) {
        self.runSetID = runSetID
        self.project = project
        self.benchmark = benchmark
        self.commit = commit
        self.host = host
        self.usesWorktree = usesWorktree
        self.isDirty = isDirty
        self.allowsDirty = allowsDirty
        self.diffPath = diffPath
        self.diffSHA256 = diffSHA256
        self.role = role
        self.metaSeed = metaSeed
        self.plannedSeeds = plannedSeeds
        self.manifestHash = manifestHash
        self.establishesBaseline = establishesBaseline
        self.notes = notes
        self.compress = compress
        self.untilDecided = untilDecided
        self.attempts = attempts
    }

    enum CodingKeys: String, CodingKey {
        case schema
        case schemaVersion = "schema_version"
        case runSetID = "run_set_id"
        case project, benchmark
        case commit = "git_sha"
        case host
        case usesWorktree = "uses_worktree"
        case isDirty = "git_dirty"
        case allowsDirty = "allows_dirty"
        case diffPath = "dirty_diff_path"
        case diffSHA256 = "dirty_diff_sha256"
        case role
        case metaSeed = "meta_seed"
        case plannedSeeds = "planned_seeds"
        case manifestHash = "manifest_hash"
        case workingTreeHash = "working_tree_hash"
        case establishesBaseline = "establishes_baseline"
        case forcesBaseline = "forces_baseline"
        case notes, compress
        case untilDecided = "until_decided"
        case interleave, calibrates
        case attempts
    }
}
