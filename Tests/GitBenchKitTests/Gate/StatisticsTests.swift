import Foundation
import Testing

@testable import GitBenchKit

@Suite struct StatisticsTests {

    // MARK: Summaries

    @Test func summariesOfASmallSample() {
        #expect(Statistics.mean([1, 2, 3, 6]) == 3)
        #expect(Statistics.median([5, 1, 3]) == 3)
        #expect(Statistics.median([4, 1, 3, 2]) == 2.5)
        // Deviations from 3 are -2, -1, 0, 3: squares sum to 14, divided by n-1 = 3.
        #expect(abs(Statistics.sampleStddev([1, 2, 3, 6]) - (14.0 / 3).squareRoot()) < 1e-12)
        let (mean, se) = Statistics.meanSE([1, 2, 3, 6])
        #expect(mean == 3)
        #expect(abs(se - (14.0 / 3).squareRoot() / 2) < 1e-12)
    }

    @Test func summariesOfDegenerateSamplesDoNotTrap() {
        #expect(Statistics.mean([]).isNaN)
        #expect(Statistics.median([]).isNaN)
        #expect(Statistics.sampleStddev([]) == 0)
        #expect(Statistics.sampleStddev([4.2]) == 0)
        #expect(Statistics.meanSE([4.2]).se == 0)
        #expect(Statistics.directedZ(baseline: [], candidate: [1, 2], direction: .minimize) == 0)
        #expect(Statistics.mannWhitneyZ(baseline: [1, 2], candidate: [], direction: .minimize) == 0)
        #expect(Statistics.relativeMeanChange(baseline: [1], candidate: [1, 2], confidence: 0.95) == nil)
        #expect(Statistics.relativeMedianChange(baseline: [], candidate: [1, 2], confidence: 0.95) == nil)
    }

    // MARK: directedZ (benchstone's directed_sigma)

    @Test func directedZIsTheWelchZOnStandardErrorsPositiveWhenAMinimizedMetricDrops() {
        // baseline [1.0, 1.1, 0.9]: mean 1.0, s^2 = (0 + 0.01 + 0.01) / 2 = 0.01,    se^2 = 0.01 / 3
        // candidate [0.8, 0.85, 0.75]: mean 0.8, s^2 = (0 + 0.0025 + 0.0025) / 2 = 0.0025, se^2 = 0.0025 / 3
        // raw = (0.8 - 1.0) / sqrt(0.0125 / 3) = -0.2 * sqrt(240) = -sqrt(9.6) = -3.0983866769659336
        // minimize negates it: +3.0983866769659336.
        let z = Statistics.directedZ(baseline: [1.0, 1.1, 0.9], candidate: [0.8, 0.85, 0.75], direction: .minimize)
        #expect(abs(z - 3.0983866769659336) < 1e-9)
    }

    @Test func directedZFlipsSignForAMaximizedMetric() {
        let z = Statistics.directedZ(baseline: [1.0, 1.1, 0.9], candidate: [0.8, 0.85, 0.75], direction: .maximize)
        #expect(abs(z - -3.0983866769659336) < 1e-9)
    }

    @Test func directedZWithZeroVarianceIsZeroForEqualMeansAndInfiniteOtherwise() {
        #expect(Statistics.directedZ(baseline: [2, 2, 2], candidate: [2, 2], direction: .minimize) == 0)
        // The candidate is lower: an improvement when minimizing, a regression when maximizing.
        #expect(Statistics.directedZ(baseline: [2, 2, 2], candidate: [1, 1], direction: .minimize) == .infinity)
        #expect(Statistics.directedZ(baseline: [2, 2, 2], candidate: [1, 1], direction: .maximize) == -.infinity)
        #expect(Statistics.directedZ(baseline: [2, 2, 2], candidate: [3, 3], direction: .maximize) == .infinity)
    }

    // MARK: mannWhitneyZ

