import Foundation
@testable import GitBenchKit

extension RunRecord {
    /// A stored row with everything but what a test varies pinned to fixed values.
    static func sample(id: Int64 = 1, index: Int = 0, seed: Int64 = 1, status: Status = .ok, metric: Double? = nil, message: String? = nil,
                       exitCode: Int? = nil, wallClockSeconds: Double = 1, timestamp: String = "2026-01-01T00:00:00.000Z") -> RunRecord {
        RunRecord(id: id, project: "Sample", benchmark: "slow", gitSHA: String(repeating: "a", count: 40), isDirty: false, diffPath: nil,
                  diffSHA256: nil, timestamp: timestamp, harnessVersion: "test", host: "h", seed: seed, metaSeed: 1,
                  runSetID: "bench_00000000_20260101_000000", role: .candidate, repetitionIndex: index, repetitionTotal: 6, status: status,
                  metric: metric, metricComponents: nil, metadata: nil, wallClockSeconds: wallClockSeconds, message: message, exitCode: exitCode,
                  stderrLogPath: nil, artifactHash: nil, artifactSize: nil, manifestHash: "sha256:0", prevHash: "", rowHash: "")
    }
}

extension ObjectID {
    /// A commit id for tests that only need some id: `hex` padded with zeros to 40 digits.
    static func test(_ hex: String) -> ObjectID {
        ObjectID(hex: hex.padding(toLength: 40, withPad: "0", startingAt: 0))!
    }
}
