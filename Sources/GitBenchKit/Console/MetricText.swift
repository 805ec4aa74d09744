import Foundation

/// Metrics as people read them in progress lines and `history`: the number the runner meant, without binary
/// floating-point noise. JSON output keeps the exact value; this is only for text.
public enum MetricText {
    /// The most significant digits a Double holds for any decimal: every decimal of up to 15 significant digits comes
    /// back unchanged from a trip through a Double (DBL_DIG), so nothing a runner wrote on purpose is cut.
    static let significantDigits = 15

    /// Swift's shortest round-trip form (`0.115293`, `1.0`, `1e-07`), or, when that needs more than 15 significant
    /// digits, the shortest form of the value rounded to 15: `0.11529300000000009` (what a runner's `t1 - t0` printed
    /// with Python's `print` or C's `%.17g` writes) reads `0.115293`. git-bench itself never adds such noise: it
    /// stores the runner's number bit for bit.
    public static func string(_ value: Double) -> String {
        let shortest = value.description
        guard value.isFinite, digitCount(shortest) > significantDigits,
              let rounded = Double(String(format: "%.\(significantDigits)g", value)) else { return shortest }
        return rounded.description
    }

    /// The significant digits of a decimal form such as `-0.0012300e-7`: leading and trailing zeros do not count.
    private static func digitCount(_ text: String) -> Int {
        let mantissa = text.prefix { $0 != "e" && $0 != "E" }.filter(\.isNumber)
        return mantissa.drop { $0 == "0" }.reversed().drop { $0 == "0" }.count
    }
}