    @Test func mannWhitneyZUsesAverageRanksAndTheTieCorrectedVariance() {
        // Pooled, sorted: 1(b) 2(b) 2(b) 2(c) 3(b) 3(c) 3(c) 4(c)
        // Average ranks:  1    3    3    3    6    6    6    8    (the 2s share ranks 2-4, the 3s share 5-7)
        // R_baseline = 1 + 3 + 3 + 6 = 13; u1 = 13 - 4*5/2 = 3; mu = 4*4/2 = 8; n = 8.
        // Tie groups of size 3 and 3: sum(t^3 - t) = 24 + 24 = 48; n(n-1) = 56.
        // var = 16/12 * (9 - 48/56) = 4/3 * 57/7 = 76/7; sd = sqrt(76/7) = 3.2950178...
        // z = (3 - 8) / sqrt(76/7) = -1.51744244666721 (scipy's asymptotic mannwhitneyu agrees: two-sided p 0.129155).
        // The candidate is higher: a regression when minimizing, so z is returned as is.
        let minimize = Statistics.mannWhitneyZ(baseline: [1, 2, 2, 3], candidate: [2, 3, 3, 4], direction: .minimize)
        #expect(abs(minimize - -1.51744244666721) < 1e-9)
        let maximize = Statistics.mannWhitneyZ(baseline: [1, 2, 2, 3], candidate: [2, 3, 3, 4], direction: .maximize)
        #expect(abs(maximize - 1.51744244666721) < 1e-9)
        // Without the tie correction: var = 16 * 9 / 12 = 12, z = -5 / sqrt(12) = -1.4433756729740645.
        #expect(abs(minimize - -1.4433756729740645) > 0.07)
    }

    @Test func mannWhitneyZIsZeroWhenEveryValueIsTied() {
        #expect(Statistics.mannWhitneyZ(baseline: [5, 5, 5], candidate: [5, 5], direction: .minimize) == 0)
    }

    // MARK: Distributions

    @Test func normalCDFAndQuantileMatchReferenceValues() {
        #expect(abs(Statistics.normalQuantile(0.975) - 1.959963984540054) < 1e-12)
        #expect(abs(Statistics.normalQuantile(0.025) - -1.959963984540054) < 1e-12)
        #expect(Statistics.normalQuantile(0.5) == 0)
        // The far tail goes through AS 241's third branch (sqrt(-log p) > 5); Phi^-1(1e-20) = -9.262340089798409.
        #expect(abs(Statistics.normalQuantile(1e-20) - -9.262340089798409) < 1e-9)
        #expect(abs(Statistics.normalCDF(1.959963984540054) - 0.975) < 1e-15)
        #expect(Statistics.normalCDF(.infinity) == 1)
        #expect(Statistics.normalCDF(-.infinity) == 0)
        #expect(Statistics.normalQuantile(0) == -.infinity)
        #expect(Statistics.normalQuantile(1) == .infinity)
    }

    @Test func studentTQuantileMatchesTabulatedValues() {
        #expect(abs(Statistics.studentTQuantile(0.975, degreesOfFreedom: 4) - 2.7764451051977934) < 1e-8)
        #expect(abs(Statistics.studentTQuantile(0.975, degreesOfFreedom: 10) - 2.228138851986274) < 1e-8)
        #expect(abs(Statistics.studentTQuantile(0.975, degreesOfFreedom: 1) - 12.706204736174694) < 1e-8)
        #expect(Statistics.studentTQuantile(0.5, degreesOfFreedom: 3) == 0)
    }

    @Test func studentTQuantileAcceptsFractionalDegreesOfFreedom() {
        // Welch–Satterthwaite df are rarely integers; reference values from scipy.stats.t.ppf.
        #expect(abs(Statistics.studentTQuantile(0.975, degreesOfFreedom: 7.5) - 2.333039626864974) < 1e-8)
        #expect(abs(Statistics.studentTQuantile(0.025, degreesOfFreedom: 2.5) - -3.5746548420036834) < 1e-8)
        let heavyTail = Statistics.studentTQuantile(0.9999, degreesOfFreedom: 0.7)
        #expect(abs(heavyTail / 97570.04017878421 - 1) < 1e-8)
    }

    @Test func studentTQuantileRejectsInvalidDegreesOfFreedom() {
        #expect(Statistics.studentTQuantile(0.975, degreesOfFreedom: 0).isNaN)
        #expect(Statistics.studentTQuantile(0.975, degreesOfFreedom: -2).isNaN)
        #expect(abs(Statistics.studentTQuantile(0.975, degreesOfFreedom: .infinity) - 1.959963984540054) < 1e-12)
    }

    // MARK: Relative change intervals

