// Gate/ owns the statistics and the verdict: it turns metric samples (or artifact hashes) into a `Verdict`.
// It is pure: it imports Foundation (and Synchronization, for one cache's lock) at most, receives `[Double]` samples
// and strings, and never touches git, the run store, the archive, the file system or the console. Choosing which runs
// form the baseline and the candidate (pointer SHA, meta_seed group, host) is the caller's job; rendering the verdict
// belongs to Report/ and the CLI.
import Foundation

/// The gates of DESIGN.md ("Gates and verdicts"): benchstone's sigma and Mann–Whitney tiers, the correctness tier,
/// and the Benjamini–Hochberg adjustment of `evaluate --adjust`.
public enum Gate {
    /// Confidence level of the relative-change interval reported on every stochastic verdict.
    public static let intervalConfidence = 0.95

    /// Threshold used only when the manifest gives neither `promotion_sigma` nor `promotion_z` (the manifest loader
    /// is expected to require one): 2.0 is the threshold of benchstone's examples, a one-sided alpha of about 2.3%.
    public static let fallbackThreshold = 2.0

    /// Judges a performance or quality benchmark: compares the candidate's ok metrics with the baseline's.
    ///
    /// Order of checks: no baseline → NO_BASELINE; either side below its floor (`benchmark.baselineFloor`,
    /// `benchmark.candidateFloor`) → NEEDS_MORE_DATA; a calibrated Mann–Whitney gate whose sizes cannot reach α →
    /// NEEDS_MORE_DATA; otherwise the verdict reports benchstone's statistic (sigma → `Statistics.directedZ`,
    /// mann_whitney → `Statistics.mannWhitneyZ`) and decides by `benchmark.gateCompat` (see `Evidence`): calibrated →
    /// PROMOTE iff the test's one-sided p-value (sigma: the permutation test of the means, Welch's t where no split can
    /// reach α; mann_whitney: the exact rank-sum distribution) ≤ α = 1 − Φ(threshold); welch → the same with Welch's t
    /// for sigma; benchstone → PROMOTE iff statistic ≥ threshold. With `benchmark.minEffect`, a PROMOTE whose 95% interval does not clear the minimum
    /// effect in the improving direction becomes REJECT.
    /// Requires `benchmark.metricDirection` (the manifest enforces it for stochastic tiers; `.minimize` is assumed
    /// when it is missing).
    public static func judge(project: String, benchmark: Benchmark, baseline: MetricGroup?, candidate: MetricGroup, host: String?) -> Verdict {
        judge(project: project, benchmark: benchmark, baseline: baseline, candidate: candidate, host: host, withInterval: true)
    }

