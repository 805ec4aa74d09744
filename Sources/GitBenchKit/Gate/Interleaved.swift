import Foundation

/// The test behind `git bench ab`: two commits measured alternately, rep by rep, in blocks of four, A B B A, with the
/// same seed for A_i and B_i.
///
/// Within a block the two A repetitions sit at positions 0 and 3 and the two B repetitions at 1 and 2, so any drift of
/// the machine that is linear over the block's four repetitions adds the same to both sides and cancels from the block's
/// contrast `c_k = (B_2k + B_2k+1 − A_2k − A_2k+1) / 2`. When nothing changed, each contrast is a difference of two
/// exchangeable halves, so it is symmetric around 0, and flipping the signs of the contrasts gives the exact null
/// distribution of their sum (the sign-flip permutation test; all 2^K flips up to `exactLimit`, data-seeded draws
/// beyond). With too few blocks for a flip to reach α (K ≤ 5: at least 1/32 = 3.1%), the one-sample t test on the
/// contrasts decides. The interval inverts the same test: each flipped subset F crosses the observed statistic at the
/// mean of its contrasts, so the bounds are order statistics of those subset means.
public enum Interleaved {
    /// Largest number of sign flips enumerated exactly (2^16).
    public static let exactLimit = 65_536
    /// Random flips drawn beyond `exactLimit`.
    public static let resamples = 4_999

    /// Which side each repetition index measures first: pair i runs A then B when i is even, B then A when odd, so
    /// the order is A B B A A B B A …
    public static func measuresBaselineFirst(pair index: Int) -> Bool { index % 2 == 0 }

    /// The block contrasts `mean(B) − mean(A)` of each complete block: blocks where a repetition failed on either side
    /// are left out (their contrast would not cancel the drift).
    public static func contrasts(baseline: [Double?], candidate: [Double?]) -> [Double] {
        let blocks = min(baseline.count, candidate.count) / 2
        return (0..<blocks).compactMap { k in
            guard let a0 = baseline[2 * k], let a1 = baseline[2 * k + 1], let b0 = candidate[2 * k], let b1 = candidate[2 * k + 1]
            else { return nil }
            // Pairwise differences first: equal sides give exactly 0, where (b0 + b1 − a0 − a1) could leave a rounding
            // residue that, equal in every block, reads as an infinitely significant shift.
            return ((b0 - a0) + (b1 - a1)) / 2
        }
    }

    public struct Result: Sendable, Equatable {
        /// P(sum of contrasts ≥ observed), P(≤ observed) under sign flips (or the t distribution).
        public var upper: Double
        public var lower: Double
        /// The paired t statistic of the contrasts (positive = candidate larger).
        public var t: Double
        /// Interval of the mean contrast, absolute units; nil with fewer than 2 blocks.
        public var interval: ClosedRange<Double>?
        public var level: Double
        public var test: SignificanceTest
        public var degreesOfFreedom: Double?
    }

    /// The test and interval for `contrasts`; nil with fewer than 2 blocks.
    public static func test(_ contrasts: [Double], alpha: Double, confidence: Double) -> Result? {
        let k = contrasts.count
        guard k >= 2 else { return nil }
        let mean = Statistics.mean(contrasts)
        let se = Statistics.sampleStddev(contrasts) / Double(k).squareRoot()
        let t = se > 0 ? mean / se : (mean == 0 ? 0 : (mean > 0 ? .infinity : -.infinity))
        let flips = k >= 63 ? Int.max : 1 << k
        let draws = min(flips, exactLimit >= flips ? flips : resamples + 1)
        if Double(draws) * alpha < 1 {
            // Too few flips to ever reach α: the one-sample t test on the contrasts.
            let df = Double(k - 1)
            let upper = t.isInfinite ? (t > 0 ? 0 : 1) : (se > 0 ? Statistics.studentTCDF(-t, degreesOfFreedom: df) : 0.5)
            let lower = t.isInfinite ? (t < 0 ? 0 : 1) : (se > 0 ? Statistics.studentTCDF(t, degreesOfFreedom: df) : 0.5)
            let half = Statistics.studentTQuantile(1 - (1 - confidence) / 2, degreesOfFreedom: df) * se
            return Result(upper: upper, lower: lower, t: t, interval: (mean - half)...(mean + half), level: confidence, test: .pairedT,
                          degreesOfFreedom: df)
        }
        let observed = contrasts.reduce(0, +)
        let tolerance = 1e-10 * max(contrasts.reduce(0) { max($0, abs($1)) }, .leastNormalMagnitude) * Double(k)
        var atLeast = 0
        var atMost = 0
        var crossings: [Double] = []
        let isExact = flips <= exactLimit
        crossings.reserveCapacity(isExact ? flips : resamples)
        func visit(_ mask: UInt64) {
            // Flipping the subset F changes the sum by −2 Σ_F c; it crosses the observed sum (at shift δ) at mean_F(c).
            var flipped = 0.0
            var count = 0
            var bits = mask
            while bits != 0 {
                let index = bits.trailingZeroBitCount
                flipped += contrasts[index]
                count += 1
                bits &= bits - 1
            }
            let sum = observed - 2 * flipped
            if sum >= observed - tolerance { atLeast += 1 }
            if sum <= observed + tolerance { atMost += 1 }
            if count > 0 { crossings.append(flipped / Double(count)) }
        }
        if isExact {
            for mask in 0..<UInt64(flips) { visit(mask) }
        } else {
            var random = SplitSeededRandom(seed: PermutationTest.dataSeed(contrasts, []))
            atLeast = 1
            atMost = 1
            let used: UInt64 = k >= 64 ? .max : (1 << UInt64(k)) - 1
            // Blocks past the 64th keep their sign: 2^64 flips are far more than enough.
            for _ in 0..<resamples { visit(random.next() & used) }
        }
        let splits = isExact ? flips : resamples + 1
        // The smallest subset-mean crossings bound the interval from below, as in PermutationTest.
        let bounds = PermutationTest.interval(crossings: &crossings, splits: splits, confidence: confidence)
        return Result(upper: Double(atLeast) / Double(splits), lower: Double(atMost) / Double(splits), t: t, interval: bounds?.range,
                      level: bounds?.level ?? confidence, test: isExact ? .signFlipExact : .signFlipSampled, degreesOfFreedom: nil)
    }
}