    @Test func relativeMeanChangeUsesTheWelchSatterthwaiteInterval() throws {
        // Same samples as the directedZ test: difference -0.2, se = sqrt(0.0125 / 3) = 0.0645497.
        // df = (0.0125/3)^2 / ((0.01/3)^2 / 2 + (0.0025/3)^2 / 2) = 50/17 = 2.941176...; t_{0.975, 50/17} = 3.2187586145328835.
        // Interval: (-0.2 ± 3.2187586 * 0.0645497) / |1.0| = [-0.4077699751591253, +0.007769975159125281].
        let change = try #require(
            Statistics.relativeMeanChange(baseline: [1.0, 1.1, 0.9], candidate: [0.8, 0.85, 0.75], confidence: 0.95))
        #expect(change.basis == .mean)
        #expect(change.method == "welch-t")
        #expect(change.confidence == 0.95)
        #expect(abs(change.estimate - -0.2) < 1e-12)
        #expect(abs(change.lower - -0.4077699751591253) < 1e-9)
        #expect(abs(change.upper - 0.007769975159125281) < 1e-9)
    }

    @Test func relativeMeanChangeIsUndefinedForAZeroBaselineMean() {
        #expect(Statistics.relativeMeanChange(baseline: [-1, 1], candidate: [1, 2], confidence: 0.95) == nil)
    }

    @Test func relativeMedianChangeUsesTheHodgesLehmannShiftAndItsRankInterval() throws {
        // Differences c_j - b_i are 2 + (j - i) for i, j in 0...4: values -2...6 with counts 1,2,3,4,5,4,3,2,1.
        // Hodges–Lehmann shift = median of the 25 differences = D_(13) = 2; baseline median 12 → estimate 2/12.
        // The exact index: the largest k with P(U <= k) <= 0.025 at 5v5 is 2 (4/252; P(U <= 3) = 7/252), where the
        // normal approximation said 3 and covered less than 95%.
        // Interval [D_(3), D_(23)] = [-1, 5] → [-1/12, 5/12].
        let change = try #require(
            Statistics.relativeMedianChange(baseline: [10, 11, 12, 13, 14], candidate: [12, 13, 14, 15, 16], confidence: 0.95))
        #expect(change.basis == .median)
        #expect(change.method == "hodges-lehmann")
        #expect(abs(change.estimate - 2.0 / 12) < 1e-12)
        #expect(abs(change.lower - -1.0 / 12) < 1e-12)
        #expect(abs(change.upper - 5.0 / 12) < 1e-12)
        #expect(change.confidence == 0.95)
    }

    @Test func relativeMedianChangeWithTinySamplesFallsBackToTheFullRange() throws {
        // n1 = n2 = 3: no interval reaches 95% (P(U = 0) = 1/20 > 0.025), so [D_(1), D_(9)] at its real level, 90%.
        // Differences 12-10 … 15-12 sorted: 0 1 1 2 2 3 3 4 5; shift 2, baseline median 11.
        let change = try #require(
            Statistics.relativeMedianChange(baseline: [10, 11, 12], candidate: [12, 13, 15], confidence: 0.95))
        #expect(abs(change.estimate - 2.0 / 11) < 1e-12)
        #expect(change.lower == 0)
        #expect(abs(change.upper - 5.0 / 11) < 1e-12)
        #expect(abs(change.confidence - 0.9) < 1e-12)
    }

    @Test func relativeMedianChangeIsUndefinedForAZeroBaselineMedian() {
        #expect(Statistics.relativeMedianChange(baseline: [-1, 0, 1], candidate: [1, 2], confidence: 0.95) == nil)
    }

    // MARK: Coverage (seeded simulation)

    /// 1,000 trials of n = 5 per side, baseline N(100, 3^2) (CV 3%), candidate shifted by exactly -10%: the nominal
    /// 95% intervals must contain -0.10 about 95% of the time.
    static let coverageTrials = 1_000

    @Test func welchIntervalOfTheRelativeMeanChangeCoversTheTrueShift() {
        var random = SplitMix64(seed: 0x6769_742d_6265_6e63)
        var covered = 0
        for _ in 0..<Self.coverageTrials {
            let baseline = (0..<5).map { _ in 100 + 3 * random.nextGaussian() }
            let candidate = (0..<5).map { _ in 90 + 3 * random.nextGaussian() }
            if let change = Statistics.relativeMeanChange(baseline: baseline, candidate: candidate, confidence: 0.95),
                change.lower <= -0.10, -0.10 <= change.upper
            {
                covered += 1
            }
        }
        let coverage = Double(covered) / Double(Self.coverageTrials)
        #expect(coverage >= 0.90 && coverage <= 0.99, "coverage \(coverage)")
    }

    @Test func hodgesLehmannIntervalOfTheRelativeMedianChangeCoversTheTrueShift() {
        // For n1 = n2 = 5 the exact k is 2; the coverage of [D_(3), D_(23)] is 1 - 2 P(U <= 2) = 1 - 2 * 4/252 = 0.968
        // (the normal approximation's k = 3 covered 0.944, less than it claimed).
        var random = SplitMix64(seed: 0x6761_7465_2d68_6c31)
        var covered = 0
        for _ in 0..<Self.coverageTrials {
            let baseline = (0..<5).map { _ in 100 + 3 * random.nextGaussian() }
            let candidate = (0..<5).map { _ in 90 + 3 * random.nextGaussian() }
            if let change = Statistics.relativeMedianChange(baseline: baseline, candidate: candidate, confidence: 0.95),
                change.lower <= -0.10, -0.10 <= change.upper
            {
                covered += 1
            }
        }
        let coverage = Double(covered) / Double(Self.coverageTrials)
        #expect(coverage >= 0.90 && coverage <= 0.99, "coverage \(coverage)")
    }

    // MARK: Benjamini–Hochberg

    @Test func benjaminiHochbergAdjustsInInputOrder() {
        // Sorted: 0.005 (rank 1), 0.01 (2), 0.03 (3), 0.04 (4); m = 4.
        // m p / rank: 0.02, 0.02, 0.04, 0.04; running minimum from the top keeps them: 0.04, 0.04, 0.02, 0.02.
        // Back in input order [0.01, 0.04, 0.03, 0.005] → [0.02, 0.04, 0.04, 0.02].
        let adjusted = MultipleTesting.benjaminiHochberg([0.01, 0.04, 0.03, 0.005])
        let expected = [0.02, 0.04, 0.04, 0.02]
        #expect(adjusted.count == 4)
        for (a, e) in zip(adjusted, expected) { #expect(abs(a - e) < 1e-15) }
    }

    @Test func benjaminiHochbergIsMonotoneInTheRawPValuesAndCappedAtOne() {
        // Rank 2's raw m p / rank = 0.03 * 3 / 2 = 0.045 exceeds rank 3's 0.04 * 3 / 3 = 0.04, so the step-up
        // minimum lowers it to 0.04; 0.9 * 3 / 1 would be 2.7 on its own but is capped.
        let adjusted = MultipleTesting.benjaminiHochberg([0.04, 0.03, 0.001])
        #expect(abs(adjusted[0] - 0.04) < 1e-15)
        #expect(abs(adjusted[1] - 0.04) < 1e-15)
        #expect(abs(adjusted[2] - 0.003) < 1e-15)
        let raw = [0.9, 0.2, 0.5, 0.01, 0.7, 0.04]
        let wide = MultipleTesting.benjaminiHochberg(raw)
        let order = raw.indices.sorted { raw[$0] < raw[$1] }
        for (lower, higher) in zip(order, order.dropFirst()) { #expect(wide[lower] <= wide[higher]) }
        #expect(wide.allSatisfy { $0 <= 1 })
        #expect(MultipleTesting.benjaminiHochberg([]) == [])
    }
}

/// The library's SplitMix64 (Steele, Lea & Flood, OOPSLA 2014), so the simulations give the same trials on every
/// machine, with the draws they need.
typealias SplitMix64 = SplitSeededRandom

extension SplitSeededRandom {
    /// Uniform in (0, 1]: the top 53 bits, shifted off zero so `log` below stays finite.
    mutating func nextUniform() -> Double {
        (Double(next() >> 11) + 1) * 0x1p-53
    }

    /// Standard normal by the Box–Muller transform (one of the pair; the other is discarded for simplicity).
    mutating func nextGaussian() -> Double {
        let u1 = nextUniform()
        let u2 = nextUniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
