import Foundation

/// What `git bench calibrate` prints:
///
///     Sample/quality at 1bf07e1945: 20 repetitions of unchanged code (bench_1a2b3c4d_20260301_120000)
///       noise: CV 3.02%, robust CV 2.85%, outliers 5.0%
///       drift: second half +0.41% against the first (p 0.62); trend +0.020% per repetition (Mann–Kendall p 0.71)
///       to PROMOTE a 5% improvement at alpha 2.275%:
///         sigma          6/6: power 62%; 80% power at 10 a side, 95% at 16
///         mann_whitney   6/6: power 55%; 80% power at 12 a side, 95% at 20
///       advice: to see 5% with 80% power use gate_policy = "sigma" with 10 repetitions a side, …
public enum CalibrationText {
    public static func render(_ report: CalibrationReport) -> String {
        let profile = report.profile
        var lines = ["\(report.project)/\(report.benchmark) at \(report.commit.short): \(profile.n) repetitions of unchanged code "
            + "(\(report.runSets.map(\.value).joined(separator: ", ")))"]
        lines.append("  noise: CV \(percent(profile.cv)), robust CV \(percent(profile.robustCV)), outliers "
            + String(format: "%.1f%%", profile.outlierShare * 100))
        lines.append("  drift: second half \(signedPercent(profile.halfDrift)) against the first (p \(probability(profile.halfDriftPValue))); "
            + "trend \(signedPercent(profile.trendPerRepetition, digits: 3)) per repetition (Mann–Kendall p \(probability(profile.trendPValue)))")
        lines.append("  to PROMOTE a \(String(format: "%g", report.detect * 100))% improvement at alpha " + String(format: "%.3f%%", report.alpha * 100) + ":")
        for gate in report.gates {
            let for80 = gate.repetitionsFor80.map { "\($0) a side" } ?? "more than \(PowerEstimate.grid.last ?? 0) a side"
            let for95 = gate.repetitionsFor95.map(String.init) ?? "more than \(PowerEstimate.grid.last ?? 0)"
            lines.append("    " + gate.gate.padding(toLength: 14, withPad: " ", startingAt: 0) + "\(gate.baseline)/\(gate.candidate): power "
                + String(format: "%.0f%%", gate.power * 100) + "; 80% power at \(for80), 95% at \(for95)")
        }
        lines.append("  advice: \(report.recommendation)")
        return lines.map { $0 + "\n" }.joined()
    }

    private static func percent(_ x: Double?) -> String { x.map { String(format: "%.2f%%", $0 * 100) } ?? "n/a" }
    private static func signedPercent(_ x: Double?, digits: Int = 2) -> String { x.map { String(format: "%+.\(digits)f%%", $0 * 100) } ?? "n/a" }
    private static func probability(_ p: Double?) -> String { p.map { String(format: "%.3g", $0) } ?? "n/a" }
}
