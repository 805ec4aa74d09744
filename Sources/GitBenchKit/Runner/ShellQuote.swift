/// Substitutes `{entry_point}`, `{config_path}` and `{output_path}` with POSIX-shell-quoted values,
/// so a path with spaces or `$(…)` reaches the runner as one literal argument.
public enum InvocationTemplate {
    public static func render(_ template: String, entryPoint: String, configPath: String, outputPath: String) -> String {
        template
            .replacingOccurrences(of: "{entry_point}", with: quote(entryPoint))
            .replacingOccurrences(of: "{config_path}", with: quote(configPath))
            .replacingOccurrences(of: "{output_path}", with: quote(outputPath))
    }

    /// `'…'` with embedded single quotes as `'\''`; plain words are left bare for readable commands.
    public static func quote(_ value: String) -> String {
        let safe = value.unicodeScalars.allSatisfy { scalar in
            (scalar.value < 128) && (CharacterSetASCII.isWordCharacter(scalar) || "/._-=:,+@%".unicodeScalars.contains(scalar))
        }
        if safe && !value.isEmpty { return value }
        return "'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

private enum CharacterSetASCII {
    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 48...57, 65...90, 97...122: return true
        default: return false
        }
    }
}
