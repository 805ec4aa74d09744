/// What `validate` prints on stdout: a line for a valid run-set directory, nothing for an invalid one (its
/// `RunSetValidation.error` is the message, on stderr).
///
///     OK: /home/me/.local/share/git-bench/runs/Sample/quality/bench_… (run set bench_…, 5 files verified)
public enum RunSetValidationLine {
    /// The line of `validation`, ending in a newline; empty when the directory has a problem.
    public static func render(_ validation: RunSetValidation) -> String {
        guard validation.error == nil else { return "" }
        return "OK: \(validation.path) (run set \(validation.runSetID ?? "?"), \(validation.filesChecked) files verified)\n"
    }
}
