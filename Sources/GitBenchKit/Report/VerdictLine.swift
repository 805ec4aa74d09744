import Foundation

// Report/ renders values computed elsewhere; it never opens the store and never recomputes a statistic.

/// The one-line form of a verdict, shared by `evaluate` and the git note:
/// `FakeProject/fake_quality: REJECT sigma z=-2.70 thr=2.00 minimize baseline=a1b2c3d4e5 n=3/3 mean 1.0005->1.0547 (+5.41%)`.
public enum VerdictLine {
    public static func render(_ verdict: Verdict) -> String {
        var parts = ["\(verdict.project)/\(verdict.benchmark): \(verdict.kind.rawValue) \(verdict.gate.rawValue)"]
        if let statistic = verdict.statistic { parts.append("z=" + format(statistic, digits: 2, signed: false)) }
        if let threshold = verdict.threshold { parts.append("thr=" + format(threshold, digits: 2, signed: false)) }
        if let direction = verdict.direction { parts.append(direction.rawValue) }
        if let baseline = verdict.baseline { parts.append("baseline=\(baseline.sha.prefix(10))") }
        if verdict.gate != .correctness, let baseline = verdict.baseline, let candidate = verdict.candidate {
            parts.append("n=\(baseline.n)/\(candidate.n)")
            let basis = verdict.change?.basis ?? .mean
            let before = basis == .mean ? baseline.mean : baseline.median
            let after = basis == .mean ? candidate.mean : candidate.median
            if let before, let after {
                var text = "\(basis.rawValue) \(format(before, digits: 4, signed: false))->\(format(after, digits: 4, signed: false))"
                if let change = verdict.change { text += " (\(percent(change.estimate)))" }
                parts.append(text)
            }
        }
        if verdict.gate == .correctness, let candidateHash = verdict.candidateHash {
            parts.append("artifact=\(candidateHash.dropFirst("sha256:".count).prefix(12))")
            if let referenceHash = verdict.referenceHash { parts.append("reference=\(referenceHash.dropFirst("sha256:".count).prefix(12))") }
        }
        return parts.joined(separator: " ")
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

    static func format(_ value: Double, digits: Int, signed: Bool) -> String {
        guard value.isFinite else { return value > 0 ? "inf" : "-inf" }
        return String(format: signed ? "%+.\(digits)f" : "%.\(digits)f", value)
    }
}
