import Foundation
import Testing

@testable import GitBenchKit

/// The descriptive numbers of summary.json.
@Suite struct StatisticsDescriptionTests {
    @Test func describeGivesEveryNumberOfASample() throws {
        // [2, 4, 4, 4, 5, 5, 7, 9]: mean 5, median 4.5, squared deviations sum to 32, so s = sqrt(32/7).
        let description = Statistics.describe([2, 4, 4, 4, 5, 5, 7, 9])
        #expect(description.n == 8 && description.mean == 5 && description.median == 4.5)
        let s = (32.0 / 7).squareRoot()
        #expect(abs((description.stddev ?? 0) - s) < 1e-12)
        #expect(abs((description.coefficientOfVariation ?? 0) - s / 5) < 1e-12)
        #expect(description.min == 2 && description.max == 9)
        // Type 7: h = (8 - 1) · 0.95 = 6.65, so x(6) + 0.65 · (x(7) - x(6)) = 7 + 0.65 · 2 = 8.3 (0-based order statistics).
        #expect(abs((description.p95 ?? 0) - 8.3) < 1e-12)
        // t(0.975, 7) = 2.364624251592785; half width = 2.3646 · s / sqrt(8).
        let half = 2.364_624_251_592_785 * s / 8.0.squareRoot()
        let interval = try #require(description.meanInterval)
        #expect(abs(interval.lower - (5 - half)) < 1e-9 && abs(interval.upper - (5 + half)) < 1e-9)
        #expect(interval.confidence == 0.95 && interval.method == "student-t")
    }

    @Test func undefinedNumbersAreNilNotNaN() throws {
        let empty = Statistics.describe([])
        #expect(empty == SampleDescription(n: 0, mean: nil, median: nil, stddev: nil, coefficientOfVariation: nil, min: nil, max: nil,
                                           p95: nil, meanInterval: nil))
        let one = Statistics.describe([3])
        #expect(one.mean == 3 && one.p95 == 3 && one.stddev == nil && one.meanInterval == nil && one.coefficientOfVariation == nil)
        #expect(Statistics.describe([-1, 1]).coefficientOfVariation == nil)
        #expect(Statistics.quantile([1, 2], 1.5) == nil)
        // It always encodes: no NaN reaches JSON.
        _ = try JSONEncoder().encode(Statistics.describe([4.2]))
    }
}
