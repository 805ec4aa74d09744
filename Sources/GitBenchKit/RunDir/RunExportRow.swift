import Foundation

/// One exported repetition: the stored row plus the runner's CPU and peak RSS from its run set's series.
public struct RunExportRow: Sendable, Equatable {
    public var row: RunRecord
    public var usage: ResourceUsage?

    public init(row: RunRecord, usage: ResourceUsage?) {
        self.row = row
        self.usage = usage
    }
}

/// The CPU and RSS of rows, read from their run sets' series files; the last few run sets are kept, since rows of
/// one run set come together (or, for `ab`, two at a time).
public struct SeriesUsageCache {
    public let home: HarnessHome
    private var recent: [(runSetID: String, usage: [Int64: ResourceUsage])] = []

    public init(home: HarnessHome) {
        self.home = home
    }

    /// The usage the series file of `row`'s run set recorded for it; nil when the directory or the entry is gone.
    public mutating func usage(of row: RunRecord) -> ResourceUsage? {
        if let hit = recent.first(where: { $0.runSetID == row.runSetID }) { return hit.usage[row.id] }
        var byRun: [Int64: ResourceUsage] = [:]
        let directory = RunSetDirectory(url: RunDir.directory(home: home, project: row.project, benchmark: row.benchmark,
                                                             runSetID: RunSetID(value: row.runSetID)))
        for entry in (try? directory.readSeries(toleratingTornTail: true)) ?? [] { byRun[entry.runID] = entry.usage }
        recent.insert((row.runSetID, byRun), at: 0)
        if recent.count > 4 { recent.removeLast() }
        return byRun[row.id]
    }
}
