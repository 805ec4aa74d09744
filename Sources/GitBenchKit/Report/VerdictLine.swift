import Foundation

// Report/ renders values computed elsewhere; it never opens the store and never recomputes a statistic.

/// The one-line form of a verdict that `evaluate` prints: the summary part of its note line (`NoteLine.summary`), so
/// what a person reads and what the note records agree. Notes/ owns that grammar; this file only chooses to show it.
/// `FakeProject/fake_quality: REJECT sigma z=-2.70 thr=2.00 minimize baseline=a1b2c3d4e5 n=3/3 mean 1.0005->1.0547 (+5.41%)`.
public enum VerdictLine {
    public static func render(_ verdict: Verdict) -> String {
        NoteLine.summary(of: verdict)
    }

    /// `95% CI [-3.10%, +1.20%]`, or nil without an interval.
    public static func interval(_ verdict: Verdict) -> String? {
        guard let change = verdict.change else { return nil }
        return "\(Int((change.confidence * 100).rounded()))% CI [\(percent(change.lower)), \(percent(change.upper))] (\(change.method))"
    }

    static func percent(_ fraction: Double) -> String {
        guard fraction.isFinite else { return fraction > 0 ? "+inf%" : "-inf%" }
        return String(format: "%+.2f%%", fraction * 100)
    }
}
