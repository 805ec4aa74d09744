import Foundation

/// What to archive: run sets, harness result files, the canonical layout, or a mix.
public struct ArchiveRequest: Sendable, Equatable {
    /// These run sets (`archive RUN-SET-ID…`).
    public var runSets: [RunSetID] = []
    /// Every finished run set of the project not archived to this archive yet (`archive` alone, `archive rescan`).
    public var unarchivedRunSets = false
    /// External harness result files (`archive --files`), archived under `stage`.
    public var files: [URL] = []
    /// The bench of `files` that do not name one (PageIndex results).
    public var filesBench: String?
    /// Walk `benchmark-results/<harness>/<bench>/<project>/` (`archive rescan`).
    public var canonicalLayout = false
    /// The stage of run sets and files (default: the configuration's); canonical directories name their own.
    public var stage: String?
    /// Archive again what `_ARCHIVED` says is archived.
    public var force = false
    public var includeSmoke = false
    /// The Mem0 cutoff.
    public var cutoff: String?
    /// Say what would be uploaded, write nothing (no object, no marker).
    public var dryRun = false

    public init(runSets: [RunSetID] = [], unarchivedRunSets: Bool = false, files: [URL] = [], filesBench: String? = nil, canonicalLayout: Bool = false,
                stage: String? = nil, force: Bool = false, includeSmoke: Bool = false, cutoff: String? = nil, dryRun: Bool = false) {
        self.filesBench = filesBench
        self.runSets = runSets
        self.unarchivedRunSets = unarchivedRunSets
        self.files = files
        self.canonicalLayout = canonicalLayout
        self.stage = stage
        self.force = force
        self.includeSmoke = includeSmoke
        self.cutoff = cutoff
        self.dryRun = dryRun
    }
}

/// What `archive` (and `run`'s automatic archive) did.
public struct ArchiveOutcome: Sendable, Encodable {
    /// Something left out, and why: a run set not finished or already archived, a directory the walk skipped.
    public struct Skipped: Sendable, Encodable {
        public var label: String
        public var reason: String
    }

    /// With `dryRun`: what would be uploaded, and under which key.
    public struct Planned: Sendable, Encodable {
        public var label: String
        public var resultKey: String

        enum CodingKeys: String, CodingKey { case label, resultKey = "result_key" }
    }

    public var report: ArchiveReport
    public var skipped: [Skipped]
    public var planned: [Planned]
    /// Where it went (never a secret).
    public var archive: String
    public var dryRun: Bool

    enum CodingKeys: String, CodingKey { case report, skipped, planned, archive, dryRun = "dry_run" }
}

/// `archive rebuild-trajectory --json`.
public struct TrajectoryRebuildOutcome: Sendable, Encodable {
    public var daysRead: Int
    public var daysRepaired: [String]
    public var entries: Int
    public var written: [String]
    public var warnings: [String]

    enum CodingKeys: String, CodingKey {
        case entries, written, warnings
        case daysRead = "days_read"
        case daysRepaired = "days_repaired"
    }
}

/// `archive selftest --json`.
public struct ArchiveSelftestReport: Sendable, Encodable {
    public struct Store: Sendable, Encodable {
        public var store: String
        public var checks: [Check]
        public var honoursConditionalWrites: Bool

        enum CodingKeys: String, CodingKey { case store, checks, honoursConditionalWrites = "honours_conditional_writes" }
    }

    public struct Check: Sendable, Encodable {
        public var name: String
        public var passed: Bool
        public var detail: String
    }

    public var stores: [Store]

    public init(_ results: [(store: String, outcome: ArchiveProbe.Outcome)]) {
        stores = results.map { result in
            Store(store: result.store, checks: result.outcome.checks.map { Check(name: $0.name, passed: $0.passed, detail: $0.detail) },
                  honoursConditionalWrites: result.outcome.honoursConditionalWrites)
        }
    }
}