    /// `judge`, optionally without the relative-change interval (unless `min_effect` needs it): the same decision for
    /// a power estimate that judges thousands of resampled pairs.
    static func judge(project: String, benchmark: Benchmark, baseline: MetricGroup?, candidate: MetricGroup, host: String?,
                      withInterval: Bool) -> Verdict {
        let gate: Verdict.GateKind = benchmark.gatePolicy == .sigma ? .sigma : .mannWhitney
        let direction = benchmark.metricDirection ?? .minimize
        let threshold = benchmark.promotionThreshold ?? fallbackThreshold
        var verdict = Verdict(
            project: project, benchmark: benchmark.name, kind: .needsMoreData, gate: gate, threshold: threshold,
            direction: direction, candidate: summary(of: candidate), minEffect: benchmark.minEffect, host: host, reason: "")

        guard let baseline else {
            verdict.kind = .noBaseline
            verdict.reason = "no baseline set for \(project)/\(benchmark.name); `git bench baseline establish \(benchmark.name)` sets one"
            return verdict
        }
        verdict.baseline = summary(of: baseline)

        if baseline.metrics.count < benchmark.baselineFloor {
            verdict.reason = "baseline has \(baseline.metrics.count) ok run(s) at \(baseline.commit.short), need \(benchmark.baselineFloor)"
            return verdict
        }
        if candidate.metrics.count < benchmark.candidateFloor {
            guard !candidate.failures.isEmpty else {
                verdict.reason = "candidate has \(candidate.metrics.count) ok run(s), need \(benchmark.candidateFloor)"
                return verdict
            }
            // The baseline runs and the candidate does not: that is the worst regression, not missing data.
            let total = candidate.metrics.count + candidate.failures.count
            verdict.kind = .reject
            verdict.failedRuns = candidate.failures.count
            verdict.reason = "candidate repetitions fail: \(candidate.failures.count) of \(total) failed (\(Self.reasons(candidate.failures))), "
                + "so only \(candidate.metrics.count) ok run(s) are left where the gate needs \(benchmark.candidateFloor)"
            return verdict
        }

        let alpha = alpha(threshold: threshold)
        let evidence = Evidence(policy: benchmark.gatePolicy, compat: benchmark.gateCompat, baseline: baseline.metrics,
                                candidate: candidate.metrics, direction: direction, alpha: alpha, confidence: intervalConfidence,
                                withInterval: withInterval || benchmark.minEffect != nil)
        let change = evidence.change
        let statistic = evidence.statistic
        verdict.statistic = statistic
        verdict.change = change
        verdict.pValue = evidence.improvement
        verdict.regressionPValue = evidence.regression
        verdict.degreesOfFreedom = evidence.degreesOfFreedom
        verdict.test = evidence.test
        verdict.alpha = alpha
        verdict.detectableChange = detectableChange(baseline: baseline.metrics, candidate: candidate.metrics, threshold: threshold)

        if benchmark.gatePolicy == .mannWhitney, benchmark.gateCompat != .benchstone,
           let unreachable = unreachableThreshold(threshold, baselineCount: baseline.metrics.count, candidateCount: candidate.metrics.count) {
            verdict.reason = unreachable
            return verdict
        }

        let label = gate == .sigma ? "sigma" : "mann_whitney z"
        let isPromote: Bool
        let ruling: String
        switch benchmark.gateCompat {
        case .benchstone:
            isPromote = statistic >= threshold
            ruling = "\(label) \(signed(statistic)) \(isPromote ? ">=" : "<") threshold \(fixed(threshold)) (direction=\(direction.rawValue))"
        case .calibrated, .welch:
            isPromote = evidence.improvement <= alpha
            ruling = "\(label) \(signed(statistic)): one-sided p \(probability(evidence.improvement)) \(isPromote ? "<=" : ">") alpha "
                + "\(probability(alpha)) (\(evidence.describedTest); threshold \(fixed(threshold)), direction=\(direction.rawValue))"
        }
        verdict.kind = isPromote ? .promote : .reject
        verdict.reason = ruling

        if isPromote, let minEffect = benchmark.minEffect,
            let shortfall = minEffectShortfall(change: change, minEffect: minEffect, direction: direction)
        {
            verdict.kind = .reject
            verdict.reason = "\(ruling), but \(shortfall)"
        }
        if let noise = noiseWarning(detectable: verdict.detectableChange, minEffect: benchmark.minEffect,
                                    sizes: (baseline.metrics.count, candidate.metrics.count)) {
            verdict.reason += "; \(noise)"
        }
        return verdict
    }

    /// Judges a correctness benchmark by comparing the candidate's artifact hash with the reference hash.
    ///
    /// No reference → NO_REFERENCE (checked first); no ok candidate run with an artifact → NEEDS_MORE_DATA;
    /// equal hashes → PASS; different → FAIL. `candidate`, the commit judged, is named in the reason.
    public static func judgeCorrectness(
        project: String, benchmark: Benchmark, referenceHash: String?, candidateHash: String?, candidate: ObjectID, host: String?
    ) -> Verdict {
        var verdict = Verdict(
            project: project, benchmark: benchmark.name, kind: .noReference, gate: .correctness, referenceHash: referenceHash,
            candidateHash: candidateHash, host: host, reason: "")
        guard let referenceHash else {
            verdict.reason = "no reference hash recorded for \(project)/\(benchmark.name); "
                + "`git bench freeze-reference \(benchmark.name)` freezes the newest run's artifact"
            return verdict
        }
        guard let candidateHash else {
            verdict.kind = .needsMoreData
            verdict.reason = "no ok candidate run with an artifact at \(candidate.short)"
            return verdict
        }
        if candidateHash == referenceHash {
            verdict.kind = .pass
            verdict.reason = "artifact hash at \(candidate.short) matches the reference"
        } else {
            verdict.kind = .fail
            verdict.reason = "artifact hash \(candidateHash) at \(candidate.short) differs from reference \(referenceHash)"
        }
        return verdict
    }

