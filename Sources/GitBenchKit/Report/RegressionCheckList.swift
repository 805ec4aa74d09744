/// What `check` prints: one line per benchmark with the outcome, the commit, the verdict it judged and where that
/// verdict came from.
///
///     Sample/quality: FAIL at 5a3e7109db (REJECT, from the note): significant regression: z -20.820 <= -2.000 (direction=minimize)
public enum RegressionCheckList {
    /// One line per check, in the order given, each ending in a newline.
    public static func render(_ checks: [RegressionCheck]) -> String {
        checks.map { check in
            let source = check.source == .note ? "from the note" : "computed"
            return "\(check.project)/\(check.benchmark): \(check.outcome.rawValue) at \(check.commit.short)"
                + " (\(check.verdict.kind.rawValue), \(source)): \(check.reason)\n"
        }.joined()
    }
}
