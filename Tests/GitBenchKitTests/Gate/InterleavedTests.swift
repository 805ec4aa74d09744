import Foundation
import Testing

@testable import GitBenchKit

/// The interleaved (`ab`) gate on inputs where the paired t has no spread.
@Suite struct InterleavedTests {
    static func side(_ sha: String, _ values: [Double]) -> InterleavedSide {
        InterleavedSide(commit: .test(sha), metaSeed: 7, values: values)
    }

    /// `ab HEAD` measures one commit twice with the same seeds: the contrasts are exactly 0, not a rounding residue
    /// that is equal in every block (0.1 + 0.2 − 0.1 − 0.2 is 2.8e-17), which read as an infinite t and made `ab --json`
    /// exit 70 ("Unable to encode Double.inf"), now and then, on CI.
    @Test func equalSidesGiveExactlyZeroContrasts() throws {
        let values = [0.1, 0.2, 0.1, 0.2]
        #expect(Interleaved.contrasts(baseline: values, candidate: values) == [0, 0])
        let verdict = Gate.judgeInterleaved(project: "P", benchmark: GateTests.benchmark(), baseline: Self.side("a", values),
                                            candidate: Self.side("b", values), host: "h")
        #expect(verdict.statistic == 0)
        _ = try JSONEncoder().encode(verdict)
    }

    /// A deterministic metric that moved by the same amount in every block: no finite t, so no statistic, yet the
    /// verdict encodes, and `check` still decides on the p-value (a FAIL for the slower side, a PASS for the faster).
    @Test func aConstantShiftHasNoStatisticButEncodesAndStillGates() throws {
        let slow = Array(repeating: 2.0, count: 12)
        let fast = Array(repeating: 1.5, count: 12)
        let better = Gate.judgeInterleaved(project: "P", benchmark: GateTests.benchmark(), baseline: Self.side("a", slow),
                                           candidate: Self.side("b", fast), host: "h")
        #expect(better.kind == .promote && better.statistic == nil, "\(better.reason)")
        #expect(better.reason.hasPrefix("interleaved t +inf over 6 A B B A blocks"), "\(better.reason)")
        _ = try JSONEncoder().encode(better)
        let worse = Gate.judgeInterleaved(project: "P", benchmark: GateTests.benchmark(), baseline: Self.side("a", fast),
                                          candidate: Self.side("b", slow), host: "h")
        _ = try JSONEncoder().encode(worse)
        #expect(RegressionCheck.judge(worse, commit: .test("b"), source: .computed).outcome == .fail)
        #expect(RegressionCheck.judge(better, commit: .test("b"), source: .computed).outcome == .pass)
        #expect(!NoteLine(verdict: better, version: "t", evaluatedAt: Date()).summary.contains("z="))
    }
}
