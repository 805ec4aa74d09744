import Foundation

/// One run on the public trajectory: the seed's projection of a manifest entry.
///
/// The public file is readable by anyone, so the point is an allow-list, never a copy of the entry:
/// - always: the seed's `date, stage, sha, overall, categories, n_questions, judge, result_key` (`overall`,
///   `n_questions` and `judge` as null when unknown), plus `uploaded_at` (the sort key) and `harness`;
/// - when set: `ship_label` and `ship_marked_at` (what the badge's ship-label group is made of), and git-bench's
///   `project, benchmark, run_set_id, host, n, unit, direction, verdict` (what a reader needs to print a
///   non-fraction value and its verdict).
///
/// Left out on purpose: `ship_rationale` (free text a person wrote for the team), `model`, Mem0's `cutoff,
/// project_name, run_id`, and every key another writer added to the manifest (`ManifestEntry.other`), which could
/// hold anything. Nothing in a manifest entry is a credential, and nothing unknown ever passes through.
public struct TrajectoryPoint: Sendable, Equatable {
    public var date: String
    public var stage: String
    public var sha: String
    public var overall: Double?
    public var categories: [String: Double]
    public var nQuestions: Int?
    public var judge: String?
    public var resultKey: String
    public var uploadedAt: String
    public var harness: String

    public var shipLabel: String?
    public var shipMarkedAt: String?

    public var project: String?
    public var benchmark: String?
    public var runSetID: String?
    public var host: String?
    public var n: Int?
    public var unit: String?
    public var direction: String?
    public var verdict: String?

    public init(date: String, stage: String, sha: String, overall: Double?, categories: [String: Double], nQuestions: Int?, judge: String?,
                resultKey: String, uploadedAt: String, harness: String) {
        self.date = date
        self.stage = stage
        self.sha = sha
        self.overall = overall
        self.categories = categories
        self.nQuestions = nQuestions
        self.judge = judge
        self.resultKey = resultKey
        self.uploadedAt = uploadedAt
        self.harness = harness
    }

    /// The public projection of `entry`.
    public init(_ entry: ManifestEntry) {
        self.init(date: entry.date, stage: entry.stage, sha: entry.sha, overall: entry.overall, categories: entry.categories,
                  nQuestions: entry.nQuestions, judge: entry.judge, resultKey: entry.resultKey, uploadedAt: entry.uploadedAt, harness: entry.harness)
        shipLabel = entry.shipLabel
        shipMarkedAt = entry.shipMarkedAt
        project = entry.project
        benchmark = entry.benchmark
        runSetID = entry.runSetID
        host = entry.host
        n = entry.n
        unit = entry.unit
        direction = entry.direction
        verdict = entry.verdict
    }

    /// The point as a JSON object.
    public var json: ArchiveJSON {
        var members: [String: ArchiveJSON] = [
            "date": .string(date), "stage": .string(stage), "sha": .string(sha), "overall": overall.map(ArchiveJSON.float) ?? .null,
            "categories": .object(categories.mapValues(ArchiveJSON.float)), "n_questions": nQuestions.map { .int(Int64($0)) } ?? .null,
            "judge": judge.map(ArchiveJSON.string) ?? .null, "result_key": .string(resultKey), "uploaded_at": .string(uploadedAt),
            "harness": .string(harness),
        ]
        let optional: [(String, String?)] = [
            ("ship_label", shipLabel), ("ship_marked_at", shipMarkedAt), ("project", project), ("benchmark", benchmark),
            ("run_set_id", runSetID), ("host", host), ("unit", unit), ("direction", direction), ("verdict", verdict),
        ]
        for case let (name, value?) in optional { members[name] = .string(value) }
        if let n { members["n"] = .int(Int64(n)) }
        return .object(members)
    }

