/// What `verify` prints: whether the run store's hash chain and SQLite's integrity check hold, and if not, where.
public enum ChainCheckLine {
    /// `OK: 43 run(s), hash chain intact`, `BROKEN at row 12: <problem>` (`at baseline_events row 2` for an event
    /// chain), `BROKEN: <problem>` when rows are missing from the end, or `BROKEN: sqlite integrity_check says …`.
    public static func render(_ report: ChainReport) -> String {
        if report.isIntact { return "OK: \(report.checkedRows) run(s), hash chain intact\n" }
        if let row = report.firstBadRowID {
            return "BROKEN at \(report.table.map { "\($0) row" } ?? "row") \(row): \(report.problem ?? "")\n"
        }
        if let problem = report.problem { return "BROKEN: \(problem)\n" }
        return "BROKEN: sqlite integrity_check says \(report.integrity ?? "nothing")\n"
    }
}
