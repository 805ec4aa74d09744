import Foundation

/// What `evaluate`, `promote` and `run --until-decided` print for one verdict: its line (`VerdictLine`), then the
/// change interval, the Benjamini–Hochberg p-values when they were adjusted, the reason, and for a correctness FAIL
/// both artifacts and what differs, indented.
///
///     Sample/quality: REJECT sigma z=1.42 thr=2.00 minimize baseline=fb7abc811a n=8/12 mean 1.0136->0.9956 (-1.77%)
///       change: 95% CI [-4.41%, +0.87%] (welch-t)
///       p=0.07821 adjusted (BH) p=0.07821
///       reason: sigma +1.417 < threshold 2.000 (direction=minimize)
public enum VerdictBlock {
    /// The block of `verdict`, every line ending in a newline.
    public static func render(_ verdict: Verdict) -> String {
        var lines = [VerdictLine.render(verdict)]
        if let interval = VerdictLine.interval(verdict) { lines.append("  change: \(interval)") }
        if let adjusted = verdict.adjustedPValue {
            lines.append("  p=\(String(format: "%.4g", verdict.pValue ?? .nan)) adjusted (BH) p=\(String(format: "%.4g", adjusted))")
        }
        lines.append("  reason: \(verdict.reason)")
        if let difference = verdict.artifactDifference { lines += differenceLines(difference) }
        return lines.map { $0 + "\n" }.joined()
    }

    /// Both artifacts, then the unified diff (text) or the first differing byte (binary).
    static func differenceLines(_ difference: ArtifactDifference) -> [String] {
        var lines = ["  reference: \(difference.referencePath) (\(difference.referenceSize) bytes)",
                     "  candidate: \(difference.candidatePath) (\(difference.candidateSize) bytes)"]
        if let diff = difference.unifiedDiff {
            lines += diff.map { "    " + $0 }
            if difference.isTruncated { lines.append("    … (the first \(ArtifactDifference.maximumDiffLines) lines of the diff)") }
        } else {
            lines.append("  binary files first differ at byte \(difference.firstDifferenceOffset)")
        }
        return lines
    }

    /// The blocks of `verdicts`, one after the other.
    public static func render(_ verdicts: [Verdict]) -> String {
        verdicts.map { render($0) }.joined()
    }
}
