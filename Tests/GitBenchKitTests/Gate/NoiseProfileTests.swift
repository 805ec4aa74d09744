import Testing

@testable import GitBenchKit

/// `calibrate`'s numbers: noise, outliers, drift, and resampled power (reference values computed independently in
/// Python with the same textbook formulas and numpy's percentiles).
@Suite struct NoiseProfileTests {
    @Test func robustSpreadAndOutliersIgnoreOneWildRepetition() throws {
        let profile = try #require(NoiseProfile.of([10, 11, 9, 10, 30, 10, 11, 9]))
        #expect(profile.median == 10)
        // MAD = median |x - 10| = 1, scaled by 1.4826; quartiles 9.75 and 11, so only 30 is beyond the fences.
        #expect(abs((profile.robustCV ?? 0) - 0.14826) < 1e-12)
        #expect(profile.outlierShare == 1.0 / 8)
        #expect((profile.cv ?? 0) > 0.5)
        #expect(!profile.drifts)
    }

    @Test func aSteadyClimbIsATrend() throws {
        let values = [10.0, 10.4, 9.8, 10.9, 11.2, 10.7, 11.5, 11.9, 11.4, 12.3]
        let profile = try #require(NoiseProfile.of(values))
        // Mann–Kendall S = 33 of 45 pairs; with the continuity correction p = 0.004208.
        #expect(abs((profile.trendPValue ?? 1) - 0.004207551285491748) < 1e-9)
        #expect(profile.drifts)
        #expect((profile.trendPerRepetition ?? 0) > 0.01)
        #expect((profile.halfDrift ?? 0) > 0.05)
    }

    @Test func tooFewRepetitionsSayNothing() {
        #expect(NoiseProfile.of([1, 2, 3]) == nil)
    }

    @Test func resampledPowerGrowsWithTheEffectAndTheSize() {
        let values = (0..<40).map { 100 + 2 * Double(($0 * 37) % 11) - 10 }  // a spread of about ±10%
        let benchmark = Benchmark(name: "q", entryPoint: "q", tier: .quality, metricDirection: .minimize, repetitions: 6, baselineSeeds: [1, 2, 3, 4, 5, 6],
                                  promotionSigma: 2)
        let small = PowerEstimate.estimate(values: values, benchmark: benchmark, baseline: 6, candidate: 6, effect: 0.02, trials: 200, seed: 1)
        let large = PowerEstimate.estimate(values: values, benchmark: benchmark, baseline: 6, candidate: 6, effect: 0.15, trials: 200, seed: 1)
        #expect(small < large && large > 0.8)
        #expect(PowerEstimate.estimate(values: values, benchmark: benchmark, baseline: 6, candidate: 6, effect: 0.02, trials: 200, seed: 1) == small)
        let needed = PowerEstimate.repetitionsNeeded(values: values, benchmark: benchmark, effect: 0.05, target: 0.8, trials: 60)
        #expect(needed != nil && (needed ?? 0) > 6)
        // Without noise any improvement is certain from 4 a side: the permutation test's 1/70 is below alpha.
        #expect(PowerEstimate.estimate(values: [5, 5, 5, 5], benchmark: benchmark, baseline: 4, candidate: 4, effect: 0.05, trials: 50, seed: 1) == 1)
    }
}