    /// Applies Benjamini–Hochberg across the stochastic verdicts of one `evaluate --adjust`, returning them in the same
    /// order.
    ///
    /// The family is every sigma or mann_whitney verdict with a `pValue`; each gets its `adjustedPValue`. A PROMOTE
    /// whose adjusted p exceeds its own alpha `1 - Phi(threshold)` becomes REJECT with the adjustment in its reason.
    /// Correctness verdicts and verdicts without a p-value pass through unchanged.
    public static func adjustForMultipleTesting(_ verdicts: [Verdict]) -> [Verdict] {
        let family = verdicts.indices.filter { verdicts[$0].gate != .correctness && verdicts[$0].pValue != nil }
        let adjusted = MultipleTesting.benjaminiHochberg(family.map { verdicts[$0].pValue ?? 1 })
        var result = verdicts
        for (index, adjustedP) in zip(family, adjusted) {
            result[index].adjustedPValue = adjustedP
            guard result[index].kind == .promote, let threshold = result[index].threshold else { continue }
            let alpha = result[index].alpha ?? alpha(threshold: threshold)
            if adjustedP > alpha {
                result[index].kind = .reject
                result[index].reason += String(
                    format: ", but Benjamini-Hochberg adjusted p %.4g > alpha %.4g across %d stochastic verdicts",
                    adjustedP, alpha, family.count)
            }
        }
        return result
    }

    // MARK: - Power

    /// Power the detectable change is computed for: the usual 80%.
    public static let detectablePower = 0.8

    /// A detectable change above this (when the benchmark sets no `min_effect`) makes a verdict "noisy": a gate that
    /// cannot see 5% is blind to most regressions people care about.
    public static let noisyWithoutMinEffect = 0.05

    /// The smallest relative change (a fraction of the baseline mean) the sigma gate would call significant at
    /// `threshold` with `detectablePower`, for these sample sizes and their sample variances: the normal-approximation
    /// minimum detectable effect, (threshold + z_power) × sqrt(s_b²/n_b + s_c²/n_c) / |mean_b| (e.g. Cohen 1988, ch. 2).
    /// It stands in for the Mann–Whitney gate too (about 95% as efficient on normal data). Nil without two runs a side
    /// or with a zero baseline mean.
    public static func detectableChange(baseline: [Double], candidate: [Double], threshold: Double) -> Double? {
        guard baseline.count >= 2, candidate.count >= 2 else { return nil }
        let mean = Statistics.mean(baseline)
        guard mean != 0 else { return nil }
        let spread = (pow(Statistics.sampleStddev(baseline), 2) / Double(baseline.count)
                      + pow(Statistics.sampleStddev(candidate), 2) / Double(candidate.count)).squareRoot()
        return (threshold + Statistics.normalQuantile(detectablePower)) * spread / abs(mean)
    }

    /// The repetitions per side at which a group with coefficient of variation `cv` lets the gate detect `target`
    /// (both sides equally noisy and equally large).
    public static func repetitionsToDetect(_ target: Double, cv: Double, threshold: Double) -> Int {
        let z = threshold + Statistics.normalQuantile(detectablePower)
        return Int((2 * pow(z * cv / target, 2)).rounded(.up))
    }

    /// "noisy: …" when the detectable change exceeds `min_effect` (or 5% without one), else nil.
    static func noiseWarning(detectable: Double?, minEffect: Double?, sizes: (Int, Int)) -> String? {
        let target = minEffect ?? noisyWithoutMinEffect
        guard let detectable, detectable > target else { return nil }
        return "noisy: at n=\(sizes.0)/\(sizes.1) the gate can only see a change of about \(percent(detectable, signed: false)) "
            + "with 80% power, more than \(minEffect == nil ? "5%" : "min_effect \(percent(target, signed: false))"); add repetitions"
    }

    // MARK: - Helpers

    /// The one-sided level a threshold stands for, `α = 1 − Φ(threshold)`: 2.0 means 2.275%.
    public static func alpha(threshold: Double) -> Double {
        upperTailProbability(threshold)
    }

