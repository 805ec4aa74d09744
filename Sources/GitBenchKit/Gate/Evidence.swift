import Foundation

extension Gate {
    /// What one comparison says, before any decision: benchstone's statistic (reported for compatibility), the
    /// one-sided p-values of "improved" and "got worse" from the test the decision rule uses, and the relative change
    /// with the interval that belongs to that test.
    ///
    /// Calibrated, the sigma gate's p-values come from the permutation test of the means (`PermutationTest`), exact
    /// for any noise distribution; with too few repetitions for it to reach α (3v3), from Welch's t with
    /// Welch–Satterthwaite degrees of freedom. The Mann–Whitney gate's come from the exact null distribution of the rank
    /// sum. With `gate_compat = "benchstone"` both are the normal tails of z, which is why `z ≥ threshold` PROMOTEs too
    /// often at small samples: z is t-distributed there.
    struct Evidence: Sendable, Equatable {
        var statistic: Double
        var improvement: Double
        var regression: Double
        var degreesOfFreedom: Double?
        var test: SignificanceTest
        var change: RelativeChange?

        /// With `withInterval` false the change is not computed (nil): a power estimate judges thousands of resampled
        /// pairs and needs only the decision.
        init(policy: GatePolicy, compat: GateCompat, baseline: [Double], candidate: [Double], direction: MetricDirection,
             alpha: Double, confidence: Double, withInterval: Bool = true) {
            degreesOfFreedom = nil
            change = nil
            switch policy {
            case .sigma:
                statistic = Statistics.directedZ(baseline: baseline, candidate: candidate, direction: direction)
                if withInterval { change = Statistics.relativeMeanChange(baseline: baseline, candidate: candidate, confidence: confidence) }
            case .mannWhitney:
                statistic = Statistics.mannWhitneyZ(baseline: baseline, candidate: candidate, direction: direction)
                if withInterval { change = Statistics.relativeMedianChange(baseline: baseline, candidate: candidate, confidence: confidence) }
            }
            switch (policy, compat) {
            case (_, .benchstone):
                test = .benchstoneZ
                improvement = upperTailProbability(statistic)
                regression = upperTailProbability(-statistic)
            case (.sigma, .calibrated):
                let result = PermutationTest.meanDifference(baseline: baseline, candidate: candidate, confidence: confidence)
                if let result, PermutationTest.canReach(alpha, baselineCount: baseline.count, candidateCount: candidate.count) {
                    test = result.isExact ? .permutationExact : .permutationSampled
                    // A smaller candidate is an improvement for a minimized metric.
                    improvement = direction == .minimize ? result.lower : result.upper
                    regression = direction == .minimize ? result.upper : result.lower
                } else {
                    // Too few splits to ever reach α (3v3 has 20): Welch's t decides, which stays below α there.
                    test = .welchT
                    (improvement, regression, degreesOfFreedom) = Self.welch(statistic: statistic, baseline: baseline, candidate: candidate)
                }
                if let interval = result?.interval, let level = result?.level, let welch = change {
                    let scale = abs(Statistics.mean(baseline))
                    change = RelativeChange(basis: .mean, estimate: welch.estimate, lower: interval.lowerBound / scale,
                                            upper: interval.upperBound / scale, confidence: level, method: "permutation")
                }
            case (.sigma, _):
                test = .welchT
                (improvement, regression, degreesOfFreedom) = Self.welch(statistic: statistic, baseline: baseline, candidate: candidate)
            case (.mannWhitney, _):
                let tails = MannWhitney.tails(baseline: baseline, candidate: candidate)
                    ?? MannWhitney.Tails(upper: 1, lower: 1, isExact: true)
                test = tails.isExact ? .mannWhitneyExact : .mannWhitneyNormal
                // A large baseline rank sum means the candidate's values are smaller.
                improvement = direction == .minimize ? tails.upper : tails.lower
                regression = direction == .minimize ? tails.lower : tails.upper
            }
        }

        /// Welch's one-sided p-values for a direction-signed t (benchstone's z is exactly Welch's t statistic).
        static func welch(statistic: Double, baseline: [Double], candidate: [Double]) -> (Double, Double, Double?) {
            if statistic.isInfinite { return statistic > 0 ? (0, 1, nil) : (1, 0, nil) }
            // Both sides constant and equal: no evidence either way.
            guard let df = Statistics.welchDegreesOfFreedom(baseline, candidate) else { return (0.5, 0.5, nil) }
            // Each tail from its own side of the CDF, so a far tail keeps its precision.
            return (Statistics.studentTCDF(-statistic, degreesOfFreedom: df), Statistics.studentTCDF(statistic, degreesOfFreedom: df), df)
        }

        /// "welch-t, df 7.61" or "mann-whitney-exact".
        var describedTest: String {
            guard let degreesOfFreedom else { return test.rawValue }
            return test.rawValue + String(format: ", df %.3g", degreesOfFreedom)
        }
    }
}
