import Foundation

/// What `baseline show` prints: one line per benchmark saying where its baseline points, how it got there, and what
/// the gate can use of it.
///
///     Sample/quality: 1bf07e1945, established 2026-11-23T09:04:19.615Z on ci-1 (run set bench_1a2b3c4d_20261123_090419): 6 ok runs, mean 1.0189
public enum BaselineStateText {
    /// One line per state, each ending in a newline.
    public static func render(_ states: [BaselineState]) -> String {
        states.map { line($0) + "\n" }.joined()
    }

    private static func line(_ state: BaselineState) -> String {
        let key = "\(state.project)/\(state.benchmark)"
        guard let pointer = state.pointer else {
            return "\(key): no baseline; `git bench baseline establish \(state.benchmark)` sets one"
        }
        var how = pointer.action == .establish ? "established" : "promoted"
        how += " \(pointer.createdAt) on \(pointer.host)"
        if let runSet = pointer.runSetID { how += " (run set \(runSet))" }
        if let metaSeed = pointer.metaSeed { how += " (meta seed \(metaSeed))" }
        var line = "\(key): \(pointer.commit.short), \(how): \(state.okRuns) ok run\(state.okRuns == 1 ? "" : "s")"
        if let mean = state.mean { line += ", mean " + String(format: "%.6g", mean) }
        if !state.isSnapshot { line += "; recorded before snapshots, so every row at that commit in its group counts" }
        if !state.isUsable { line += "; not usable: the gate needs 2 ok runs" }
        if let notes = pointer.notes { line += "; notes: \(notes)" }
        return line
    }
}