extension Gate {
    /// Judges an interleaved pair (`git bench ab`): `baseline` and `candidate` hold each repetition's metric by index
    /// (nil for a failed repetition), measured A B B A … with the same seed per index. PROMOTE iff the one-sided p of
    /// "improved" from `Interleaved.test` is at most α = 1 − Φ(threshold); `min_effect` as in `judge`. Fewer than 2
    /// complete blocks is NEEDS_MORE_DATA, or REJECT when the candidate's failures are why.
    public static func judgeInterleaved(project: String, benchmark: Benchmark, baseline: InterleavedSide, candidate: InterleavedSide,
                                        host: String?) -> Verdict {
        let direction = benchmark.metricDirection ?? .minimize
        let threshold = benchmark.promotionThreshold ?? fallbackThreshold
        let alpha = alpha(threshold: threshold)
        let okBaseline = baseline.values.compactMap { $0 }
        let okCandidate = candidate.values.compactMap { $0 }
        var verdict = Verdict(
            project: project, benchmark: benchmark.name, kind: .needsMoreData, gate: .interleaved, threshold: threshold, direction: direction,
            baseline: summary(of: MetricGroup(commit: baseline.commit, metaSeed: baseline.metaSeed, metrics: okBaseline)),
            candidate: summary(of: MetricGroup(commit: candidate.commit, metaSeed: candidate.metaSeed, metrics: okCandidate)),
            minEffect: benchmark.minEffect, host: host, reason: "")
        verdict.alpha = alpha
        let contrasts = Interleaved.contrasts(baseline: baseline.values, candidate: candidate.values)
        guard contrasts.count >= 2, let result = Interleaved.test(contrasts, alpha: alpha, confidence: intervalConfidence) else {
            let failed = zip(baseline.values, candidate.values).filter { $0.0 != nil && $0.1 == nil }.count
            if failed > 0 {
                verdict.kind = .reject
                verdict.failedRuns = failed
                verdict.reason = "candidate repetitions fail: \(failed) of \(candidate.values.count) failed where the baseline's ran, "
                    + "so only \(contrasts.count) complete A B B A block(s) are left where the test needs 2"
            } else {
                verdict.reason = "\(contrasts.count) complete A B B A block(s); the interleaved test needs 2 (4 repetitions a side)"
            }
            return verdict
        }
        let scale = abs(Statistics.mean(okBaseline))
        let mean = Statistics.mean(contrasts)
        if scale > 0, scale.isFinite, let interval = result.interval {
            verdict.change = RelativeChange(basis: .mean, estimate: mean / scale, lower: interval.lowerBound / scale, upper: interval.upperBound / scale,
                                            confidence: result.level, method: result.test == .pairedT ? "paired-t" : "sign-flip")
        }
        let statistic = direction == .minimize ? -result.t : result.t
        let improvement = direction == .minimize ? result.lower : result.upper
        // Every block moved by exactly the same amount (a deterministic metric): t has no finite value and JSON none
        // to hold; the sign-flip p-value still decides.
        verdict.statistic = statistic.isFinite ? statistic : nil
        verdict.pValue = improvement
        verdict.regressionPValue = direction == .minimize ? result.upper : result.lower
        verdict.degreesOfFreedom = result.degreesOfFreedom
        verdict.test = result.test
        let isPromote = improvement <= alpha
        let described = result.degreesOfFreedom.map { "\(result.test.rawValue), df \(Int($0))" } ?? result.test.rawValue
        let tText = statistic.isFinite ? String(format: "%+.3f", statistic) : (statistic > 0 ? "+inf" : "-inf")
        let ruling = "interleaved t \(tText) over \(contrasts.count) A B B A blocks: one-sided p "
            + "\(String(format: "%.4g", improvement)) \(isPromote ? "<=" : ">") alpha \(String(format: "%.4g", alpha)) "
            + "(\(described); threshold \(String(format: "%.3f", threshold)), direction=\(direction.rawValue))"
        verdict.kind = isPromote ? .promote : .reject
        verdict.reason = ruling
        if isPromote, let minEffect = benchmark.minEffect,
           let shortfall = minEffectShortfall(change: verdict.change, minEffect: minEffect, direction: direction) {
            verdict.kind = .reject
            verdict.reason = "\(ruling), but \(shortfall)"
        }
        return verdict
    }
}

/// One side of an interleaved pair as the gate receives it.
public struct InterleavedSide: Sendable, Equatable {
    public var commit: ObjectID
    public var metaSeed: Int64?
    /// The metric of each repetition by index; nil where the repetition failed.
    public var values: [Double?]

    public init(commit: ObjectID, metaSeed: Int64?, values: [Double?]) {
        self.commit = commit
        self.metaSeed = metaSeed
        self.values = values
    }
}
