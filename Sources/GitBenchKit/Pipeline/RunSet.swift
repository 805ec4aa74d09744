/// The rows one `run` or `baseline establish` produced for one benchmark, as stored.
public struct RunSet: Sendable, Equatable, Codable {
    public var id: RunSetID
    public var project: String
    public var benchmark: String
    public var commit: ObjectID
    public var isDirty: Bool
    public var host: String
    public var metaSeed: Int64?
    public var role: RunRecord.Role
    public var records: [RunRecord]
    /// The baseline pointer event written by `baseline establish`, if any.
    public var baselineEvent: BaselinePointer?
    /// The run set's directory (`runs/<project>/<benchmark>/<run-set-id>/`); nil if it could not be written.
    public var runDirectory: String? = nil
    /// The zip beside it (`--compress`).
    public var zipPath: String? = nil
    /// The verdict of `--until-decided`, with its look and adjusted threshold.
    public var verdict: Verdict? = nil

    enum CodingKeys: String, CodingKey {
        case id = "run_set_id"
        case project, benchmark
        case commit = "git_sha"
        case isDirty = "git_dirty"
        case host
        case metaSeed = "meta_seed"
        case role
        case records = "runs"
        case baselineEvent = "baseline_event"
        case runDirectory = "run_directory"
        case zipPath = "zip_path"
        case verdict
    }

    /// The repetitions that count (`Sequence.counting`) and ended `ok`.
    public var okCount: Int { records.counting.filter { $0.status == .ok }.count }
    /// The repetitions that count and did not end `ok` (each makes the command exit 65).
    public var errorCount: Int { records.failedRepetitions.count }
}


/// What to run.
/// Codable because a background job stores it as its spec and its worker decodes it (Harness+Jobs.swift).
public struct RunRequest: Sendable, Equatable, Codable {
    public enum SeedSet: String, Sendable, CaseIterable, Codable { case baseline, fresh }
    public var benchmarks: [String]
    public var seedSet: SeedSet
    public var metaSeed: Int64?
    /// Overrides the manifest's repetitions (fresh) or takes the first N baseline seeds (baseline).
    public var repetitions: Int?
    public var allowDirty: Bool
    /// Run at this commit in a temporary worktree, with the manifest of that commit.
    public var atRevision: String?
    /// Move the baseline pointer to the run (`baseline establish`).
    public var establishesBaseline: Bool
    public var notes: String?
    /// Skip benchmarks whose `paths` match nothing changed between this revision and the commit being run.
    public var changedSince: String?
    /// Also write `<run-set-id>.zip` beside each run set's directory.
    public var compress: Bool
    /// After the planned repetitions, add batches until the verdict is decided (group-sequential; see `SequentialDesign`).
    public var untilDecided: Bool
    /// The most repetitions `untilDecided` may take per benchmark (default 4 × the planned repetitions).
    public var budget: Int?
    /// `baseline establish --force`: move the pointer even when the new baseline is unusable (fewer ok runs than the
    /// gate needs) and a usable one would be replaced. Optional so job specs written before it still decode.
    public var forcesBaseline: Bool?
    /// `git bench calibrate`'s repetitions: never judged as a candidate group. Optional so older job specs decode.
    public var calibrates: Bool?

    public init(benchmarks: [String], seedSet: SeedSet = .fresh, metaSeed: Int64? = nil, repetitions: Int? = nil, allowDirty: Bool = false,
                atRevision: String? = nil, establishesBaseline: Bool = false, notes: String? = nil, changedSince: String? = nil,
                compress: Bool = false, untilDecided: Bool = false, budget: Int? = nil, forcesBaseline: Bool = false) {
        self.benchmarks = benchmarks
        self.seedSet = seedSet
        self.metaSeed = metaSeed
        self.repetitions = repetitions
        self.allowDirty = allowDirty
        self.atRevision = atRevision
        self.establishesBaseline = establishesBaseline
        self.notes = notes
        self.changedSince = changedSince
        self.compress = compress
        self.untilDecided = untilDecided
        self.budget = budget
        self.forcesBaseline = forcesBaseline ? true : nil
    }
}

/// How `evaluate` selects rows.
public struct EvaluateOptions: Sendable, Equatable {
    public var anyHost: Bool
    public var includeDirty: Bool
    /// Use this candidate group instead of the latest complete one.
    public var metaSeed: Int64?
    /// Judge this run set as the candidate, whether or not it is complete (`evaluate --run-set`).
    public var runSet: RunSetID?
    /// Apply Benjamini–Hochberg across the benchmarks evaluated together.
    public var adjustAcrossSuite: Bool
    /// Judge even when the working tree no longer matches the runs (`evaluate --allow-dirty`: no `Freshness` guard).
    public var allowsStaleTree: Bool
    /// Compare against this host's baseline (`--host`, e.g. one `archive pull` brought in) instead of this machine's.
    /// The candidate is still this machine's group at the commit; when this machine measured none, it is that host's,
    /// so a pulled pair is judged exactly as the host that measured it judged it.
    public var baselineHost: String?

    public init(anyHost: Bool = false, includeDirty: Bool = false, metaSeed: Int64? = nil, runSet: RunSetID? = nil,
                adjustAcrossSuite: Bool = false, allowsStaleTree: Bool = false, baselineHost: String? = nil) {
        self.baselineHost = baselineHost
        self.anyHost = anyHost
        self.includeDirty = includeDirty
        self.metaSeed = metaSeed
        self.runSet = runSet
        self.adjustAcrossSuite = adjustAcrossSuite
        self.allowsStaleTree = allowsStaleTree
    }
}
