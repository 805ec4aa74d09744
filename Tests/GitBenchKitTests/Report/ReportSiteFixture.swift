import Foundation
@testable import GitBenchKit

/// A hand-made report site: one performance benchmark with baselines, judged candidates, a dirty run set, tags and
/// baseline moves; one benchmark with no run set; one archived bench with categories, stages and releases.
enum ReportSiteFixture {
    static func commit(_ index: Int) -> String { String(format: "%07x", 0xa1b2c00 + index * 0x111).padding(toLength: 40, withPad: "0", startingAt: 0) }

    static func day(_ index: Int) -> String { String(format: "2026-03-%02dT12:00:00.000Z", index + 1) }

    /// The metrics of run set `index`: eight repetitions around a mean that drifts, deterministic.
    static func metrics(_ index: Int) -> [Double] {
        let center: Double = 1.0 + 0.02 * Double(index % 5) - 0.01 * Double(index % 3)
        return (0..<8).map { (repetition: Int) -> Double in
            let step = Double((repetition * 7 + index) % 5)
            return center + 0.004 * step - 0.008
        }
    }

    /// A REJECT here is a significant regression (`check` would FAIL it), drawn in the bad tone.
    static func verdict(_ kind: Verdict.Kind, baseline: Int, estimate: Double) -> Verdict {
        var verdict = Verdict(project: "Sample", benchmark: "latency", kind: kind, gate: .sigma, statistic: kind == .reject ? -4.1 : 2.1, threshold: 2,
                              direction: .minimize,
                              baseline: GroupSummary(commit: ObjectID(hex: commit(baseline)), metaSeed: nil, n: 8, mean: 1.0, median: 1.0, stddev: 0.01),
                              change: RelativeChange(basis: .mean, estimate: estimate, lower: estimate - 0.015, upper: estimate + 0.015, method: "welch-t"),
                              pValue: kind == .reject ? 0.9991 : 0.0123, reason: "fixture")
        verdict.regressionPValue = kind == .reject ? 0.0009 : 0.9877
        return verdict
    }

    /// Run set `index` (0 = oldest): every fourth a baseline, the others judged against the last baseline before them.
    static func runSet(_ index: Int) -> RunSetPoint {
        let isBaseline = index % 4 == 0
        let kinds: [Verdict.Kind] = [.promote, .reject, .needsMoreData]
        let verdict = isBaseline ? nil : verdict(kinds[index % 3], baseline: index - index % 4, estimate: [-0.03, 0.04, 0.005][index % 3])
        return RunSetPoint(runSetID: "rs\(index)", commit: commit(index), startedAt: day(index), host: index == 5 ? "<script>alert(1)</script>" : "ci",
                           isDirty: index == 6, role: isBaseline ? .baseline : .candidate, metaSeed: nil, metrics: metrics(index), failed: 0,
                           verdict: verdict, tags: index == 8 ? ["v0.14.0", "bench/m19"] : [])
    }

    static func pointer(_ index: Int, action: BaselinePointer.Action) -> BaselinePointer {
        BaselinePointer(id: Int64(index), project: "Sample", benchmark: "latency", host: "ci", commit: ObjectID(hex: commit(index))!, metaSeed: nil,
                        action: action, runSetID: "rs\(index)", notes: nil, createdAt: String(format: "2026-03-%02dT13:00:00.000Z", index + 1))
    }

    static let runSetCount = 12

    static var latency: BenchmarkTimeline {
        BenchmarkTimeline(project: "Sample", benchmark: "latency", tier: .performance, direction: .minimize, unit: "s",
                          runSets: (0..<runSetCount).reversed().map(runSet),
                          baselineEvents: [pointer(8, action: .promote), pointer(4, action: .promote), pointer(0, action: .establish)],
                          referenceEvents: [])
    }

    static var empty: BenchmarkTimeline {
        BenchmarkTimeline(project: "Sample", benchmark: "empty", tier: .quality, direction: .maximize, unit: nil, runSets: [],
                          baselineEvents: [], referenceEvents: [])
    }

    static func run(_ index: Int, stage: String) -> TrajectoryPoint {
        let overall = 0.6 + 0.01 * Double(index)
        let categories = ["single_hop": overall + 0.05, "multi_hop": overall - 0.1, "temporal": overall - 0.05, "open_domain": overall + 0.02]
        return TrajectoryPoint(date: String(format: "2026-02-%02d", index * 2 + 1), stage: stage, sha: commit(index), overall: overall,
                               categories: categories, nQuestions: stage == "smoke" ? 10 : 200, judge: "gpt", resultKey: "runs/\(index).json",
                               uploadedAt: String(format: "2026-02-%02dT10:00:00Z", index * 2 + 1), harness: "locomo")
    }

    static let stages = ["smoke", "full", "nightly"]
    static let archivedRunCount = 10

    static var locomo: ReportSite.ArchivedBench {
        let runs = (0..<archivedRunCount).map { run($0, stage: stages[$0 % 3]) }
        let releases = [
            ReleaseRow(package: "mem0", version: "0.14.0", releasedAt: "2026-02-08", scores: ["locomo": ReleasedScore(overall: 0.63, nQuestions: 200, runs: 3)]),
            ReleaseRow(package: "mem0", version: "v0.15.0", releasedAt: "2026-02-16", scores: ["locomo": ReleasedScore(overall: 0.67, nQuestions: 200, runs: 3)]),
        ]
        return ReportSite.ArchivedBench(bench: "locomo", trajectory: Trajectory(bench: "locomo", updatedAt: "2026-02-20T00:00:00Z", runs: runs),
                                        releases: releases, badge: Badge(label: "locomo", message: "67.0%", color: "yellowgreen", source: .release))
    }

    static var site: ReportSite {
        ReportSite(title: "sample-repo", generatedAt: "2026-03-20T09:00:00Z",
                   benchmarks: [ReportSite.BenchmarkEntry(timeline: latency, badge: Badge(label: "latency", message: "PROMOTE", color: "brightgreen", source: .latestRun)),
                                ReportSite.BenchmarkEntry(timeline: empty, badge: nil)],
                   archived: [locomo])
    }

    /// A benchmark with `count` run sets, for size and speed checks.
    static func large(_ count: Int, benchmark: String = "large") -> BenchmarkTimeline {
        var timeline = latency
        timeline.benchmark = benchmark
        timeline.runSets = (0..<count).reversed().map { index in
            var point = runSet(index % 28)
            point.runSetID = "rs\(index)"
            point.startedAt = String(format: "2026-%02d-%02dT%02d:%02d:00.000Z", 1 + index / 700 % 12, 1 + index / 24 % 28, index % 24, index % 60)
            return point
        }
        return timeline
    }
}
