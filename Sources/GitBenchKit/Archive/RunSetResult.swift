import Foundation

/// The document git-bench uploads for one run set (`results-<ts>-<sha7>.json.gz`): schema `git_bench_result`,
/// version 1. It holds everything another host needs to judge against the run set as if it had measured it: the
/// run set's provenance, summary and seed plan as its directory has them, every stored row with its runner usage, and
/// the baseline pointer events that stand for its rows. `overall` and `categories` are the seed's headline fields: the
/// mean metric of the `ok` repetitions and the means of their numeric `metric_components`.
public struct RunSetResult: Sendable, Equatable, Codable {
    public static let schemaName = "git_bench_result"
    public static let currentVersion = 1

    /// One stored repetition and what the runner used (CPU, RSS), which only the series file keeps.
    public struct Repetition: Sendable, Equatable, Codable {
        public var row: RunRecord
        public var usage: ResourceUsage?

        public init(row: RunRecord, usage: ResourceUsage?) {
            self.row = row
            self.usage = usage
        }
    }

    public var schema: String = schemaName
    public var schemaVersion: Int = currentVersion
    public var runSetID: String
    public var project: String
    public var benchmark: String
    public var host: String
    /// The full commit the run set measured.
    public var commit: String
    public var dirty: Bool
    public var role: RunRecord.Role
    public var metaSeed: Int64?
    /// When the run set started (UTC, ISO 8601): it dates the result key.
    public var startedAt: String
    /// `maximize` or `minimize`, as the manifest said when the run set was archived.
    public var direction: String
    /// The manifest's optional `unit` of the metric (`s`, `ms`, `MB/s`…).
    public var unit: String?
    public var overall: Double?
    public var categories: [String: Double]
    /// The verdict of the run set when it was judged as a candidate (`PROMOTE`, `REJECT`…).
    public var verdict: String?
    public var provenance: RunProvenance
    public var summary: RunSummary
    public var resumeState: ResumeState?
    public var repetitions: [Repetition]
    public var baselineEvents: [BaselinePointer]

    enum CodingKeys: String, CodingKey {
        case schema
        case schemaVersion = "schema_version"
        case runSetID = "run_set_id"
        case project, benchmark, host, commit, dirty, role
        case metaSeed = "meta_seed"
        case startedAt = "started_at"
        case direction, unit, overall, categories, verdict, provenance, summary
        case resumeState = "resume_state"
        case repetitions
        case baselineEvents = "baseline_events"
    }

    public init(provenance: RunProvenance, summary: RunSummary, resumeState: ResumeState?, rows: [RunRecord], usage: [Int64: ResourceUsage],
                baselineEvents: [BaselinePointer], direction: String, unit: String?, verdict: String?) {
        runSetID = provenance.runSetID.value
        project = provenance.project
        benchmark = provenance.benchmark
        host = provenance.host
        commit = provenance.git.sha.hex
        dirty = provenance.git.isDirty
        role = summary.role
        metaSeed = summary.metaSeed
        startedAt = provenance.startedAt
        self.direction = direction
        self.unit = unit
        self.verdict = verdict
        self.provenance = provenance
        self.summary = summary
        self.resumeState = resumeState
        repetitions = rows.map { Repetition(row: $0, usage: usage[$0.id]) }
        self.baselineEvents = baselineEvents
        let counted = rows.counting.filter { $0.status == .ok }
        let metrics = counted.compactMap(\.metric)
        overall = metrics.isEmpty ? nil : metrics.reduce(0, +) / Double(metrics.count)
        categories = Self.componentMeans(counted)
    }

    /// The mean of each numeric top-level member of `metric_components` over the rows that have it.
    static func componentMeans(_ rows: [RunRecord]) -> [String: Double] {
        var sums: [String: (total: Double, count: Int)] = [:]
        for row in rows {
            guard case .object(let members)? = row.metricComponents?.value else { continue }
            for case let (name, .number(value)) in members where value.isFinite {
                sums[name, default: (0, 0)].total += value
                sums[name, default: (0, 0)].count += 1
            }
        }
        return sums.mapValues { $0.total / Double($0.count) }
    }

    /// When the run set started, from `startedAt`.
    public var startDate: Date? { Timestamp.date(from: startedAt) }

    /// The document's bytes: compact JSON with sorted keys, so one run set always gives the same bytes (and, gzipped
    /// with mtime 0, the same object).
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "+Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return try encoder.encode(self)
    }

    /// Reads a document; `key` names it in errors. Refuses another schema or a newer version.
    public static func decode(_ data: Data, key: String) throws(ArchiveError) -> RunSetResult {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "+Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        struct Marker: Decodable {
            var schema: String?
            var schemaVersion: Int?
            enum CodingKeys: String, CodingKey { case schema, schemaVersion = "schema_version" }
        }
        guard let marker = try? decoder.decode(Marker.self, from: data) else {
            throw .invalidObject(key: key, at: "$", reason: "not a JSON object")
        }
        guard marker.schema == schemaName else {
            throw .invalidObject(key: key, at: "schema", reason: "expected \"\(schemaName)\", found \(marker.schema.map { "\"\($0)\"" } ?? "none")")
        }
        guard let version = marker.schemaVersion, version <= currentVersion else {
            throw .invalidObject(key: key, at: "schema_version", reason: "version \(marker.schemaVersion.map(String.init) ?? "none") is not one this git-bench reads (\(currentVersion))")
        }
        do {
            return try decoder.decode(RunSetResult.self, from: data)
        } catch {
            throw .invalidObject(key: key, at: "$", reason: "\(error)")
        }
    }

    /// The seed's manifest entry for this run set archived under `resultKey`, with the git-bench keys.
    public func manifestEntry(stage: String, sha7: String, uploadedAt: String, resultKey: String, resultSHA256: String) -> ManifestEntry {
        let date = startDate.map(ArchiveKey.day(of:)) ?? String(startedAt.prefix(10))
        var entry = ManifestEntry(date: date, stage: stage, bench: benchmark, sha: sha7, harness: "git-bench", uploadedAt: uploadedAt,
                                  resultKey: resultKey, overall: overall, categories: categories, nQuestions: nil,
                                  judge: nil, model: nil)
        entry.project = project
        entry.benchmark = benchmark
        entry.runSetID = runSetID
        entry.host = host
        entry.n = summary.okCount
        entry.unit = unit
        entry.direction = direction
        entry.verdict = verdict
        entry.resultSHA256 = resultSHA256
        entry.commit = commit
        entry.role = role.rawValue
        return entry
    }
}
