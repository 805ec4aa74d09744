import Foundation
import Testing
@testable import GitBenchKit

/// series.jsonl is appended line by line; a kill in mid-append must cost at most that line.
@Suite struct SeriesFileTests {
    @Test func aTornLastLineIsDroppedOnlyWhenToleratedAndAppendsKeepEveryLine() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("series-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let directory = RunSetDirectory(url: root)
        try directory.create()
        let entries = (0..<3).map { index in
            SeriesEntry(index: index, seed: Int64(100 + index), status: .ok, metric: 1.5, components: nil, wallClockSeconds: 0.25,
                        userCPUSeconds: nil, systemCPUSeconds: nil, peakRSSBytes: nil, message: nil, exitCode: 0, stderrLogPath: nil,
                        artifactHash: nil, artifactSize: nil, runID: Int64(index + 1), recordedAt: "2026-03-01T12:00:00.000Z", attempt: 1)
        }
        for entry in entries { try directory.appendSeries(entry) }
        #expect(try directory.readSeries() == entries)
        #expect(try permissions(of: root.appendingPathComponent("series.jsonl")) == 0o600)

        let handle = try FileHandle(forWritingTo: root.appendingPathComponent("series.jsonl"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"index":3,"se"#.utf8))
        try handle.close()
        #expect(throws: RunDirError.self) { try directory.readSeries() }
        #expect(try directory.readSeries(toleratingTornTail: true) == entries)
    }
}
