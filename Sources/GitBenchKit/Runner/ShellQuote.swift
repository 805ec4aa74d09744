/// Substitutes `{entry_point}`, `{config_path}` and `{output_path}` with POSIX-shell-quoted values,
/// so a path with spaces or `$(…)` reaches the runner as one literal argument.
public enum InvocationTemplate {
    /// The template with each placeholder replaced in one pass over the template: a value is inserted once, quoted,
    /// and never scanned again, so an entry point that contains `{config_path}` stays that literal text.
    /// `${name}` is the shell's and is left alone.
    public static func render(_ template: String, entryPoint: String, configPath: String, outputPath: String) -> String {
        let values = ["entry_point": entryPoint, "config_path": configPath, "output_path": outputPath]
        var output = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            output += rest[..<open]
            let afterOpen = rest.index(after: open)
            let isShellExpansion = open > rest.startIndex && rest[rest.index(before: open)] == "$"
            if !isShellExpansion, let close = rest[afterOpen...].firstIndex(of: "}"),
               let value = values[String(rest[afterOpen..<close])] {
                output += quote(value)
                rest = rest[rest.index(after: close)...]
            } else {
                output.append("{")
                rest = rest[afterOpen...]
            }
        }
        return output + rest
    }

    /// `'…'` with embedded single quotes as `'\''`; plain words are left bare for readable commands (`ShellWord.quote`).
    public static func quote(_ value: String) -> String {
        ShellWord.quote(value)
    }
}
