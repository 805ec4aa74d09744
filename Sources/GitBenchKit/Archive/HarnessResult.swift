import Foundation

/// One result file written by an external harness, reduced to what a manifest entry carries.
///
/// Two schemas, as astrocyte's `archive_bench_results.py` reads them:
/// - Mem0-harness (`<bench>_results_<local YYYYMMDD_HHMMSS>.json`): top-level `metadata` + `metrics_by_cutoff`. The
///   cutoff is the one asked for, else the first of `mem0CutoffOrder` the file has. Its `overall.accuracy` and each
///   category's `accuracy` are percentages (the harness writes `correct / total * 100`); `overall.total` is the
///   question count. Categories sit under the cutoff's `categories` (what astrocyte's script reads) or `by_category`
///   (what the Mem0 harness writes), each `{total, correct, accuracy, avg_score}`. `metadata` gives `benchmark`,
///   `answerer_model` (or `model`), `judge_model`, `project_name` and `run_id`.
/// - PageIndex (`results-<UTC YYYYMMDDTHHMMSSZ>.json`): top-level `overall_accuracy` + `category_accuracy`, both
///   fractions (`correct / n`), `evaluated_questions` (else `total_questions`), `model`, and no bench name: the
///   directory's bench is used (else a top-level `benchmark`).
///
/// Scores come out as fractions rounded to 4 places the way Python's `round(x, 4)` rounds. `judge` is the seed's:
/// `llm` when the file names a judge model (or PageIndex's `canonical_judge` is set), else `stemmed-f1`.
/// Neither harness records a commit or a UTC start time (Mem0's `metadata.timestamp` is local time without a zone,
/// so it is not used); `commit` and `startedAt` are read only from explicit `git_sha`/`commit` and `started_at`
/// keys (top level or in `metadata`), for harnesses that add them.
public struct HarnessResult: Sendable, Equatable {
    /// The schema a file was recognised as; the raw value is the manifest's `harness`.
    public enum Kind: String, Sendable, Equatable {
        case mem0 = "mem0_harness"
        case pageIndex = "pageindex"
    }

    public var harness: Kind
    /// Normalised (`normalizedBench`) and valid as an archive bench name.
    public var bench: String
    /// A fraction, 4 places.
    public var overall: Double
    /// Fractions, 4 places.
    public var categories: [String: Double]
    public var nQuestions: Int?
    /// `llm` or `stemmed-f1`.
    public var judge: String
    public var model: String?
    // Mem0-harness only.
    public var cutoff: String?
    public var projectName: String?
    public var runID: String?
    /// When the file says, with a zone, when the run started.
    public var startedAt: Date?
    /// The commit the file says it measured (lowercase hex, at least 7 digits).
    public var commit: String?

    public init(harness: Kind, bench: String, overall: Double, categories: [String: Double], nQuestions: Int?, judge: String,
                model: String?, cutoff: String? = nil, projectName: String? = nil, runID: String? = nil, startedAt: Date? = nil,
                commit: String? = nil) {
        self.harness = harness
        self.bench = bench
        self.overall = overall
        self.categories = categories
        self.nQuestions = nQuestions
        self.judge = judge
        self.model = model
        self.cutoff = cutoff
        self.projectName = projectName
        self.runID = runID
        self.startedAt = startedAt
        self.commit = commit
    }

    /// The Mem0 cutoffs tried, in order, when none is asked for: the token-budget headline, the next budget down, then
    /// the item-count headline of older results.
    public static let mem0CutoffOrder = ["max_tokens_8192", "max_tokens_4096", "top_20"]

    /// Reads one result file. `path` names it in errors; `cutoff` picks the Mem0 cutoff (absent from the file is an
    /// error); `directoryBench` is the bench its directory names, used when the file names none (PageIndex).
    public static func read(_ data: Data, path: String, cutoff: String? = nil, directoryBench: String? = nil) throws(HarnessResultError) -> HarnessResult {
        let reader = FieldReader(path: path)
        let value: ArchiveJSON
        do { value = try ArchiveJSON.parse(data) } catch { throw reader.fail("not JSON (\(error))") }
        guard case .object(let top) = value else { throw reader.fail(unrecognised) }
        if top["metadata"] != nil && top["metrics_by_cutoff"] != nil {
            return try reader.mem0(top, cutoff: cutoff, directoryBench: directoryBench)
        }
        if top["overall_accuracy"] != nil && top["category_accuracy"] != nil {
            return try reader.pageIndex(top, directoryBench: directoryBench)
        }
        throw reader.fail(unrecognised)
    }

    static let unrecognised = "neither a Mem0-harness result (metadata + metrics_by_cutoff) nor a PageIndex result (overall_accuracy + category_accuracy)"

    /// astrocyte's bench aliases: lowercased and trimmed; `lme`, `long_memeval` and `long-mem-eval` are `longmemeval`.
    public static func normalizedBench(_ name: String) -> String {
        let lowered = name.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        return ["lme", "long_memeval", "long-mem-eval"].contains(lowered) ? "longmemeval" : lowered
    }

