import Foundation
import Testing

@testable import GitBenchKit

/// `--until-decided`'s answers, pinned for 1 to 1,000 looks: every boundary of the designs and, on seeded streams, the
/// verdict, look, thresholds and p-value the procedure ends with. `Fixtures/sequential-looks.txt` was recorded from
/// the procedure as it was before its cost per look was bounded (the commit adding this file changed no source), so
/// making looks cheaper can never change an answer. Values are written to 10 significant digits, far below any threshold's meaning and above the
/// last-bit noise of libm.
@Suite struct SequentialLooksPinTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/sequential-looks.txt")

    static let lookCounts = [1, 2, 3, 5, 8, 13, 32, 64, 100, 250, 500, 1_000]

    /// What the procedure answers, one line per case.
    static func answers() -> [String] {
        var lines: [String] = []
        // The designs: planned 1 with a baseline of 6 at T = 2, and planned 2 with a baseline of 3 at T = 2.5.
        for looks in lookCounts {
            for (planned, baseline, threshold) in [(1, 6, 2.0), (2, 3, 2.5)] {
                guard let procedure = SequentialProcedure(planned: planned, budget: planned * looks, baselineCount: baseline, threshold: threshold)
                else { lines.append("design \(looks) looks planned \(planned): none"); continue }
                let boundaries = procedure.design?.boundaries.map(Self.format).joined(separator: " ") ?? "none"
                lines.append("design \(looks) looks planned \(planned) baseline \(baseline) T \(threshold): schedule \(procedure.schedule.count) "
                             + "last \(procedure.schedule.last ?? 0) boundaries \(boundaries)")
            }
        }
        // The verdicts: a baseline of 6 at CV 3%, candidate streams without a change, 5% and 10% better, 10% worse.
        let scenarios: [(String, Double)] = [("aa", 0), ("better5", -0.05), ("better10", -0.10), ("worse10", 0.10)]
        for looks in lookCounts {
            for (policy, compat) in [(GatePolicy.sigma, GateCompat.calibrated), (.mannWhitney, .calibrated), (.sigma, .benchstone)] {
                for (name, shift) in scenarios {
                    // The long A/A runs take every look; one gate per size above 250 keeps the suite quick.
                    if looks > 250 && (name != "aa" || compat == .benchstone) { continue }
                    lines.append("verdict \(looks) looks \(policy.rawValue)/\(compat.rawValue) \(name): "
                                 + describe(run(looks: looks, policy: policy, compat: compat, shift: shift)))
                }
            }
        }
        return lines
    }

    static func run(looks: Int, policy: GatePolicy, compat: GateCompat, shift: Double) -> Verdict {
        var benchmark = Benchmark(name: "pin", entryPoint: "pin", tier: .quality, metricDirection: .minimize, repetitions: 2,
                                  baselineSeeds: [1, 2, 3, 4, 5, 6], promotionSigma: 2.0, promotionZ: 2.0)
        benchmark.gatePolicy = policy
        benchmark.gateCompat = compat
        var generator = SplitMix64(seed: UInt64(looks) &* 7_919 &+ UInt64(bitPattern: Int64(shift * 1_000)))
        let baseline = MetricGroup(commit: .test("b"), metaSeed: nil, metrics: (0..<6).map { _ in 1 + 0.03 * generator.nextGaussian() })
        let budget = 2 * looks
        let stream = (0..<budget).map { _ in (1 + shift) * (1 + 0.03 * generator.nextGaussian()) }
        guard let procedure = SequentialProcedure(planned: 2, budget: budget, baselineCount: 6, threshold: 2) else {
            return Verdict(project: "P", benchmark: "pin", kind: .needsMoreData, gate: .sigma, reason: "no procedure")
        }
        return procedure.run(project: "P", benchmark: benchmark, baseline: baseline, host: nil) { n in
            MetricGroup(commit: .test("c"), metaSeed: 1, metrics: Array(stream.prefix(n)))
        }
    }

    static func describe(_ verdict: Verdict) -> String {
        let look = verdict.sequential
        return "\(verdict.kind.rawValue) look \(look?.look ?? 0)/\(look?.plannedLooks ?? 0) n=\(look?.repetitions ?? 0) "
            + "boundary \(format(look?.designBoundary)) judged at \(format(look?.adjustedThreshold)) "
            + "p \(format(verdict.pValue)) stopped \(look?.stoppedBecause ?? "-")"
    }

    static func format(_ value: Double?) -> String {
        guard let value else { return "-" }
        return String(format: "%.10g", value)
    }

    @Test func theBoundariesAndVerdictsOfOneToAThousandLooksAreThoseRecorded() throws {
        let actual = Self.answers().joined(separator: "\n") + "\n"
        guard let expected = try? String(contentsOf: Self.fixture, encoding: .utf8) else {
            let written = FileManager.default.temporaryDirectory.appendingPathComponent("sequential-looks.txt")
            try actual.write(to: written, atomically: true, encoding: .utf8)
            Issue.record("no \(Self.fixture.lastPathComponent); the current answers are in \(written.path)")
            return
        }
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(actualLines.count == expectedLines.count)
        for (got, want) in zip(actualLines, expectedLines) where got != want {
            Issue.record("changed:\n  was \(want)\n  now \(got)")
        }
    }
}
