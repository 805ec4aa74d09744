import Foundation

/// The two-sided question a hook or CI gate asks of a verdict: did the change make the benchmark significantly
/// *worse*? (DESIGN.md, "Regression check for hooks".)
///
/// `evaluate` is one-sided: it asks whether the candidate is significantly better, so an unchanged benchmark is a
/// REJECT. A push must not be blocked for failing to improve, so `check` mirrors the promotion rule on the other
/// side: FAIL iff the one-sided p-value of "got worse" (`Verdict.regressionPValue`, from the same calibrated test) is at
/// most α = 1 − Φ(threshold) — under `gate_compat = "benchstone"`, or for a note without that p-value, iff the
/// direction-signed statistic is at or below minus the threshold — and, when the benchmark sets `min_effect`, the whole 95%
/// interval of the relative change lies beyond `min_effect` on the worse side (for minimize: lower bound ≥
/// +min_effect; for maximize: upper bound ≤ −min_effect). A correctness FAIL is a FAIL. Not enough data (no
/// baseline, no reference, too few runs) is NEEDS_MORE_DATA. Everything else passes.
public struct RegressionCheck: Sendable, Equatable, Codable {
    /// The answer, with the exit codes of the verdict table: PASS 0, FAIL 1, NEEDS_MORE_DATA 2.
    public enum Outcome: String, Sendable, Codable, CaseIterable {
        case pass = "PASS"
        case fail = "FAIL"
        case needsMoreData = "NEEDS_MORE_DATA"
    }

    /// Where the verdict came from.
    public enum Source: String, Sendable, Codable {
        /// The verdict note stored on the commit (possibly written on another machine).
        case note
        /// Computed now from the stored runs.
        case computed
    }

    /// The commit checked.
    public var commit: ObjectID
    /// The answer.
    public var outcome: Outcome
    /// The verdict the check was decided from: computed now, or read back from the commit's note (then its numbers
    /// carry the note's rounding and its group summaries lack their commits).
    public var verdict: Verdict
    /// Whether the verdict was read from the commit's note or computed now.
    public var source: Source
    /// One sentence saying why.
    public var reason: String

    /// The benchmark checked.
    public var project: String { verdict.project }
    public var benchmark: String { verdict.benchmark }

    /// Decides the check for `verdict` (of `commit`), as described on the type.
    public static func judge(_ verdict: Verdict, commit: ObjectID, source: Source) -> RegressionCheck {
        var (outcome, reason) = decide(verdict)
        // A computed verdict that cannot be checked says why in its own words (which command fixes it); a note's reason
        // only quotes the note back.
        if source == .computed, isUndecided(verdict.kind), !verdict.reason.isEmpty { reason += ": " + verdict.reason }
        return RegressionCheck(commit: commit, outcome: outcome, verdict: verdict, source: source, reason: reason)
    }

    /// The answer `judge` gives for `verdict`, without a commit to record it on (`compare`, `summary`, the report).
    public static func outcome(of verdict: Verdict) -> Outcome { decide(verdict).0 }

    /// Verdicts that say nothing either way about a regression.
    private static func isUndecided(_ kind: Verdict.Kind) -> Bool {
        [.needsMoreData, .noBaseline, .noReference, .stale].contains(kind)
    }

    // The JSON is flat, one key per fact a script branches on: the verdict's kind, gate, statistic, threshold,
    // direction, change and min_effect sit beside the outcome.
    enum CodingKeys: String, CodingKey {
        case project, benchmark, commit, outcome, verdict, gate, statistic, threshold, direction, change
        case minEffect = "min_effect"
        case regressionPValue = "p_value_regression"
        case alpha
        case source, reason
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(project, forKey: .project)
        try container.encode(benchmark, forKey: .benchmark)
        try container.encode(commit, forKey: .commit)
        try container.encode(outcome, forKey: .outcome)
        try container.encode(verdict.kind, forKey: .verdict)
        try container.encode(verdict.gate, forKey: .gate)
        try container.encodeIfPresent(verdict.statistic, forKey: .statistic)
        try container.encodeIfPresent(verdict.threshold, forKey: .threshold)
        try container.encodeIfPresent(verdict.direction, forKey: .direction)
        try container.encodeIfPresent(verdict.change, forKey: .change)
        try container.encodeIfPresent(verdict.minEffect, forKey: .minEffect)
        try container.encodeIfPresent(verdict.regressionPValue, forKey: .regressionPValue)
        try container.encodeIfPresent(verdict.alpha, forKey: .alpha)
        try container.encode(source, forKey: .source)
        try container.encode(reason, forKey: .reason)
    }

