import Foundation
@testable import GitBenchKit

/// Literal model values the renderer tests draw: a judged verdict, pointer and reference events, jobs.
enum ReportFixture {
    static let head = ObjectID.test("5a3e7109db")
    static let base = ObjectID.test("fb7abc811a")

    /// A sigma REJECT with an interval and a reason, as `evaluate` computes it.
    static func reject(adjustedPValue: Double? = nil) -> Verdict {
        Verdict(
            project: "Sample", benchmark: "quality", kind: .reject, gate: .sigma, statistic: 1.417, threshold: 2, direction: .minimize,
            baseline: GroupSummary(commit: base, metaSeed: nil, n: 8, mean: 1.0136, median: 1.01, stddev: 0.02),
            candidate: GroupSummary(commit: head, metaSeed: 5, n: 12, mean: 0.9956, median: 0.99, stddev: 0.02),
            change: RelativeChange(basis: .mean, estimate: -0.0177, lower: -0.0441, upper: 0.0087, method: "welch-t"),
            pValue: adjustedPValue.map { _ in 0.0782 }, adjustedPValue: adjustedPValue,
            reason: "sigma +1.417 < threshold 2.000 (direction=minimize)")
    }

    /// A verdict with nothing to compare against.
    static let noBaseline = Verdict(project: "Sample", benchmark: "speed", kind: .noBaseline, gate: .mannWhitney, threshold: 2,
                                    direction: .minimize, reason: "no baseline set for Sample/speed")

    static func pointer(_ action: BaselinePointer.Action, commit: ObjectID, metaSeed: Int64?, notes: String? = nil,
                        at createdAt: String = "2026-03-01T12:00:00.000Z") -> BaselinePointer {
        BaselinePointer(id: 1, project: "Sample", benchmark: "quality", host: "ci", commit: commit, metaSeed: metaSeed, action: action,
                        runSetID: nil, notes: notes, createdAt: createdAt)
    }

    static func reference(_ action: ReferenceEvent.Action, reason: String? = nil) -> ReferenceEvent {
        ReferenceEvent(id: 2, project: "Sample", benchmark: "exact",
                       contentHash: "sha256:ad7c2832fa171a19b8482a27e75538a5dc265832011c38666d232b918a8f3972", size: 10, action: action,
                       fromRunID: 30, reason: reason, notes: nil, createdAt: "2026-03-01T12:05:00.000Z")
    }

    static func job(id: Int64, status: JobStatus, pid: Int32?, logPath: String?) -> Job {
        Job(id: JobID(id), project: "Sample", benchmarks: ["slow", "quality"], spec: "{}", kind: .background, status: status, host: "h",
            pid: pid, pgid: pid, pidStartTicks: nil, threads: 1, gpus: 0, createdAt: "2026-03-01T12:00:00.000Z", startedAt: nil,
            finishedAt: nil, exitCode: nil, logPath: logPath, message: nil)
    }
}