    /// Reads one point; `key` and `path` say where it is, for errors. Keys it does not know are ignored (a newer
    /// writer may add some).
    public init(json: ArchiveJSON, key: String, at path: String) throws(ArchiveError) {
        guard case .object(let members) = json else { throw .invalidObject(key: key, at: path, reason: "expected an object") }
        let fields = ArchiveFields(members: members, key: key, path: path)
        self.init(date: try fields.required("date"), stage: try fields.required("stage"), sha: try fields.required("sha"),
                  overall: try fields.number("overall"), categories: try fields.numbers("categories"), nQuestions: try fields.integer("n_questions"),
                  judge: try fields.string("judge"), resultKey: try fields.required("result_key"), uploadedAt: try fields.required("uploaded_at"),
                  harness: try fields.required("harness"))
        shipLabel = try fields.string("ship_label")
        shipMarkedAt = try fields.string("ship_marked_at")
        project = try fields.string("project")
        benchmark = try fields.string("benchmark")
        runSetID = try fields.string("run_set_id")
        host = try fields.string("host")
        n = try fields.integer("n")
        unit = try fields.string("unit")
        direction = try fields.string("direction")
        verdict = try fields.string("verdict")
    }

    /// True for a run of a git-bench run set (it carries `benchmark` or `run_set_id`), as opposed to a harness result.
    public var isGitBench: Bool { benchmark != nil || runSetID != nil }

    /// How the run's `overall` reads: a fraction (printed as a percent) unless it is a git-bench benchmark whose
    /// metric is plainly not one: it has a `unit`, or its direction is lower-is-better (`minimize`, `lower`,
    /// `lower_is_better`), or its value lies outside [0, 1]. Harness results (LoCoMo, LongMemEval…) are accuracies.
    public var metricKind: MetricKind {
        guard isGitBench else { return .fraction }
        let lower: Set<String> = ["minimize", "lower", "lower_is_better"]
        if let unit, !unit.isEmpty { return .measure(unit: unit) }
        if let direction, lower.contains(direction.lowercased()) { return .measure(unit: nil) }
        if let overall, !(0...1).contains(overall) { return .measure(unit: nil) }
        return .fraction
    }

    /// Smoke runs never drive a badge: a stage containing "smoke" (any case) or fewer than 30 questions.
    public var isSmoke: Bool {
        stage.lowercased().contains("smoke") || (nQuestions.map { $0 < 30 } ?? false)
    }

    /// Trajectory order: date, then upload time, then result key (bytes), so equal timestamps still sort one way.
    public static func precedes(_ a: TrajectoryPoint, _ b: TrajectoryPoint) -> Bool {
        if a.date != b.date { return a.date.utf8.lexicographicallyPrecedes(b.date.utf8) }
        if a.uploadedAt != b.uploadedAt { return a.uploadedAt.utf8.lexicographicallyPrecedes(b.uploadedAt.utf8) }
        return a.resultKey.utf8.lexicographicallyPrecedes(b.resultKey.utf8)
    }
}

/// How a run's headline number is printed and coloured.
public enum MetricKind: Sendable, Equatable {
    /// An accuracy in [0, 1]: printed as a percent with one decimal, coloured by the seed's thresholds.
    case fraction
    /// Any other measure (seconds, bytes, a count): printed with its unit, coloured by the verdict.
    case measure(unit: String?)
}

/// `trajectory/<bench>.json`: every archived run of one bench in date order, `{bench, updated_at, runs: […]}`,
/// uncompressed and written as the seed's `json.dumps(…, indent=2, sort_keys=True)`.
public struct Trajectory: Sendable, Equatable {
    public var bench: String
    /// `YYYY-MM-DDTHH:MM:SSZ`: when the trajectory was rebuilt.
    public var updatedAt: String
    /// Sorted by `TrajectoryPoint.precedes`.
    public var runs: [TrajectoryPoint]

    public init(bench: String, updatedAt: String, runs: [TrajectoryPoint]) {
        self.bench = bench
        self.updatedAt = updatedAt
        self.runs = runs
    }