    /// Python's `round(x, 4)`: the correctly rounded 4-place decimal (ties to even on the exact binary value), which is
    /// what glibc's `%.4f` produces.
    static func rounded4(_ value: Double) -> Double {
        Double(String(format: "%.4f", value)) ?? value
    }

    /// The seed's manifest entry for this result.
    public func manifestEntry(date: String, stage: String, sha: String, uploadedAt: String, resultKey: String) -> ManifestEntry {
        var entry = ManifestEntry(date: date, stage: stage, bench: bench, sha: sha, harness: harness.rawValue, uploadedAt: uploadedAt,
                                  resultKey: resultKey, overall: overall, categories: categories, nQuestions: nQuestions, judge: judge,
                                  model: model)
        entry.cutoff = cutoff
        entry.projectName = projectName
        entry.runID = runID
        return entry
    }

    /// Typed access to the file's members; every failure names the key path.
    private struct FieldReader {
        let path: String

        func fail(_ reason: String) -> HarnessResultError { HarnessResultError(path: path, reason: reason) }

        func object(_ value: ArchiveJSON?, at key: String) throws(HarnessResultError) -> [String: ArchiveJSON]? {
            switch value {
            case nil, .null?: return nil
            case .object(let members)?: return members
            default: throw fail("\(key) is not an object")
            }
        }

        func string(_ value: ArchiveJSON?, at key: String) throws(HarnessResultError) -> String? {
            switch value {
            case nil, .null?: return nil
            case .string(let text)?: return text
            default: throw fail("\(key) is not a string")
            }
        }

        func number(_ value: ArchiveJSON?, at key: String) throws(HarnessResultError) -> Double? {
            let number: Double
            switch value {
            case nil, .null?: return nil
            case .int(let whole)?: number = Double(whole)
            case .float(let float)?: number = float
            default: throw fail("\(key) is not a number")
            }
            guard number.isFinite else { throw fail("\(key) is not a finite number") }
            return number
        }

        /// A score in 0...`scale`, as a 4-place fraction.
        func score(_ value: ArchiveJSON?, at key: String, percent: Bool) throws(HarnessResultError) -> Double {
            guard let number = try number(value, at: key) else { throw fail("\(key) is missing") }
            let scale = percent ? 100.0 : 1.0
            guard number >= 0, number <= scale else {
                throw fail("\(key) is \(number), outside 0...\(percent ? "100 (a percentage)" : "1 (a fraction)")")
            }
            return HarnessResult.rounded4(number / scale)
        }

        /// A question count: a whole number ≥ 0 (a float with no fraction is accepted, as Python would).
        func count(_ value: ArchiveJSON?, at key: String) throws(HarnessResultError) -> Int? {
            switch value {
            case nil, .null?: return nil
            case .int(let whole)? where whole >= 0 && whole <= Int64(Int32.max): return Int(whole)
            case .float(let float)? where float >= 0 && float <= Double(Int32.max) && float.rounded() == float: return Int(float)
            default: throw fail("\(key) is not a whole number of questions")
            }
        }

        /// `primary` when set, else `fallback`, normalised and validated.
        func bench(_ primary: String?, fallback: String?, at key: String) throws(HarnessResultError) -> String {
            guard let raw = [primary, fallback].compactMap({ $0 }).first(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
                throw fail("names no bench (\(key)) and its directory gives none")
            }
            let bench = HarnessResult.normalizedBench(raw)
            do { try ArchiveKey.validate(bench: bench) } catch { throw fail(error.description) }
            return bench
        }

        /// `started_at` and `git_sha`/`commit`, from the top level or `metadata`.
        func provenance(_ top: [String: ArchiveJSON], metadata: [String: ArchiveJSON]?) throws(HarnessResultError) -> (Date?, String?) {
            var startedAt: Date?
            var commit: String?
            for (members, prefix) in [(metadata ?? [:], "metadata."), (top, "")] {
                if startedAt == nil, let text = try string(members["started_at"], at: prefix + "started_at") {
                    guard let date = Timestamp.date(from: text, allowsOffset: true) else {
                        throw fail("\(prefix)started_at \(ObjectKey.quoted(text)) is not an ISO 8601 time with a zone")
                    }
                    startedAt = date
                }
                for name in ["git_sha", "commit"] where commit == nil {
                    guard let text = try string(members[name], at: prefix + name) else { continue }
                    let lower = text.lowercased()
                    guard lower.utf8.count >= 7, lower.utf8.count <= 64,
                          lower.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else {
                        throw fail("\(prefix)\(name) \(ObjectKey.quoted(text)) is not a commit id (7 to 64 hex digits)")
                    }
                    commit = lower
                }
            }
            return (startedAt, commit)
        }

