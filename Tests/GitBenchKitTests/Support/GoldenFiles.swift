import Foundation
import Testing

/// A folder of golden files under `Tests/GitBenchKitTests/Fixtures/`. `GIT_BENCH_UPDATE_GOLDEN=1` rewrites them
/// (review the diff, then rerun without it).
struct GoldenFiles {
    let directory: URL

    /// The folder `Fixtures/<name>`.
    init(_ name: String) {
        directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/\(name)", isDirectory: true)
    }

    /// Checks `actual` against the golden file `name`, byte for byte.
    func check(_ actual: Data, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["GIT_BENCH_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try actual.write(to: url)
            Issue.record("GIT_BENCH_UPDATE_GOLDEN=1: rewrote \(name); review the diff and rerun without it", sourceLocation: sourceLocation)
            return
        }
        let expected = try Data(contentsOf: url)
        #expect(String(decoding: actual, as: UTF8.self) == String(decoding: expected, as: UTF8.self), sourceLocation: sourceLocation)
    }

    func check(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try check(Data(actual.utf8), name, sourceLocation: sourceLocation)
    }
}