    /// The trajectory of `bench` from every entry of that bench in `entries` (others are ignored), one point per
    /// result key, sorted.
    public init(bench: String, entries: [ManifestEntry], updatedAt: String) {
        var seen = Set<String>()
        var points: [TrajectoryPoint] = []
        for entry in entries where entry.bench == bench && seen.insert(entry.resultKey).inserted {
            points.append(TrajectoryPoint(entry))
        }
        self.init(bench: bench, updatedAt: updatedAt, runs: points.sorted(by: TrajectoryPoint.precedes))
    }

    /// One trajectory per bench named in `entries`, ordered by bench name.
    public static func all(from entries: [ManifestEntry], updatedAt: String) -> [Trajectory] {
        var byBench: [String: [ManifestEntry]] = [:]
        for entry in entries { byBench[entry.bench, default: []].append(entry) }
        return byBench.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map {
            Trajectory(bench: $0, entries: byBench[$0] ?? [], updatedAt: updatedAt)
        }
    }

    public var json: ArchiveJSON {
        .object(["bench": .string(bench), "updated_at": .string(updatedAt), "runs": .array(runs.map(\.json))])
    }

    /// The file's bytes.
    public func encoded() throws(ArchiveError) -> Data {
        Data(try json.pythonText().utf8)
    }

    /// Reads a trajectory file; `key` names it in errors.
    public static func decode(_ data: Data, key: String) throws(ArchiveError) -> Trajectory {
        let members = try ArchiveJSON.members(of: data, key: key)
        let bench = try ArchiveJSON.string("bench", in: members, key: key)
        let updatedAt = try ArchiveJSON.string("updated_at", in: members, key: key)
        let runs = try ArchiveJSON.array("runs", in: members, key: key)
        var points: [TrajectoryPoint] = []
        for (index, run) in runs.enumerated() {
            points.append(try TrajectoryPoint(json: run, key: key, at: "runs[\(index)]"))
        }
        return Trajectory(bench: bench, updatedAt: updatedAt, runs: points)
    }
}

/// Typed reads of one JSON object's members, each failure naming the key path.
struct ArchiveFields {
    let members: [String: ArchiveJSON]
    let key: String
    let path: String

    func string(_ name: String) throws(ArchiveError) -> String? {
        switch members[name] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        default: throw .invalidObject(key: key, at: "\(path).\(name)", reason: "expected a string")
        }
    }

    func required(_ name: String) throws(ArchiveError) -> String {
        guard let text = try string(name) else { throw .invalidObject(key: key, at: "\(path).\(name)", reason: "missing") }
        return text
    }

    func number(_ name: String) throws(ArchiveError) -> Double? {
        switch members[name] {
        case nil, .null?: return nil
        case .int(let number)?: return Double(number)
        case .float(let number)?: return number
        default: throw .invalidObject(key: key, at: "\(path).\(name)", reason: "expected a number")
        }
    }

    func integer(_ name: String) throws(ArchiveError) -> Int? {
        switch members[name] {
        case nil, .null?: return nil
        case .int(let number)?: return Int(number)
        default: throw .invalidObject(key: key, at: "\(path).\(name)", reason: "expected an integer")
        }
    }

    func numbers(_ name: String) throws(ArchiveError) -> [String: Double] {
        switch members[name] {
        case nil, .null?: return [:]
        case .object(let values)?:
            let inner = ArchiveFields(members: values, key: key, path: "\(path).\(name)")
            var out: [String: Double] = [:]
            for label in values.keys {
                guard let number = try inner.number(label) else {
                    throw .invalidObject(key: key, at: "\(path).\(name).\(label)", reason: "expected a number")
                }
                out[label] = number
            }
            return out
        default: throw .invalidObject(key: key, at: "\(path).\(name)", reason: "expected an object")
        }
    }
}
