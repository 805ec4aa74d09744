/// What the pre-push hook decided for the pushed tips (`Harness.prePush`): the regressions that block, the verdicts
/// that are missing, and what `bench.prePush.missing` says about those.
public struct PrePushDecision: Sendable, Equatable {
    /// Regressions (or correctness failures) on pushed tips: any of these blocks the push.
    public var regressions: [RegressionCheck]
    /// Benchmarks with no verdict on a pushed tip, as `project/benchmark@sha10`.
    public var missing: [String]
    /// `bench.prePush.missing`: a missing verdict warns, is computed now, or blocks.
    public var missingPolicy: PrePushMissing
    /// Benchmarks not checked on a tip because its changes touch none of their `paths`, each with why.
    public var skipped: [String]

    public init(regressions: [RegressionCheck], missing: [String], missingPolicy: PrePushMissing, skipped: [String] = []) {
        self.regressions = regressions
        self.missing = missing
        self.missingPolicy = missingPolicy
        self.skipped = skipped
    }

    /// `missing` blocks the push (`bench.prePush.missing = block`).
    public var blocksOnMissing: Bool { missingPolicy == .block }

    /// The push may go on: no regression, and nothing missing that the policy blocks on.
    public var isAllowed: Bool { regressions.isEmpty && (missing.isEmpty || !blocksOnMissing) }
}
