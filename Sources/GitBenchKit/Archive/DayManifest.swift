import Foundation

/// `runs/<date>/manifest.json`: the day's index of archived runs, `{date, runs: […], updated_at}`, written as the
/// seed's `json.dumps(manifest, indent=2, sort_keys=True)` writes it.
public struct DayManifest: Sendable, Equatable {
    public var date: String
    /// One entry per result key, ordered by upload time then result key (`merged(with:)` keeps that order).
    public var runs: [ManifestEntry]
    /// `YYYY-MM-DDTHH:MM:SSZ`.
    public var updatedAt: String

    public init(date: String, runs: [ManifestEntry], updatedAt: String) {
        self.date = date
        self.runs = runs
        self.updatedAt = updatedAt
    }

    /// The manifest's bytes.
    public func encoded() throws(ArchiveError) -> Data {
        let value = ArchiveJSON.object(["date": .string(date), "runs": .array(runs.map(\.json)), "updated_at": .string(updatedAt)])
        return Data(try value.pythonText().utf8)
    }

    /// Reads a manifest object; `key` names it in errors.
    public static func decode(_ data: Data, key: String) throws(ArchiveError) -> DayManifest {
        let members = try ArchiveJSON.members(of: data, key: key)
        let date = try ArchiveJSON.string("date", in: members, key: key)
        let runs = try ArchiveJSON.array("runs", in: members, key: key)
        let updatedAt = try ArchiveJSON.string("updated_at", in: members, key: key)
        var entries: [ManifestEntry] = []
        for (index, run) in runs.enumerated() {
            entries.append(try ManifestEntry(json: run, key: key, at: "runs[\(index)]"))
        }
        return DayManifest(date: date, runs: entries, updatedAt: updatedAt)
    }

    /// This manifest with every entry of `others` whose result key it lacks; an entry already here wins (it may carry
    /// ship labels patched in later). Runs come out ordered by `uploaded_at`, then `result_key`.
    public func merged(with others: [ManifestEntry]) -> DayManifest {
        var byKey: [String: ManifestEntry] = [:]
        for entry in others + runs { byKey[entry.resultKey] = entry }
        // `runs` comes last, so its entries win.
        let ordered = byKey.values.sorted {
            $0.uploadedAt != $1.uploadedAt ? $0.uploadedAt < $1.uploadedAt : $0.resultKey.utf8.lexicographicallyPrecedes($1.resultKey.utf8)
        }
        return DayManifest(date: date, runs: ordered, updatedAt: updatedAt)
    }
}

/// One archived run in a day's manifest (and in its own `entries/` object).
///
/// The seed's keys are always written (`overall`, `n_questions`, `judge` and `model` as null when unknown); the
/// optional groups (Mem0's `cutoff, project_name, run_id`, the ship label, git-bench's run-set keys, `unit`,
/// `verdict`) only when set. Keys some other writer added are kept as they were, so rewriting a manifest loses nothing.
public struct ManifestEntry: Sendable, Equatable {
    public var date: String
    public var stage: String
    public var bench: String
    public var sha: String
    public var harness: String
    public var uploadedAt: String
    public var resultKey: String
    public var overall: Double?
    public var categories: [String: Double]
    public var nQuestions: Int?
    public var judge: String?
    public var model: String?

    // Mem0-harness results.
    public var cutoff: String?
    public var projectName: String?
    public var runID: String?

    // Ship labels (`_SHIP_LABEL.json`).
    public var shipLabel: String?
    public var shipMarkedAt: String?
    public var shipRationale: String?

    // git-bench run sets.
    public var project: String?
    public var benchmark: String?
    public var runSetID: String?
    public var host: String?
    public var n: Int?
    public var unit: String?
    public var direction: String?
    public var verdict: String?
    /// The SHA-256 of the uploaded result object's bytes (`archive pull` checks it before importing).
    public var resultSHA256: String?
    /// The full commit the run set measured (`sha` is its first 7 hex digits, or `dirty`).
    public var commit: String?
    /// `baseline` or `candidate`.
    public var role: String?

    /// Keys this type does not know, kept verbatim.
    public var other: [String: ArchiveJSON]

    public init(date: String, stage: String, bench: String, sha: String, harness: String, uploadedAt: String, resultKey: String,
                overall: Double?, categories: [String: Double], nQuestions: Int?, judge: String?, model: String?) {
        self.date = date
        self.stage = stage
        self.bench = bench
        self.sha = sha
        self.harness = harness
        self.uploadedAt = uploadedAt
        self.resultKey = resultKey
        self.overall = overall
        self.categories = categories
        self.nQuestions = nQuestions
        self.judge = judge
        self.model = model
        other = [:]
    }

