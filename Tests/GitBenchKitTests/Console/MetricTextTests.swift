import Testing
@testable import GitBenchKit

/// Metrics as people read them: exactly what the runner wrote, without binary floating-point noise.
@Suite struct MetricTextTests {
    @Test func aMetricPrintsInItsShortestRoundTripForm() {
        #expect(MetricText.string(0.115293) == "0.115293")
        #expect(MetricText.string(1) == "1.0")
        #expect(MetricText.string(1.009261) == "1.009261")
        #expect(MetricText.string(-42.5) == "-42.5")
        #expect(MetricText.string(1e-7) == "1e-07")
        #expect(MetricText.string(123456789012345) == "123456789012345.0")
        #expect(MetricText.string(0.123456789012345) == "0.123456789012345")
    }

    @Test func noisePastTheFifteenthSignificantDigitIsNotShown() {
        // What a runner's `t1 - t0` or printf("%.17g") writes: the shortest round-trip form is all noise at the end.
        #expect(MetricText.string(0.11529300000000009) == "0.115293")
        #expect(MetricText.string(0.1 + 0.2) == "0.3")
        #expect(MetricText.string(1.0000000000000002) == "1.0")
        #expect(MetricText.string(1234.5678000000001) == "1234.5678")
        #expect(MetricText.string(-2.9999999999999996) == "-3.0")
        #expect(MetricText.string(1.2345678901234567e30) == "1.23456789012346e+30")
        #expect(MetricText.string(.infinity) == "inf")
    }
}
