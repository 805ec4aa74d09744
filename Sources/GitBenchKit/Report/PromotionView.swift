/// What `promote` prints: the verdict it acted on (`VerdictBlock`) and where the baseline pointer moved, or with
/// `--json` both as one record (`verdict`, `event`).
public struct PromotionView: Sendable, Equatable, Encodable {
    /// The verdict of the promoted candidate group.
    public var verdict: Verdict
    /// The pointer event the promotion appended.
    public var event: BaselinePointer

    public init(verdict: Verdict, event: BaselinePointer) {
        self.verdict = verdict
        self.event = event
    }

    /// The verdict block, then `baseline promoted: Sample/quality -> 5a3e7109db  (baseline meta_seed=7)`.
    public var text: String {
        VerdictBlock.render(verdict)
            + "baseline promoted: \(event.project)/\(event.benchmark) -> \(event.commit.short)  (baseline meta_seed=\(event.metaSeed.map(String.init) ?? "none"))\n"
    }
}