        func mem0(_ top: [String: ArchiveJSON], cutoff asked: String?, directoryBench: String?) throws(HarnessResultError) -> HarnessResult {
            let metadata = try object(top["metadata"], at: "metadata") ?? [:]
            guard let cutoffs = try object(top["metrics_by_cutoff"], at: "metrics_by_cutoff") else {
                throw fail("metrics_by_cutoff is null")
            }
            let present = cutoffs.keys.sorted().joined(separator: ", ")
            let chosen: String
            if let asked {
                guard cutoffs[asked] != nil else {
                    throw fail("cutoff \(ObjectKey.quoted(asked)) is not in metrics_by_cutoff (it has: \(present.isEmpty ? "none" : present))")
                }
                chosen = asked
            } else {
                guard let first = HarnessResult.mem0CutoffOrder.first(where: { cutoffs[$0] != nil }) else {
                    throw fail("metrics_by_cutoff has none of \(HarnessResult.mem0CutoffOrder.joined(separator: ", ")) (it has: \(present.isEmpty ? "none" : present)); name a cutoff")
                }
                chosen = first
            }
            let base = "metrics_by_cutoff.\(chosen)"
            guard let block = try object(cutoffs[chosen], at: base) else { throw fail("\(base) is null") }
            guard let overallBlock = try object(block["overall"], at: base + ".overall") else { throw fail("\(base).overall is missing") }
            let overall = try score(overallBlock["accuracy"], at: base + ".overall.accuracy", percent: true)
            let nQuestions = try count(overallBlock["total"], at: base + ".overall.total")
            var categories: [String: Double] = [:]
            let categoryKey = block["categories", default: .null] != .null ? "categories" : "by_category"
            if let members = try object(block[categoryKey], at: "\(base).\(categoryKey)") {
                for (name, body) in members {
                    let at = "\(base).\(categoryKey).\(name)"
                    guard let fields = try object(body, at: at) else { throw fail("\(at) is null") }
                    categories[name] = try score(fields["accuracy"], at: at + ".accuracy", percent: true)
                }
            }
            let judgeModel = try string(metadata["judge_model"], at: "metadata.judge_model")
            var model = try string(metadata["answerer_model"], at: "metadata.answerer_model")
            if model == nil { model = try string(metadata["model"], at: "metadata.model") }
            let (startedAt, commit) = try provenance(top, metadata: metadata)
            return HarnessResult(harness: .mem0,
                                 bench: try bench(try string(metadata["benchmark"], at: "metadata.benchmark"), fallback: directoryBench,
                                                  at: "metadata.benchmark"),
                                 overall: overall, categories: categories, nQuestions: nQuestions,
                                 judge: (judgeModel ?? "").isEmpty ? "stemmed-f1" : "llm", model: model, cutoff: chosen,
                                 projectName: try string(metadata["project_name"], at: "metadata.project_name"),
                                 runID: try string(metadata["run_id"], at: "metadata.run_id"), startedAt: startedAt, commit: commit)
        }

        func pageIndex(_ top: [String: ArchiveJSON], directoryBench: String?) throws(HarnessResultError) -> HarnessResult {
            let overall = try score(top["overall_accuracy"], at: "overall_accuracy", percent: false)
            var categories: [String: Double] = [:]
            if let members = try object(top["category_accuracy"], at: "category_accuracy") {
                for (name, value) in members {
                    categories[name] = try score(value, at: "category_accuracy.\(name)", percent: false)
                }
            }
            // Python's `evaluated_questions or total_questions`: a 0 falls through too.
            var nQuestions = try count(top["evaluated_questions"], at: "evaluated_questions")
            if nQuestions == nil || nQuestions == 0 {
                nQuestions = try count(top["total_questions"], at: "total_questions") ?? nQuestions
            }
            let judgeModel = try string(top["judge_model"], at: "judge_model")
            let canonical: Bool
            switch top["canonical_judge"] {
            case nil, .null?, .bool(false)?: canonical = false
            case .bool(true)?: canonical = true
            default: throw fail("canonical_judge is not a boolean")
            }
            let (startedAt, commit) = try provenance(top, metadata: nil)
            return HarnessResult(harness: .pageIndex,
                                 bench: try bench(directoryBench, fallback: try string(top["benchmark"], at: "benchmark"), at: "benchmark"),
                                 overall: overall, categories: categories, nQuestions: nQuestions,
                                 judge: canonical || !(judgeModel ?? "").isEmpty ? "llm" : "stemmed-f1",
                                 model: try string(top["model"], at: "model"), startedAt: startedAt, commit: commit)
        }
    }
}

/// A result file that cannot be read as a harness result: one line, its path and why.
public struct HarnessResultError: Error, Equatable, CustomStringConvertible {
    public let path: String
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// Control characters (a newline in a file or category name) are written as `\xNN`, so it stays one line.
    public var description: String { "\(Self.escaped(path)): \(Self.escaped(reason))" }

    static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F { out += String(format: "\\x%02x", scalar.value) } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }
}
