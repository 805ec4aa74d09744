import Foundation

/// What `compare` and `summary` say of one benchmark: both sides, the gate's verdict of the second against the
/// first, and which way it moved.
public struct BenchmarkChange: Sendable, Equatable, Codable {
    /// The two-sided reading of a verdict, as `check` reads it: a significant regression, a significant improvement,
    /// neither, or not enough data to say.
    public enum Outcome: String, Sendable, Codable, CaseIterable {
        case regressed, improved, unchanged
        case notEnoughData = "not_enough_data"

        /// Where a summary lists it: regressions first, then improvements, then what lacks data, then the unchanged.
        var listingOrder: Int {
            switch self {
            case .regressed: return 0
            case .improved: return 1
            case .notEnoughData: return 2
            case .unchanged: return 3
            }
        }
    }

    public var project: String
    public var benchmark: String
    public var unit: String?
    public var direction: MetricDirection?
    /// The first side (A, the base); nil when it has no rows for this benchmark.
    public var base: RunSetPoint?
    /// The second side (B, the head); nil when it has no rows for this benchmark.
    public var head: RunSetPoint?
    /// The head judged against the base.
    public var verdict: Verdict
    public var outcome: Outcome
    /// Host mismatches and dirty rows, one sentence each.
    public var warnings: [String]

    public init(project: String, benchmark: String, unit: String?, direction: MetricDirection?, base: RunSetPoint?, head: RunSetPoint?,
                verdict: Verdict, warnings: [String]) {
        self.project = project
        self.benchmark = benchmark
        self.unit = unit
        self.direction = direction
        self.base = base
        self.head = head
        self.verdict = verdict
        self.outcome = Self.outcome(of: verdict)
        self.warnings = warnings
    }

    enum CodingKeys: String, CodingKey {
        case project, benchmark, unit, direction, base, head, verdict, outcome, warnings
        case pValue = "p_value"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(project, forKey: .project)
        try container.encode(benchmark, forKey: .benchmark)
        try container.encodeIfPresent(unit, forKey: .unit)
        try container.encodeIfPresent(direction, forKey: .direction)
        try container.encodeIfPresent(base, forKey: .base)
        try container.encodeIfPresent(head, forKey: .head)
        try container.encode(verdict, forKey: .verdict)
        try container.encode(outcome, forKey: .outcome)
        try container.encode(warnings, forKey: .warnings)
        try container.encodeIfPresent(pValue, forKey: .pValue)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(project: try container.decode(String.self, forKey: .project), benchmark: try container.decode(String.self, forKey: .benchmark),
                  unit: try container.decodeIfPresent(String.self, forKey: .unit),
                  direction: try container.decodeIfPresent(MetricDirection.self, forKey: .direction),
                  base: try container.decodeIfPresent(RunSetPoint.self, forKey: .base), head: try container.decodeIfPresent(RunSetPoint.self, forKey: .head),
                  verdict: try container.decode(Verdict.self, forKey: .verdict), warnings: try container.decode([String].self, forKey: .warnings))
    }

    /// PROMOTE is an improvement; a REJECT is a regression only when `check` would FAIL it (significantly worse, or
    /// the head's repetitions fail), else unchanged; a correctness FAIL is a regression and PASS unchanged.
    public static func outcome(of verdict: Verdict) -> Outcome {
        switch verdict.kind {
        case .promote: return .improved
        case .pass: return .unchanged
        case .fail: return .regressed
        case .needsMoreData, .noBaseline, .noReference, .stale: return .notEnoughData
        case .reject:
            return RegressionCheck.outcome(of: verdict) == .fail ? .regressed : .unchanged
        }
    }

    /// The one-sided p-value of the way the head moved: of "got worse" for a regression, of "got better" for an
    /// improvement, else the smaller of the two (the way the data leaned).
    public var pValue: Double? { Self.pValue(of: verdict) }

    /// `pValue` of any verdict (a history's run sets have no `BenchmarkChange`).
    public static func pValue(of verdict: Verdict) -> Double? {
        switch outcome(of: verdict) {
        case .regressed: return verdict.regressionPValue ?? verdict.pValue
        case .improved: return verdict.pValue
        case .unchanged, .notEnoughData:
            return [verdict.pValue, verdict.regressionPValue].compactMap { $0 }.min()
        }
    }

    /// How much a change matters when sorting: the size of the relative change, 0 when there is none.
    var magnitude: Double { verdict.change.map { abs($0.estimate) } ?? 0 }
}

/// `git bench compare A B`: every benchmark both sides measured, B judged against A.
public struct Comparison: Sendable, Equatable, Codable {
    /// A as given and what it resolved to, e.g. `v0.14.0 (1a2b3c4d5e)`.
    public var base: String
    public var head: String
    public var changes: [BenchmarkChange]

    public init(base: String, head: String, changes: [BenchmarkChange]) {
        self.base = base
        self.head = head
        self.changes = changes
    }

    /// Only the benchmarks that significantly regressed or improved (`--only-changed`).
    public var onlyChanged: Comparison {
        Comparison(base: base, head: head, changes: changes.filter { $0.outcome == .regressed || $0.outcome == .improved })
    }
}

/// `git bench summary`: the verdicts of a revision or range, significant changes first.
public struct ChangeSummary: Sendable, Equatable, Codable {
    /// What was judged against what, in words (`HEAD (1a2b3c4d5e) against the baseline`).
    public var base: String
    public var head: String
    /// Regressions (largest change first), then improvements, then what lacks data, then the unchanged.
    public var changes: [BenchmarkChange]

    public init(base: String, head: String, changes: [BenchmarkChange]) {
        self.base = base
        self.head = head
        self.changes = changes.enumerated().sorted { lhs, rhs in
            let (a, b) = (lhs.element, rhs.element)
            if a.outcome != b.outcome { return a.outcome.listingOrder < b.outcome.listingOrder }
            if a.magnitude != b.magnitude { return a.magnitude > b.magnitude }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }

    /// How many benchmarks had each outcome.
    public func count(_ outcome: BenchmarkChange.Outcome) -> Int { changes.count { $0.outcome == outcome } }

    /// The worst outcome: a regression, else missing data, else improved or unchanged (nil with no benchmark).
    public var worst: BenchmarkChange.Outcome? {
        for outcome in [BenchmarkChange.Outcome.regressed, .notEnoughData, .improved, .unchanged] where count(outcome) > 0 { return outcome }
        return nil
    }

    enum CodingKeys: String, CodingKey {
        case base, head, changes, counts
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(base, forKey: .base)
        try container.encode(head, forKey: .head)
        var counts: [String: Int] = [:]
        for outcome in BenchmarkChange.Outcome.allCases { counts[outcome.rawValue] = count(outcome) }
        try container.encode(counts, forKey: .counts)
        try container.encode(changes, forKey: .changes)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(base: try container.decode(String.self, forKey: .base), head: try container.decode(String.self, forKey: .head),
                  changes: try container.decode([BenchmarkChange].self, forKey: .changes))
    }
}
