import Foundation

extension Gate {
    /// What one comparison says, before any decision: benchstone's statistic (reported for compatibility) and the
    /// one-sided p-values of "improved" and "got worse" from the test the decision rule uses.
    ///
    /// Calibrated, the sigma gate's z is exactly Welch's t statistic, so its p-values come from Student's t with
    /// Welch–Satterthwaite degrees of freedom (its tails are heavier than the normal's at small samples, which is why
    /// `z ≥ threshold` PROMOTEs too often), and the Mann–Whitney gate's come from the exact null distribution of the
    /// rank sum. With `gate_compat = "benchstone"` both are the normal tails of z.
    struct Evidence: Sendable, Equatable {
        var statistic: Double
        var improvement: Double
        var regression: Double
        var degreesOfFreedom: Double?
        var test: SignificanceTest

        init(policy: GatePolicy, compat: GateCompat, baseline: [Double], candidate: [Double], direction: MetricDirection) {
            switch policy {
            case .sigma:
                statistic = Statistics.directedZ(baseline: baseline, candidate: candidate, direction: direction)
            case .mannWhitney:
                statistic = Statistics.mannWhitneyZ(baseline: baseline, candidate: candidate, direction: direction)
            }
            degreesOfFreedom = nil
            if compat == .benchstone {
                test = .benchstoneZ
                improvement = upperTailProbability(statistic)
                regression = upperTailProbability(-statistic)
                return
            }
            switch policy {
            case .sigma:
                test = .welchT
                let df = Statistics.welchDegreesOfFreedom(baseline, candidate)
                degreesOfFreedom = df
                if statistic.isInfinite {
                    improvement = statistic > 0 ? 0 : 1
                    regression = 1 - improvement
                } else if let df {
                    improvement = 1 - Statistics.studentTCDF(statistic, degreesOfFreedom: df)
                    regression = Statistics.studentTCDF(statistic, degreesOfFreedom: df)
                    // 1 - CDF loses the far tail; the symmetric lower tail keeps it.
                    if statistic > 0 { improvement = Statistics.studentTCDF(-statistic, degreesOfFreedom: df) }
                } else {
                    // Both sides constant and equal: no evidence either way.
                    improvement = 0.5
                    regression = 0.5
                }
            case .mannWhitney:
                let tails = MannWhitney.tails(baseline: baseline, candidate: candidate)
                    ?? MannWhitney.Tails(upper: 1, lower: 1, isExact: true)
                test = tails.isExact ? .mannWhitneyExact : .mannWhitneyNormal
                // A large baseline rank sum means the candidate's values are smaller.
                improvement = direction == .minimize ? tails.upper : tails.lower
                regression = direction == .minimize ? tails.lower : tails.upper
            }
        }

        /// "welch-t, df 7.61" or "mann-whitney-exact".
        var describedTest: String {
            guard let degreesOfFreedom else { return test.rawValue }
            return test.rawValue + String(format: ", df %.3g", degreesOfFreedom)
        }
    }
}
