import Foundation

extension Harness {
    /// `export`: hands every selected repetition to `body`, oldest first, with the runner's CPU and peak RSS from its
    /// run set's series (nil for rows whose run set directory is gone, such as imported ones), one at a time as the
    /// store reads them. Returns how many rows there were.
    @discardableResult
    public func exportRows(_ selection: RunStore.RunSelection, _ body: (RunExportRow) throws -> Void) throws -> Int {
        var usage = SeriesUsageCache(home: home)
        return try store.forEachRun(selection) { row in
            try body(RunExportRow(row: row, usage: usage.usage(of: row)))
        }
    }
}
