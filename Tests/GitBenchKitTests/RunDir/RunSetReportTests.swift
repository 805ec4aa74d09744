import Foundation
import Testing
@testable import GitBenchKit

/// RUN_REPORT.md is rendered from summary and provenance values only; pinned in full.
@Suite struct RunSetReportTests {
    private let commit = ObjectID(hex: "0123456789abcdef0123456789abcdef01234567")

    private func state() throws -> ResumeState {
        ResumeState(runSetID: RunSetID(value: "bench_1a2b3c4d_20260301_120000"), project: "Sample", benchmark: "quality",
                    commit: try #require(commit), host: "bench-host", usesWorktree: false, isDirty: false, allowsDirty: false, diffPath: nil,
                    diffSHA256: nil, role: .candidate, metaSeed: 42, plannedSeeds: [11, 12, 13], manifestHash: "sha256:abc",
                    establishesBaseline: false, notes: nil, compress: false, untilDecided: nil, attempts: [])
    }

    private func entry(_ index: Int, _ status: RunRecord.Status, metric: Double?, message: String? = nil, id: Int64? = nil) -> RunRecord {
        RunRecord.sample(id: id ?? Int64(index + 1), index: index, seed: Int64(11 + index), status: status, metric: metric, message: message,
                         exitCode: status == .ok ? 0 : 3, wallClockSeconds: 0.5 + Double(index), timestamp: "2026-03-01T12:00:0\(index).000Z")
    }

    /// The runner's CPU (0.25 s user, 0.05 s system) and `rss` for each row, as the series file keeps them.
    private func usage(_ runs: [RunRecord], rss: [Int64]) -> [Int64: ResourceUsage] {
        Dictionary(uniqueKeysWithValues: zip(runs, rss).map { ($0.id, ResourceUsage(userCPUSeconds: 0.25, systemCPUSeconds: 0.05, peakRSSBytes: $1)) })
    }

    @Test func theReportRendersTheSummaryAndProvenanceInFull() throws {
        let runs = [entry(0, .ok, metric: 1.0), entry(1, .ok, metric: 3.0), entry(2, .error, metric: nil, message: "runner exited with status 3: boom")]
        let summary = RunSummary(state: try state(), runs: runs, usage: usage(runs, rss: [2 << 20, 3 << 20, 1 << 20]), verdict: nil)
        let attempt = RunAttempt(number: 1, startedAt: "2026-03-01T12:00:00.000Z", endedAt: "2026-03-01T12:00:04.000Z", status: .finished,
                                 argv: ["git-bench", "run", "quality"], host: "bench-host", pid: 4242, indices: [0, 1, 2])
        let provenance = RunProvenance(
            runSetID: summary.runSetID, project: "Sample", benchmark: "quality",
            git: .init(sha: try #require(commit), isDirty: false, diffSHA256: nil, diffPath: nil, usesWorktree: false), host: "bench-host",
            machine: HostFacts(osName: "Linux", osRelease: "6.1.0", osVersion: "#1 SMP", architecture: "x86_64", cpuModel: "Test CPU @ 3.0GHz",
                               cpuCount: 8, memoryTotalBytes: 16 << 30, memoryAvailableBytes: 8 << 30),
            versions: .init(gitBench: "0.1.0", libgit2: "1.5.1", sqlite: "3.40.1"), invocation: attempt.argv, workingDirectory: "/src/sample",
            manifestHash: "sha256:abc", corpusFingerprint: nil, startedAt: attempt.startedAt, endedAt: attempt.endedAt, attempts: [attempt])
        #expect(RunSetReport.markdown(summary: summary, provenance: provenance) == """
            # Run report: Sample/quality

            Run set `bench_1a2b3c4d_20260301_120000` at commit `0123456789abcdef0123456789abcdef01234567` (clean) on host `bench-host`; candidate, meta_seed 42.

            | measure | value |
            |---|---|
            | repetitions | 2 ok, 1 error of 3 planned |
            | mean | 2 |
            | median | 2 |
            | stddev | 1.41421 |
            | CV | 70.71% |
            | min / max | 1 / 3 |
            | p95 | 2.9 |
            | 95% CI of the mean | [-10.7062, 14.7062] |
            | max wall clock | 2.500 s |
            | total wall clock | 4.500 s |
            | total CPU (user + system) | 0.900 s |
            | max peak RSS | 3.0 MiB |
            | artifact bytes | 0 |

            ## Failures

            | count | message |
            |---|---|
            | 1 | runner exited with status 3: boom |

            ## Machine

            - OS: Linux 6.1.0 (x86_64)
            - CPU: Test CPU @ 3.0GHz × 8
            - memory: 16384.0 MiB
            - git-bench 0.1.0, libgit2 1.5.1, SQLite 3.40.1
            - manifest sha256:abc

            ## Attempts

            | # | started | ended | status | repetitions | command |
            |---|---|---|---|---|---|
            | 1 | 2026-03-01T12:00:00.000Z | 2026-03-01T12:00:04.000Z | finished | 3 | `git-bench run quality` |

            """)
    }

    @Test func aResumedIndexSupersedesItsInterruptedRow() throws {
        let interrupted = entry(1, .interrupted, metric: nil, message: "interrupted", id: 2)
        let rerun = entry(1, .ok, metric: 2.0, id: 4)
        let runs = [entry(0, .ok, metric: 1.0), interrupted, rerun]
        let summary = RunSummary(state: try state(), runs: runs, usage: usage(runs, rss: [1 << 20, 1 << 20, 1 << 20]), verdict: nil)
        #expect(summary.recorded == 3 && summary.superseded == 1)
        #expect(summary.okCount == 2 && summary.errorCount == 0 && summary.failureReasons.isEmpty)
        #expect(summary.missingIndices == [2])
    }

    @Test func hostFactsParseProcFiles() {
        #expect(HostFacts.cpuModel("processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7B13\n") == "AMD EPYC 7B13")
        #expect(HostFacts.cpuModel("processor : 0\nBogoMIPS : 50.00\n") == nil)
        #expect(HostFacts.meminfoBytes("MemTotal:       16318480 kB\nMemFree:  1 kB\n", key: "MemTotal") == Int64(16_318_480) * 1024)
        #expect(HostFacts.meminfoBytes("MemFree:  1 kB\n", key: "MemAvailable") == nil)
    }
}