    private static let requiredStrings = ["date", "stage", "bench", "sha", "harness", "uploaded_at", "result_key"]
    private static let optionalStrings = ["judge", "model", "cutoff", "project_name", "run_id", "ship_label", "ship_marked_at",
                                          "ship_rationale", "project", "benchmark", "run_set_id", "host", "unit", "direction", "verdict",
                                          "result_sha256", "commit", "role"]
    private static let known = Set(requiredStrings + optionalStrings + ["overall", "categories", "n_questions", "n"])

    /// The entry as a JSON object.
    public var json: ArchiveJSON {
        var members = other
        let strings: [(String, String?)] = [
            ("date", date), ("stage", stage), ("bench", bench), ("sha", sha), ("harness", harness), ("uploaded_at", uploadedAt),
            ("result_key", resultKey), ("cutoff", cutoff), ("project_name", projectName), ("run_id", runID), ("ship_label", shipLabel),
            ("ship_marked_at", shipMarkedAt), ("ship_rationale", shipRationale), ("project", project), ("benchmark", benchmark),
            ("run_set_id", runSetID), ("host", host), ("unit", unit), ("direction", direction), ("verdict", verdict),
            ("result_sha256", resultSHA256), ("commit", commit), ("role", role),
        ]
        for case let (name, value?) in strings { members[name] = .string(value) }
        members["overall"] = overall.map(ArchiveJSON.float) ?? .null
        members["categories"] = .object(categories.mapValues(ArchiveJSON.float))
        members["n_questions"] = nQuestions.map { .int(Int64($0)) } ?? .null
        members["judge"] = judge.map(ArchiveJSON.string) ?? .null
        members["model"] = model.map(ArchiveJSON.string) ?? .null
        if let n { members["n"] = .int(Int64(n)) }
        return .object(members)
    }

    /// The entry's own object (`runs/<date>/entries/…`): the same JSON as in the manifest.
    public func encoded() throws(ArchiveError) -> Data {
        Data(try json.pythonText().utf8)
    }

    /// Reads an entry object.
    public static func decode(_ data: Data, key: String) throws(ArchiveError) -> ManifestEntry {
        let value: ArchiveJSON
        do { value = try ArchiveJSON.parse(data) } catch { throw .invalidObject(key: key, at: "$", reason: "not JSON (\(error))") }
        return try ManifestEntry(json: value, key: key, at: "$")
    }

    /// Reads one entry; `key` and `at` say where it is, for errors.
    public init(json: ArchiveJSON, key: String, at path: String) throws(ArchiveError) {
        guard case .object(let members) = json else { throw .invalidObject(key: key, at: path, reason: "expected an object") }
        let fields = ArchiveFields(members: members, key: key, path: path)
        let string = fields.string, required = fields.required, integer = fields.integer
        self.init(date: try required("date"), stage: try required("stage"), bench: try required("bench"), sha: try required("sha"),
                  harness: try required("harness"), uploadedAt: try required("uploaded_at"), resultKey: try required("result_key"),
                  overall: try fields.number("overall"), categories: [:], nQuestions: try integer("n_questions"),
                  judge: try string("judge"), model: try string("model"))
        switch members["categories"] {
        case nil, .null?: break
        case .object(let categories)?:
            let scores = ArchiveFields(members: categories, key: key, path: "\(path).categories")
            for name in categories.keys {
                guard let score = try scores.number(name) else {
                    throw .invalidObject(key: key, at: "\(path).categories.\(name)", reason: "expected a number")
                }
                self.categories[name] = score
            }
        default: throw .invalidObject(key: key, at: "\(path).categories", reason: "expected an object")
        }
        cutoff = try string("cutoff")
        projectName = try string("project_name")
        runID = try string("run_id")
        shipLabel = try string("ship_label")
        shipMarkedAt = try string("ship_marked_at")
        shipRationale = try string("ship_rationale")
        project = try string("project")
        benchmark = try string("benchmark")
        runSetID = try string("run_set_id")
        host = try string("host")
        n = try integer("n")
        unit = try string("unit")
        direction = try string("direction")
        verdict = try string("verdict")
        resultSHA256 = try string("result_sha256")
        commit = try string("commit")
        role = try string("role")
        other = members.filter { !Self.known.contains($0.key) }
    }
}

extension ManifestEntry: Encodable {
    public func encode(to encoder: any Encoder) throws {
        try json.encode(to: encoder)
    }
}
