import Foundation
import Testing
@testable import GitBenchKit

/// Golden files of the four formats of `history`, `compare`, `summary` and `export`, drawn from fixed values (the
/// end-to-end suites check the values a real store gives). `GIT_BENCH_UPDATE_GOLDEN=1` rewrites them.
@Suite struct ReportGoldenTests {
    static let files = GoldenFiles("report-golden")

    static func check(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try files.check(actual, name, sourceLocation: sourceLocation)
    }

    static let manifest = try! ManifestLoader.parse(Data("""
        [project]
        name = "Sample"
        language = "shell"
        invocation = "sh bench/runner.sh {entry_point} {config_path} {output_path}"

        [[benchmarks]]
        name = "latency"
        entry_point = "latency"
        tier = "performance"
        metric_direction = "minimize"
        repetitions = 6
        baseline_seeds = [1, 2, 3, 4, 5, 6]
        promotion_sigma = 2.0
        unit = "ms"

        [[benchmarks]]
        name = "accuracy"
        entry_point = "accuracy"
        tier = "quality"
        metric_direction = "maximize"
        repetitions = 6
        baseline_seeds = [1, 2, 3, 4, 5, 6]
        promotion_sigma = 2.0

        [[benchmarks]]
        name = "recall"
        entry_point = "recall"
        tier = "quality"
        metric_direction = "maximize"
        repetitions = 6
        baseline_seeds = [1, 2, 3, 4, 5, 6]
        promotion_sigma = 2.0
        """.utf8), file: "bench/manifest.toml")

    static let base = "1a2b3c4d5e6f708192a3b4c5d6e7f80912a3b4c5"
    static let head = "5a3e7109db0c1d2e3f405162738495a6b7c8d9e0"
    static let baseLatency = [10.1, 10.3, 9.9, 10.0, 10.2, 10.1]
    static let headLatency = [11.2, 11.0, 11.4, 11.1, 11.3, 11.2]

    static func judged(_ name: String, base: [Double], head: [Double], host: String = "ci-1") -> Verdict {
        let benchmark = manifest.benchmark(named: name)!
        return Gate.judge(project: "Sample", benchmark: benchmark, baseline: MetricGroup(commit: ObjectID(hex: Self.base)!, metaSeed: nil, metrics: base),
                          candidate: MetricGroup(commit: ObjectID(hex: Self.head)!, metaSeed: 42, metrics: head), host: host)
    }

    static func point(_ id: String, commit: String, at time: String, role: RunRecord.Role, metrics: [Double], host: String = "ci-1",
                      dirty: Bool = false, failed: Int = 0, verdict: Verdict? = nil, tags: [String] = []) -> RunSetPoint {
        RunSetPoint(runSetID: id, commit: commit, startedAt: time, host: host, isDirty: dirty, role: role, metaSeed: role == .candidate ? 42 : nil,
                    metrics: metrics, failed: failed, verdict: verdict, tags: tags)
    }

    static var timeline: BenchmarkTimeline {
        let baseline = point("bench_0000aaaa_20261101_120000", commit: base, at: "2026-11-01T12:00:00.000Z", role: .baseline, metrics: baseLatency,
                             tags: ["v0.14.0"])
        let candidate = point("bench_0000bbbb_20261102_093000", commit: head, at: "2026-11-02T09:30:00.000Z", role: .candidate, metrics: headLatency,
                              verdict: judged("latency", base: baseLatency, head: headLatency))
        let dirty = point("bench_0000cccc_20261103_080000", commit: head, at: "2026-11-03T08:00:00.000Z", role: .candidate,
                          metrics: [10.0, 10.1], host: "laptop, \"dev\"", dirty: true, failed: 4,
                          verdict: judged("latency", base: baseLatency, head: [10.0, 10.1], host: "laptop, \"dev\""))
        let pointer = BaselinePointer(id: 1, project: "Sample", benchmark: "latency", host: "ci-1", commit: ObjectID(hex: base)!, metaSeed: nil,
                                      action: .establish, runSetID: baseline.runSetID, notes: "first | baseline", createdAt: "2026-11-01T12:00:05.000Z",
                                      runIDs: [1, 2, 3, 4, 5, 6])
        return BenchmarkTimeline(project: "Sample", benchmark: "latency", tier: .performance, direction: .minimize, unit: "ms",
                                 runSets: [dirty, candidate, baseline], baselineEvents: [pointer], referenceEvents: [])
    }

