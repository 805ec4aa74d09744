// The issue's rebuild figure: writes DAYS daily manifests of RUNS runs each (with each run's entry object and a 2 KiB
// stand-in result file) into a fresh file:// archive under a temp folder, then times TrajectoryRebuild.run() REPEAT
// times and prints each time, the best, and how long the store's listing of runs/ alone takes. Not installed.
//
// Usage: git-bench-trajectory-perf [DAYS [RUNS [REPEAT]]]   (defaults 365 10 5)
import Foundation
import GitBenchKit

let arguments = CommandLine.arguments.dropFirst().map { Int($0) }
guard arguments.allSatisfy({ ($0 ?? 0) > 0 }), arguments.count <= 3 else {
    FileHandle.standardError.write(Data("usage: git-bench-trajectory-perf [DAYS [RUNS [REPEAT]]]\n".utf8))
    exit(64)
}
let days = arguments.count > 0 ? arguments[0] ?? 365 : 365
let runsPerDay = arguments.count > 1 ? arguments[1] ?? 10 : 10
let repeats = arguments.count > 2 ? arguments[2] ?? 5 : 5

let root = FileManager.default.temporaryDirectory.appendingPathComponent("git-bench-trajectory-perf-\(UUID().uuidString)")
defer { try? FileManager.default.removeItem(at: root) }

func put(_ bytes: Data, _ key: String) throws {
    let url = root.appendingPathComponent("private").appendingPathComponent(key)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try bytes.write(to: url)
}

do {
    let base = Date(timeIntervalSince1970: 1_767_225_600) // 2026-01-01
    for day in 0..<days {
        let date = ArchiveKey.day(of: base.addingTimeInterval(Double(day) * 86_400))
        var runs: [ManifestEntry] = []
        for index in 0..<runsPerDay {
            let bench = index % 2 == 0 ? "locomo" : "longmemeval"
            let stamp = date.replacingOccurrences(of: "-", with: "") + String(format: "T%02d%02d00Z", index / 60, index % 60)
            var entry = ManifestEntry(date: date, stage: "weekly-ci", bench: bench, sha: "1a2b3c4", harness: "mem0_harness",
                                      uploadedAt: "\(date)T\(String(format: "%02d:%02d", index / 60, index % 60)):00Z",
                                      resultKey: "runs/\(date)/weekly-ci/\(bench)/results-\(stamp)-1a2b3c4.json.gz",
                                      overall: 0.6 + Double(index % 20) / 50,
                                      categories: ["single-hop": 0.8, "multi-hop": 0.4, "temporal": 0.3, "open-domain": 0.75],
                                      nQuestions: 200, judge: "llm", model: "gpt-4o-mini")
            entry.cutoff = "top_20"
            runs.append(entry)
            try put(Data(repeating: 0x1f, count: 2048), entry.resultKey)
            try put(try entry.encoded(), try ArchiveKey.entry(date: date, resultKey: entry.resultKey))
        }
        try put(try DayManifest(date: date, runs: runs, updatedAt: "\(date)T23:00:00Z").encoded(), try ArchiveKey.manifest(date: date))
    }
    let rebuild = TrajectoryRebuild(privateStore: FileObjectStore(root: root.appendingPathComponent("private")),
                                    publicStore: FileObjectStore(root: root.appendingPathComponent("public")))
    var best = Double.infinity
    for attempt in 1...repeats {
        let start = Date()
        let summary = try rebuild.run()
        let seconds = Date().timeIntervalSince(start)
        best = min(best, seconds)
        print(String(format: "rebuild %d: %.3f s (%d days, %d runs, %d keys written)", attempt, seconds, summary.daysRead, summary.entries, summary.keysWritten.count))
    }
    print(String(format: "best of %d: %.3f s", repeats, best))
    // The part of it that is the store's listing of runs/ (the file:// store reads and hashes every object to list it).
    let start = Date()
    let listed = try FileObjectStore(root: root.appendingPathComponent("private")).list(prefix: "runs/").count
    print(String(format: "of which listing runs/ (%d objects): %.3f s", listed, Date().timeIntervalSince(start)))
} catch {
    FileHandle.standardError.write(Data("git-bench-trajectory-perf: \(error)\n".utf8))
    exit(70)
}
