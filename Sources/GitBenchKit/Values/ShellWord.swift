/// One word for a POSIX shell: what git-bench substitutes into a runner's command line and prints in a command for
/// the user to paste (`rm -r -- <path>`).
public enum ShellWord {
    /// `'…'` with embedded single quotes as `'\''`; plain words are left bare for readable commands.
    public static func quote(_ value: String) -> String {
        let safe = value.unicodeScalars.allSatisfy { scalar in
            scalar.value < 128 && (isWordCharacter(scalar) || "/._-=:,+@%".unicodeScalars.contains(scalar))
        }
        if safe && !value.isEmpty { return value }
        return "'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    private static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 48...57, 65...90, 97...122: return true
        default: return false
        }
    }
}
