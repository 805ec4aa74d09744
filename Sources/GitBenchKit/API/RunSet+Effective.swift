extension RunSet {
    /// For each repetition index, the newest row that counts: an `interrupted` error row (what Ctrl-C leaves) is replaced
    /// by the row `resume` measured for the same index. For a run set that was never resumed this is `records`.
    public var effectiveRecords: [RunRecord] { Harness.effective(records) }
}
