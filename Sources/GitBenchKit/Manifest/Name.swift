// Name validation for manifest names (project and benchmark) that become path components
// under `$GIT_BENCH_HOME` (`artifacts/<project>/<benchmark>/…`) and in archive keys.

/// Checks that a manifest name is safe to use as one path component.
public enum Name {
    /// The longest name accepted, so `<project>/<benchmark>/<run-set-id>` stays well under `PATH_MAX`.
    public static let maxLength = 128

    /// Why `name` cannot be used as a path component, or nil if it can.
    ///
    /// A valid name is 1...128 characters of `[A-Za-z0-9._-]`, does not start with `.` or `-`
    /// (hidden files, command-line options) and does not contain `..`.
    /// Returns a short reason such as `contains '/'` or `contains '..'`; never throws.
    public static func problem(with name: String) -> String? {
        if name.isEmpty {
            return "must not be empty"
        }
        let count = name.unicodeScalars.count
        if count > maxLength {
            return "is longer than \(maxLength) characters (\(count))"
        }
        if let bad = name.unicodeScalars.first(where: { !isAllowed($0) }) {
            return "contains \(describe(bad))"
        }
        if name.contains("..") {
            return "contains '..'"
        }
        if name.hasPrefix(".") {
            return "starts with '.'"
        }
        if name.hasPrefix("-") {
            return "starts with '-'"
        }
        return nil
    }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", ".", "_", "-": return true
        default: return false
        }
    }

    /// Quotes printable ASCII as-is and names everything else by code point, so control characters stay visible.
    private static func describe(_ scalar: Unicode.Scalar) -> String {
        if scalar.isASCII, scalar.value >= 0x20, scalar.value < 0x7F {
            return "'\(Character(scalar))'"
        }
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