    /// Why a calibrated Mann–Whitney gate can never PROMOTE (or FAIL) at these sizes, or nil when it can: even the most
    /// extreme split of the ranks has a p-value above α, so every verdict would be a silent REJECT.
    public static func unreachableThreshold(_ threshold: Double, baselineCount: Int, candidateCount: Int) -> String? {
        let alpha = alpha(threshold: threshold)
        let smallest = MannWhitney.smallestPValue(baselineCount, candidateCount)
        guard baselineCount > 0, candidateCount > 0, smallest > alpha else { return nil }
        let equal = MannWhitney.smallestEqualSize(reaching: alpha)
        var needs = "at least \(equal)/\(equal) runs"
        if let candidateSize = MannWhitney.smallestCandidateSize(reaching: alpha, baselineCount: baselineCount), candidateSize < 1_000 {
            needs += " (or \(baselineCount)/\(candidateSize) with \(baselineCount) baseline run(s))"
        }
        return "mann_whitney at n=\(baselineCount)/\(candidateCount) cannot reach alpha \(probability(alpha)) (threshold \(fixed(threshold))): "
            + "its smallest one-sided p-value is \(probability(smallest)); it needs \(needs), or gate_policy = \"sigma\""
    }

    /// The gate's findings about a manifest's numbers, one warning line each: a calibrated Mann–Whitney benchmark whose
    /// `baseline_seeds` and `repetitions` can never reach its threshold.
    public static func warnings(for benchmarks: [Benchmark]) -> [String] {
        benchmarks.compactMap { benchmark in
            guard benchmark.tier != .correctness, benchmark.gatePolicy == .mannWhitney, benchmark.gateCompat != .benchstone,
                  let threshold = benchmark.promotionThreshold,
                  let problem = unreachableThreshold(threshold, baselineCount: benchmark.baselineSeeds.count,
                                                     candidateCount: benchmark.repetitions)
            else { return nil }
            return "bench/manifest.toml: benchmarks[\(benchmark.name)]: \(problem); every verdict at these sizes is NEEDS_MORE_DATA"
        }
    }

    /// `1 - Phi(z)`, computed as `Phi(-z)` to keep precision for large z: 0 at +inf, 1 at -inf.
    static func upperTailProbability(_ z: Double) -> Double {
        Statistics.normalCDF(-z)
    }

    /// Why a PROMOTE's interval does not clear `minEffect`, or nil when it does.
    static func minEffectShortfall(change: RelativeChange?, minEffect: Double, direction: MetricDirection) -> String? {
        guard let change else {
            return "the relative change is undefined (zero baseline), so min_effect \(percent(minEffect, signed: false)) cannot be cleared"
        }
        let clears = direction == .minimize ? change.upper <= -minEffect : change.lower >= minEffect
        if clears { return nil }
        let confidence = String(format: "%.0f%%", change.confidence * 100)
        return "the \(confidence) interval [\(percent(change.lower)), \(percent(change.upper))] does not clear"
            + " min_effect \(percent(minEffect, signed: false))"
    }

    /// Distinct failure messages, most frequent first, with their counts: "timed out after 1 s × 6; boom".
    static func reasons(_ failures: [String]) -> String {
        var counts: [String: Int] = [:]
        for failure in failures { counts[failure, default: 0] += 1 }
        return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { $0.value > 1 ? "\($0.key) × \($0.value)" : $0.key }.joined(separator: "; ")
    }

    /// The summary of one side, with nil statistics where they are undefined (mean/median of nothing, stddev of one).
    static func summary(of group: MetricGroup) -> GroupSummary {
        let xs = group.metrics
        return GroupSummary(
            commit: group.commit, metaSeed: group.metaSeed, n: xs.count, mean: xs.isEmpty ? nil : Statistics.mean(xs),
            median: xs.isEmpty ? nil : Statistics.median(xs), stddev: xs.count < 2 ? nil : Statistics.sampleStddev(xs))
    }

    private static func signed(_ x: Double) -> String { String(format: "%+.3f", x) }
    private static func probability(_ p: Double) -> String { String(format: "%.4g", p) }
    private static func fixed(_ x: Double) -> String { String(format: "%.3f", x) }
    private static func percent(_ x: Double, signed: Bool = true) -> String {
        String(format: signed ? "%+.2f%%" : "%.2f%%", x * 100)
    }
}