    /// Reads the flat JSON back; the verdict has what the JSON carries (its reason is the check's).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        commit = try container.decode(ObjectID.self, forKey: .commit)
        outcome = try container.decode(Outcome.self, forKey: .outcome)
        source = try container.decode(Source.self, forKey: .source)
        reason = try container.decode(String.self, forKey: .reason)
        verdict = Verdict(
            project: try container.decode(String.self, forKey: .project), benchmark: try container.decode(String.self, forKey: .benchmark),
            kind: try container.decode(Verdict.Kind.self, forKey: .verdict), gate: try container.decode(Verdict.GateKind.self, forKey: .gate),
            statistic: try container.decodeIfPresent(Double.self, forKey: .statistic),
            threshold: try container.decodeIfPresent(Double.self, forKey: .threshold),
            direction: try container.decodeIfPresent(MetricDirection.self, forKey: .direction),
            change: try container.decodeIfPresent(RelativeChange.self, forKey: .change),
            minEffect: try container.decodeIfPresent(Double.self, forKey: .minEffect), reason: reason)
        verdict.regressionPValue = try container.decodeIfPresent(Double.self, forKey: .regressionPValue)
        verdict.alpha = try container.decodeIfPresent(Double.self, forKey: .alpha)
    }

    private init(commit: ObjectID, outcome: Outcome, verdict: Verdict, source: Source, reason: String) {
        self.commit = commit
        self.outcome = outcome
        self.verdict = verdict
        self.source = source
        self.reason = reason
    }

    private static func decide(_ verdict: Verdict) -> (Outcome, String) {
        switch verdict.kind {
        case .fail:
            return (.fail, "correctness FAIL: the artifact differs from the reference")
        case .pass:
            return (.pass, "correctness PASS: the artifact matches the reference")
        case .needsMoreData, .noBaseline, .noReference, .stale:
            // The verdict's kind is beside the outcome already (`RegressionCheckList`): not repeated here.
            return (.needsMoreData, "cannot tell whether it regressed")
        case .promote, .reject:
            break
        }
        if verdict.kind == .reject, let failed = verdict.failedRuns, failed > 0 {
            return (.fail, "the candidate no longer runs: \(failed) repetition(s) failed where the baseline's ran")
        }
        guard let threshold = verdict.threshold, verdict.statistic != nil || (verdict.test != .benchstoneZ && verdict.regressionPValue != nil) else {
            return (.needsMoreData, "the \(verdict.kind.rawValue) verdict has no statistic to check")
        }
        let direction = verdict.direction ?? .minimize
        let regression: String
        if verdict.test != .benchstoneZ, let p = verdict.regressionPValue {
            // Calibrated: the same test and the same α per tail as the promotion, on the other side. The p-value
            // decides; the statistic is only shown (an `ab` pair whose blocks all moved alike has none: no spread).
            let alpha = verdict.alpha ?? Gate.alpha(threshold: threshold)
            let described = (verdict.statistic.map { "z \(fixed($0)), " } ?? "") + "one-sided p \(probability(p))"
            guard p <= alpha else {
                return (.pass, "not a significant regression: \(described) > alpha \(probability(alpha)) (direction=\(direction.rawValue))")
            }
            regression = "significant regression: \(described) <= alpha \(probability(alpha)) (direction=\(direction.rawValue))"
        } else {
            guard let statistic = verdict.statistic else { return (.needsMoreData, "the \(verdict.kind.rawValue) verdict has no statistic to check") }
            guard statistic <= -threshold else {
                return (.pass, "not a significant regression: z \(fixed(statistic)) > -\(fixed(threshold)) (direction=\(direction.rawValue))")
            }
            regression = "significant regression: z \(fixed(statistic)) <= -\(fixed(threshold)) (direction=\(direction.rawValue))"
        }
        guard let minEffect = verdict.minEffect else { return (.fail, regression) }
        guard let change = verdict.change else {
            return (.pass, "\(regression), but the relative change is undefined, so min_effect \(percent(minEffect)) cannot be exceeded")
        }
        let isBeyondMinEffect = direction == .minimize ? change.lower >= minEffect : change.upper <= -minEffect
        let interval = "[\(signedPercent(change.lower)), \(signedPercent(change.upper))]"
        guard isBeyondMinEffect else {
            return (.pass, "\(regression), but the \(confidence(change)) interval \(interval) is not entirely beyond min_effect \(percent(minEffect))")
        }
        return (.fail, "\(regression), and the \(confidence(change)) interval \(interval) is beyond min_effect \(percent(minEffect))")
    }

    private static func fixed(_ x: Double) -> String { String(format: "%.3f", x) }
    private static func probability(_ p: Double) -> String { String(format: "%.4g", p) }
    private static func percent(_ x: Double) -> String { String(format: "%.2f%%", x * 100) }
    private static func signedPercent(_ x: Double) -> String { String(format: "%+.2f%%", x * 100) }
    private static func confidence(_ change: RelativeChange) -> String { String(format: "%.0f%%", change.confidence * 100) }
}
