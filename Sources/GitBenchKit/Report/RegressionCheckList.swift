/// What `check` prints: one line per benchmark with the outcome, the commit, the verdict it judged (when its word
/// differs from the outcome's) and where that verdict came from.
///
///     Sample/quality: FAIL at 5a3e7109db (REJECT, from the note): significant regression: z -20.820 <= -2.000 (direction=minimize)
///     Sample/speed: NEEDS_MORE_DATA at 5a3e7109db (computed): cannot tell whether it regressed: candidate has 0 ok run(s), need 6
public enum RegressionCheckList {
    /// One line per check, in the order given, each ending in a newline.
    public static func render(_ checks: [RegressionCheck]) -> String {
        checks.map { check in
            let source = check.source == .note ? "from the note" : "computed"
            let verdict = check.verdict.kind.rawValue == check.outcome.rawValue ? "" : "\(check.verdict.kind.rawValue), "
            return "\(check.project)/\(check.benchmark): \(check.outcome.rawValue) at \(check.commit.short)"
                + " (\(verdict)\(source)): \(check.reason)\n"
        }.joined()
    }
}
