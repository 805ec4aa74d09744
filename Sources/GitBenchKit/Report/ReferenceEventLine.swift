/// What `freeze-reference` and `replace-reference` print: the reference now in force and where it came from.
///
///     reference frozen: Sample/exact = sha256:ad7c2832… (10 bytes, from run 30)
public enum ReferenceEventLine {
    /// The line of `event`, ending in a newline.
    public static func render(_ event: ReferenceEvent) -> String {
        "reference \(event.action == .freeze ? "frozen" : "replaced"): \(event.project)/\(event.benchmark) = \(event.contentHash)"
            + " (\(event.size) bytes, from run \(event.fromRunID))\n"
    }
}