    static func change(_ name: String, base baseMetrics: [Double], head headMetrics: [Double], headHost: String = "ci-1") -> BenchmarkChange {
        let benchmark = manifest.benchmark(named: name)!
        var warnings: [String] = []
        if headHost != "ci-1" { warnings.append("host mismatch: A was measured on ci-1 and B on \(headHost); timings of two machines do not compare") }
        return BenchmarkChange(project: "Sample", benchmark: name, unit: benchmark.unit, direction: benchmark.metricDirection,
                               base: point("bench_0000aaaa_20261101_120000", commit: base, at: "2026-11-01T12:00:00.000Z", role: .baseline, metrics: baseMetrics),
                               head: point("bench_0000bbbb_20261102_093000", commit: head, at: "2026-11-02T09:30:00.000Z", role: .candidate,
                                           metrics: headMetrics, host: headHost),
                               verdict: judged(name, base: baseMetrics, head: headMetrics, host: headHost), warnings: warnings)
    }

    static var changes: [BenchmarkChange] {
        [change("accuracy", base: [0.80, 0.81, 0.79, 0.80, 0.82, 0.80], head: [0.80, 0.79, 0.81, 0.80, 0.80, 0.81]),
         change("latency", base: baseLatency, head: headLatency),
         change("recall", base: [0.70, 0.71, 0.69, 0.70, 0.72, 0.70], head: [0.75, 0.76, 0.74, 0.77, 0.75, 0.76], headHost: "ci-2"),
         BenchmarkChange(project: "Sample", benchmark: "accuracy-fast", unit: nil, direction: .maximize, base: nil, head: nil,
                         verdict: Verdict(project: "Sample", benchmark: "accuracy-fast", kind: .needsMoreData, gate: .sigma,
                                          reason: "not measured at 5a3e7109db; `git bench run accuracy-fast` measures it"), warnings: [])]
    }

    @Test(arguments: ReportFormat.allCases)
    func historyFormats(_ format: ReportFormat) throws {
        try Self.check(try TimelineReport.render(Self.timeline, format: format), "history.\(format.rawValue)")
    }

    @Test(arguments: ReportFormat.allCases)
    func compareFormats(_ format: ReportFormat) throws {
        let comparison = Comparison(base: "v0.14.0 (1a2b3c4d5e)", head: "HEAD (5a3e7109db)", changes: Self.changes)
        try Self.check(try ComparisonReport.render(comparison, format: format), "compare.\(format.rawValue)")
    }

    @Test(arguments: ReportFormat.allCases)
    func summaryFormats(_ format: ReportFormat) throws {
        let summary = ChangeSummary(base: "the baseline", head: "HEAD (5a3e7109db)", changes: Self.changes)
        try Self.check(try ChangeSummaryReport.render(summary, format: format), "summary.\(format.rawValue)")
    }

    @Test(arguments: RunExportFormat.allCases)
    func exportFormats(_ format: RunExportFormat) throws {
        var output = Data()
        var writer = RunExportWriter(format: format) { output.append($0) }
        writer.begin()
        writer.write(RunExportRow(row: .sample(id: 1, index: 0, seed: 11, metric: 10.25, wallClockSeconds: 0.5),
                                  usage: ResourceUsage(userCPUSeconds: 0.25, systemCPUSeconds: 0.125, peakRSSBytes: 4_194_304)))
        writer.write(RunExportRow(row: .sample(id: 2, index: 1, seed: 12, status: .error, message: "shard \"3\", line 2\nunreadable | bad",
                                               exitCode: 3, wallClockSeconds: 0.75, timestamp: "2026-01-01T00:00:01.000Z"), usage: nil))
        writer.end()
        try Self.check(String(decoding: output, as: UTF8.self), "export.\(format.rawValue)")
    }

    /// The regressions lead, then improvements, then what lacks data, then the unchanged; the counts come first.
    @Test func summaryLeadsWithCountsAndPutsTheRegressionFirst() throws {
        let summary = ChangeSummary(base: "the baseline", head: "HEAD", changes: Self.changes)
        #expect(summary.changes.map(\.outcome) == [.regressed, .improved, .notEnoughData, .unchanged])
        #expect(summary.changes.first?.benchmark == "latency")
        #expect(summary.worst == .regressed)
        let markdown = try ChangeSummaryReport.render(summary, format: .markdown)
        #expect(markdown.hasPrefix("## git-bench: 1 regressed, 1 improved, 1 unchanged, 1 not enough data\n"))
        #expect(markdown.contains("**NEEDS_MORE_DATA** Sample/accuracy-fast"))
        #expect(markdown.contains("host mismatch: A was measured on ci-1 and B on ci-2"))
    }
}
